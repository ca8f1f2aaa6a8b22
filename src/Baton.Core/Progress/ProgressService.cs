using System.Globalization;
using Baton.Core.Accounts;
using Baton.Core.Adjustments;
using Baton.Core.Indicators;
using Baton.Core.Targets;
using Baton.Core.Warnings;
using Baton.Core.Years;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Progress;

/// <summary>Whether a month's report is in time: on time or not yet due, submitted late, or missing after the deadline.</summary>
public enum DeadlineFlag
{
    /// <summary>Submitted by the deadline, or the deadline has not passed.</summary>
    None = 0,

    /// <summary>First submitted after the deadline (迟报).</summary>
    Late = 1,

    /// <summary>Not submitted, and the deadline has passed (缺报).</summary>
    Missing = 2,
}

/// <summary>A month's report as people read it.</summary>
public sealed record ProgressReportView(
    long Id, decimal Value, string? Narrative, string? Explanation, ReportStatus Status, string? SubmittedBy, DateTime? SubmittedAt,
    string? SignedOffBy, string? ReviewedBy, DateTime? ReviewedAt, string? ReturnComment, IReadOnlyList<EvidenceInfo> Evidence, long Version);

/// <summary>
/// One target of a unit for one month on the progress page: the plan, the previous month's value, this month's report
/// (null before anything is entered), the deadline and whether the report is late or missing.
/// </summary>
public sealed record ProgressLine(
    long TargetId, long UnitId, string UnitCode, string UnitName, long IndicatorId, string IndicatorCode, string IndicatorName, string? Measure,
    long? LeadUnitId, decimal? TargetValue, decimal? Planned, decimal? PreviousValue, ProgressReportView? Report, DateOnly Deadline, DeadlineFlag Flag,
    ResponsiblePerson? Responsible, bool EvidenceRequired, int Month)
{
    public ReportStatus Status => Report?.Status ?? ReportStatus.None;
}

/// <summary>What a person has to do with monthly reports: the home page's to-dos.</summary>
public enum ProgressWork
{
    /// <summary>The own unit's reports awaiting the unit head's confirmation (待确认).</summary>
    AwaitingConfirmation,

    /// <summary>Confirmed reports of the indicators the user's unit leads, awaiting its review (待审核).</summary>
    AwaitingReview,

    /// <summary>The own unit's reports returned with a comment, to correct and submit again (已退回).</summary>
    Returned,
}

/// <summary>
/// The own unit's reports due: <paramref name="Month"/> is the month being reported now (ended, its deadline
/// <paramref name="Deadline"/> not passed) with <paramref name="Unsubmitted"/> targets not yet submitted, null when no month
/// is in its reporting window; <paramref name="Overdue"/> reports were never submitted although their deadline has passed,
/// in <paramref name="OverdueMonths"/> (ascending).
/// </summary>
public sealed record ProgressDue(int? Month, DateOnly? Deadline, int Unsubmitted, int Overdue, IReadOnlyList<int> OverdueMonths);

/// <summary>A reporter's entry for one target and month. <paramref name="Value"/> is the text typed (read by the import rule); <paramref name="Evidence"/> the hashes of the attached files (<see cref="EvidenceService.UploadAsync"/>); <paramref name="Version"/> the report's version as read (0 for a new one).</summary>
public sealed record ProgressEntry(long TargetId, int Month, string? Value, string? Narrative, string? Explanation, IReadOnlyList<string> Evidence, long Version);

/// <summary>
/// Monthly progress (日常考核，进度填报): a unit's reporter (or head) enters each target's cumulative value for a month with
/// what was done and evidence; the unit head confirms it (单位负责人确认); the indicator's lead unit (or the office) approves
/// it or returns it with a comment, and a returned report is corrected and submitted again. Only approved reports feed
/// time-progress scoring (<see cref="ProgressInputs"/>). Nobody reviews their own unit. Reports are due by a day of the
/// following month set per year (<see cref="ProgressSettings.DueDay"/>); the clock is <see cref="TimeProvider"/>, read in
/// Beijing time. Each change to a report refreshes its target's warnings history at once (<see cref="WarningHistory.RefreshTargetAsync"/>),
/// so a warning the report settles clears from the office's dashboard and to-dos without waiting for the hourly refresh.
/// </summary>
public sealed partial class ProgressService(IDbContextFactory<BatonDbContext> dbFactory, CurrentUser user, TimeProvider clock, WarningHistory warnings)
{
    public const int MaxEvidence = 10;

