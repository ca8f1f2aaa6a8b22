using Baton.Core.Accounts;
using Baton.Core.Demo;
using Baton.Core.Indicators;
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
        Assert.Equal(Outcome.Forbidden, (await reporter.ApproveActualAsync(Year, own, leaf, 400m, null, 1)).Error);
        Assert.All(await reporter.GridAsync(category), r => Assert.Equal(own, r.UnitId));

        var wrongReviewer = Db.Service<TargetService>(new CurrentUser("r2", [Roles.LeadReviewer], other));
        Assert.Equal(Outcome.NotFound, (await wrongReviewer.ApproveActualAsync(Year, own, leaf, 400m, null, 1)).Error);

        var reviewer = Db.Service<TargetService>(new CurrentUser("reviewer", [Roles.LeadReviewer], lead));
        var grid = await reviewer.GridAsync(category);
        Assert.Contains(grid, r => r.UnitId == other && r.IndicatorId == leaf);
        var approved = await reviewer.ApproveActualAsync(Year, own, leaf, 400m, null, Version(grid, own, leaf));
        Assert.True(approved.Ok, approved.Error);
        var row = (await reporter.GridAsync(category)).Single(r => r.IndicatorId == leaf);
        Assert.Equal((500m, 400m, 400m, DataSource.LeadUnit), (row.ReportedActual!.Value, row.AuthoritativeActual!.Value, row.Actual!.Value, row.AuthoritativeSource!.Value));

        var history = await reporter.HistoryAsync(row.Id!.Value);
        Assert.True(history.Count >= 3);
        Assert.Equal("reviewer", history[0].Actor);
        Assert.Empty(await Db.Service<TargetService>(Reporter(other)).HistoryAsync(row.Id.Value));
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
