using System.Runtime.CompilerServices;
using Baton.Core.Progress;
using Baton.Core.Targets;
using Baton.Scoring.Warnings;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Warnings;

/// <summary>One target the warnings look at, with the names the page shows beside the codes the rule works on.</summary>
internal sealed record WarnedTarget(long TargetId, long UnitId, string UnitName, long IndicatorId, string IndicatorName, long? LeadUnitId, WarningTarget Rule);

/// <summary>
/// Which of a year's targets the warnings look at: every target (<see cref="All"/>), or those of <see cref="UnitIds"/>
/// together with those of the indicators <see cref="LeadUnitId"/> leads; within that, only the units of
/// <see cref="CategoryId"/> and only <see cref="TargetId"/> when given.
/// </summary>
public sealed record WarningScope(IReadOnlyCollection<long>? UnitIds = null, long? LeadUnitId = null, long? CategoryId = null, long? TargetId = null)
{
    public static WarningScope All { get; } = new();

    /// <summary>Every unit's targets, not only some units' or a lead unit's.</summary>
    public bool AllUnits => UnitIds is null && LeadUnitId is null;

    internal IQueryable<Target> Apply(BatonDbContext db, int year, IQueryable<Target> targets)
    {
        if (!AllUnits)
        {
            var units = UnitIds ?? [];
            var lead = LeadUnitId ?? -1;
            targets = LeadUnitId is null
                ? targets.Where(t => units.Contains(t.UnitId))
                : targets.Where(t => units.Contains(t.UnitId) || db.Indicators.Any(i => i.Id == t.IndicatorId && i.LeadUnitId == lead));
        }
        if (CategoryId is { } category)
        {
            targets = targets.Where(t => db.CategoryMemberships.Any(m => m.Year == year && m.UnitId == t.UnitId && m.CategoryId == category));
        }
        if (TargetId is { } id)
        {
            targets = targets.Where(t => t.Id == id);
        }
        return targets;
    }
}

/// <summary>
/// Builds the early-warning rule's inputs (<see cref="EarlyWarnings"/>) from a year's targets with a month plan,
/// their month plans and progress reports: approved reports count from the day they were approved; reports
/// entered or confirmed but not yet approved are pending, the next step due <see cref="WarningSettings.ReviewDays"/>
/// days after the last one (the head's confirmation after submission, the lead unit's review after confirmation); returned reports count as not reported. Each month's report is due on the
/// year's due day of the following month (<see cref="ProgressService.DeadlineOf"/>).
/// The targets are read in chunks of <see cref="ChunkTargets"/> by id, each with its plans and reports, so that a
/// province's eighteen million progress rows are never held at once.
/// </summary>
internal static class WarningInputs
{
    /// <summary>Targets read, evaluated and written at once (with twelve plan and up to twelve report rows each).</summary>
    public const int ChunkTargets = 10_000;

    private static readonly TimeSpan s_beijing = TimeSpan.FromHours(8);