    private static readonly TimeSpan s_beijing = TimeSpan.FromHours(8);

    /// <summary>Today in Beijing.</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(s_beijing).DateTime);

    /// <summary>The last day (Beijing time) a month's report is on time: <paramref name="dueDay"/> of the following month.</summary>
    public static DateOnly DeadlineOf(int year, int month, int dueDay) => new DateOnly(year, month, 1).AddMonths(1).AddDays(dueDay - 1);

    public bool MayEnter => user.IsInAnyRole(Roles.UnitReporter, Roles.UnitHead) && user.UnitId is not null;

    public bool MayConfirm => user.IsInRole(Roles.UnitHead) && user.UnitId is not null;

    public bool MayReview => user.IsInRole(Roles.Office) || (user.IsInRole(Roles.LeadReviewer) && user.UnitId is not null);

    /// <summary>The unit the page opens on: the user's own, for unit users.</summary>
    public long? OwnUnit => user.UnitId;

    /// <summary>The year's due day (default the 5th).</summary>
    public async Task<int> DueDayAsync(int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await DueDayAsync(db, year, ct);
    }

    private static async Task<int> DueDayAsync(BatonDbContext db, int year, CancellationToken ct) =>
        await db.ProgressSettings.Where(s => s.Year == year).Select(s => (int?)s.DueDay).SingleOrDefaultAsync(ct) ?? ProgressSettings.DefaultDueDay;

