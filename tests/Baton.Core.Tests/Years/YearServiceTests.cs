using Baton.Core.Demo;
using Baton.Core.Ratings;
using Baton.Core.Results;
using Baton.Core.Targets;
using Baton.Core.Tests.Results;
using Baton.Core.Units;
using Baton.Core.Years;
using Baton.Scoring.Ratings;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Tests.Years;

public abstract class YearServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    [Fact]
    public async Task Year_moves_one_step_with_a_reason_and_is_audited()
    {
        var years = Db.Service<YearService>(Office);
        var year = (await years.CreateAsync(2026, null)).Value!;
        Assert.True(year.IsCurrent);
        Assert.Equal(YearState.Draft, year.State);

        Assert.False((await years.TransitionAsync(year.Id, year.Version, YearState.TargetsIssued, "")).Ok);
        Assert.False((await years.TransitionAsync(year.Id, year.Version, YearState.InProgress, "跳过")).Ok);
        Assert.True((await years.TransitionAsync(year.Id, year.Version, YearState.TargetsIssued, "目标已下达")).Ok);
        Assert.Equal(Outcome.Conflict, (await years.TransitionAsync(year.Id, year.Version, YearState.InProgress, "旧页面")).Error);

        var now = (await years.CurrentAsync())!;
        Assert.Equal(YearState.TargetsIssued, now.State);
        Assert.True((await years.TransitionAsync(now.Id, now.Version, YearState.Draft, "指标需调整")).Ok);
        var history = await years.HistoryAsync(year.Id);
        Assert.Equal(["指标需调整", "目标已下达"], history.Select(h => h.Reason));

        await using var db = await Db.ContextAsync();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(YearTransition)));
    }

    private async Task<YearRow> YearAsync(int year) => (await Db.Service<YearService>(Office).ListAsync()).Single(y => y.Year == year);

    private async Task<Outcome> MoveAsync(int year, YearState to, string reason = "测试")
    {
        var row = await YearAsync(year);
        return await Db.Service<YearService>(Office).TransitionAsync(row.Id, row.Version, to, reason);
    }

    [Fact]
    public async Task A_year_cannot_leave_in_progress_with_an_open_round_or_an_outstanding_report_until_each_is_waived()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        const int year = DemoCounty.CurrentYear;
        var years = Db.Service<YearService>(Office);
        var round = await Db.Service<RatingRoundService>(Office).CreateAsync(new RoundInput(year, RatingKind.LeaderRating, "2026年度县领导评价",
            RatingScale.Numeric, null, null, 90, AnchoringRule.None, [new CriterionInput("综合评价", 1m)]));
        Assert.True(round.Ok, round.Error);

        // 2026 is in progress with targets and nothing reported yet.
        var refused = await MoveAsync(year, YearState.Scoring);
        Assert.False(refused.Ok);
        var missing = (await years.MissingAsync((await YearAsync(year)).Id, YearState.Scoring)).Value!;
        var lines = refused.Error!.Split('\n');
        Assert.Contains("不能推进到「年终计分」", lines[0], StringComparison.Ordinal);
        Assert.Equal(missing.Select(m => m.Text), lines.Skip(1));
        var leaderRound = Assert.Single(missing, m => m.Text == "评议轮次「2026年度县领导评价」尚未结束（已提交 0/0）");
        Assert.Equal(WaiverItemKind.OpenRound, leaderRound.WaivableAs);
        Assert.Contains(missing, m => m.Text == "「城关镇」（T01）的指标「A1 地区生产总值」尚未报送完成值");
        Assert.All(missing, m => Assert.NotNull(m.WaivableAs));

        // A value reported by the unit takes its item off the list.
        var t01 = await ResultServiceTests.UnitIdAsync(Db, "T01");
        long leaf;
        await using (var db = await Db.ContextAsync())
        {
            leaf = await db.Indicators.Where(i => i.Year == year && i.Code == "A1"
                && db.CategoryMemberships.Any(m => m.Year == year && m.UnitId == t01 && m.CategoryId == i.CategoryId)).Select(i => i.Id).SingleAsync();
        }
        var version = (await Db.Service<TargetService>(Office).GridAsync(await CategoryOfAsync(year, t01))).Single(r => r.UnitId == t01 && r.IndicatorId == leaf).Version;
        Assert.True((await Db.Service<TargetService>(Reporter(t01)).ReportActualAsync(year, t01, leaf, 120_000m, null, version)).Ok);
        var fewer = (await years.MissingAsync((await YearAsync(year)).Id, YearState.Scoring)).Value!;
        Assert.Equal(missing.Count - 1, fewer.Count);
        Assert.DoesNotContain(fewer, m => m.Text.Contains("「城关镇」（T01）的指标「A1 ", StringComparison.Ordinal));

        // A waiver needs a reason, and only an item that is listed can be waived.
        var yearId = (await YearAsync(year)).Id;
        Assert.Contains("豁免理由", (await years.WaiveAsync(yearId, [new WaiverInput(WaiverItemKind.OpenRound, leaderRound.Key!)], " ")).Error, StringComparison.Ordinal);
        Assert.False((await years.WaiveAsync(yearId, [new WaiverInput(WaiverItemKind.OpenRound, "999999")], "无此轮次")).Ok);
        Assert.Equal(Outcome.Forbidden, (await Db.Service<YearService>(Reporter(t01)).WaiveAsync(yearId, [new WaiverInput(WaiverItemKind.OpenRound, leaderRound.Key!)], "x")).Error);

        Assert.True((await years.WaiveAsync(yearId, [new WaiverInput(WaiverItemKind.OpenRound, leaderRound.Key!)], "县领导评价改在明年一季度进行")).Ok);
        var still = await MoveAsync(year, YearState.Scoring);
        Assert.DoesNotContain("2026年度县领导评价", still.Error, StringComparison.Ordinal);
        Assert.Contains("尚未报送完成值", still.Error, StringComparison.Ordinal);

        var reports = (await years.MissingAsync(yearId, YearState.Scoring)).Value!;
        Assert.True((await years.WaiveAsync(yearId, [.. reports.Select(m => new WaiverInput(m.WaivableAs!.Value, m.Key!))], "演示年度，年终数据尚未产生")).Ok);
        Assert.Empty((await years.MissingAsync(yearId, YearState.Scoring)).Value!);
        var moved = await MoveAsync(year, YearState.Scoring, "年终计分");
        Assert.True(moved.Ok, moved.Error);

        var waivers = await years.WaiversAsync(yearId);
        Assert.Equal(reports.Count + 1, waivers.Count);
        Assert.Contains(waivers, w => w.Kind == WaiverItemKind.OpenRound && w.Item == "评议轮次「2026年度县领导评价」"
            && w.Reason == "县领导评价改在明年一季度进行" && w.By == "office");
        Assert.Contains(waivers, w => w.Item == "「城关镇」的指标「A2 一般公共预算收入」的完成值");
        await using var context = await Db.ContextAsync();
        Assert.Equal(reports.Count + 1, await context.AuditEntries.CountAsync(a => a.EntityType == nameof(YearWaiver) && a.Action == "create"));

        // 2026 was never computed: it cannot go on to public notice.
        var notice = await MoveAsync(year, YearState.PublicNotice);
        Assert.Contains("尚未计算得分", notice.Error, StringComparison.Ordinal);
    }

    private async Task<long> CategoryOfAsync(int year, long unitId)
    {
        await using var db = await Db.ContextAsync();
        return await db.CategoryMemberships.Where(m => m.Year == year && m.UnitId == unitId).Select(m => m.CategoryId).SingleAsync();
    }

    [Fact]
    public async Task Public_notice_needs_a_snapshot_of_the_current_inputs_and_going_back_needs_only_a_reason()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        const int year = DemoCounty.PreviousYear;
        Assert.Equal("请填写变更原因。", (await MoveAsync(year, YearState.PublicNotice, " ")).Error);
        Assert.True((await MoveAsync(year, YearState.PublicNotice, "更正一项核定值")).Ok);
        Assert.True((await MoveAsync(year, YearState.Scoring, "更正一项核定值")).Ok);

        // Nothing changed since the snapshot: the year may go back to public notice.
        var yearId = (await YearAsync(year)).Id;
        Assert.Empty((await Db.Service<YearService>(Office).MissingAsync(yearId, YearState.PublicNotice)).Value!);

        // The lead unit corrects an authoritative value: the snapshot no longer shows the data.
        await using (var db = await Db.ContextAsync())
        {
            var target = await db.Targets.Where(t => t.Year == year && t.AuthoritativeActual != null && t.Value != null).OrderBy(t => t.Id).FirstAsync();
            var category = await CategoryOfAsync(year, target.UnitId);
            var row = (await Db.Service<TargetService>(Office).GridAsync(category)).Single(r => r.UnitId == target.UnitId && r.IndicatorId == target.IndicatorId);
            var corrected = await Db.Service<TargetService>(Office).SetAuthoritativeAsync(year, target.UnitId, target.IndicatorId, target.AuthoritativeActual + 1000m, row.Grade, row.Version);
            Assert.True(corrected.Ok, corrected.Error);
        }
        var refused = await MoveAsync(year, YearState.PublicNotice);
        Assert.False(refused.Ok);
        Assert.Contains("不是按当前数据计算的", refused.Error, StringComparison.Ordinal);
        Assert.Equal(YearState.Scoring, (await YearAsync(year)).State);

        Assert.True((await Db.Service<ResultService>(Office).ComputeAsync(year)).Ok);
        var moved = await MoveAsync(year, YearState.PublicNotice, "重新计分后公示");
        Assert.True(moved.Ok, moved.Error);
    }

    [Fact]
    public async Task New_year_starts_from_the_previous_years_categories()
    {
        var years = Db.Service<YearService>(Office);
        var units = Db.Service<UnitService>(Office);
        await years.CreateAsync(2025, null);
        await units.CreateCategoryAsync(2025, "TOWN-A", "镇一类", UnitKind.Town);
        var kept = (await units.CreateAsync(2025, new UnitInput("T01", "城关镇", UnitKind.Town, "TOWN-A"))).Value;
        var retired = (await units.CreateAsync(2025, new UnitInput("T02", "东河镇", UnitKind.Town, "TOWN-A"))).Value;
        await units.RetireAsync(retired, 0, "撤并");

        Assert.True((await years.CreateAsync(2026, null)).Ok);
        var categories = await units.CategoriesAsync(2026);
        Assert.Equal(["TOWN-A"], categories.Select(c => c.Code));
        Assert.Equal(1, categories[0].Units);
        Assert.Equal("TOWN-A", (await units.GetAsync(kept, 2026))!.CategoryCode);
    }

    [Fact]
    public async Task Only_the_office_changes_years()
    {
        var year = (await Db.Service<YearService>(Office).CreateAsync(2026, null)).Value!;
        var admin = Db.Service<YearService>(Admin);
        Assert.Equal(Outcome.Forbidden, (await admin.TransitionAsync(year.Id, year.Version, YearState.TargetsIssued, "x")).Error);
        Assert.Equal(Outcome.Forbidden, (await admin.CreateAsync(2027, null)).Error);
        Assert.Equal(Outcome.Forbidden, (await Db.Service<YearService>(Reporter(1)).SetCurrentAsync(year.Id)).Error);
    }

    [Fact]
    public async Task Switching_the_current_year_leaves_exactly_one_current()
    {
        var years = Db.Service<YearService>(Office);
        await years.CreateAsync(2025, null);
        var next = (await years.CreateAsync(2026, null)).Value!;
        Assert.False((await years.CreateAsync(2026, null)).Ok);
        Assert.True((await years.SetCurrentAsync(next.Id)).Ok);
        var all = await years.ListAsync();
        Assert.Equal([2026], all.Where(y => y.IsCurrent).Select(y => y.Year));
    }
}

public sealed class SqliteYearServiceTests() : YearServiceTests(DatabaseProvider.Sqlite);

public sealed class PostgresYearServiceTests() : YearServiceTests(DatabaseProvider.Postgres);
