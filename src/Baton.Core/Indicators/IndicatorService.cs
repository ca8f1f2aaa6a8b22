using Baton.Core.Accounts;
using Baton.Core.Results;
using Baton.Core.Units;
using Baton.Core.Years;
using Baton.Scoring.Planning;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Indicators;

public sealed record IndicatorRow(
    long Id, long CategoryId, long? ParentId, string Code, string Name, bool IsGroup, decimal Points, decimal? Weight,
    RuleKind Rule, string? RuleParameters, long? LeadUnitId, string? LeadUnitName, DataSource Source, string? Measure,
    bool EvidenceRequired, int Order, long Version, IndicatorType? Type)
{
    public string RuleName => IsGroup ? "" : RuleSpec.KindName(Rule);

    public string RuleText => IsGroup ? "" : RuleSpec.Describe(Rule, RuleParameters);
}

public sealed record IndicatorInput(
    long CategoryId, long? ParentId, string Code, string Name, bool IsGroup, decimal Points, decimal? Weight,
    RuleKind Rule, string? RuleParameters, long? LeadUnitId, DataSource Source, string? Measure, bool EvidenceRequired, int Order,
    IndicatorType? Type = null);

/// <summary>
/// The indicator tree (指标体系) of each category and year: its nodes and rules, its validation before
/// the year leaves Draft, copying from the previous year and Excel import/export. The category's
/// scoring settings and the weights are <see cref="ScoringSettingsService"/>'s. Everyone signed in
/// reads the tree; only the office changes it, and only while the year gate permits editing indicators.
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
            i.LeadUnitId, lead == null ? null : lead.Name, i.Source, i.Measure, i.EvidenceRequired, i.Order, i.Version, i.Type);

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
        // Stored with only the fields the rule reads, so the editor and the export never show stray nulls.
        entity.RuleParameters = input.IsGroup || string.IsNullOrWhiteSpace(input.RuleParameters) ? null : RuleSpec.Normalise(entity.Rule, input.RuleParameters.Trim());
        entity.LeadUnitId = input.LeadUnitId;
        entity.Source = input.Source;
        entity.Measure = string.IsNullOrWhiteSpace(input.Measure) ? null : input.Measure.Trim();
        entity.EvidenceRequired = input.EvidenceRequired;
        entity.Order = input.Order;
        entity.Type = input.IsGroup ? null : input.Type;
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
            return "权重须在 0% 到 100% 之间，不设权重则留空。";
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
        var messages = RuleSpec.Check(input.Rule, parameters, input.Name, input.Points);
        return messages.Count == 0 ? null : string.Join("\n", messages);
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
        if (await db.SuperiorTargetLinks.AnyAsync(l => l.IndicatorId == id, ct) || await db.TargetNegotiations.AnyAsync(n => n.IndicatorId == id, ct))
        {
            return Outcome.Fail($"「{entity.Name}」已关联市考任务或有目标征求意见记录，不能删除。");
        }
        db.ActAs(user).Indicators.Remove(entity);
        await db.SaveChangesAsync(ct);
        return Outcome.Success;
    }

    internal static Task<string?> DraftErrorAsync(BatonDbContext db, int year, CancellationToken ct) =>
        YearGate.RefusalAsync(db, year, YearActivity.EditIndicators, ct);

    /// <summary>The messages that would stop the year leaving Draft, grouped by indicator (none: ready).</summary>
    public async Task<ValidationReport> ValidateAsync(int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return ValidationReport.Of(await SnapshotLoader.LoadAsync(db, year, ct));
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
                        EvidenceRequired = node.EvidenceRequired, Order = node.Order, Type = node.Type,
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
