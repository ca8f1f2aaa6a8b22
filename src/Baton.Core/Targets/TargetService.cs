using System.Globalization;
using Baton.Core.Accounts;
using Baton.Core.Adjustments;
using Baton.Core.Indicators;
using Baton.Core.Years;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Targets;

public sealed record TargetRow(
    long? Id, long UnitId, string UnitCode, string UnitName, long IndicatorId, string IndicatorCode, string IndicatorName, string? Measure,
    RuleKind Rule, long? LeadUnitId, DataSource Source, decimal? Value, string? MonthlyPlan, decimal? ReportedActual, decimal? AuthoritativeActual,
    DataSource? AuthoritativeSource, string? Grade, string? ApprovedBy, long Version, ReportStatus Status, string? SignedOffBy, string? ReturnReason,
    bool EvidenceRequired, EvidenceInfo? Evidence, ResponsiblePerson? Responsible = null)
{
    /// <summary>What scoring counts for this row (<see cref="Target.Counted"/>).</summary>
    public CountedActual Counted => Target.Counted(Source, ReportedActual, AuthoritativeActual, AuthoritativeSource, Status);

    /// <summary>True when the unit itself reports this leaf's actual value (the other rules are graded or recorded by the lead unit).</summary>
    public bool NeedsReport => TargetService.NeedsReport(Rule);
}

/// <summary>A change to one unit's target for one leaf; <paramref name="Version"/> is the row's version as read (0 for a new row).</summary>
public sealed record TargetEdit(long UnitId, long IndicatorId, decimal? Value, string? MonthlyPlan, long Version);

public sealed record HistoryRow(DateTime At, string Actor, string Action, string? Before, string? After);

/// <summary>The to-do lists of the targets page, one per role (see <see cref="TargetService.WorkAsync"/>).</summary>
public enum TargetWork
{
    /// <summary>Values the user's unit (the office: any unit) has not reported yet.</summary>
    Unreported,

    /// <summary>Values returned to the user's unit (the office: any unit) for correction.</summary>
    Returned,

    /// <summary>Values of the head's own unit awaiting sign-off.</summary>
    AwaitingSignOff,

    /// <summary>Signed-off values of the indicators the reviewer's unit leads (the office: all), awaiting review.</summary>
    AwaitingReview,
}

/// <summary>
/// Targets per unit and leaf (目标值) and year-end actual values. The office sets targets while the
/// year gate permits. A unit's reporter enters its own actual values, its head signs them off
/// (单位负责人确认), and the lead unit's reviewer (or the office) approves them or returns them with a
/// reason; the lead unit or the office may also enter the authoritative figure, or the office imports
/// the statistics bureau's file. Which value counts is <see cref="Target.Counted"/>. Nobody reviews or
/// grades their own unit. Unit-scoped users see only their own unit, except that a lead unit's reviewer
/// also sees the leaves it leads, for every unit.
/// </summary>
public sealed partial class TargetService(IDbContextFactory<BatonDbContext> dbFactory, CurrentUser user)
{
    public bool MayManage => user.IsInRole(Roles.Office);

    /// <summary>The grid for a category: every unit in it × every leaf, with existing values (missing rows have Id null).</summary>
    public async Task<IReadOnlyList<TargetRow>> GridAsync(long categoryId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await RowsAsync(db, db.UnitCategories.Where(c => c.Id == categoryId).Select(c => c.Id), ct);
    }

    /// <summary>
    /// One of the user's to-do lists for the year, across its categories. The targets page shows these lists and
    /// the home page counts them, so the two cannot disagree.
    /// </summary>
    public async Task<IReadOnlyList<TargetRow>> WorkAsync(int year, TargetWork work, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await RowsAsync(db, db.UnitCategories.Where(c => c.Year == year).OrderBy(c => c.Code).Select(c => c.Id), ct);
        return [.. rows.Where(r => work switch
        {
            TargetWork.Unreported => MayReport(r) && r.NeedsReport && r.ReportedActual is null && r.AuthoritativeActual is null,
            TargetWork.Returned => MayReport(r) && r.Status == ReportStatus.Returned,
            TargetWork.AwaitingSignOff => MaySignOff(r) && r.Status == ReportStatus.Entered,
            _ => MayReview(r) && r.Status == ReportStatus.SignedOff,
        })];
    }