    /// <summary>The office sets the day of the following month by which reports are due, while targets or progress may still change.</summary>
    public async Task<Outcome> SetDueDayAsync(int year, int day, CancellationToken ct = default)
    {
        if (!user.IsInRole(Roles.Office))
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        if (day is < 1 or > 28)
        {
            return Outcome.Fail("报送截止日须在 1 到 28 日之间（每月都有的日子）。");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await YearGate.RefusalAsync(db, year, YearActivity.SetTargets, ct) is not null
            && await YearGate.RefusalAsync(db, year, YearActivity.ReportProgress, ct) is { } state)
        {
            return Outcome.Fail(state);
        }
        var settings = await db.ProgressSettings.SingleOrDefaultAsync(s => s.Year == year, ct);
        if (settings is null)
        {
            db.ProgressSettings.Add(settings = new ProgressSettings { Year = year });
        }
        settings.DueDay = day;
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>The targets of <paramref name="unitId"/> for <paramref name="month"/>, with plan, previous value and report; empty when the user may not see the unit.</summary>
    public async Task<IReadOnlyList<ProgressLine>> MonthAsync(int year, int month, long unitId, CancellationToken ct = default)
    {
        if (month is < 1 or > 12 || !user.MaySee(unitId))
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await LinesAsync(db, year, month, db.Targets.Where(t => t.Year == year && t.UnitId == unitId).Select(t => t.Id), ct);
    }

    /// <summary>
    /// The reports the user reviews: confirmed reports (待审核) of the indicators the user's unit leads (the office: all), never
    /// of the user's own unit; with <paramref name="month"/>, that month only.
    /// </summary>
    public async Task<IReadOnlyList<ProgressLine>> ReviewQueueAsync(int year, int? month, CancellationToken ct = default)
    {
        if (!MayReview)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var office = user.IsInRole(Roles.Office);
        var own = user.UnitId ?? -1;
        var reports = await db.ProgressReports.AsNoTracking()
            .Where(r => r.Year == year && r.Status == ReportStatus.SignedOff && r.UnitId != own && (month == null || r.Month == month)
                && (office || db.Indicators.Any(i => i.Id == r.IndicatorId && i.LeadUnitId == own)))
            .Select(r => new { r.TargetId, r.Month }).ToListAsync(ct);
        var lines = new List<ProgressLine>();
        foreach (var m in reports.Select(r => r.Month).Distinct().Order())
        {
            var ids = reports.Where(r => r.Month == m).Select(r => r.TargetId).ToList();
            lines.AddRange(await LinesAsync(db, year, m, db.Targets.Where(t => ids.Contains(t.Id)).Select(t => t.Id), ct));
        }
        return lines;
    }

    /// <summary>How many reports wait on the user for <paramref name="work"/>, counted like the page lists them; 0 when it is not the user's work.</summary>
    public async Task<int> CountAsync(int year, ProgressWork work, CancellationToken ct = default)
    {
        var own = user.UnitId ?? -1;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var reports = db.ProgressReports.Where(r => r.Year == year && db.Indicators.Any(i => i.Id == r.IndicatorId && !i.IsGroup));
        return work switch
        {
            ProgressWork.AwaitingConfirmation when MayConfirm => await reports.CountAsync(r => r.UnitId == own && r.Status == ReportStatus.Entered, ct),
            ProgressWork.Returned when MayEnter => await reports.CountAsync(r => r.UnitId == own && r.Status == ReportStatus.Returned, ct),
            ProgressWork.AwaitingReview when user.IsInRole(Roles.LeadReviewer) && user.UnitId is not null => await reports.CountAsync(r =>
                r.Status == ReportStatus.SignedOff && r.UnitId != own && db.Indicators.Any(i => i.Id == r.IndicatorId && i.LeadUnitId == own), ct),
            _ => 0,
        };
    }

    /// <summary>The own unit's reports due now and overdue, as of today (Beijing), for a unit's reporter or head; null for anyone else.</summary>
    public async Task<ProgressDue?> DueAsync(int year, CancellationToken ct = default)
    {
        if (!MayEnter || user.UnitId is not { } own)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var dueDay = await DueDayAsync(db, year, ct);
        var today = Today;
        var ended = Enumerable.Range(1, 12).Where(m => new DateOnly(year, m, 1).AddMonths(1) <= today).ToList();
        var overdueMonths = ended.Where(m => DeadlineOf(year, m, dueDay) < today).ToList();
        int? current = ended.Where(m => DeadlineOf(year, m, dueDay) >= today).Select(m => (int?)m).FirstOrDefault();
        if (ended.Count == 0)
        {
            return new ProgressDue(null, null, 0, 0, []);
        }
        var leaf = db.Indicators.Where(i => !i.IsGroup).Select(i => i.Id);
        var targets = await db.Targets.CountAsync(t => t.Year == year && t.UnitId == own && leaf.Contains(t.IndicatorId), ct);
        var last = ended.Max();
        var submitted = await db.ProgressReports
            .Where(r => r.Year == year && r.UnitId == own && r.Month <= last && r.FirstSubmittedAt != null && leaf.Contains(r.IndicatorId))
            .GroupBy(r => r.Month).Select(g => new { Month = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Month, g => g.Count, ct);
        int Missing(int month) => Math.Max(0, targets - submitted.GetValueOrDefault(month));
        var overdue = overdueMonths.Where(m => Missing(m) > 0).ToList();
        return new ProgressDue(current, current is { } m ? DeadlineOf(year, m, dueDay) : null, current is { } c ? Missing(c) : 0, overdue.Sum(Missing), overdue);
    }

    private async Task<IReadOnlyList<ProgressLine>> LinesAsync(BatonDbContext db, int year, int month, IQueryable<long> targetIds, CancellationToken ct)
    {
        var rows = await db.Targets.AsNoTracking().Where(t => targetIds.Contains(t.Id))
            .Join(db.Indicators, t => t.IndicatorId, i => i.Id, (t, i) => new { Target = t, Leaf = i })
            .Join(db.Units, x => x.Target.UnitId, u => u.Id, (x, u) => new { x.Target, x.Leaf, Unit = u })
            .Where(x => !x.Leaf.IsGroup)
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Target.Id).ToList();
        var plans = await db.MonthlyPlans.AsNoTracking().Where(p => ids.Contains(p.TargetId) && p.Month == month).ToDictionaryAsync(p => p.TargetId, p => p.Value, ct);
        var reports = await db.ProgressReports.AsNoTracking().Where(r => ids.Contains(r.TargetId) && (r.Month == month || r.Month == month - 1)).ToListAsync(ct);
        var reportIds = reports.Select(r => r.Id).ToList();
        var evidence = await db.ProgressEvidence.AsNoTracking().Where(e => reportIds.Contains(e.ReportId))
            .Join(db.EvidenceFiles, e => e.Hash, f => f.Hash, (e, f) => new { e.ReportId, e.Id, Info = new EvidenceInfo(f.Hash, f.FileName, f.ContentType, f.Size, f.UploadedAt) })
            .ToListAsync(ct);
        var files = evidence.OrderBy(e => e.Id).ToLookup(e => e.ReportId, e => e.Info);
        var deadline = DeadlineOf(year, month, await DueDayAsync(db, year, ct));
        var today = Today;
        return [.. rows
            .Where(r => user.MaySee(r.Target.UnitId) || (user.IsInRole(Roles.LeadReviewer) && r.Leaf.LeadUnitId == user.UnitId))
            .OrderBy(r => r.Unit.Code, StringComparer.Ordinal).ThenBy(r => r.Leaf.Order).ThenBy(r => r.Leaf.Code, StringComparer.Ordinal)
            .Select(r =>
            {
                var report = reports.SingleOrDefault(p => p.TargetId == r.Target.Id && p.Month == month);
                var previous = reports.SingleOrDefault(p => p.TargetId == r.Target.Id && p.Month == month - 1);
                var flag = report?.FirstSubmittedAt is { } first
                    ? DateOnly.FromDateTime(first + s_beijing) > deadline ? DeadlineFlag.Late : DeadlineFlag.None
                    : today > deadline ? DeadlineFlag.Missing : DeadlineFlag.None;
                var view = report is null ? null : new ProgressReportView(report.Id, report.Value, report.Narrative, report.Explanation, report.Status,
                    report.SubmittedBy, report.SubmittedAt, report.SignedOffBy, report.ReviewedBy, report.ReviewedAt, report.ReturnComment,
                    [.. files[report.Id]], report.Version);
                return new ProgressLine(r.Target.Id, r.Unit.Id, r.Unit.Code, r.Unit.Name, r.Leaf.Id, r.Leaf.Code, r.Leaf.Name, r.Leaf.Measure, r.Leaf.LeadUnitId,
                    r.Target.Value, plans.TryGetValue(r.Target.Id, out var p) ? p : null, previous?.Value, view, deadline, flag, r.Target.Responsible, r.Leaf.EvidenceRequired, month);
            })];
    }

    /// <summary>
    /// The reporter (or the head) of the target's unit enters and submits the month's cumulative value (提交，待单位负责人确认). The value
    /// is read by the import rule (<see cref="ImportText.TryParseNumber"/>); a value below the previous month's needs an explanation;
    /// a month that has not begun cannot be reported. A confirmed or approved report is changed only after it is returned.
    /// </summary>
    public async Task<Outcome> SubmitAsync(int year, ProgressEntry entry, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await db.Targets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == entry.TargetId && t.Year == year, ct);
        if (target is null || !user.MaySee(target.UnitId) && !MayReview)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        if (!(user.IsInAnyRole(Roles.UnitReporter, Roles.UnitHead) && user.UnitId == target.UnitId))
        {
            return Outcome.Fail("只有本单位的填报员或负责人才能填报本单位的进度。");
        }
        if (await YearGate.RefusalAsync(db, year, YearActivity.ReportProgress, ct) is { } state)
        {
            return Outcome.Fail(state);
        }
        if (entry.Month is < 1 or > 12)
        {
            return Outcome.Fail("月份须在 1 到 12 之间。");
        }
        if (new DateOnly(year, entry.Month, 1) > Today)
        {
            return Outcome.Fail($"{year} 年 {entry.Month} 月尚未开始，不能填报（今天是 {Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}）。");
        }
        if (!ImportText.TryParseNumber(entry.Value, allowThousands: true, out var value, out var problem))
        {
            return Outcome.Fail($"累计完成值：{problem}");
        }
        if (value < 0)
        {
            return Outcome.Fail("累计完成值不能为负。");
        }
        var narrative = string.IsNullOrWhiteSpace(entry.Narrative) ? null : entry.Narrative.Trim();
        var explanation = string.IsNullOrWhiteSpace(entry.Explanation) ? null : entry.Explanation.Trim();
        if (narrative?.Length > 2000 || explanation?.Length > 1000)
        {
            return Outcome.Fail("工作进展不超过 2000 个字符，说明不超过 1000 个字符。");
        }
        var hashes = entry.Evidence.Distinct(StringComparer.Ordinal).ToList();
        if (hashes.Count > MaxEvidence)
        {
            return Outcome.Fail($"每份月报最多附 {MaxEvidence} 个佐证材料。");
        }
        foreach (var hash in hashes)
        {
            if (await EvidenceService.FindAsync(db, user, hash, ct) is null)
            {
                return Outcome.Fail("佐证材料引用无效，请重新上传。");
            }
        }
        var previous = await db.ProgressReports.AsNoTracking().Where(r => r.TargetId == target.Id && r.Month < entry.Month)
            .OrderByDescending(r => r.Month).Select(r => new { r.Month, r.Value }).FirstOrDefaultAsync(ct);
        if (previous is not null && value < previous.Value && explanation is null)
        {
            return Outcome.Fail($"累计完成值 {TargetService.Number(value)} 低于 {previous.Month} 月的 {TargetService.Number(previous.Value)}：累计值下降须填写说明（如统计口径调整）。");
        }
        var report = await db.ProgressReports.SingleOrDefaultAsync(r => r.TargetId == target.Id && r.Month == entry.Month, ct);
        if (report is null)
        {
            report = new ProgressReport { Year = year, TargetId = target.Id, UnitId = target.UnitId, IndicatorId = target.IndicatorId, Month = entry.Month };
            db.ProgressReports.Add(report);
        }
        else if (report.Version != entry.Version)
        {
            return Outcome.Fail(Outcome.Conflict);
        }
        else if (report.Status is ReportStatus.SignedOff or ReportStatus.Approved)
        {
            return Outcome.Fail($"{entry.Month} 月的月报已{(report.Status == ReportStatus.SignedOff ? "经单位负责人确认、提交审核" : "审核通过")}，不能再修改；如需更正，请联系牵头部门退回。");
        }
        var now = db.UtcNow;
        report.Value = value;
        report.Narrative = narrative;
        report.Explanation = explanation;
        report.Status = ReportStatus.Entered;
        report.SubmittedBy = user.UserName;
        report.SubmittedAt = now;
        report.FirstSubmittedAt ??= now;
        report.SignedOffBy = null;
        report.SignedOffAt = null;
        if (report.Id != 0)
        {
            var attached = await db.ProgressEvidence.Where(e => e.ReportId == report.Id).ToListAsync(ct);
            db.ProgressEvidence.RemoveRange(attached.Where(a => !hashes.Contains(a.Hash)));
            hashes = [.. hashes.Where(h => attached.All(a => a.Hash != h))];
        }
        db.ActAs(user);
        if (report.Id == 0)
        {
            // The evidence rows need the report's id.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (IsDuplicate(e))
            {
                // Someone submitted the same target and month at the same moment: theirs stands, this one is refused.
                return Outcome.Fail(Outcome.Conflict);
            }
            db.ProgressEvidence.AddRange(hashes.Select(h => new ProgressEvidence { ReportId = report.Id, Hash = h }));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            await warnings.RefreshTargetAsync(year, target.Id, Today, ct);
            return Outcome.Success;
        }
        db.ProgressEvidence.AddRange(hashes.Select(h => new ProgressEvidence { ReportId = report.Id, Hash = h }));
        await db.SaveChangesAsync(ct);
        await warnings.RefreshTargetAsync(year, target.Id, Today, ct);
        return Outcome.Success;
    }

