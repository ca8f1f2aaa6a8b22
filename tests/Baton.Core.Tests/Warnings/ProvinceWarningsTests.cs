using Baton.Core.Accounts;
using Baton.Core.Demo;
using Baton.Core.Progress;
using Baton.Core.Warnings;
using Baton.Core.Indicators;
using Baton.Core.Targets;
using Baton.Scoring.Warnings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Core.Tests.Warnings;

/// <summary>The warnings at a province's scale, on a small synthetic province: chunked reading, bulk history, scoped and targeted refreshes.</summary>
public abstract class ProvinceWarningsTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const int Year = 2030;

    private static readonly DateOnly AsOf = new(2030, 12, 20);

    private static readonly ProvinceSize Small = new(Units: 12, Categories: 2, Leaves: 20, Year: Year, Seed: 7);

    private async Task SeedAsync(ProvinceSize? size = null)
    {
        using var scope = Db.Services.CreateScope();
        var seeded = await scope.ServiceProvider.GetRequiredService<SyntheticProvince>().SeedAsync(size ?? Small);
        Assert.True(seeded.Ok, seeded.Error);
    }

    /// <summary>Puts the clock on <see cref="AsOf"/> at 10:00 Beijing time.</summary>
    private void OnAsOf() => Db.Clock.SetUtcNow(new DateTimeOffset(2030, 12, 20, 2, 0, 0, TimeSpan.Zero));

    private static string Key(WarningRow w) => $"{w.TargetId}|{w.Kind}|{w.Month}";

    private static string Key(WarningRecord w) => $"{w.TargetId}|{w.Kind}|{w.Month}";

    [Fact]
    public async Task A_seeded_province_has_a_month_plan_and_twelve_monthly_reports_for_every_quantitative_target_and_the_same_seed_gives_the_same_rows()
    {
        await SeedAsync();
        await SeedAsync(Small with { Year = 2031 });
        await using var db = await Db.ContextAsync();
        foreach (var year in new[] { 2030, 2031 })
        {
            // 20 leaves: 18 scored, of which 15 quantitative (completion rate, tiers, base plus excess, time progress).
            var quantitative = await db.Targets.CountAsync(t => t.Year == year && db.Indicators.Any(i => i.Id == t.IndicatorId
                && (i.Rule == RuleKind.CompletionRate || i.Rule == RuleKind.Tiers || i.Rule == RuleKind.BaseExcess || i.Rule == RuleKind.TimeProgress)));
            Assert.Equal(12 * 15, quantitative);
            Assert.Equal(quantitative * 12, await db.MonthlyPlans.CountAsync(p => db.Targets.Any(t => t.Id == p.TargetId && t.Year == year)));
            var reports = await db.ProgressReports.Where(r => r.Year == year).Select(r => new { r.Month, r.Status }).ToListAsync();
            Assert.InRange(reports.Count, quantitative * 12 * 95 / 100, (quantitative * 12) - 1);
            Assert.Contains(reports, r => r.Status == ReportStatus.Entered);
            Assert.Contains(reports, r => r.Status == ReportStatus.SignedOff);
            Assert.All(reports.Where(r => r.Status != ReportStatus.Approved), r => Assert.True(r.Month >= 11));
        }
        var values = await db.ProgressReports.OrderBy(r => r.Id).Select(r => new { r.Year, r.Month, r.Value, r.Status }).ToListAsync();
        Assert.Equal(values.Where(v => v.Year == 2030).Select(v => (v.Month, v.Value, v.Status)), values.Where(v => v.Year == 2031).Select(v => (v.Month, v.Value, v.Status)));
    }

    [Fact]
    public async Task Warnings_read_chunk_by_chunk_equal_those_of_all_targets_read_at_once()
    {
        await SeedAsync();
        var live = (await Db.Service<WarningService>(Office).ReportAsync(Year, AsOf)).Value!.Warnings;
        Assert.Contains(live, w => w.Kind == WarningKind.Behind && w.Colour == WarningColour.Red);
        Assert.Contains(live, w => w.Kind == WarningKind.Behind && w.Colour == WarningColour.Yellow);
        Assert.Contains(live, w => w.Kind == WarningKind.Overdue && w.Colour == WarningColour.Red);

        // The reference: every target, plan and report of the year read at once, the rule run over them in code order.
        await using var db = await Db.ContextAsync();
        var settings = new WarningSettings { Year = Year };
        var targets = await db.Targets.Where(t => t.Year == Year && db.MonthlyPlans.Any(p => p.TargetId == t.Id))
            .Select(t => new { t.Id, t.Value, Unit = db.Units.Single(u => u.Id == t.UnitId).Code, Indicator = db.Indicators.Single(i => i.Id == t.IndicatorId).Code })
            .ToListAsync();
        var plans = (await db.MonthlyPlans.ToListAsync()).ToLookup(p => p.TargetId);
        var reports = (await db.ProgressReports.Where(r => r.Year == Year).ToListAsync()).ToLookup(r => r.TargetId);
        var deadlines = Enumerable.Range(1, 12).Select(m => new ReportDeadline(m, ProgressService.DeadlineOf(Year, m, ProgressSettings.DefaultDueDay))).ToList();
        var expected = targets.OrderBy(t => t.Unit, StringComparer.Ordinal).ThenBy(t => t.Indicator, StringComparer.Ordinal).SelectMany(t =>
            EarlyWarnings.Evaluate(new WarningTarget(t.Unit, t.Indicator, Year, t.Value, [.. plans[t.Id].OrderBy(p => p.Month).Select(p => p.Value)],
                [.. reports[t.Id].Where(r => r.Status == ReportStatus.Approved).Select(r => new ApprovedValue(r.Month, r.Value, WarningInputs.Day(r.ReviewedAt!.Value)))],
                [.. reports[t.Id].Where(r => r.Status is ReportStatus.Entered or ReportStatus.SignedOff)
                    .Select(r => new PendingReview(r.Month, WarningInputs.Day(r.SubmittedAt!.Value), WarningInputs.Day(r.SignedOffAt ?? r.SubmittedAt!.Value).AddDays(settings.ReviewDays)))],
                deadlines), AsOf, WarningInputs.Rules(settings)))
            .Select(w => (w.UnitCode, w.IndicatorCode, w.Kind, w.Colour, w.Month, w.Planned, w.Actual, w.Ratio, w.Forecast, w.Message)).ToList();
        Assert.Equal(expected, live.Select(w => (w.UnitCode, w.IndicatorCode, w.Kind, w.Colour, w.Month, w.Planned, w.Actual, w.Ratio, w.Forecast, w.Message)));

        var whole = new List<long>();
        await foreach (var chunk in WarningInputs.ChunksAsync(db, Year, settings, WarningScope.All, default))
        {
            whole.AddRange(chunk.Targets.Select(t => t.TargetId));
        }
        var small = new List<long>();
        var chunks = 0;
        await foreach (var chunk in WarningInputs.ChunksAsync(db, Year, settings, WarningScope.All, default, chunkTargets: 7))
        {
            Assert.InRange(chunk.TargetIds.Count, 1, 7);
            small.AddRange(chunk.Targets.Select(t => t.TargetId));
            chunks++;
        }
        Assert.True(chunks > 20);
        Assert.Equal(whole, small);
        Assert.Equal(targets.Count, whole.Count);
    }

    [Fact]
    public async Task A_refresh_in_small_chunks_opens_a_record_per_warning_rewrites_only_what_changed_and_clears_what_no_longer_holds()
    {
        await SeedAsync();
        var history = new WarningHistory(Db.Factory, Db.Clock) { ChunkTargets = 7 };
        var live = (await Db.Service<WarningService>(Office).ReportAsync(Year, AsOf)).Value!.Warnings;
        var (opened, cleared) = await history.RefreshAsync(Year, AsOf);
        Assert.Equal((live.Count, 0), (opened, cleared));
        await using (var db = await Db.ContextAsync())
        {
            var open = await db.WarningRecords.Where(w => w.ClearedAt == null).ToListAsync();
            Assert.Equal(live.Select(Key).Order(StringComparer.Ordinal), open.Select(Key).Order(StringComparer.Ordinal));
            var row = live[0];
            var record = open.Single(w => Key(w) == Key(row));
            Assert.Equal((row.Colour, row.Planned, row.Actual, row.Ratio, row.Forecast, row.Message), (record.Colour, record.Planned, record.Actual, record.Ratio, record.Forecast, record.Message));
        }
        Assert.Equal((0, 0), await history.RefreshAsync(Year, AsOf));

        // A day later an overdue warning's message counts one more day; the record is rewritten, not reopened.
        Db.Clock.Advance(TimeSpan.FromDays(1));
        var overdue = live.First(w => w.Kind == WarningKind.Overdue && w.Colour == WarningColour.Red && w.Message.Contains("审核，已逾期", StringComparison.Ordinal));
        await history.RefreshAsync(Year, AsOf.AddDays(1));
        await using (var db = await Db.ContextAsync())
        {
            var record = await db.WarningRecords.SingleAsync(w => w.TargetId == overdue.TargetId && w.Kind == WarningKind.Overdue && w.Month == overdue.Month);
            Assert.Null(record.ClearedAt);
            Assert.NotEqual(overdue.Message, record.Message);
            Assert.Equal(Db.Clock.GetUtcNow().UtcDateTime, record.LastSeenAt, TimeSpan.FromSeconds(1));

            // The target's pending reports are approved behind the history's back: the next refresh clears its overdue warnings.
            await db.ProgressReports.Where(r => r.TargetId == overdue.TargetId && r.Status != ReportStatus.Approved)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, ReportStatus.Approved).SetProperty(r => r.ReviewedAt, new DateTime(2030, 12, 1, 0, 0, 0, DateTimeKind.Utc)));
        }
        var (_, clearedNow) = await history.RefreshAsync(Year, AsOf.AddDays(1));
        Assert.True(clearedNow >= 1);
        await using (var db = await Db.ContextAsync())
        {
            Assert.NotNull((await db.WarningRecords.SingleAsync(w => w.TargetId == overdue.TargetId && w.Kind == WarningKind.Overdue && w.Month == overdue.Month)).ClearedAt);
        }
    }

    [Fact]
    public async Task Opening_the_page_refreshes_a_units_own_targets_and_the_whole_year_at_most_hourly_for_the_office()
    {
        await SeedAsync();
        OnAsOf();
        long unit;
        await using (var db = await Db.ContextAsync())
        {
            unit = await db.Units.Where(u => u.Code.StartsWith("P2030-")).OrderBy(u => u.Code).Select(u => u.Id).FirstAsync();
        }
        var head = new CurrentUser("head", [Roles.UnitHead], unit);
        var own = (await Db.Service<WarningService>(head).OpenHistoryAsync(Year)).Value!.Rows;
        Assert.NotEmpty(own);
        await using (var db = await Db.ContextAsync())
        {
            Assert.Equal([unit], await db.WarningRecords.Select(w => w.UnitId).Distinct().ToListAsync());
        }

        var office = Db.Service<WarningService>(Office);
        var all = (await office.OpenHistoryAsync(Year)).Value!;
        Assert.Equal((await office.ReportAsync(Year, AsOf)).Value!.Warnings.Count, all.Total);

        // Within the hour the office's opening reads the history without re-evaluating the year; after it, the year is refreshed.
        long target;
        await using (var db = await Db.ContextAsync())
        {
            target = await db.ProgressReports.Where(r => r.UnitId != unit && r.Status == ReportStatus.SignedOff && r.Month == 11).OrderBy(r => r.Id).Select(r => r.TargetId).FirstAsync();
            await db.ProgressReports.Where(r => r.TargetId == target && r.Status != ReportStatus.Approved)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, ReportStatus.Approved).SetProperty(r => r.ReviewedAt, new DateTime(2030, 12, 10, 0, 0, 0, DateTimeKind.Utc)));
        }
        long recordId;
        await using (var db = await Db.ContextAsync())
        {
            recordId = await db.WarningRecords.Where(w => w.TargetId == target && w.Kind == WarningKind.Overdue && w.Month == 11).Select(w => w.Id).SingleAsync();
        }
        Db.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Null(Assert.Single((await office.OpenHistoryAsync(Year, pageSize: 1000)).Value!.Rows, h => h.Id == recordId).ClearedAt);
        Db.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.NotNull(Assert.Single((await office.OpenHistoryAsync(Year, pageSize: 1000)).Value!.Rows, h => h.Id == recordId).ClearedAt);
    }

    [Fact]
    public async Task Approving_a_report_clears_its_targets_overdue_review_warning_at_once()
    {
        await SeedAsync();
        OnAsOf();
        var history = Db.Services.GetRequiredService<WarningHistory>();
        await history.RefreshAsync(Year, AsOf);
        await using var db = await Db.ContextAsync();
        var report = await db.ProgressReports.Where(r => r.Status == ReportStatus.SignedOff && r.Month == 11).OrderBy(r => r.Id).FirstAsync();
        var warning = await db.WarningRecords.SingleAsync(w => w.TargetId == report.TargetId && w.Kind == WarningKind.Overdue && w.Month == 11);
        Assert.Equal(WarningColour.Red, warning.Colour);

        var approved = await Db.Service<ProgressService>(Office).ApproveAsync(Year, report.Id, report.Version);
        Assert.True(approved.Ok, approved.Error);
        var after = await db.WarningRecords.AsNoTracking().SingleAsync(w => w.Id == warning.Id);
        Assert.NotNull(after.ClearedAt);
        Assert.DoesNotContain((await Db.Service<WarningService>(Office).ReportAsync(Year, AsOf)).Value!.Warnings,
            w => w.TargetId == report.TargetId && w.Kind == WarningKind.Overdue && w.Month == 11);
        // Other targets' warnings were not touched.
        Assert.Equal(0, await db.WarningRecords.CountAsync(w => w.TargetId != report.TargetId && w.ClearedAt != null));
    }
}

public sealed class SqliteProvinceWarningsTests() : ProvinceWarningsTests(DatabaseProvider.Sqlite);

public sealed class PostgresProvinceWarningsTests() : ProvinceWarningsTests(DatabaseProvider.Postgres);
