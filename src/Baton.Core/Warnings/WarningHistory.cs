using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Warnings;

/// <summary>
/// Keeps the warnings history (<see cref="WarningRecord"/>): a refresh evaluates every target of the year as of
/// a day, opens a record for each new warning, updates the colour and figures of those still open, and clears
/// those that no longer hold. Hosts call it with no user behind it (the daily job), and the warnings page before
/// it shows the history.
/// </summary>
public sealed class WarningHistory(IDbContextFactory<BatonDbContext> dbFactory)
{
    /// <summary>Refreshes the current year as of <paramref name="today"/> (Beijing), when there is a current year of that calendar year.</summary>
    public async Task<(int Opened, int Cleared)> RefreshCurrentAsync(DateOnly today, CancellationToken ct = default)
    {
        int? year;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            year = await db.Years.Where(y => y.IsCurrent && y.Year == today.Year).Select(y => (int?)y.Year).SingleOrDefaultAsync(ct);
        }
        return year is { } current ? await RefreshAsync(current, today, ct) : (0, 0);
    }

    /// <summary>Returns how many warnings opened and cleared.</summary>
    public async Task<(int Opened, int Cleared)> RefreshAsync(int year, DateOnly asOf, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var settings = await WarningInputs.SettingsAsync(db, year, ct);
        var targets = await WarningInputs.LoadAsync(db, year, settings, null, ct);
        var current = WarningService.Evaluate(targets, asOf, settings);
        var byTarget = targets.ToDictionary(t => t.TargetId);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var open = (await db.WarningRecords.Where(w => w.Year == year && w.ClearedAt == null).ToListAsync(ct))
            .GroupBy(w => (w.TargetId, w.Kind, w.Month)).ToDictionary(g => g.Key, g => g.First());
        var now = db.UtcNow;
        var opened = 0;
        foreach (var warning in current)
        {
            if (open.Remove((warning.TargetId, warning.Kind, warning.Month), out var record))
            {
                (record.Colour, record.Planned, record.Actual, record.Ratio, record.Forecast, record.Message, record.LastSeenAt) =
                    (warning.Colour, warning.Planned, warning.Actual, warning.Ratio, warning.Forecast, warning.Message, now);
                continue;
            }
            var target = byTarget[warning.TargetId];
            db.WarningRecords.Add(new WarningRecord
            {
                Year = year, TargetId = warning.TargetId, UnitId = target.UnitId, IndicatorId = target.IndicatorId, Kind = warning.Kind,
                Colour = warning.Colour, Month = warning.Month, Planned = warning.Planned, Actual = warning.Actual, Ratio = warning.Ratio,
                Forecast = warning.Forecast, Message = warning.Message, FirstSeenAt = now, LastSeenAt = now,
            });
            opened++;
        }
        foreach (var cleared in open.Values)
        {
            cleared.ClearedAt = now;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (opened, open.Count);
    }
}