    /// <summary>The unit head confirms the unit's submitted report (单位负责人确认); it then awaits the lead unit's review.</summary>
    public async Task<Outcome> ConfirmAsync(int year, long reportId, long version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (report, leaf, refusal) = await ReportAsync(db, year, reportId, version, YearActivity.ReportProgress, ct);
        if (refusal is not null)
        {
            return Outcome.Fail(refusal);
        }
        if (!(user.IsInRole(Roles.UnitHead) && user.UnitId == report!.UnitId))
        {
            return Outcome.Fail("只有本单位负责人才能确认本单位的月报。");
        }
        if (report.Status != ReportStatus.Entered)
        {
            return Outcome.Fail($"「{leaf!.Name}」{report.Month} 月没有待确认的月报（当前：{Target.StatusName(report.Status)}）。");
        }
        if (leaf!.EvidenceRequired && !await db.ProgressEvidence.AnyAsync(e => e.ReportId == report.Id, ct))
        {
            return Outcome.Fail($"「{leaf.Name}」须附佐证材料，请填报员上传后再确认。");
        }
        report.Status = ReportStatus.SignedOff;
        report.SignedOffBy = user.UserName;
        report.SignedOffAt = db.UtcNow;
        await db.ActAs(user).SaveChangesAsync(ct);
        await warnings.RefreshTargetAsync(year, report.TargetId, Today, ct);
        return Outcome.Success;
    }