    private async Task<IReadOnlyList<TargetRow>> RowsAsync(BatonDbContext db, IQueryable<long> categoryIds, CancellationToken ct)
    {
        var leaves = await db.Indicators.AsNoTracking().Where(i => categoryIds.Contains(i.CategoryId) && !i.IsGroup)
            .OrderBy(i => i.Order).ThenBy(i => i.Code).ToListAsync(ct);
        var units = await db.CategoryMemberships.AsNoTracking().Where(m => categoryIds.Contains(m.CategoryId))
            .Join(db.Units, m => m.UnitId, u => u.Id, (m, u) => new { Unit = u, m.CategoryId }).OrderBy(u => u.Unit.Code).ToListAsync(ct);
        var leafIds = leaves.Select(l => l.Id).ToList();
        var targets = await db.Targets.AsNoTracking().Where(t => leafIds.Contains(t.IndicatorId)).ToDictionaryAsync(t => (t.UnitId, t.IndicatorId), ct);
        var plans = await PlanTextsAsync(db, db.Targets.Where(t => leafIds.Contains(t.IndicatorId)).Select(t => t.Id), ct);
        var hashes = targets.Values.Select(t => t.Evidence).OfType<string>().Distinct().ToList();
        var files = await db.EvidenceFiles.AsNoTracking().Where(f => hashes.Contains(f.Hash))
            .ToDictionaryAsync(f => f.Hash, f => new EvidenceInfo(f.Hash, f.FileName, f.ContentType, f.Size, f.UploadedAt), ct);
        var leavesOf = leaves.ToLookup(l => l.CategoryId);
        var rows = new List<TargetRow>();
        foreach (var (unit, categoryId) in units.Select(u => (u.Unit, u.CategoryId)))
        {
            foreach (var leaf in leavesOf[categoryId])
            {
                if (!MaySee(unit.Id, leaf.LeadUnitId))
                {
                    continue;
                }
                var t = targets.GetValueOrDefault((unit.Id, leaf.Id));
                rows.Add(new TargetRow(t?.Id, unit.Id, unit.Code, unit.Name, leaf.Id, leaf.Code, leaf.Name, leaf.Measure, leaf.Rule, leaf.LeadUnitId, leaf.Source,
                    t?.Value, t is null ? null : plans.GetValueOrDefault(t.Id), t?.ReportedActual, t?.AuthoritativeActual, t?.AuthoritativeSource, t?.Grade, t?.ApprovedBy, t?.Version ?? 0,
                    t?.Status ?? ReportStatus.None, t?.SignedOffBy, t?.ReturnReason, leaf.EvidenceRequired,
                    t?.Evidence is { } hash ? files.GetValueOrDefault(hash) : null, t?.Responsible));
            }
        }
        return rows;
    }

    /// <summary>The rules whose actual value the unit reports itself; graded and event leaves are given by the lead unit.</summary>
    public static bool NeedsReport(RuleKind rule) => rule is RuleKind.CompletionRate or RuleKind.Tiers or RuleKind.BaseExcess;

    private bool MaySee(long unitId, long? leadUnitId) =>
        user.MaySee(unitId) || (user.IsInRole(Roles.LeadReviewer) && leadUnitId is { } lead && lead == user.UnitId);

    private bool MayReview(long unitId, long? leadUnitId) =>
        user.UnitId != unitId
        && (user.IsInRole(Roles.Office) || (user.IsInRole(Roles.LeadReviewer) && leadUnitId is { } lead && lead == user.UnitId));

    /// <summary>May enter the unit's own report of this row: its reporter or head, or the office.</summary>
    public bool MayReport(TargetRow row) =>
        row.NeedsReport && (user.IsInRole(Roles.Office) || (user.IsInAnyRole(Roles.UnitReporter, Roles.UnitHead) && user.UnitId == row.UnitId));

    /// <summary>May sign the row's report off: the unit's head.</summary>
    public bool MaySignOff(TargetRow row) => user.IsInRole(Roles.UnitHead) && user.UnitId == row.UnitId;

