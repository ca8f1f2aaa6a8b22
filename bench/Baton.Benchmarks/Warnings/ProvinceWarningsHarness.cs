using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Baton.Core;
using Baton.Core.Accounts;
using Baton.Core.Progress;
using Baton.Core.Targets;
using Baton.Core.Warnings;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Benchmarks.Warnings;

/// <summary>
/// The warnings of a province on PostgreSQL (docs/benchmarks.md, "Warnings of a province on PostgreSQL"), against a
/// database that <c>baton seed province</c> filled: the office's dashboard for one county-sized category, the whole
/// year's history refresh, and a month-end burst of report submissions through <see cref="ProgressService.SubmitAsync"/>
/// with deliberate duplicates, then the check that no report was lost or doubled. Timed with a stopwatch, not
/// BenchmarkDotNet: each step changes the database. The clock is fixed on 31 December of the year, 16:00 Beijing time.
/// <code>dotnet run -c Release --project bench/Baton.Benchmarks -- province-warnings "CONNECTION" [YEAR] [SUBMISSIONS] [DUPLICATES] [PARALLEL]</code>
/// </summary>
internal static class ProvinceWarningsHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var connection = args[0];
        var year = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2030;
        var submissions = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2000;
        var duplicates = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 200;
        var parallel = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 64;
        // "burst" runs only the burst and its check, against a history another run already filled.
        var burstOnly = args.Length > 5 && args[5] == "burst";
        var clock = new FixedClock(new DateTimeOffset(year, 12, 31, 8, 0, 0, TimeSpan.Zero));
        var asOf = new DateOnly(year, 12, 31);

        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(clock);
        collection.AddBaton(new BatonDatabase(DatabaseProvider.Postgres, connection + ";Maximum Pool Size=" + (parallel + 20).ToString(CultureInfo.InvariantCulture)));
        collection.AddIdentityCore<BatonUser>(BatonServices.ConfigureIdentity).AddRoles<IdentityRole>().AddEntityFrameworkStores<BatonDbContext>();
        await using var services = collection.BuildServiceProvider();
        var factory = services.GetRequiredService<IDbContextFactory<BatonDbContext>>();
        var office = new CurrentUser("office", [Roles.Office], null);
        T Service<T>(CurrentUser user) => ActivatorUtilities.CreateInstance<T>(services.CreateScope().ServiceProvider, user);

        long category;
        int units, targets;
        long rows;
        await using (var db = await factory.CreateDbContextAsync())
        {
            category = await db.UnitCategories.Where(c => c.Year == year).OrderBy(c => c.Code).Select(c => c.Id).FirstAsync();
            units = await db.CategoryMemberships.CountAsync(m => m.Year == year && m.CategoryId == category);
            targets = await db.Targets.CountAsync(t => t.Year == year);
            rows = await db.ProgressReports.LongCountAsync(r => r.Year == year);
        }
        Console.WriteLine($"Province {year}: {targets:N0} targets, {rows:N0} progress reports; dashboard category of {units} units; as of {asOf:yyyy-MM-dd}.");

        if (!burstOnly)
        {
            await HistoryAndDashboardAsync();
        }

        async Task HistoryAndDashboardAsync()
        {
        // 1. The whole year's history from empty (every warning opens): the dashboard's first opening in a process does it.
        var history = services.GetRequiredService<WarningHistory>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.WarningRecords.Where(w => w.Year == year).ExecuteDeleteAsync();
        }
        var first = Stopwatch.StartNew();
        var (opened, _) = await history.RefreshAsync(year, asOf);
        Console.WriteLine($"Whole-year refresh from an empty history (as of {asOf:yyyy-MM-dd}): {first.Elapsed.TotalSeconds:0.0} s, {opened:N0} opened; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576:N0} MB.");

        // 2. The office's dashboard for one county-sized category: today's open warnings from the history, as the page reads them.
        var warnings = Service<WarningService>(office);
        var times = new List<double>();
        var count = 0;
        for (var i = 0; i < 21; i++)
        {
            var watch = Stopwatch.StartNew();
            var report = await warnings.ReportAsync(year, asOf, category);
            watch.Stop();
            count = report.Value!.Warnings.Count;
            if (i > 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        times.Sort();
        Console.WriteLine($"Dashboard, one category of {units} units: {count:N0} warnings; 20 runs after a warm-up: median {times[10]:0} ms, mean {times.Average():0} ms, min {times[0]:0} ms, max {times[^1]:0} ms.");

        // The same category evaluated live (another as-of day than today, as the page does when one is chosen).
        var live = Stopwatch.StartNew();
        var evaluated = await warnings.ReportAsync(year, asOf.AddDays(-1), category);
        Console.WriteLine($"Dashboard of the same category as of the day before (evaluated live): {evaluated.Value!.Warnings.Count:N0} warnings, {live.Elapsed.TotalMilliseconds:0} ms.");

        // The whole year again, nothing having changed: the hourly job's usual run.
        var again = Stopwatch.StartNew();
        var (openedAgain, clearedAgain) = await history.RefreshAsync(year, asOf);
        Console.WriteLine($"Whole-year refresh repeated: {again.Elapsed.TotalSeconds:0.0} s, {openedAgain:N0} opened, {clearedAgain:N0} cleared; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576:N0} MB.");
        }

        // 3. The month-end burst: December's reports of `submissions` targets (their seeded December reports removed first),
        //    each by its unit's reporter, `duplicates` of them submitted twice at the same moment, `parallel` at a time.
        List<(long Target, long Unit)> chosen;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var planned = await db.Targets.Where(t => t.Year == year && db.MonthlyPlans.Any(p => p.TargetId == t.Id)).OrderBy(t => t.Id)
                .Select(t => new { t.Id, t.UnitId }).ToListAsync();
            var step = Math.Max(1, planned.Count / submissions);
            chosen = [.. planned.Where((_, i) => i % step == 0).Take(submissions).Select(t => (t.Id, t.UnitId))];
            var ids = chosen.Select(c => c.Target).ToList();
            await db.ProgressReports.Where(r => r.Month == 12 && ids.Contains(r.TargetId)).ExecuteDeleteAsync();
        }
        var work = chosen.Select((c, i) => (c.Target, c.Unit, Value: 1000m + i, Copy: 0))
            .Concat(chosen.Take(duplicates).Select((c, i) => (c.Target, c.Unit, Value: 5000m + i, Copy: 1)))
            .OrderBy(w => w.Target).ThenBy(w => w.Copy).ToList();
        var outcomes = new ConcurrentBag<(long Target, decimal Value, bool Ok, string? Error)>();
        var burst = Stopwatch.StartNew();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (w, ct) =>
        {
            var reporter = new CurrentUser($"reporter-{w.Unit}", [Roles.UnitReporter], w.Unit);
            var outcome = await Service<ProgressService>(reporter).SubmitAsync(year,
                new ProgressEntry(w.Target, 12, w.Value.ToString(CultureInfo.InvariantCulture), "12 月工作进展。", "年终统计口径调整。", [], 0), ct);
            outcomes.Add((w.Target, w.Value, outcome.Ok, outcome.Error));
        });
        burst.Stop();
        var ok = outcomes.Count(o => o.Ok);
        var refusals = outcomes.Where(o => !o.Ok).GroupBy(o => o.Error).Select(g => $"{g.Count()} × {g.Key}");
        Console.WriteLine($"Burst: {work.Count:N0} submissions ({submissions:N0} targets, {duplicates} submitted twice at once), {parallel} at a time: {burst.Elapsed.TotalSeconds:0.0} s, {work.Count / burst.Elapsed.TotalSeconds:0} per second; {ok:N0} accepted; refused: {string.Join("; ", refusals)}.");

        // 4. Nothing lost, nothing doubled.
        await using (var db = await factory.CreateDbContextAsync())
        {
            var ids = chosen.Select(c => c.Target).ToList();
            var stored = await db.ProgressReports.Where(r => r.Month == 12 && ids.Contains(r.TargetId)).Select(r => new { r.TargetId, r.Value, r.Status }).ToListAsync();
            var doubled = await db.ProgressReports.Where(r => r.Year == year).GroupBy(r => new { r.TargetId, r.Month }).CountAsync(g => g.Count() > 1);
            var byTarget = outcomes.Where(o => o.Ok).ToLookup(o => o.Target);
            var lost = chosen.Count(c => stored.All(s => s.TargetId != c.Target));
            var wrong = stored.Count(s => !byTarget[s.TargetId].Any(o => o.Value == s.Value) || s.Status != ReportStatus.Entered);
            var unanswered = chosen.Count(c => !byTarget[c.Target].Any());
            Console.WriteLine($"Check: {stored.Count:N0} December reports of the {chosen.Count:N0} targets (expected {chosen.Count:N0}); targets without a report: {lost}; " +
                $"targets with no accepted submission: {unanswered}; reports whose value no accepted submission sent: {wrong}; (target, month) pairs stored twice in the year: {doubled}.");
            return lost == 0 && doubled == 0 && wrong == 0 && unanswered == 0 && stored.Count == chosen.Count ? 0 : 1;
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