    /// <summary>The indicator's lead unit (or the office) approves a confirmed report (已审核): from then on it counts.</summary>
    public Task<Outcome> ApproveAsync(int year, long reportId, long version, CancellationToken ct = default) =>
        ReviewAsync(year, reportId, version, comment: null, ct);

    /// <summary>The indicator's lead unit (or the office) returns a confirmed report with a comment (已退回); the reporter corrects it and submits again.</summary>
    public Task<Outcome> ReturnAsync(int year, long reportId, string comment, long version, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(comment) || comment.Trim().Length > 500
            ? Task.FromResult(Outcome.Fail("请填写退回意见（不超过 500 个字符），单位据此修改。"))
            : ReviewAsync(year, reportId, version, comment.Trim(), ct);

    private async Task<Outcome> ReviewAsync(int year, long reportId, long version, string? comment, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (report, leaf, refusal) = await ReportAsync(db, year, reportId, version, YearActivity.ReviewProgress, ct);
        if (refusal is not null)
        {
            return Outcome.Fail(refusal);
        }
        if (user.UnitId == report!.UnitId && user.IsInAnyRole(Roles.Office, Roles.LeadReviewer))
        {
            return Outcome.Fail("不能审核本单位的月报，请由县考核办审核。");
        }
        if (!(user.IsInRole(Roles.Office) || (user.IsInRole(Roles.LeadReviewer) && leaf!.LeadUnitId is { } lead && lead == user.UnitId)))
        {
            return Outcome.Fail($"「{leaf!.Name}」不由您所在单位牵头考核，只能由牵头考核部门或县考核办审核。");
        }
        if (report.Status != ReportStatus.SignedOff)
        {
            return Outcome.Fail(report.Status == ReportStatus.Entered
                ? $"「{leaf!.Name}」{report.Month} 月的月报尚未经单位负责人确认，不能审核。"
                : $"「{leaf!.Name}」{report.Month} 月没有待审核的月报（当前：{Target.StatusName(report.Status)}）。");
        }
        report.Status = comment is null ? ReportStatus.Approved : ReportStatus.Returned;
        report.ReturnComment = comment ?? report.ReturnComment;
        report.ReviewedBy = user.UserName;
        report.ReviewedAt = db.UtcNow;
        await db.ActAs(user).SaveChangesAsync(ct);
        await warnings.RefreshTargetAsync(year, report.TargetId, Today, ct);
        return Outcome.Success;
    }

    /// <summary>Whether saving failed on a unique index (target and month): a concurrent submission of the same report.</summary>
    private static bool IsDuplicate(DbUpdateException e) => e.InnerException switch
    {
        Npgsql.PostgresException p => p.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException s => s.SqliteExtendedErrorCode == 2067,
        _ => false,
    };

    private async Task<(ProgressReport? Report, Indicator? Leaf, string? Refusal)> ReportAsync(
        BatonDbContext db, int year, long reportId, long version, YearActivity activity, CancellationToken ct)
    {
        var report = await db.ProgressReports.SingleOrDefaultAsync(r => r.Id == reportId && r.Year == year, ct);
        var leaf = report is null ? null : await db.Indicators.AsNoTracking().SingleAsync(i => i.Id == report.IndicatorId, ct);
        if (report is null || !(user.MaySee(report.UnitId) || (user.IsInRole(Roles.LeadReviewer) && leaf!.LeadUnitId == user.UnitId)))
        {
            return (null, null, Outcome.NotFound);
        }
        if (await YearGate.RefusalAsync(db, year, activity, ct) is { } state)
        {
            return (null, null, state);
        }
        return report.Version != version ? (null, null, Outcome.Conflict) : (report, leaf, null);
    }
}
