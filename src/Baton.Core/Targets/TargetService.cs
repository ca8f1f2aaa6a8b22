using System.Globalization;
using Baton.Core.Accounts;
using Baton.Core.Indicators;
using Baton.Core.Years;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Targets;

public sealed record TargetRow(
    long? Id, long UnitId, string UnitCode, string UnitName, long IndicatorId, string IndicatorCode, string IndicatorName, string? Measure,
    RuleKind Rule, long? LeadUnitId, DataSource Source, decimal? Value, string? MonthlyPlan, decimal? ReportedActual, decimal? AuthoritativeActual,
    DataSource? AuthoritativeSource, string? Grade, string? ApprovedBy, long Version)
{
    /// <summary>The value scoring uses: authoritative where it exists.</summary>
    public decimal? Actual => AuthoritativeActual ?? ReportedActual;
}

/// <summary>A change to one unit's target for one leaf; <paramref name="Version"/> is the row's version as read (0 for a new row).</summary>
public sealed record TargetEdit(long UnitId, long IndicatorId, decimal? Value, string? MonthlyPlan, long Version);

public sealed record HistoryRow(DateTime At, string Actor, string Action, string? Before, string? After);

/// <summary>
/// Targets per unit and leaf (目标值) and year-end actual values. The office sets targets while the
/// year is in Draft or TargetsIssued. A unit reports its own actual values; the lead unit (its
/// LeadReviewer) or the office enters the authoritative figure, or the office imports the statistics
/// bureau's file. Unit-scoped users see only their own unit, except that a lead unit's reviewer also
/// sees the leaves it leads, for every unit.
/// </summary>
public sealed partial class TargetService(IDbContextFactory<BatonDbContext> dbFactory, CurrentUser user)
{
    public bool MayManage => user.IsInRole(Roles.Office);

    /// <summary>The grid for a category: every unit in it × every leaf, with existing values (missing rows have Id null).</summary>
    public async Task<IReadOnlyList<TargetRow>> GridAsync(long categoryId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var category = await db.UnitCategories.AsNoTracking().SingleOrDefaultAsync(c => c.Id == categoryId, ct);
        if (category is null)
        {
            return [];
        }
        var leaves = await db.Indicators.AsNoTracking().Where(i => i.CategoryId == categoryId && !i.IsGroup).OrderBy(i => i.Order).ThenBy(i => i.Code).ToListAsync(ct);
        var units = await db.CategoryMemberships.AsNoTracking().Where(m => m.CategoryId == categoryId)
            .Join(db.Units, m => m.UnitId, u => u.Id, (m, u) => u).OrderBy(u => u.Code).ToListAsync(ct);
        var leafIds = leaves.Select(l => l.Id).ToList();
        var targets = await db.Targets.AsNoTracking().Where(t => leafIds.Contains(t.IndicatorId)).ToDictionaryAsync(t => (t.UnitId, t.IndicatorId), ct);
        var rows = new List<TargetRow>();
        foreach (var unit in units)
        {
            foreach (var leaf in leaves)
            {
                if (!MaySee(unit.Id, leaf.LeadUnitId))
                {
                    continue;
                }
                var t = targets.GetValueOrDefault((unit.Id, leaf.Id));
                rows.Add(new TargetRow(t?.Id, unit.Id, unit.Code, unit.Name, leaf.Id, leaf.Code, leaf.Name, leaf.Measure, leaf.Rule, leaf.LeadUnitId, leaf.Source,
                    t?.Value, t?.MonthlyPlan, t?.ReportedActual, t?.AuthoritativeActual, t?.AuthoritativeSource, t?.Grade, t?.ApprovedBy, t?.Version ?? 0));
            }
        }
        return rows;
    }

    private bool MaySee(long unitId, long? leadUnitId) =>
        user.MaySee(unitId) || (user.IsInRole(Roles.LeadReviewer) && leadUnitId is { } lead && lead == user.UnitId);

