using Baton.Core.Indicators;
using Baton.Core.Targets;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Progress;

/// <summary>
/// The progress feature's loader for the snapshot (DESIGN.md §3, the snapshot seam): each time-progress target's
/// approved cumulative values by month. Reports not yet approved (entered, awaiting confirmation or review, returned)
/// do not count: their month is unreported for scoring.
/// </summary>
internal static class ProgressInputs
{
    /// <summary>By target id, "a;;c" from January to the last approved month, an empty entry being a month without an approved report.</summary>
    public static async Task<Dictionary<long, string>> LoadAsync(BatonDbContext db, int year, CancellationToken ct)
    {
        var approved = await db.ProgressReports.AsNoTracking()
            .Where(r => r.Year == year && r.Status == ReportStatus.Approved
                && db.Indicators.Any(i => i.Id == r.IndicatorId && i.Rule == RuleKind.TimeProgress))
            .Select(r => new { r.TargetId, r.Month, r.Value })
            .ToListAsync(ct);
        return approved.GroupBy(r => r.TargetId).ToDictionary(g => g.Key, g =>
        {
            var byMonth = g.ToDictionary(r => r.Month, r => r.Value);
            return string.Join(';', Enumerable.Range(1, byMonth.Keys.Max()).Select(m => byMonth.TryGetValue(m, out var v) ? TargetService.Number(v) : ""));
        });
    }
}
