using Baton.Core.Accounts;
using Baton.Core.Results;
using Baton.Core.Units;
using Baton.Core.Years;
using Baton.Scoring.Indicators;
using Baton.Scoring.Results;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Indicators;

public sealed record IndicatorRow(
    long Id, long CategoryId, long? ParentId, string Code, string Name, bool IsGroup, decimal Points, decimal? Weight,
    RuleKind Rule, string? RuleParameters, long? LeadUnitId, string? LeadUnitName, DataSource Source, string? Measure,
    bool EvidenceRequired, int Order, long Version)
{
    public string RuleName => IsGroup ? "" : RuleSpec.KindName(Rule);

    public string RuleText => IsGroup ? "" : RuleSpec.Describe(Rule, RuleParameters);
}

public sealed record IndicatorInput(
    long CategoryId, long? ParentId, string Code, string Name, bool IsGroup, decimal Points, decimal? Weight,
    RuleKind Rule, string? RuleParameters, long? LeadUnitId, DataSource Source, string? Measure, bool EvidenceRequired, int Order);

public sealed record SettingsForm(
    long CategoryId, decimal TotalPoints, decimal? BonusCap, decimal? DeductionCap, decimal AwardBase, TieBreak TieBreak, QuotaTieRule QuotaTies,
    string? VetoGrade, IReadOnlyList<ComponentSetting> Components, IReadOnlyList<GradeSetting> Grades, long Version);

public sealed record YearSettingsForm(int Year, decimal? AwardBudget, int Decimals, string RuleVersion, long Version);

/// <summary>
/// The indicator system (指标体系) of each category and year, its scoring settings, its validation
/// before the year leaves Draft, copying from the previous year and Excel import/export. Everyone
/// signed in reads it; only the office changes it, and only while the year is in Draft.
/// </summary>
public sealed partial class IndicatorService(IDbContextFactory<BatonDbContext> dbFactory, CurrentUser user)
{
    public bool MayManage => user.IsInRole(Roles.Office);

