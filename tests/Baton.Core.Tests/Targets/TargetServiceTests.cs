using Baton.Core.Accounts;
using Baton.Core.Demo;
using Baton.Core.Indicators;
using Baton.Core.Results;
using Baton.Core.Targets;
using Baton.Core.Tests.Results;
using Baton.Core.Tests.Units;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Tests.Targets;

public abstract class TargetServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const int Year = DemoCounty.CurrentYear;

    private async Task<(long Category, long Leaf, long LeadUnit)> TownLeafAsync(string code)
    {
        await using var db = await Db.ContextAsync();
        var category = await db.UnitCategories.Where(c => c.Year == Year && c.Code == "TOWN-A").Select(c => c.Id).SingleAsync();
        var leaf = await db.Indicators.SingleAsync(i => i.CategoryId == category && i.Code == code);
        return (category, leaf.Id, leaf.LeadUnitId!.Value);
    }

    [Fact]
    public async Task Authoritative_value_wins_and_only_the_lead_unit_or_office_sets_it()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        var (category, leaf, lead) = await TownLeafAsync("C1");
        var own = await ResultServiceTests.UnitIdAsync(Db, "T01");
        var other = await ResultServiceTests.UnitIdAsync(Db, "T02");

        var reporter = Db.Service<TargetService>(Reporter(own));
        Assert.True((await reporter.ReportActualAsync(Year, own, leaf, 500m, null, Version(await reporter.GridAsync(category), own, leaf))).Ok);
        Assert.Equal(Outcome.NotFound, (await reporter.ReportActualAsync(Year, other, leaf, 500m, null, 0)).Error);
        Assert.Equal(Outcome.Forbidden, (await reporter.SetAuthoritativeAsync(Year, own, leaf, 400m, null, 1)).Error);
        Assert.All(await reporter.GridAsync(category), r => Assert.Equal(own, r.UnitId));

        var wrongReviewer = Db.Service<TargetService>(new CurrentUser("r2", [Roles.LeadReviewer], other));
        Assert.Equal(Outcome.NotFound, (await wrongReviewer.SetAuthoritativeAsync(Year, own, leaf, 400m, null, 1)).Error);

        var reviewer = Db.Service<TargetService>(new CurrentUser("reviewer", [Roles.LeadReviewer], lead));
        var grid = await reviewer.GridAsync(category);
        Assert.Contains(grid, r => r.UnitId == other && r.IndicatorId == leaf);
        var approved = await reviewer.SetAuthoritativeAsync(Year, own, leaf, 400m, null, Version(grid, own, leaf));
        Assert.True(approved.Ok, approved.Error);
        var row = (await reporter.GridAsync(category)).Single(r => r.IndicatorId == leaf);
        Assert.Equal((500m, 400m, 400m, DataSource.LeadUnit), (row.ReportedActual!.Value, row.AuthoritativeActual!.Value, row.Counted.Value!.Value, row.AuthoritativeSource!.Value));

        var history = await reporter.HistoryAsync(row.Id!.Value);
        Assert.True(history.Count >= 3);
        Assert.Equal("reviewer", history[0].Actor);
        Assert.Empty(await Db.Service<TargetService>(Reporter(other)).HistoryAsync(row.Id.Value));
    }

    private static CurrentUser Head(long unitId) => new("head", [Roles.UnitHead], unitId);

    /// <summary>What the scoring input carries for the unit's value of the leaf: the counted actual and its source as the trace shows it.</summary>
    private async Task<ValueData?> ScoringInputAsync(string unitCode, string leafCode)
    {
        await using var db = await Db.ContextAsync();
        var inputs = await SnapshotLoader.LoadAsync(db, Year, default);
        return inputs.Units.Single(u => u.Code == unitCode).Values.SingleOrDefault(v => v.Leaf == leafCode);
    }

    [Fact]
    public async Task A_lead_unit_indicator_counts_only_after_the_head_signs_off_and_the_lead_unit_approves()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        var (category, leaf, lead) = await TownLeafAsync("A5");
        var own = await ResultServiceTests.UnitIdAsync(Db, "T01");
        var reporter = Db.Service<TargetService>(Reporter(own));
        var head = Db.Service<TargetService>(Head(own));
        var reviewer = Db.Service<TargetService>(new CurrentUser("reviewer", [Roles.LeadReviewer], lead));
        async Task<TargetRow> RowAsync() => (await reporter.GridAsync(category)).Single(r => r.IndicatorId == leaf);

        Assert.Contains(await reporter.WorkAsync(Year, TargetWork.Unreported), r => r.IndicatorId == leaf);
        Assert.True((await reporter.ReportActualAsync(Year, own, leaf, 0.5m, null, (await RowAsync()).Version)).Ok);
        Assert.DoesNotContain(await reporter.WorkAsync(Year, TargetWork.Unreported), r => r.IndicatorId == leaf);
        var entered = await ScoringInputAsync("T01", "A5");
        Assert.Null(entered!.Actual);
        Assert.Contains("待单位负责人确认", entered.Source, StringComparison.Ordinal);

        // Not signed off: the reviewer neither sees it in the queue nor can approve it; the reporter cannot sign off.
        Assert.DoesNotContain(await reviewer.WorkAsync(Year, TargetWork.AwaitingReview), r => r.UnitId == own && r.IndicatorId == leaf);
        Assert.Contains("尚未经单位负责人确认", (await reviewer.ApproveReportAsync(Year, own, leaf, (await RowAsync()).Version)).Error, StringComparison.Ordinal);
        Assert.Contains("单位负责人", (await reporter.SignOffAsync(Year, own, leaf, (await RowAsync()).Version)).Error, StringComparison.Ordinal);

        Assert.Contains(await head.WorkAsync(Year, TargetWork.AwaitingSignOff), r => r.IndicatorId == leaf);
        Assert.True((await head.SignOffAsync(Year, own, leaf, (await RowAsync()).Version)).Ok);
        Assert.Equal((ReportStatus.SignedOff, "head"), ((await RowAsync()).Status, (await RowAsync()).SignedOffBy));
        var signedOff = await ScoringInputAsync("T01", "A5");
        Assert.Null(signedOff!.Actual);
        Assert.Contains("待牵头部门审核", signedOff.Source, StringComparison.Ordinal);
        Assert.Contains("提交审核", (await reporter.ReportActualAsync(Year, own, leaf, 0.4m, null, (await RowAsync()).Version)).Error, StringComparison.Ordinal);

        Assert.Contains(await reviewer.WorkAsync(Year, TargetWork.AwaitingReview), r => r.UnitId == own && r.IndicatorId == leaf);
        Assert.Contains("退回原因", (await reviewer.ReturnReportAsync(Year, own, leaf, " ", (await RowAsync()).Version)).Error, StringComparison.Ordinal);
        Assert.True((await reviewer.ReturnReportAsync(Year, own, leaf, "能耗口径应为规上工业", (await RowAsync()).Version)).Ok);
        var returned = Assert.Single(await reporter.WorkAsync(Year, TargetWork.Returned));
        Assert.Equal((ReportStatus.Returned, "能耗口径应为规上工业"), (returned.Status, returned.ReturnReason));
        Assert.Null((await ScoringInputAsync("T01", "A5"))!.Actual);

        Assert.True((await reporter.ReportActualAsync(Year, own, leaf, 0.52m, null, (await RowAsync()).Version)).Ok);
        Assert.True((await head.SignOffAsync(Year, own, leaf, (await RowAsync()).Version)).Ok);
        Assert.True((await reviewer.ApproveReportAsync(Year, own, leaf, (await RowAsync()).Version)).Ok);
        var approved = await ScoringInputAsync("T01", "A5");
        Assert.Equal(0.52m, approved!.Actual);
        Assert.Equal("单位自报（已审核）", approved.Source);
        Assert.Equal("reviewer", approved.Approver);
        Assert.Contains("审核通过", (await reporter.ReportActualAsync(Year, own, leaf, 0.6m, null, (await RowAsync()).Version)).Error, StringComparison.Ordinal);

        // Every step is in the row's history, by who took it.
        var actors = (await reporter.HistoryAsync((await RowAsync()).Id!.Value)).Select(h => h.Actor).ToHashSet();
        Assert.Superset(new HashSet<string> { "reporter", "head", "reviewer" }, actors);
    }

    [Fact]
    public async Task A_self_reported_indicator_counts_once_the_head_signs_off()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        var unit = await ResultServiceTests.UnitIdAsync(Db, "D02");
        await using (var db = await Db.ContextAsync())
        {
            var category = await db.CategoryMemberships.Where(m => m.Year == Year && m.UnitId == unit).Select(m => m.CategoryId).SingleAsync();
            var leaf = await db.Indicators.SingleAsync(i => i.CategoryId == category && i.Code == "A1");
            Assert.Equal(DataSource.SelfReported, leaf.Source);
            var reporter = Db.Service<TargetService>(Reporter(unit));
            Assert.True((await reporter.ReportActualAsync(Year, unit, leaf.Id, 96m, null, Version(await reporter.GridAsync(category), unit, leaf.Id))).Ok);
            Assert.Null((await ScoringInputAsync("D02", "A1"))!.Actual);
            Assert.True((await Db.Service<TargetService>(Head(unit)).SignOffAsync(Year, unit, leaf.Id, Version(await reporter.GridAsync(category), unit, leaf.Id))).Ok);
        }
        var counted = await ScoringInputAsync("D02", "A1");
        Assert.Equal((96m, "单位自报（单位负责人已确认）"), (counted!.Actual, counted.Source));
    }

    [Fact]
    public async Task Nobody_reviews_or_grades_their_own_unit()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        var d12 = await ResultServiceTests.UnitIdAsync(Db, "D12");
        var d23 = await ResultServiceTests.UnitIdAsync(Db, "D23");
        await using var db = await Db.ContextAsync();
        async Task<(long Category, long Leaf)> LeafOfAsync(long unit, string code)
        {
            var category = await db.CategoryMemberships.Where(m => m.Year == Year && m.UnitId == unit).Select(m => m.CategoryId).SingleAsync();
            return (category, await db.Indicators.Where(i => i.CategoryId == category && i.Code == code).Select(i => i.Id).SingleAsync());
        }
        // D12 leads 招商引资任务 (B1) for every department, itself included; D23 grades 年度重点工作 (A3).
        var (category12, investment) = await LeafOfAsync(d12, "B1");
        Assert.Equal(d12, await db.Indicators.Where(i => i.Id == investment).Select(i => i.LeadUnitId).SingleAsync());
        var reviewer12 = Db.Service<TargetService>(new CurrentUser("r12", [Roles.LeadReviewer], d12));
        var row = (await reviewer12.GridAsync(category12)).Single(r => r.UnitId == d12 && r.IndicatorId == investment);
        Assert.False(reviewer12.MayReview(row));
        Assert.Contains("不能审核或评定本单位", (await reviewer12.SetAuthoritativeAsync(Year, d12, investment, 5000m, null, row.Version)).Error, StringComparison.Ordinal);
        Assert.Contains("不能审核或评定本单位", (await reviewer12.ApproveReportAsync(Year, d12, investment, row.Version)).Error, StringComparison.Ordinal);

        var (category23, work) = await LeafOfAsync(d23, "A3");
        var reviewer23 = Db.Service<TargetService>(new CurrentUser("r23", [Roles.LeadReviewer], d23));
        var graded = (await reviewer23.GridAsync(category23)).Single(r => r.UnitId == d23 && r.IndicatorId == work);
        Assert.Contains("不能审核或评定本单位", (await reviewer23.SetAuthoritativeAsync(Year, d23, work, null, "好", graded.Version)).Error, StringComparison.Ordinal);
        var others = (await reviewer23.GridAsync(category23)).First(r => r.UnitId != d23 && r.IndicatorId == work);
        Assert.True((await reviewer23.SetAuthoritativeAsync(Year, others.UnitId, work, null, "较好", others.Version)).Ok);
    }

    private static long Version(IReadOnlyList<TargetRow> grid, long unit, long leaf) => grid.Single(r => r.UnitId == unit && r.IndicatorId == leaf).Version;

    [Fact]
    public async Task Statistics_import_sets_authoritative_values_all_or_nothing()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        var (category, leaf, _) = await TownLeafAsync("A1");
        var office = Db.Service<TargetService>(Office);
        var bad = UnitImportTests.Sheet([TargetService.ColumnUnit, TargetService.ColumnIndicator, TargetService.ColumnActual],
            ["T01", "A1", "123456"], ["T01", "ZZ", "1"], ["T99", "A1", "1"], ["T02", "A1", "abc"], ["T01", "A1", "5"]);
        var refused = await office.ImportStatisticsAsync(Year, bad, "统计局.xlsx");
        Assert.False(refused.Ok);
        Assert.Contains("第 3 行「指标编码」", refused.Error, StringComparison.Ordinal);
        Assert.Contains("第 4 行「单位代码」", refused.Error, StringComparison.Ordinal);
        Assert.Contains("第 5 行「实际值」", refused.Error, StringComparison.Ordinal);
        Assert.Contains("第 6 行「指标编码」：与第 2 行重复", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(await office.GridAsync(category), r => r.AuthoritativeActual == 123456m);

        var good = UnitImportTests.Sheet([TargetService.ColumnUnit, TargetService.ColumnIndicator, TargetService.ColumnActual], ["T01", "A1", "123456"]);
        var bytes = good.ToArray();
        var imported = await office.ImportStatisticsAsync(Year, new MemoryStream(bytes), "统计局.xlsx");
        Assert.True(imported.Ok, imported.Error);
        var row = (await office.GridAsync(category)).Single(r => r.UnitCode == "T01" && r.IndicatorId == leaf);
        Assert.Equal((123456m, DataSource.StatisticsBureau), (row.AuthoritativeActual!.Value, row.AuthoritativeSource!.Value));
        Assert.True((await office.ImportStatisticsAsync(Year, new MemoryStream(bytes), "统计局.xlsx")).Value!.AlreadyImported);
        Assert.Equal(Outcome.Forbidden, (await Db.Service<TargetService>(Reporter(row.UnitId)).ImportStatisticsAsync(Year, new MemoryStream(bytes), "x.xlsx")).Error);
    }

    [Fact]
    public async Task Targets_are_frozen_once_the_year_is_in_progress_and_export_writes_a_sheet()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        var (_, leaf, _) = await TownLeafAsync("A1");
        var own = await ResultServiceTests.UnitIdAsync(Db, "T01");
        var office = Db.Service<TargetService>(Office);
        var refused = await office.SetTargetsAsync(Year, [new TargetEdit(own, leaf, 1m, null, 0)]);
        Assert.Contains("此阶段不能设定目标值", refused.Error, StringComparison.Ordinal);
        var export = new MemoryStream();
        await office.WriteExportAsync(Year, export);
        export.Position = 0;
        var rows = ExcelSheet.Read(export, TargetService.ExportColumns);
        Assert.True(rows.Ok, rows.Error);
        Assert.True(rows.Value!.Count > 500);
    }
}

public sealed class SqliteTargetServiceTests() : TargetServiceTests(DatabaseProvider.Sqlite);

public sealed class PostgresTargetServiceTests() : TargetServiceTests(DatabaseProvider.Postgres);