    private bool MayApprove(long? leadUnitId) =>
        user.IsInRole(Roles.Office) || (user.IsInRole(Roles.LeadReviewer) && leadUnitId is { } lead && lead == user.UnitId);

    /// <summary>Saves many targets at once (the grid's save), all or nothing.</summary>
    public async Task<Outcome<int>> SetTargetsAsync(int year, IReadOnlyList<TargetEdit> edits, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail<int>(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await YearGate.RefusalAsync(db, year, YearActivity.SetTargets, ct) is { } state)
        {
            return Outcome.Fail<int>(state);
        }
        var context = await ContextAsync(db, year, ct);
        var errors = new List<string>();
        var changed = 0;
        foreach (var edit in edits)
        {
            if (!context.Leaves.TryGetValue(edit.IndicatorId, out var leaf) || context.CategoryOf.GetValueOrDefault(edit.UnitId) != leaf.CategoryId)
            {
                errors.Add("指标与单位不属于同一考核类别，或不存在。");
                continue;
            }
            var unitName = context.UnitNames[edit.UnitId];
            if (CheckTarget(edit.Value, edit.MonthlyPlan) is { } problem)
            {
                errors.Add($"「{unitName}」「{leaf.Name}」：{problem}");
                continue;
            }
            var target = await db.Targets.SingleOrDefaultAsync(t => t.UnitId == edit.UnitId && t.IndicatorId == edit.IndicatorId, ct);
            if (target is null)
            {
                target = new Target { Year = year, UnitId = edit.UnitId, IndicatorId = edit.IndicatorId };
                db.Targets.Add(target);
            }
            else if (target.Version != edit.Version)
            {
                errors.Add($"「{unitName}」「{leaf.Name}」：{Outcome.Conflict}");
                continue;
            }
            var plan = NormalisePlan(edit.MonthlyPlan);
            if (target.Value != edit.Value || target.MonthlyPlan != plan)
            {
                target.Value = edit.Value;
                target.MonthlyPlan = plan;
                changed++;
            }
        }
        if (errors.Count > 0)
        {
            return Outcome.Fail<int>($"有 {errors.Count} 处错误，未保存任何数据：\n" + string.Join("\n", errors));
        }
        await db.ActAs(user).SaveChangesAsync(ct);
        return changed;
    }

    /// <summary>The unit's own year-end report (单位自报), by its reporter or the office.</summary>
    public Task<Outcome> ReportActualAsync(int year, long unitId, long indicatorId, decimal? value, string? grade, long version, CancellationToken ct = default) =>
        SetActualAsync(year, unitId, indicatorId, value, grade, version, authoritative: null, ct);

    /// <summary>The authoritative actual value (核定值), by the leaf's lead unit reviewer or the office.</summary>
    public Task<Outcome> ApproveActualAsync(int year, long unitId, long indicatorId, decimal? value, string? grade, long version, CancellationToken ct = default) =>
        SetActualAsync(year, unitId, indicatorId, value, grade, version, authoritative: DataSource.LeadUnit, ct);

