using Baton.Core.Demo;
using Baton.Core.Indicators;
using Baton.Core.Targets;
using Baton.Core.Tests.Results;
using Baton.Core.Units;
using Baton.Core.Years;
using Microsoft.EntityFrameworkCore;
using static Baton.Core.Tests.Units.UnitImportTests;

namespace Baton.Core.Tests.Targets;

/// <summary>How the targets and statistics imports read numbers and unit codes (issue 7, §5.6 and §5.7).</summary>
public abstract class TargetImportTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const int Year = 2027;
    private static readonly string[] s_columns = [TargetService.ColumnUnit, TargetService.ColumnIndicator, TargetService.ColumnTarget, TargetService.ColumnPlan];

    /// <summary>A draft year with one town T01 and two leaves: A1 (completion rate) and A2 (time progress).</summary>
    private async Task<long> DraftYearAsync()
    {
        Assert.True((await Db.Service<YearService>(Office).CreateAsync(Year, null)).Ok);
        var units = Db.Service<UnitService>(Office);
        Assert.True((await units.CreateCategoryAsync(Year, "TOWN-A", "镇一类", UnitKind.Town)).Ok);
        Assert.True((await units.CreateAsync(Year, new UnitInput("T01", "城关镇", UnitKind.Town, "TOWN-A"))).Ok);
        var category = (await units.CategoriesAsync(Year)).Single().Id;
        var indicators = Db.Service<IndicatorService>(Office);
        Assert.True((await indicators.SaveAsync(null, 0, new IndicatorInput(category, null, "A1", "地区生产总值", false, 60, null, RuleKind.CompletionRate, null, null,
            DataSource.SelfReported, "万元", false, 1))).Ok);
        Assert.True((await indicators.SaveAsync(null, 0, new IndicatorInput(category, null, "A2", "项目进度", false, 40, null, RuleKind.TimeProgress, "{}", null,
            DataSource.SelfReported, null, false, 2))).Ok);
        return category;
    }

    [Fact]
    public async Task Ambiguous_separators_in_target_values_are_refused_naming_row_and_column()
    {
        await DraftYearAsync();
        var targets = Db.Service<TargetService>(Office);
        var file = Sheet(s_columns, ["T01", "A1", "8,5", ""], ["T01", "A2", "", "1,2,3"]);
        var refused = await targets.ImportTargetsAsync(Year, file, "目标.xlsx");
        Assert.False(refused.Ok);
        Assert.Contains("第 2 行「目标值」", refused.Error, StringComparison.Ordinal);
        Assert.Contains("「8,5」", refused.Error, StringComparison.Ordinal);
        Assert.Contains("第 3 行「月度计划（累计，分号分隔）」", refused.Error, StringComparison.Ordinal);
        await using var db = await Db.ContextAsync();
        Assert.False(await db.Targets.AnyAsync());
    }

    [Theory]
    [InlineData("1,008", "", 1008)]
    [InlineData("12,345.6", "", 12345.6)]
    [InlineData("１２３", "", 123)]
    [InlineData("１，２３４．５", "", 1234.5)]
    public async Task Thousands_groups_and_full_width_digits_import_as_the_number_they_show(string text, string plan, decimal expected)
    {
        var category = await DraftYearAsync();
        var targets = Db.Service<TargetService>(Office);
        var imported = await targets.ImportTargetsAsync(Year, Sheet(s_columns, ["T01", "A1", text, plan]), "目标.xlsx");
        Assert.True(imported.Ok, imported.Error);
        Assert.Equal(expected, (await targets.GridAsync(category)).Single(r => r.IndicatorCode == "A1").Value);
    }

    [Fact]
    public async Task Monthly_plan_months_are_separated_by_semicolons_and_may_group_thousands()
    {
        var category = await DraftYearAsync();
        var targets = Db.Service<TargetService>(Office);
        var ambiguous = await targets.ImportTargetsAsync(Year, Sheet(s_columns, ["T01", "A2", "", "100,200,300"]), "目标.xlsx");
        Assert.False(ambiguous.Ok);
        Assert.Contains("第 2 行「月度计划（累计，分号分隔）」", ambiguous.Error, StringComparison.Ordinal);
        Assert.Contains("分号", ambiguous.Error, StringComparison.Ordinal);

        var imported = await targets.ImportTargetsAsync(Year, Sheet(s_columns, ["T01", "A2", "", "1,000；２，５００;4,000"]), "目标.xlsx");
        Assert.True(imported.Ok, imported.Error);
        Assert.Equal("1000;2500;4000", (await targets.GridAsync(category)).Single(r => r.IndicatorCode == "A2").MonthlyPlan);
    }

    [Fact]
    public async Task Unit_codes_in_a_targets_file_match_whatever_their_width_case_or_spaces()
    {
        var category = await DraftYearAsync();
        var targets = Db.Service<TargetService>(Office);
        var imported = await targets.ImportTargetsAsync(Year, Sheet(s_columns, [" ｔ０１ ", "A1", "1200", ""]), "目标.xlsx");
        Assert.True(imported.Ok, imported.Error);
        Assert.Equal(1200m, (await targets.GridAsync(category)).Single(r => r.IndicatorCode == "A1").Value);
    }

    [Fact]
    public async Task Statistics_values_are_read_by_the_same_rule()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        var office = Db.Service<TargetService>(Office);
        string[] columns = [TargetService.ColumnUnit, TargetService.ColumnIndicator, TargetService.ColumnActual];
        var refused = await office.ImportStatisticsAsync(DemoCounty.CurrentYear, Sheet(columns, ["T01", "A1", "1,2,3"], ["T02", "A1", "8,5"]), "统计局.xlsx");
        Assert.False(refused.Ok);
        Assert.Contains("第 2 行「实际值」", refused.Error, StringComparison.Ordinal);
        Assert.Contains("第 3 行「实际值」", refused.Error, StringComparison.Ordinal);

        var imported = await office.ImportStatisticsAsync(DemoCounty.CurrentYear, Sheet(columns, ["ｔ01", "A1", "１２３,４５６.５"]), "统计局.xlsx");
        Assert.True(imported.Ok, imported.Error);
        await using var db = await Db.ContextAsync();
        var t01 = await ResultServiceTests.UnitIdAsync(Db, "T01");
        Assert.Contains(123456.5m, await db.Targets.Where(t => t.Year == DemoCounty.CurrentYear && t.UnitId == t01).Select(t => t.AuthoritativeActual).ToListAsync());
    }
}

public sealed class SqliteTargetImportTests() : TargetImportTests(DatabaseProvider.Sqlite);

public sealed class PostgresTargetImportTests() : TargetImportTests(DatabaseProvider.Postgres);
