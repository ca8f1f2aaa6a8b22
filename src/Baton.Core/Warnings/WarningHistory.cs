using System.Collections.Concurrent;
using Baton.Scoring.Warnings;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Warnings;

/// <summary>
/// Keeps the warnings history (<see cref="WarningRecord"/>): a refresh evaluates the year's targets in a scope as of
/// a day, opens a record for each new warning, updates the colour, figures and message of those still open that
/// changed, and clears those that no longer hold. The hourly job refreshes the whole current year; a change to a
/// progress report refreshes its target at once (<see cref="RefreshTargetAsync"/>); the warnings page refreshes the
/// user's own scope, and the whole year only when no whole refresh of that day ran in the last hour.
/// The targets are read, evaluated and written chunk by chunk (<see cref="WarningInputs.ChunksAsync"/>): new records by
/// bulk insert, changed ones through a staging table and one update, so a province's year refreshes in one pass.
/// </summary>
public sealed class WarningHistory(IDbContextFactory<BatonDbContext> dbFactory, TimeProvider clock)
{
    private const string Stage = "WarningRecordChanges";

    private static readonly TimeSpan s_fresh = TimeSpan.FromHours(1);

    // The last whole refresh of each year in this process: the day it was as of, and when it ran.
    private readonly ConcurrentDictionary<int, (DateOnly AsOf, DateTimeOffset At)> _whole = new();

    /// <summary>Targets evaluated and written at once (tests make it small to cross chunk boundaries).</summary>
    internal int ChunkTargets { get; init; } = WarningInputs.ChunkTargets;

