using Baton.Core.Indicators;
using Baton.Core.Units;
using Baton.Core.Years;
using static Baton.Core.Tests.Units.UnitImportTests;

namespace Baton.Core.Tests.Indicators;

/// <summary>How the indicator-system import reads points, weights, order and lead-unit codes (issue 7, §5.6 and §5.7).</summary>
public abstract class IndicatorImportTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const int Year = 2027;

    private async Task DraftYearAsync()
    {
        Assert.True((await Db.Service<YearService>(Office).CreateAsync(Year, null)).Ok);
        var units = Db.Service<UnitService>(Office);
        Assert.True((await units.CreateCategoryAsync(Year, "TOWN-A", "镇一类", UnitKind.Town)).Ok);
        Assert.True((await units.CreateAsync(Year, new UnitInput("D01", "县发展和改革局", UnitKind.Department, null))).Ok);
    }

    private static string[] Leaf(string code, string points, string weight = "", string order = "1", string lead = "") =>
        ["TOWN-A", code, "", "指标" + code, "指标", points, weight, "完成率", "", lead, "单位自报", "", "否", order];

    [Fact]
    public async Task Points_and_weights_take_no_thousands_separator_and_the_cell_is_named()
    {
        await DraftYearAsync();
        var indicators = Db.Service<IndicatorService>(Office);
        var file = Sheet(IndicatorService.Columns, Leaf("A1", "1,008"), Leaf("A2", "8,5"), Leaf("A3", "10", weight: "0,5"), Leaf("A4", "1,2,3"));
        var refused = await indicators.ImportAsync(Year, file, "体系.xlsx");
        Assert.False(refused.Ok);
        Assert.Contains("第 2 行「分值」", refused.Error, StringComparison.Ordinal);
        Assert.Contains("「1,008」", refused.Error, StringComparison.Ordinal);
        Assert.Contains("第 3 行「分值」", refused.Error, StringComparison.Ordinal);
        Assert.Contains("第 4 行「权重」", refused.Error, StringComparison.Ordinal);
        Assert.Contains("第 5 行「分值」", refused.Error, StringComparison.Ordinal);
        Assert.Empty(await indicators.YearAsync(Year));
    }

    [Fact]
    public async Task Full_width_digits_and_lead_unit_codes_are_converted_not_refused()
    {
        await DraftYearAsync();
        var indicators = Db.Service<IndicatorService>(Office);
        var file = Sheet(IndicatorService.Columns, Leaf("A1", "６０．５", weight: "０.６", order: "２", lead: "ｄ ０１"), Leaf("A2", "39.5"));
        var imported = await indicators.ImportAsync(Year, file, "体系.xlsx");
        Assert.True(imported.Ok, imported.Error);
        var a1 = (await indicators.YearAsync(Year)).Single(i => i.Code == "A1");
        Assert.Equal((60.5m, 0.6m, 2), (a1.Points, a1.Weight, a1.Order));
        Assert.NotNull(a1.LeadUnitId);
    }

    [Fact]
    public async Task Indicator_types_import_by_their_chinese_names_and_an_unknown_type_is_refused()
    {
        await DraftYearAsync();
        var indicators = Db.Service<IndicatorService>(Office);
        var refused = await indicators.ImportAsync(Year, Sheet(IndicatorService.Columns, [.. Leaf("A1", "60"), "规模"]), "体系.xlsx");
        Assert.Contains("第 2 行「指标类型」", refused.Error, StringComparison.Ordinal);

        var imported = await indicators.ImportAsync(Year, Sheet(IndicatorService.Columns, [.. Leaf("A1", "60"), "结构"], [.. Leaf("A2", "40"), ""]), "体系.xlsx");
        Assert.True(imported.Ok, imported.Error);
        var leaves = await indicators.YearAsync(Year);
        Assert.Equal(Baton.Scoring.Planning.IndicatorType.Structure, leaves.Single(i => i.Code == "A1").Type);
        Assert.Null(leaves.Single(i => i.Code == "A2").Type);
    }
}

public sealed class SqliteIndicatorImportTests() : IndicatorImportTests(DatabaseProvider.Sqlite);

public sealed class PostgresIndicatorImportTests() : IndicatorImportTests(DatabaseProvider.Postgres);
