using Baton.Core.Accounts;
using Baton.Core.Demo;
using Baton.Core.Progress;
using Baton.Core.Targets;
using Baton.Core.Tests.Results;
using Baton.Core.Warnings;
using Baton.Scoring.Warnings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Core.Tests.Warnings;

public abstract class WarningServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const int Year = DemoCounty.CurrentYear;

    private static readonly DateOnly Tenth = new(2026, 3, 10);

    private static CurrentUser Head(long unit) => new("head", [Roles.UnitHead], unit);

    private static CurrentUser Reviewer(long unit) => new("reviewer", [Roles.LeadReviewer], unit);

    private sealed record Setup(long T01, long T02, long D01, long D02, long Target);

    /// <summary>The demo's 2026 as it stood on 31 January, with the clock on 1 March (Beijing): T01's 县级重点项目建设进度 (B2, led by D01) has a month plan and no report yet.</summary>
    private async Task<Setup> SetupAsync()
    {
        await ResultServiceTests.SeedDemoAsync(Db, ResultServiceTests.BeforeReports);
        var t01 = await ResultServiceTests.UnitIdAsync(Db, "T01");
        var plan = (await Db.Service<TargetService>(Office).MonthPlanAsync(Year, t01)).Single(p => p.IndicatorCode == "B2");
        return new Setup(t01, await ResultServiceTests.UnitIdAsync(Db, "T02"), await ResultServiceTests.UnitIdAsync(Db, "D01"),
            await ResultServiceTests.UnitIdAsync(Db, "D02"), plan.TargetId);
    }

    /// <summary>Reports, confirms and approves one month of the target, on the clock's day.</summary>
    private async Task ApproveAsync(Setup s, int month, string value)
    {
        Assert.True((await Db.Service<ProgressService>(Reporter(s.T01)).SubmitAsync(Year, new ProgressEntry(s.Target, month, value, "按月报送。", null, [], 0))).Ok);
        var report = (await Db.Service<ProgressService>(Reporter(s.T01)).MonthAsync(Year, month, s.T01)).Single(l => l.TargetId == s.Target).Report!;
        Assert.True((await Db.Service<ProgressService>(Head(s.T01)).ConfirmAsync(Year, report.Id, report.Version)).Ok);
        report = (await Db.Service<ProgressService>(Reporter(s.T01)).MonthAsync(Year, month, s.T01)).Single(l => l.TargetId == s.Target).Report!;
        var approved = await Db.Service<ProgressService>(Reviewer(s.D01)).ApproveAsync(Year, report.Id, report.Version);
        Assert.True(approved.Ok, approved.Error);
    }

    private async Task<List<WarningRow>> WarningsAsync(CurrentUser user, long target)
    {
        var report = await Db.Service<WarningService>(user).ReportAsync(Year, Tenth);
        Assert.True(report.Ok, report.Error);
        return [.. report.Value!.Warnings.Where(w => w.TargetId == target)];
    }

    [Fact]
    public async Task Approved_reports_against_the_plan_give_the_rules_warnings_with_the_years_thresholds()
    {
        var s = await SetupAsync();
        await ApproveAsync(s, 2, "11");
        Db.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero));

        var warnings = await WarningsAsync(Office, s.Target);
        // February was due on 5 March: planned 16.7, approved 11, 11 ÷ 16.7 = 0.6587 < 0.7 → red.
        var behind = Assert.Single(warnings, w => w.Kind == WarningKind.Behind);
        Assert.Equal((WarningColour.Red, 2, 16.7m, 11m, 0.6587m), (behind.Colour, behind.Month, behind.Planned, behind.Actual, behind.Ratio));
        // One approved point (February, 11) and the origin: the least-squares line gives 11 × 12 ÷ 2 = 66.
        Assert.Equal(66m, behind.Forecast);
        // January was never reported and its deadline (5 February) has passed.
        var overdue = Assert.Single(warnings, w => w.Kind == WarningKind.Overdue);
        Assert.Equal((WarningColour.Red, null), (overdue.Colour, overdue.Month));
        Assert.Equal([1], overdue.Months);
        Assert.DoesNotContain(warnings, w => w.Kind == WarningKind.Stale);

        Assert.Contains("红色阈值 < 黄色阈值", (await Db.Service<WarningService>(Office).SetSettingsAsync(Year, 0.7m, 0.9m, 45, 5)).Error, StringComparison.Ordinal);
        Assert.Equal(Outcome.Forbidden, (await Db.Service<WarningService>(Reviewer(s.D01)).SetSettingsAsync(Year, 0.9m, 0.6m, 45, 5)).Error);
        Assert.Contains("此阶段不能修改预警设置", (await Db.Service<WarningService>(Office).SetSettingsAsync(2025, 0.9m, 0.6m, 45, 5)).Error, StringComparison.Ordinal);
        Assert.True((await Db.Service<WarningService>(Office).SetSettingsAsync(Year, 0.9m, 0.6m, 45, 5)).Ok);
        Assert.Equal(WarningColour.Yellow, Assert.Single(await WarningsAsync(Office, s.Target), w => w.Kind == WarningKind.Behind).Colour);
    }

    [Fact]
    public async Task Each_role_sees_the_warnings_of_its_own_unit_or_of_the_indicators_it_leads()
    {
        var s = await SetupAsync();
        Assert.NotEmpty(await WarningsAsync(Head(s.T01), s.Target));
        Assert.NotEmpty(await WarningsAsync(Reviewer(s.D01), s.Target));
        Assert.Empty(await WarningsAsync(Reporter(s.T02), s.Target));
        Assert.Empty(await WarningsAsync(Reviewer(s.D02), s.Target));
        var all = (await Db.Service<WarningService>(Reporter(s.T02)).ReportAsync(Year, Tenth)).Value!.Warnings;
        Assert.All(all, w => Assert.Equal("T02", w.UnitCode));
        Assert.Contains("不在 2026 年度内", (await Db.Service<WarningService>(Office).ReportAsync(Year, new DateOnly(2025, 12, 31))).Error, StringComparison.Ordinal);
        Assert.Equal(Outcome.Forbidden, (await Db.Service<WarningService>(new CurrentUser("rater", [Roles.Rater], null)).ReportAsync(Year, Tenth)).Error);
    }

    [Fact]
    public async Task The_history_records_when_a_warning_appeared_who_saw_it_and_when_it_cleared()
    {
        var s = await SetupAsync();
        await ApproveAsync(s, 2, "11");
        Db.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero));

        var office = Db.Service<WarningService>(Office);
        var history = (await office.OpenHistoryAsync(Year, pageSize: 1000)).Value!.Rows;
        var january = Assert.Single(history, h => h.Kind == WarningKind.Overdue && h.Message.StartsWith("1 月进度未报送", StringComparison.Ordinal) && h.UnitName == "城关镇" && h.IndicatorName.StartsWith("B2", StringComparison.Ordinal));
        Assert.Null(january.ClearedAt);
        Assert.Equal(["office"], january.SeenBy.Select(x => x.UserName));

        var head = Db.Service<WarningService>(Head(s.T01));
        var unseen = await head.UnseenAsync(Year);
        Assert.True(unseen > 0);
        Assert.Contains((await Db.Service<Baton.Core.Home.TodoService>(Head(s.T01)).ListAsync()), t => t.Title == $"有 {unseen} 条新的预警您尚未查看。");
        Assert.All((await head.OpenHistoryAsync(Year, pageSize: 1000)).Value!.Rows, h => Assert.Equal("城关镇", h.UnitName));
        Assert.Equal(0, await head.UnseenAsync(Year));

        // January reported and approved: its overdue warning clears at the next refresh; the record stays.
        await ApproveAsync(s, 1, "5");
        history = (await office.OpenHistoryAsync(Year, pageSize: 1000)).Value!.Rows;
        january = Assert.Single(history, h => h.Id == january.Id);
        Assert.NotNull(january.ClearedAt);
        Assert.Equal(["office", "head"], january.SeenBy.Select(x => x.UserName));
        var refresh = Db.Services.GetRequiredService<WarningHistory>();
        Assert.Equal(0, (await refresh.RefreshAsync(Year, Tenth)).Opened);
        // The hourly job refreshes the current year only, and only within its calendar year: by 10 April March is overdue.
        Assert.True((await refresh.RefreshCurrentAsync(new DateOnly(2026, 4, 10))).Opened > 0);
        Assert.Equal((0, 0), await refresh.RefreshCurrentAsync(new DateOnly(2027, 1, 5)));
    }

    [Fact]
    public async Task The_history_is_read_a_page_at_a_time_newest_first_and_within_a_category()
    {
        var s = await SetupAsync();
        Db.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero));
        var office = Db.Service<WarningService>(Office);
        var all = (await office.OpenHistoryAsync(Year, pageSize: 1000)).Value!;
        Assert.True(all.Total > 4);
        Assert.Equal(all.Total, all.Rows.Count);

        var first = (await office.OpenHistoryAsync(Year, page: 1, pageSize: 2)).Value!;
        var second = (await office.OpenHistoryAsync(Year, page: 2, pageSize: 2)).Value!;
        Assert.Equal((all.Total, all.Total), (first.Total, second.Total));
        Assert.Equal(all.Rows.Take(4).Select(r => r.Id), first.Rows.Concat(second.Rows).Select(r => r.Id));

        long category;
        HashSet<string> members;
        await using (var db = await Db.ContextAsync())
        {
            category = await db.CategoryMemberships.Where(m => m.Year == Year && m.UnitId == s.T01).Select(m => m.CategoryId).SingleAsync();
            members = [.. await db.CategoryMemberships.Where(m => m.CategoryId == category).Join(db.Units, m => m.UnitId, u => u.Id, (m, u) => u.Name).ToListAsync()];
        }
        var towns = (await office.OpenHistoryAsync(Year, category, pageSize: 1000)).Value!;
        Assert.InRange(towns.Total, 1, all.Total - 1);
        Assert.All(towns.Rows, r => Assert.Contains(r.UnitName, members));
        Assert.Equal(all.Rows.Count(r => members.Contains(r.UnitName)), towns.Total);

        Assert.Equal("页码应从 1 开始，每页 1 到 1000 条。", (await office.OpenHistoryAsync(Year, page: 0)).Error);
    }

    [Fact]
    public async Task A_targets_unreported_months_are_one_warning_that_stays_open_while_they_are_reported_one_by_one()
    {
        var s = await SetupAsync();
        Db.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero));
        var office = Db.Service<WarningService>(Office);

        // January and February were both due (5 February, 5 March) and never reported: one red warning names both.
        var overdue = Assert.Single(await WarningsAsync(Office, s.Target), w => w.Kind == WarningKind.Overdue);
        Assert.Equal((WarningColour.Red, null, "1—2 月"), (overdue.Colour, overdue.Month, overdue.MonthsText));
        var record = Assert.Single((await office.OpenHistoryAsync(Year, pageSize: 1000)).Value!.Rows, h => h.Kind == WarningKind.Overdue && h.UnitName == "城关镇" && h.IndicatorName.StartsWith("B2", StringComparison.Ordinal));
        Assert.StartsWith("1—2 月进度未报送", record.Message, StringComparison.Ordinal);

        // January reported and approved: the same record stays open and now names February only.
        await ApproveAsync(s, 1, "5");
        var history = (await office.OpenHistoryAsync(Year, pageSize: 1000)).Value!.Rows.Where(h => h.Kind == WarningKind.Overdue && h.UnitName == "城关镇" && h.IndicatorName.StartsWith("B2", StringComparison.Ordinal)).ToList();
        var still = Assert.Single(history);
        Assert.Equal((record.Id, null), (still.Id, still.ClearedAt));
        Assert.StartsWith("2 月进度未报送", still.Message, StringComparison.Ordinal);

        // February too: it clears.
        await ApproveAsync(s, 2, "11");
        Assert.NotNull(Assert.Single((await office.OpenHistoryAsync(Year, pageSize: 1000)).Value!.Rows, h => h.Id == record.Id).ClearedAt);
    }
}

public sealed class SqliteWarningServiceTests() : WarningServiceTests(DatabaseProvider.Sqlite);

public sealed class PostgresWarningServiceTests() : WarningServiceTests(DatabaseProvider.Postgres);