    /// <summary>May approve or return the row's report, or enter its authoritative value or grade: the leaf's lead unit or the office, never for its own unit.</summary>
    public bool MayReview(TargetRow row) => MayReview(row.UnitId, row.LeadUnitId);

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
        var issued = await TargetIssuanceService.IssuedUnitsAsync(db, year, ct);
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
            if (issued.Contains(edit.UnitId))
            {
                errors.Add($"「{unitName}」「{leaf.Name}」：{IssuedRefusal}");
                continue;
            }
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
            var planChanged = await ReplacePlanTextAsync(db, target, plan, ct);
            if (target.Value != edit.Value || planChanged)
            {
                target.Value = edit.Value;
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

    /// <summary>
    /// The unit's own year-end report (单位自报) by its reporter or head, or the office, with its evidence: it awaits
    /// the head's sign-off. <paramref name="evidence"/> is a newly uploaded file's hash (<see cref="EvidenceService.UploadAsync"/>),
    /// or null to keep the file already attached. A report already signed off or approved is changed only after the
    /// lead unit returns it.
    /// </summary>
    public async Task<Outcome> ReportActualAsync(int year, long unitId, long indicatorId, decimal? value, string? evidence, long version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (row, refusal) = await RowAsync(db, year, unitId, indicatorId, version, YearActivity.ReportProgress, ct);
        if (refusal is not null)
        {
            return Outcome.Fail(refusal);
        }
        var (leaf, target) = row!;
        if (!(user.IsInRole(Roles.Office) || (user.IsInAnyRole(Roles.UnitReporter, Roles.UnitHead) && user.UnitId == unitId)))
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        if (!NeedsReport(leaf.Rule))
        {
            return Outcome.Fail($"「{leaf.Name}」按{RuleSpec.KindName(leaf.Rule)}计分，由牵头部门评定或记录，单位不填报。");
        }
        if (value is < 0)
        {
            return Outcome.Fail("实际完成值不能为负。");
        }
        if (target.Status is ReportStatus.SignedOff or ReportStatus.Approved)
        {
            return Outcome.Fail($"「{leaf.Name}」的填报已{(target.Status == ReportStatus.SignedOff ? "经单位负责人确认、提交审核" : "审核通过")}，不能再修改；如需更正，请联系牵头部门退回。");
        }
        if (evidence is not null)
        {
            if (await EvidenceService.FindAsync(db, user, evidence, ct) is null)
            {
                return Outcome.Fail("佐证材料引用无效，请重新上传。");
            }
            target.Evidence = evidence;
        }
        target.ReportedActual = value;
        target.Status = value is null ? ReportStatus.None : ReportStatus.Entered;
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>The unit head signs the unit's report off (单位负责人确认); only then does it reach the lead unit's review.</summary>
    public async Task<Outcome> SignOffAsync(int year, long unitId, long indicatorId, long version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (row, refusal) = await RowAsync(db, year, unitId, indicatorId, version, YearActivity.ReportProgress, ct);
        if (refusal is not null)
        {
            return Outcome.Fail(refusal);
        }
        var (leaf, target) = row!;
        if (!(user.IsInRole(Roles.UnitHead) && user.UnitId == unitId))
        {
            return Outcome.Fail("只有本单位负责人才能确认本单位的填报。");
        }
        if (target.Status != ReportStatus.Entered || target.ReportedActual is null)
        {
            return Outcome.Fail($"「{leaf.Name}」没有待确认的填报（当前：{Target.StatusName(target.Status)}）。");
        }
        if (leaf.EvidenceRequired && target.Evidence is null)
        {
            return Outcome.Fail($"「{leaf.Name}」须附佐证材料，请填报员上传后再确认。");
        }
        target.Status = ReportStatus.SignedOff;
        target.SignedOffBy = user.UserName;
        target.ReturnReason = null;
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>The lead unit (or the office) approves a signed-off report (已审核): from then on it counts.</summary>
    public Task<Outcome> ApproveReportAsync(int year, long unitId, long indicatorId, long version, CancellationToken ct = default) =>
        ReviewAsync(year, unitId, indicatorId, version, returnReason: null, ct);

    /// <summary>The lead unit (or the office) returns a signed-off report with a reason (已退回); the reporter corrects it.</summary>
    public Task<Outcome> ReturnReportAsync(int year, long unitId, long indicatorId, string reason, long version, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500
            ? Task.FromResult(Outcome.Fail("请填写退回原因（不超过 500 个字符），单位据此修改。"))
            : ReviewAsync(year, unitId, indicatorId, version, reason.Trim(), ct);

    private async Task<Outcome> ReviewAsync(int year, long unitId, long indicatorId, long version, string? returnReason, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (row, refusal) = await RowAsync(db, year, unitId, indicatorId, version, YearActivity.ReviewProgress, ct);
        if (refusal is not null)
        {
            return Outcome.Fail(refusal);
        }
        var (leaf, target) = row!;
        if (ReviewRefusal(unitId, leaf) is { } forbidden)
        {
            return Outcome.Fail(forbidden);
        }
        if (target.Status != ReportStatus.SignedOff)
        {
            return Outcome.Fail(target.Status == ReportStatus.Entered
                ? $"「{leaf.Name}」的填报尚未经单位负责人确认，不能审核。"
                : $"「{leaf.Name}」没有待审核的填报（当前：{Target.StatusName(target.Status)}）。");
        }
        target.Status = returnReason is null ? ReportStatus.Approved : ReportStatus.Returned;
        target.ReturnReason = returnReason;
        target.ApprovedBy = returnReason is null ? user.UserName : null;
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>
    /// The authoritative actual value or grade (核定值、评定等次), by the leaf's lead unit reviewer or the office;
    /// it counts instead of the unit's report and completes a pending review.
    /// </summary>
    public async Task<Outcome> SetAuthoritativeAsync(int year, long unitId, long indicatorId, decimal? value, string? grade, long version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (row, refusal) = await RowAsync(db, year, unitId, indicatorId, version, YearActivity.ReviewProgress, ct, leaf => ReviewRefusal(unitId, leaf));
        if (refusal is not null)
        {
            return Outcome.Fail(refusal);
        }
        var (leaf, target) = row!;
        if (value is < 0)
        {
            return Outcome.Fail("实际完成值不能为负。");
        }
        if (leaf.Rule == RuleKind.Graded && grade is not null && !GradeNames(leaf).Contains(grade.Trim()))
        {
            return Outcome.Fail($"评价等次应为 {string.Join("、", GradeNames(leaf))} 之一。");
        }
        target.AuthoritativeActual = value;
        target.AuthoritativeSource = value is null ? null : DataSource.LeadUnit;
        target.Grade = string.IsNullOrWhiteSpace(grade) ? null : grade.Trim();
        target.ApprovedBy = value is null && target.Grade is null ? null : user.UserName;
        if (target.Status == ReportStatus.SignedOff && target.ApprovedBy is not null)
        {
            target.Status = ReportStatus.Approved;
        }
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    private string? ReviewRefusal(long unitId, Indicator leaf)
    {
        if (user.UnitId == unitId && user.IsInAnyRole(Roles.Office, Roles.LeadReviewer))
        {
            return "不能审核或评定本单位的指标，请由县考核办审核。";
        }
        return MayReview(unitId, leaf.LeadUnitId) ? null : Outcome.Forbidden;
    }

    /// <summary>
    /// Loads the leaf and the unit's row (a new row when there is none yet) for a change, after checking that the
    /// unit is appraised on the leaf, that the user may see the row, the year gate and the version read.
    /// </summary>
    private sealed record RowToChange(Indicator Leaf, Target Target);

    private async Task<(RowToChange? Row, string? Refusal)> RowAsync(
        BatonDbContext db, int year, long unitId, long indicatorId, long version, YearActivity activity, CancellationToken ct, Func<Indicator, string?>? rights = null)
    {
        var leaf = await db.Indicators.AsNoTracking().SingleOrDefaultAsync(i => i.Id == indicatorId && i.Year == year && !i.IsGroup, ct);
        if (leaf is null)
        {
            return (null, Outcome.NotFound);
        }
        var member = await db.CategoryMemberships.AnyAsync(m => m.Year == year && m.UnitId == unitId && m.CategoryId == leaf.CategoryId, ct);
        if (!member || !MaySee(unitId, leaf.LeadUnitId))
        {
            return (null, Outcome.NotFound);
        }
        // Rights before the year and the version: a user who may not do this is told so, whatever the row's state.
        if (rights?.Invoke(leaf) is { } forbidden)
        {
            return (null, forbidden);
        }
        if (await YearGate.RefusalAsync(db, year, activity, ct) is { } state)
        {
            return (null, state);
        }
        var target = await db.Targets.SingleOrDefaultAsync(t => t.UnitId == unitId && t.IndicatorId == indicatorId, ct);
        if (target is null)
        {
            target = new Target { Year = year, UnitId = unitId, IndicatorId = indicatorId };
            db.Targets.Add(target);
        }
        else if (target.Version != version)
        {
            return (null, Outcome.Conflict);
        }
        return (new RowToChange(leaf, target), null);
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

    /// <summary>Why an issued unit's target is not set directly (<see cref="TargetIssuanceService"/>).</summary>
    internal const string IssuedRefusal = "该单位的目标已下达，只能通过目标调整申请变更（或由考核办撤回下达后修改）。";

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