    /// <summary>Refreshes the current year as of <paramref name="today"/> (Beijing), when there is a current year of that calendar year.</summary>
    public async Task<(int Opened, int Cleared)> RefreshCurrentAsync(DateOnly today, CancellationToken ct = default)
    {
        int? year;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            year = await db.Years.Where(y => y.IsCurrent && y.Year == today.Year).Select(y => (int?)y.Year).SingleOrDefaultAsync(ct);
        }
        return year is { } current ? await RefreshAsync(current, today, ct: ct) : (0, 0);
    }

    /// <summary>Refreshes the whole year unless a whole refresh as of the same day ran within the last hour.</summary>
    public async Task RefreshWholeIfStaleAsync(int year, DateOnly asOf, CancellationToken ct = default)
    {
        if (!(_whole.TryGetValue(year, out var last) && last.AsOf == asOf && clock.GetUtcNow() - last.At < s_fresh))
        {
            await RefreshAsync(year, asOf, ct: ct);
        }
    }

    /// <summary>Forgets the last whole refresh of the year (its settings changed), so the next opening of the page refreshes it all.</summary>
    public void Invalidate(int year) => _whole.TryRemove(year, out _);

    /// <summary>Refreshes one target as of <paramref name="today"/> when its year is the calendar year: after a change to one of its reports.</summary>
    public async Task RefreshTargetAsync(int year, long targetId, DateOnly today, CancellationToken ct = default)
    {
        if (today.Year == year)
        {
            await RefreshAsync(year, today, new WarningScope(TargetId: targetId), ct);
        }
    }

    /// <summary>Refreshes the targets of <paramref name="scope"/> (the whole year when null) and returns how many warnings opened and cleared.</summary>
    public async Task<(int Opened, int Cleared)> RefreshAsync(int year, DateOnly asOf, WarningScope? scope = null, CancellationToken ct = default)
    {
        scope ??= WarningScope.All;
        var started = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var settings = await WarningInputs.SettingsAsync(db, year, ct);
        var rules = WarningInputs.Rules(settings);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync(
            $"CREATE TEMP TABLE \"{Stage}\" AS SELECT * FROM \"WarningRecords\" WHERE 1 = 0", ct);
        var now = db.UtcNow;
        var (opened, cleared, changed) = (0, 0, 0);
        var inserts = new List<WarningRecord>();
        var updates = new List<WarningRecord>();
        await foreach (var chunk in WarningInputs.ChunksAsync(db, year, settings, scope, ct, ChunkTargets))
        {
            var ids = chunk.TargetIds;
            var records = (await db.WarningRecords.AsNoTracking().Where(w => w.Year == year && w.ClearedAt == null && ids.Contains(w.TargetId)).ToListAsync(ct))
                .GroupBy(w => (w.TargetId, w.Kind, w.Month)).ToList();
            var open = records.ToDictionary(g => g.Key, g => g.OrderBy(w => w.Id).First());
            // Two refreshes racing (the hourly one and a report's) may both have opened a warning: the later copy clears.
            foreach (var copy in records.SelectMany(g => g.OrderBy(w => w.Id).Skip(1)))
            {
                (copy.ClearedAt, copy.LastSeenAt) = (now, now);
                updates.Add(copy);
            }
            foreach (var target in chunk.Targets)
            {
                foreach (var warning in EarlyWarnings.Evaluate(target.Rule, asOf, rules))
                {
                    if (open.Remove((target.TargetId, warning.Kind, warning.Month), out var record))
                    {
                        var months = WarningRecord.StoreMonths(warning.Months);
                        if ((record.Colour, record.Planned, record.Actual, record.Ratio, record.Forecast, record.Message, record.Months)
                            != (warning.Colour, warning.Planned, warning.Actual, warning.Ratio, warning.Forecast, warning.Message, months))
                        {
                            (record.Colour, record.Planned, record.Actual, record.Ratio, record.Forecast, record.Message, record.Months, record.LastSeenAt) =
                                (warning.Colour, warning.Planned, warning.Actual, warning.Ratio, warning.Forecast, warning.Message, months, now);
                            updates.Add(record);
                            changed++;
                        }
                        continue;
                    }
                    inserts.Add(new WarningRecord
                    {
                        Year = year, TargetId = target.TargetId, UnitId = target.UnitId, IndicatorId = target.IndicatorId, Kind = warning.Kind,
                        Colour = warning.Colour, Month = warning.Month, Planned = warning.Planned, Actual = warning.Actual, Ratio = warning.Ratio,
                        Forecast = warning.Forecast, Message = warning.Message, Months = WarningRecord.StoreMonths(warning.Months), FirstSeenAt = now, LastSeenAt = now,
                    });
                    opened++;
                }
            }
            foreach (var record in open.Values)
            {
                (record.ClearedAt, record.LastSeenAt) = (now, now);
                updates.Add(record);
                cleared++;
            }
            await BulkInsert.WriteAsync(db, inserts, ct, generatedIds: true);
            await BulkInsert.WriteAsync(db, updates, ct, table: Stage);
            inserts.Clear();
            updates.Clear();
        }
        if (changed + cleared > 0)
        {
            await db.Database.ExecuteSqlRawAsync(
                $"""
                UPDATE "WarningRecords" AS w SET "Colour" = s."Colour", "Planned" = s."Planned", "Actual" = s."Actual", "Ratio" = s."Ratio",
                  "Forecast" = s."Forecast", "Message" = s."Message", "Months" = s."Months", "LastSeenAt" = s."LastSeenAt", "ClearedAt" = s."ClearedAt"
                FROM "{Stage}" AS s WHERE w."Id" = s."Id"
                """, ct);
        }
        await db.Database.ExecuteSqlRawAsync($"DROP TABLE \"{Stage}\"", ct);

        // Warnings of targets that are gone (deleted, or moved out of the year) clear too.
        var gone = scope.AllUnits && scope.CategoryId is null && scope.TargetId is null
            ? await db.WarningRecords.Where(w => w.Year == year && w.ClearedAt == null && !db.Targets.Any(t => t.Id == w.TargetId && t.Year == year))
                .ExecuteUpdateAsync(u => u.SetProperty(w => w.ClearedAt, now).SetProperty(w => w.LastSeenAt, now), ct)
            : 0;
        await transaction.CommitAsync(ct);
        if (scope == WarningScope.All)
        {
            _whole[year] = (asOf, started);
        }
        return (opened, cleared + gone);
    }
}
