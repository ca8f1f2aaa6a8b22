using Baton.Core.Accounts;
using Baton.Scoring.Indicators;
using Baton.Scoring.Results;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Indicators;

public sealed record SettingsForm(
    long CategoryId, decimal TotalPoints, decimal? BonusCap, decimal? DeductionCap, decimal AwardBase, TieBreak TieBreak, QuotaTieRule QuotaTies,
    string? VetoGrade, IReadOnlyList<ComponentSetting> Components, IReadOnlyList<GradeSetting> Grades, long Version);

public sealed record YearSettingsForm(int Year, decimal? AwardBudget, int Decimals, string RuleVersion, long Version);

/// <summary>
/// A category's scoring settings (考核构成及权重, 加减分上限, 等次与名额, 目标奖), the year's settings
/// (目标奖总额, precision, rule version) and the weights of sibling indicators (the AHP assistant's
/// "apply"). Everyone signed in reads them; only the office changes them, and only while the year gate
/// permits editing indicators.
/// </summary>
public sealed class ScoringSettingsService(IDbContextFactory<BatonDbContext> dbFactory, CurrentUser user)
{
    public bool MayManage => user.IsInRole(Roles.Office);

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
        if (await IndicatorService.DraftErrorAsync(db, category.Year, ct) is { } draft)
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
        if (await IndicatorService.DraftErrorAsync(db, form.Year, ct) is { } draft)
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
        if (await IndicatorService.DraftErrorAsync(db, rows[0].Year, ct) is { } draft)
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
}