    public async Task<IReadOnlyList<IndicatorRow>> TreeAsync(long categoryId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Rows(db, db.Indicators.Where(i => i.CategoryId == categoryId)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<IndicatorRow>> YearAsync(int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Rows(db, db.Indicators.Where(i => i.Year == year)).ToListAsync(ct);
    }

    private static IQueryable<IndicatorRow> Rows(BatonDbContext db, IQueryable<Indicator> indicators) =>
        from i in indicators.AsNoTracking()
        join u in db.Units on i.LeadUnitId equals u.Id into leads
        from lead in leads.DefaultIfEmpty()
        orderby i.CategoryId, i.Order, i.Code
        select new IndicatorRow(i.Id, i.CategoryId, i.ParentId, i.Code, i.Name, i.IsGroup, i.Points, i.Weight, i.Rule, i.RuleParameters,
            i.LeadUnitId, lead == null ? null : lead.Name, i.Source, i.Measure, i.EvidenceRequired, i.Order, i.Version);

    /// <summary>Creates (id null) or updates an indicator.</summary>
    public async Task<Outcome<long>> SaveAsync(long? id, long version, IndicatorInput input, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail<long>(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var category = await db.UnitCategories.AsNoTracking().SingleOrDefaultAsync(c => c.Id == input.CategoryId, ct);
        if (category is null)
        {
            return Outcome.Fail<long>(Outcome.NotFound);
        }
        if (await DraftErrorAsync(db, category.Year, ct) is { } draft)
        {
            return Outcome.Fail<long>(draft);
        }
        Indicator? entity = null;
        if (id is { } existingId)
        {
            entity = await db.Indicators.SingleOrDefaultAsync(i => i.Id == existingId && i.CategoryId == input.CategoryId, ct);
            if (entity is null)
            {
                return Outcome.Fail<long>(Outcome.NotFound);
            }
            if (entity.Version != version)
            {
                return Outcome.Fail<long>(Outcome.Conflict);
            }
            if (entity.IsGroup != input.IsGroup && await db.Indicators.AnyAsync(i => i.ParentId == entity.Id, ct))
            {
                return Outcome.Fail<long>("该指标下还有下级指标，不能改为末级指标。");
            }
        }
        var siblings = await db.Indicators.AsNoTracking().Where(i => i.CategoryId == input.CategoryId)
            .Select(i => new { i.Id, i.Code, i.IsGroup, i.ParentId }).ToListAsync(ct);
        var leads = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Department).Select(u => u.Id).ToListAsync(ct);
        var error = Check(input, id, siblings.Select(s => (s.Id, s.Code, s.IsGroup, s.ParentId)).ToList(), leads.ToHashSet());
        if (error is not null)
        {
            return Outcome.Fail<long>(error);
        }
        if (entity is null)
        {
            entity = new Indicator { Year = category.Year, CategoryId = category.Id, Code = "", Name = "" };
            db.Indicators.Add(entity);
        }
        Apply(entity, input);
        await db.ActAs(user).SaveChangesAsync(ct);
        return entity.Id;
    }

    internal static void Apply(Indicator entity, IndicatorInput input)
    {
        entity.ParentId = input.ParentId;
        entity.Code = input.Code.Trim();
        entity.Name = input.Name.Trim();
        entity.IsGroup = input.IsGroup;
        entity.Points = input.Points;
        entity.Weight = input.Weight;
        entity.Rule = input.IsGroup ? RuleKind.None : input.Rule;
        entity.RuleParameters = input.IsGroup || string.IsNullOrWhiteSpace(input.RuleParameters) ? null : input.RuleParameters.Trim();
        entity.LeadUnitId = input.LeadUnitId;
        entity.Source = input.Source;
        entity.Measure = string.IsNullOrWhiteSpace(input.Measure) ? null : input.Measure.Trim();
        entity.EvidenceRequired = input.EvidenceRequired;
        entity.Order = input.Order;
    }

    /// <summary>Checks one indicator against its tree; the message names what to fix.</summary>
    internal static string? Check(IndicatorInput input, long? id, IReadOnlyList<(long Id, string Code, bool IsGroup, long? ParentId)> tree, IReadOnlySet<long> departments)
    {
        var code = input.Code?.Trim() ?? "";
        if (code.Length is 0 or > 32)
        {
            return "指标编码必须填写，且不超过 32 个字符。";
        }
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 200)
        {
            return "指标名称必须填写，且不超过 200 个字符。";
        }
        if (tree.Any(t => t.Code == code && t.Id != id))
        {
            return $"指标编码「{code}」在本类别中已被使用。";
        }
        if (input.ParentId is { } parent)
        {
            var p = tree.FirstOrDefault(t => t.Id == parent);
            if (p.Code is null || !p.IsGroup)
            {
                return "上级指标不存在或不是分组指标。";
            }
            for (long? at = parent; at is { } a; at = tree.FirstOrDefault(t => t.Id == a).ParentId)
            {
                if (a == id)
                {
                    return "上级指标不能是它自己或它的下级。";
                }
            }
        }
        if (input.Points < 0 || input.Points > 1000)
        {
            return "分值须在 0 到 1000 之间。";
        }
        if (input.Weight is < 0 or > 1)
        {
            return "权重须在 0 到 1 之间（如 0.3 表示 30%），不设权重则留空。";
        }
        if (input.LeadUnitId is { } lead && !departments.Contains(lead))
        {
            return "牵头考核部门须是一个部门。";
        }
        if (input.IsGroup)
        {
            return null;
        }
        if (input.Rule == RuleKind.None)
        {
            return "请选择计分规则。";
        }
        var (parameters, parseError) = RuleSpec.Parse(input.RuleParameters);
        if (parameters is null)
        {
            return parseError;
        }
        var (rule, ruleError) = RuleSpec.ToLeafRule(input.Rule, parameters);
        if (rule is null)
        {
            return ruleError;
        }
        var messages = IndicatorValidation.ValidateRule(new IndicatorLeaf(code, input.Name.Trim(), input.Points, rule));
        return messages.IsEmpty ? null : string.Join("\n", messages);
    }

    public async Task<Outcome> DeleteAsync(long id, long version, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await db.Indicators.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (entity is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        if (entity.Version != version)
        {
            return Outcome.Fail(Outcome.Conflict);
        }
        if (await DraftErrorAsync(db, entity.Year, ct) is { } draft)
        {
            return Outcome.Fail(draft);
        }
        if (await db.Indicators.AnyAsync(i => i.ParentId == id, ct))
        {
            return Outcome.Fail($"「{entity.Name}」下还有下级指标，请先删除下级指标。");
        }
        if (await db.Targets.AnyAsync(t => t.IndicatorId == id, ct))
        {
            return Outcome.Fail($"「{entity.Name}」已有单位的目标值，请先清除目标值。");
        }
        db.ActAs(user).Indicators.Remove(entity);
        await db.SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>
    /// Sets the weights of a set of sibling indicators at once (the AHP assistant's "apply"): weights are
    /// rounded to 4 decimals with the largest absorbing the rounding so they add up to exactly 1.
    /// </summary>
    public async Task<Outcome> SetWeightsAsync(long categoryId, IReadOnlyDictionary<long, decimal> weights, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = weights.Keys.ToList();
        var rows = await db.Indicators.Where(i => i.CategoryId == categoryId && ids.Contains(i.Id)).ToListAsync(ct);
        if (rows.Count != ids.Count || rows.Select(r => r.ParentId).Distinct().Count() != 1)
        {
            return Outcome.Fail("权重只能一次设置同一上级下的全部指标。");
        }
        var parent = rows[0].ParentId;
        if (await db.Indicators.CountAsync(i => i.CategoryId == categoryId && i.ParentId == parent, ct) != rows.Count)
        {
            return Outcome.Fail("须为同一上级下的全部指标设置权重。");
        }
        if (await DraftErrorAsync(db, rows[0].Year, ct) is { } draft)
        {
            return Outcome.Fail(draft);
        }
        var rounded = RoundWeights([.. ids.Select(id => weights[id])]);
        for (var i = 0; i < ids.Count; i++)
        {
            rows.Single(r => r.Id == ids[i]).Weight = rounded[i];
        }
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>Rounds weights to 4 decimals so that they add up to exactly 1 (the largest weight absorbs the difference).</summary>
    public static IReadOnlyList<decimal> RoundWeights(IReadOnlyList<decimal> weights)
    {
        var total = weights.Sum();
        var rounded = weights.Select(w => total == 0 ? 0m : Math.Round(w / total, 4, MidpointRounding.AwayFromZero)).ToArray();
        if (rounded.Length > 0)
        {
            var largest = Array.IndexOf(rounded, rounded.Max());
            rounded[largest] += 1m - rounded.Sum();
        }
        return rounded;
    }

    internal static Task<string?> DraftErrorAsync(BatonDbContext db, int year, CancellationToken ct) =>
        YearGate.RefusalAsync(db, year, YearActivity.EditIndicators, ct);

    public async Task<SettingsForm> SettingsAsync(long categoryId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await db.CategorySettings.AsNoTracking().SingleOrDefaultAsync(x => x.CategoryId == categoryId, ct) ?? RuleSpec.DefaultSettings(categoryId);
        return new SettingsForm(categoryId, s.TotalPoints, s.BonusCap, s.DeductionCap, s.AwardBase, s.TieBreak, s.QuotaTies, s.VetoGrade,
            RuleSpec.Components(s), RuleSpec.Grades(s), s.Version);
    }

    /// <summary>Saves a category's settings after checking them with the engine's own validation.</summary>
    public async Task<Outcome> SaveSettingsAsync(SettingsForm form, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var category = await db.UnitCategories.AsNoTracking().SingleOrDefaultAsync(c => c.Id == form.CategoryId, ct);
        if (category is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        if (await DraftErrorAsync(db, category.Year, ct) is { } draft)
        {
            return Outcome.Fail(draft);
        }
        var entity = await db.CategorySettings.SingleOrDefaultAsync(s => s.CategoryId == form.CategoryId, ct);
        if (entity is not null && entity.Version != form.Version)
        {
            return Outcome.Fail(Outcome.Conflict);
        }
        var candidate = RuleSpec.DefaultSettings(form.CategoryId);
        candidate.TotalPoints = form.TotalPoints;
        candidate.BonusCap = form.BonusCap;
        candidate.DeductionCap = form.DeductionCap;
        candidate.AwardBase = form.AwardBase;
        candidate.TieBreak = form.TieBreak;
        candidate.QuotaTies = form.QuotaTies;
        candidate.VetoGrade = string.IsNullOrWhiteSpace(form.VetoGrade) ? null : form.VetoGrade.Trim();
        candidate.Components = RuleSpec.ToJson(form.Components.Select(c => c with { Code = c.Code.Trim(), Name = c.Name.Trim() }).ToList());
        candidate.Grades = RuleSpec.ToJson(form.Grades.Select(g => g with { Name = g.Name.Trim() }).ToList());
        // The engine validates the settings on an empty tree; only the messages about settings matter here.
        var probe = new CategorySpec(category.Code, category.Name, new IndicatorGroup("root", "", [new IndicatorLeaf("x", "x", candidate.TotalPoints, new CompletionRateRule())]),
            RuleSpec.ToComponents(candidate), RuleSpec.ToGradePolicy(candidate))
        {
            TotalPoints = candidate.TotalPoints, BonusCap = candidate.BonusCap, DeductionCap = candidate.DeductionCap, AwardBase = candidate.AwardBase,
        };
        var messages = IndicatorValidation.ValidateCategory(probe);
        if (form.Components.Any(c => string.IsNullOrWhiteSpace(c.Code) || string.IsNullOrWhiteSpace(c.Name)) || form.Grades.Any(g => string.IsNullOrWhiteSpace(g.Name)))
        {
            messages = messages.Add("考核构成的编码和名称、等次名称都必须填写。");
        }
        if (!messages.IsEmpty)
        {
            return Outcome.Fail(string.Join("\n", messages));
        }
        if (entity is null)
        {
            db.CategorySettings.Add(candidate);
        }
        else
        {
            entity.TotalPoints = candidate.TotalPoints;
            entity.BonusCap = candidate.BonusCap;
            entity.DeductionCap = candidate.DeductionCap;
            entity.AwardBase = candidate.AwardBase;
            entity.TieBreak = candidate.TieBreak;
            entity.QuotaTies = candidate.QuotaTies;
            entity.VetoGrade = candidate.VetoGrade;
            entity.Components = candidate.Components;
            entity.Grades = candidate.Grades;
        }
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    public async Task<YearSettingsForm> YearSettingsAsync(int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await db.YearSettings.AsNoTracking().SingleOrDefaultAsync(x => x.Year == year, ct) ?? new YearSettings { Year = year };
        return new YearSettingsForm(year, s.AwardBudget, s.Decimals, s.RuleVersion, s.Version);
    }

    public async Task<Outcome> SaveYearSettingsAsync(YearSettingsForm form, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        if (form.AwardBudget < 0 || form.Decimals is < 0 or > 4 || string.IsNullOrWhiteSpace(form.RuleVersion) || form.RuleVersion.Trim().Length > 32)
        {
            return Outcome.Fail("目标奖总额不能为负，计分小数位须在 0 到 4 之间，规则版本必须填写（不超过 32 个字符）。");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await DraftErrorAsync(db, form.Year, ct) is { } draft)
        {
            return Outcome.Fail(draft);
        }
        var entity = await db.YearSettings.SingleOrDefaultAsync(s => s.Year == form.Year, ct);
        if (entity is null)
        {
            entity = new YearSettings { Year = form.Year };
            db.YearSettings.Add(entity);
        }
        else if (entity.Version != form.Version)
        {
            return Outcome.Fail(Outcome.Conflict);
        }
        entity.AwardBudget = form.AwardBudget;
        entity.Decimals = form.Decimals;
        entity.RuleVersion = form.RuleVersion.Trim();
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>The messages that would stop the year leaving Draft (empty: ready).</summary>
    public async Task<IReadOnlyList<string>> ValidateAsync(int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ResultService.ValidateYearAsync(db, year, ct);
    }

    /// <summary>
    /// Copies every category's indicator system and settings from <paramref name="fromYear"/> into the
    /// same-coded categories of <paramref name="toYear"/>, which must be in Draft and have no indicators yet.
    /// </summary>
    public async Task<Outcome<int>> CopyFromYearAsync(int fromYear, int toYear, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail<int>(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await DraftErrorAsync(db, toYear, ct) is { } draft)
        {
            return Outcome.Fail<int>(draft);
        }
        if (await db.Indicators.AnyAsync(i => i.Year == toYear, ct))
        {
            return Outcome.Fail<int>($"{toYear} 年度已有指标，复制只用于空白年度；请先删除现有指标。");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ActAs(user);
        var copied = await CopyAsync(db, fromYear, toYear, ct);
        if (copied == 0)
        {
            return Outcome.Fail<int>($"{fromYear} 年度没有可复制的指标（或两个年度没有代码相同的考核类别）。");
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return copied;
    }

    /// <summary>Copies the indicators level by level (saving each level so children can name their parent's id); the caller owns the transaction.</summary>
    internal static async Task<int> CopyAsync(BatonDbContext db, int fromYear, int toYear, CancellationToken ct)
    {
        var from = await db.UnitCategories.AsNoTracking().Where(c => c.Year == fromYear).ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, ct);
        var to = await db.UnitCategories.AsNoTracking().Where(c => c.Year == toYear).ToListAsync(ct);
        var count = 0;
        foreach (var category in to)
        {
            if (!from.TryGetValue(category.Code, out var source))
            {
                continue;
            }
            var settings = await db.CategorySettings.AsNoTracking().SingleOrDefaultAsync(s => s.CategoryId == source.Id, ct);
            if (settings is not null && !await db.CategorySettings.AnyAsync(s => s.CategoryId == category.Id, ct))
            {
                settings.Id = 0;
                settings.Version = 0;
                settings.CategoryId = category.Id;
                db.CategorySettings.Add(settings);
            }
            var nodes = await db.Indicators.AsNoTracking().Where(i => i.CategoryId == source.Id).OrderBy(i => i.Id).ToListAsync(ct);
            var copies = new Dictionary<long, Indicator>();
            // Parents first: insert in depth order so each copy's parent already has an id.
            foreach (var level in Levels(nodes))
            {
                foreach (var node in level)
                {
                    var copy = new Indicator
                    {
                        Year = toYear, CategoryId = category.Id, Code = node.Code, Name = node.Name, IsGroup = node.IsGroup, Points = node.Points, Weight = node.Weight,
                        Rule = node.Rule, RuleParameters = node.RuleParameters, LeadUnitId = node.LeadUnitId, Source = node.Source, Measure = node.Measure,
                        EvidenceRequired = node.EvidenceRequired, Order = node.Order,
                        ParentId = node.ParentId is { } p ? copies[p].Id : null,
                    };
                    copies[node.Id] = copy;
                    db.Indicators.Add(copy);
                    count++;
                }
                await db.SaveChangesAsync(ct);
            }
        }
        var yearSettings = await db.YearSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Year == fromYear, ct);
        if (yearSettings is not null && !await db.YearSettings.AnyAsync(s => s.Year == toYear, ct))
        {
            db.YearSettings.Add(new YearSettings { Year = toYear, AwardBudget = yearSettings.AwardBudget, Decimals = yearSettings.Decimals, RuleVersion = yearSettings.RuleVersion });
        }
        return count;
    }

    internal static IEnumerable<List<Indicator>> Levels(IReadOnlyList<Indicator> nodes)
    {
        var done = new HashSet<long>();
        var level = nodes.Where(n => n.ParentId is null).ToList();
        while (level.Count > 0)
        {
            yield return level;
            done.UnionWith(level.Select(l => l.Id));
            level = nodes.Where(n => n.ParentId is { } p && done.Contains(p) && !done.Contains(n.Id)).ToList();
        }
    }
}