    private async Task<Outcome> SetActualAsync(int year, long unitId, long indicatorId, decimal? value, string? grade, long version, DataSource? authoritative, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var leaf = await db.Indicators.AsNoTracking().SingleOrDefaultAsync(i => i.Id == indicatorId && i.Year == year && !i.IsGroup, ct);
        if (leaf is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        var member = await db.CategoryMemberships.AnyAsync(m => m.Year == year && m.UnitId == unitId && m.CategoryId == leaf.CategoryId, ct);
        if (!member || !MaySee(unitId, leaf.LeadUnitId))
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        var allowed = authoritative is null
            ? user.IsInRole(Roles.Office) || (user.IsInAnyRole(Roles.UnitReporter, Roles.UnitHead) && user.UnitId == unitId)
            : MayApprove(leaf.LeadUnitId);
        if (!allowed)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        if (await YearGate.RefusalAsync(db, year, authoritative is null ? YearActivity.ReportProgress : YearActivity.ReviewProgress, ct) is { } state)
        {
            return Outcome.Fail(state);
        }
        if (value is < 0)
        {
            return Outcome.Fail("实际完成值不能为负。");
        }
        if (leaf.Rule == RuleKind.Graded && grade is not null && !GradeNames(leaf).Contains(grade.Trim()))
        {
            return Outcome.Fail($"评价等次应为 {string.Join("、", GradeNames(leaf))} 之一。");
        }
        var target = await db.Targets.SingleOrDefaultAsync(t => t.UnitId == unitId && t.IndicatorId == indicatorId, ct);
        if (target is null)
        {
            target = new Target { Year = year, UnitId = unitId, IndicatorId = indicatorId };
            db.Targets.Add(target);
        }
        else if (target.Version != version)
        {
            return Outcome.Fail(Outcome.Conflict);
        }
        if (authoritative is null)
        {
            target.ReportedActual = value;
        }
        else
        {
            target.AuthoritativeActual = value;
            target.AuthoritativeSource = value is null ? null : authoritative;
            target.ApprovedBy = value is null && grade is null ? null : user.UserName;
        }
        if (grade is not null || authoritative is not null)
        {
            target.Grade = string.IsNullOrWhiteSpace(grade) ? null : grade.Trim();
        }
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    private static IReadOnlyList<string> GradeNames(Indicator leaf)
    {
        var (p, _) = RuleSpec.Parse(leaf.RuleParameters);
        return p?.Grades is { Count: > 0 } grades ? [.. grades.Select(g => g.Grade)] : ["好", "较好", "一般", "差"];
    }

    /// <summary>The row's history from the audit trail (before/after of every change), newest first.</summary>
    public async Task<IReadOnlyList<HistoryRow>> HistoryAsync(long targetId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await db.Targets.AsNoTracking().Where(t => t.Id == targetId)
            .Join(db.Indicators, t => t.IndicatorId, i => i.Id, (t, i) => new { t.UnitId, i.LeadUnitId }).SingleOrDefaultAsync(ct);
        if (target is null || !MaySee(target.UnitId, target.LeadUnitId))
        {
            return [];
        }
        var key = targetId.ToString(CultureInfo.InvariantCulture);
        return await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(Target) && a.EntityId == key).OrderByDescending(a => a.Sequence)
            .Select(a => new HistoryRow(a.At, a.Actor, a.Action, a.Before, a.After)).ToListAsync(ct);
    }

    internal static string? CheckTarget(decimal? value, string? plan)
    {
        if (value is < 0)
        {
            return "目标值不能为负。";
        }
        return string.IsNullOrWhiteSpace(plan) ? null : ReadPlan(plan).Problem;
    }

    internal static string? NormalisePlan(string? plan) =>
        string.IsNullOrWhiteSpace(plan) ? null : string.Join(';', ReadPlan(plan).Months!.Select(m => m.ToString(CultureInfo.InvariantCulture)));

    private sealed record YearContext(Dictionary<long, Indicator> Leaves, Dictionary<long, long> CategoryOf, Dictionary<long, string> UnitNames,
        Dictionary<string, long> UnitByCode, Dictionary<(long Category, string Code), Indicator> LeafByCode);

    private static async Task<YearContext> ContextAsync(BatonDbContext db, int year, CancellationToken ct)
    {
        var leaves = await db.Indicators.AsNoTracking().Where(i => i.Year == year && !i.IsGroup).ToDictionaryAsync(i => i.Id, ct);
        var members = await db.CategoryMemberships.AsNoTracking().Where(m => m.Year == year)
            .Join(db.Units, m => m.UnitId, u => u.Id, (m, u) => new { u.Id, u.Code, u.Name, m.CategoryId }).ToListAsync(ct);
        return new YearContext(leaves, members.ToDictionary(m => m.Id, m => m.CategoryId), members.ToDictionary(m => m.Id, m => m.Name),
            members.ToDictionary(m => m.Code, m => m.Id, StringComparer.Ordinal), leaves.Values.ToDictionary(l => (l.CategoryId, l.Code)));
    }
}