    public static async Task<WarningSettings> SettingsAsync(BatonDbContext db, int year, CancellationToken ct) =>
        await db.WarningSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Year == year, ct) ?? new WarningSettings { Year = year };

    public static WarningRules Rules(WarningSettings settings) =>
        new(new WarningThresholds(settings.Yellow, settings.Red), settings.StaleDays);

    /// <summary>
    /// The year's targets in <paramref name="scope"/>, chunk by chunk in the order of their ids. Each chunk lists every target
    /// of the scope in its id range (<see cref="WarnedChunk.TargetIds"/>) and those with a month plan as <see cref="WarnedTarget"/>s.
    /// </summary>
    public static async IAsyncEnumerable<WarnedChunk> ChunksAsync(
        BatonDbContext db, int year, WarningSettings settings, WarningScope scope, [EnumeratorCancellation] CancellationToken ct, int chunkTargets = ChunkTargets)
    {
        var dueDay = await db.ProgressSettings.Where(s => s.Year == year).Select(s => (int?)s.DueDay).SingleOrDefaultAsync(ct) ?? ProgressSettings.DefaultDueDay;
        var deadlines = Enumerable.Range(1, 12).Select(m => new ReportDeadline(m, ProgressService.DeadlineOf(year, m, dueDay))).ToList();
        var units = new Dictionary<long, (string Code, string Name)>();
        var indicators = new Dictionary<long, (string Code, string Name, long? Lead)>();
        var after = 0L;
        while (true)
        {
            var last = after;
            var targets = await scope.Apply(db, year, db.Targets.AsNoTracking().Where(t => t.Year == year && t.Id > last))
                .OrderBy(t => t.Id).Take(chunkTargets)
                .Select(t => new { t.Id, t.UnitId, t.IndicatorId, t.Value })
                .ToListAsync(ct);
            if (targets.Count == 0)
            {
                yield break;
            }
            after = targets[^1].Id;
            var ids = targets.Select(t => t.Id).ToList();
            // A whole year's chunk is a dense range of ids: read its rows by range (the other years' rows in it are ignored);
            // a scope's targets are scattered and read by id.
            var (first, end) = (ids[0], ids[^1]);
            var range = scope.AllUnits && scope.CategoryId is null && scope.TargetId is null;
            var planRows = db.MonthlyPlans.AsNoTracking();
            planRows = range ? planRows.Where(p => p.TargetId >= first && p.TargetId <= end) : planRows.Where(p => ids.Contains(p.TargetId));
            var plans = (await planRows.Select(p => new { p.TargetId, p.Month, p.Value }).ToListAsync(ct)).ToLookup(p => p.TargetId);
            var reportRows = db.ProgressReports.AsNoTracking().Where(r => r.Status != ReportStatus.None && r.Status != ReportStatus.Returned);
            reportRows = range ? reportRows.Where(r => r.TargetId >= first && r.TargetId <= end) : reportRows.Where(r => ids.Contains(r.TargetId));
            var reports = (await reportRows.Select(r => new { r.TargetId, r.Month, r.Value, r.Status, r.SubmittedAt, r.SignedOffAt, r.ReviewedAt }).ToListAsync(ct))
                .ToLookup(r => r.TargetId);

            var newUnits = targets.Select(t => t.UnitId).Where(u => !units.ContainsKey(u)).Distinct().ToList();
            if (newUnits.Count > 0)
            {
                foreach (var u in await db.Units.AsNoTracking().Where(u => newUnits.Contains(u.Id)).Select(u => new { u.Id, u.Code, u.Name }).ToListAsync(ct))
                {
                    units[u.Id] = (u.Code, u.Name);
                }
            }
            var newIndicators = targets.Select(t => t.IndicatorId).Where(i => !indicators.ContainsKey(i)).Distinct().ToList();
            if (newIndicators.Count > 0)
            {
                foreach (var i in await db.Indicators.AsNoTracking().Where(i => newIndicators.Contains(i.Id)).Select(i => new { i.Id, i.Code, i.Name, i.LeadUnitId }).ToListAsync(ct))
                {
                    indicators[i.Id] = (i.Code, i.Name, i.LeadUnitId);
                }
            }

            var warned = new List<WarnedTarget>(targets.Count);
            foreach (var t in targets)
            {
                var monthPlan = plans[t.Id].ToList();
                if (monthPlan.Count == 0)
                {
                    continue;
                }
                var byMonth = monthPlan.ToDictionary(p => p.Month, p => p.Value);
                IReadOnlyList<decimal> plan = byMonth.Count == 12 ? [.. Enumerable.Range(1, 12).Select(m => byMonth[m])] : [];
                var approved = reports[t.Id].Where(p => p.Status == ReportStatus.Approved && p.ReviewedAt is not null)
                    .Select(p => new ApprovedValue(p.Month, p.Value, Day(p.ReviewedAt!.Value))).ToList();
                var pending = reports[t.Id].Where(p => p.Status is ReportStatus.Entered or ReportStatus.SignedOff && p.SubmittedAt is not null)
                    .Select(p => new PendingReview(p.Month, Day(p.SubmittedAt!.Value), Day(p.SignedOffAt ?? p.SubmittedAt!.Value).AddDays(settings.ReviewDays))).ToList();
                var (unitCode, unitName) = units[t.UnitId];
                var (indicatorCode, indicatorName, lead) = indicators[t.IndicatorId];
                warned.Add(new WarnedTarget(t.Id, t.UnitId, unitName, t.IndicatorId, indicatorName, lead,
                    new WarningTarget(unitCode, indicatorCode, year, t.Value, plan, approved, pending, deadlines)));
            }
            yield return new WarnedChunk(ids, warned);
            if (targets.Count < chunkTargets)
            {
                yield break;
            }
        }
    }

    /// <summary>The Beijing calendar day of a stored UTC time.</summary>
    public static DateOnly Day(DateTime utc) => DateOnly.FromDateTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(s_beijing).DateTime);
}

/// <summary>A chunk of a year's targets: the ids of all of them in the scope, and those with a month plan ready for the rule.</summary>
internal sealed record WarnedChunk(IReadOnlyList<long> TargetIds, IReadOnlyList<WarnedTarget> Targets);
