using Baton.Core.Progress;
using Baton.Core.Targets;
using Baton.Scoring.Warnings;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Warnings;

/// <summary>One target the warnings look at, with the names the page shows beside the codes the rule works on.</summary>
internal sealed record WarnedTarget(long TargetId, long UnitId, string UnitName, long IndicatorId, string IndicatorName, long? LeadUnitId, WarningTarget Rule);

/// <summary>
/// Builds the early-warning rule's inputs (<see cref="EarlyWarnings"/>) from a year's targets with a month plan,
/// their month plans and progress reports: approved reports count from the day they were approved; reports
/// entered or confirmed but not yet approved are pending, the next step due <see cref="WarningSettings.ReviewDays"/>
/// days after the last one (the head's confirmation after submission, the lead unit's review after confirmation); returned reports count as not reported. Each month's report is due on the
/// year's due day of the following month (<see cref="ProgressService.DeadlineOf"/>).
/// </summary>
internal static class WarningInputs
{
    private static readonly TimeSpan s_beijing = TimeSpan.FromHours(8);

    public static async Task<WarningSettings> SettingsAsync(BatonDbContext db, int year, CancellationToken ct) =>
        await db.WarningSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Year == year, ct) ?? new WarningSettings { Year = year };

    public static WarningRules Rules(WarningSettings settings) =>
        new(new WarningThresholds(settings.Yellow, settings.Red), settings.StaleDays);

    /// <summary>The year's targets with a month plan, restricted to <paramref name="unitIds"/> when given.</summary>
    public static async Task<List<WarnedTarget>> LoadAsync(BatonDbContext db, int year, WarningSettings settings, IReadOnlyCollection<long>? unitIds, CancellationToken ct)
    {
        var dueDay = await db.ProgressSettings.Where(s => s.Year == year).Select(s => (int?)s.DueDay).SingleOrDefaultAsync(ct) ?? ProgressSettings.DefaultDueDay;
        var targets = db.Targets.AsNoTracking().Where(t => t.Year == year && db.MonthlyPlans.Any(p => p.TargetId == t.Id));
        if (unitIds is not null)
        {
            targets = targets.Where(t => unitIds.Contains(t.UnitId));
        }
        var rows = await targets
            .Join(db.Units, t => t.UnitId, u => u.Id, (t, u) => new { t.Id, t.Value, t.UnitId, UnitCode = u.Code, UnitName = u.Name, t.IndicatorId })
            .Join(db.Indicators, t => t.IndicatorId, i => i.Id, (t, i) => new { t.Id, t.Value, t.UnitId, t.UnitCode, t.UnitName, t.IndicatorId, IndicatorCode = i.Code, IndicatorName = i.Name, i.LeadUnitId })
            .OrderBy(t => t.UnitCode).ThenBy(t => t.IndicatorCode)
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var plans = (await db.MonthlyPlans.AsNoTracking().Where(p => ids.Contains(p.TargetId)).Select(p => new { p.TargetId, p.Month, p.Value }).ToListAsync(ct))
            .ToLookup(p => p.TargetId);
        var reports = (await db.ProgressReports.AsNoTracking().Where(r => ids.Contains(r.TargetId) && r.Status != ReportStatus.None && r.Status != ReportStatus.Returned)
                .Select(r => new { r.TargetId, r.Month, r.Value, r.Status, r.SubmittedAt, r.SignedOffAt, r.ReviewedAt }).ToListAsync(ct))
            .ToLookup(r => r.TargetId);
        var deadlines = Enumerable.Range(1, 12).Select(m => new ReportDeadline(m, ProgressService.DeadlineOf(year, m, dueDay))).ToList();
        return [.. rows.Select(r =>
        {
            var byMonth = plans[r.Id].ToDictionary(p => p.Month, p => p.Value);
            IReadOnlyList<decimal> plan = byMonth.Count == 12 ? [.. Enumerable.Range(1, 12).Select(m => byMonth[m])] : [];
            var approved = reports[r.Id].Where(p => p.Status == ReportStatus.Approved && p.ReviewedAt is not null)
                .Select(p => new ApprovedValue(p.Month, p.Value, Day(p.ReviewedAt!.Value))).ToList();
            var pending = reports[r.Id].Where(p => p.Status is ReportStatus.Entered or ReportStatus.SignedOff && p.SubmittedAt is not null)
                .Select(p => new PendingReview(p.Month, Day(p.SubmittedAt!.Value), Day(p.SignedOffAt ?? p.SubmittedAt!.Value).AddDays(settings.ReviewDays))).ToList();
            return new WarnedTarget(r.Id, r.UnitId, r.UnitName, r.IndicatorId, r.IndicatorName, r.LeadUnitId,
                new WarningTarget(r.UnitCode, r.IndicatorCode, year, r.Value, plan, approved, pending, deadlines));
        })];
    }

    /// <summary>The Beijing calendar day of a stored UTC time.</summary>
    public static DateOnly Day(DateTime utc) => DateOnly.FromDateTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(s_beijing).DateTime);
}
