using Baton.Core.Planning;
using Baton.Core.Targets;
using Baton.Core.Tests.Units;
using Baton.Scoring.Planning;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Tests.Planning;

/// <summary>The city's targets for the county: entry, import, decomposition to units and its check, type balance, the county's standing.</summary>
public abstract class SuperiorTargetServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private static SuperiorTargetInput Gdp(PlanningYear y, decimal value = 100m, Aggregation aggregation = Aggregation.AtLeast, decimal margin = 0.05m) =>
        new(y.Year, "SK01", "地区生产总值", "亿元", value, IndicatorType.Total, 10m, aggregation, margin, null, [y.A1]);

    private static MemoryStream Sheet(params string[][] rows) => UnitImportTests.Sheet(SuperiorTargetService.Columns, rows);

    [Fact]
    public async Task Decomposed_total_is_checked_against_the_raised_city_figure_and_the_gap_shown()
    {
        var y = await PlanningYear.CreateAsync(Db, Office);
        var service = Db.Service<SuperiorTargetService>(Office);
        var id = (await service.SaveAsync(null, 0, Gdp(y))).Value;
        var targets = Db.Service<TargetService>(Office);
        Assert.True((await targets.SetTargetsAsync(y.Year, [new TargetEdit(y.T01, y.A1, 60m, null, 0), new TargetEdit(y.T02, y.A1, 40m, null, 0)])).Ok);

        var row = Assert.Single(await service.ListAsync(y.Year));
        // 100 raised by 5% is 105; the towns' 60 + 40 = 100 leave 5 to find.
        Assert.Equal(100m, row.Check.Total);
        Assert.Equal(105m, row.Check.Required);
        Assert.Equal(5m, row.Check.Gap);
        Assert.False(row.Check.Met);
        Assert.Equal(["T01", "T02"], row.Units.Select(u => u.UnitCode));

        Assert.True((await targets.SetTargetsAsync(y.Year, [new TargetEdit(y.T01, y.A1, 65m, null, 0)])).Ok);
        Assert.True((await service.ListAsync(y.Year)).Single(r => r.Id == id).Check.Met);
    }

    [Fact]
    public async Task Shares_give_the_lead_and_cooperating_units_their_suggested_figures()
    {
        var y = await PlanningYear.CreateAsync(Db, Office);
        var service = Db.Service<SuperiorTargetService>(Office);
        var id = (await service.SaveAsync(null, 0, Gdp(y))).Value;
        var saved = await service.SetSharesAsync(id, 0, [new ShareInput(y.T01, true, 0.6m), new ShareInput(y.T02, false, 0.4m)]);
        Assert.True(saved.Ok, saved.Error);

        var row = Assert.Single(await service.ListAsync(y.Year));
        var lead = row.Units[0];
        Assert.Equal((y.T01, true, 0.6m, 63m), (lead.UnitId, lead.IsLead!.Value, lead.Share!.Value, lead.Suggested!.Value));
        Assert.Equal(42m, row.Units[1].Suggested);
        Assert.Equal(2, row.Check.Missing);
    }

    [Fact]
    public async Task Shares_not_adding_up_to_one_hundred_percent_are_refused_and_nothing_is_stored()
    {
        var y = await PlanningYear.CreateAsync(Db, Office);
        var service = Db.Service<SuperiorTargetService>(Office);
        var id = (await service.SaveAsync(null, 0, Gdp(y))).Value;
        var refused = await service.SetSharesAsync(id, 0, [new ShareInput(y.T01, true, 0.6m), new ShareInput(y.T02, false, 0.3m)]);
        Assert.Equal("各单位分担比例合计须为 100%，现在为 90%。", refused.Error);

        var outside = await service.SetSharesAsync(id, 0, [new ShareInput(y.T01, true, 0.5m), new ShareInput(y.D01, false, 0.5m)]);
        Assert.Contains("县商务局所在考核类别没有与此市考任务关联的县级指标", outside.Error, StringComparison.Ordinal);
        await using var db = await Db.ContextAsync();
        Assert.False(await db.SuperiorTargetShares.AnyAsync());
    }

    [Fact]
    public async Task A_duplicate_task_code_is_refused()
    {
        var y = await PlanningYear.CreateAsync(Db, Office);
        var service = Db.Service<SuperiorTargetService>(Office);
        Assert.True((await service.SaveAsync(null, 0, Gdp(y))).Ok);
        var refused = await service.SaveAsync(null, 0, Gdp(y) with { Name = "另一项任务", IndicatorIds = [] });
        Assert.Equal($"市考任务编码「SK01」在 {y.Year} 年度已被使用。", refused.Error);
        await using var db = await Db.ContextAsync();
        Assert.Equal(1, await db.SuperiorTargets.CountAsync());
    }

    [Fact]
    public async Task Only_the_office_enters_city_targets()
    {
        var y = await PlanningYear.CreateAsync(Db, Office);
        var refused = await Db.Service<SuperiorTargetService>(Reporter(y.T01)).SaveAsync(null, 0, Gdp(y));
        Assert.Equal(Outcome.Forbidden, refused.Error);
        await using var db = await Db.ContextAsync();
        Assert.False(await db.SuperiorTargets.AnyAsync());
    }

    [Fact]
    public async Task After_issuance_city_targets_and_shares_are_refused_by_the_year_gate()
    {
        var y = await PlanningYear.CreateAsync(Db, Office);
        var service = Db.Service<SuperiorTargetService>(Office);
        var id = (await service.SaveAsync(null, 0, Gdp(y))).Value;
        await PlanningYear.IssueAsync(Db);

        var create = await service.SaveAsync(null, 0, Gdp(y) with { Code = "SK02" });
        Assert.Contains("此阶段不能设定目标值", create.Error, StringComparison.Ordinal);
        var shares = await service.SetSharesAsync(id, 0, [new ShareInput(y.T01, true, 1m)]);
        Assert.Contains("此阶段不能设定目标值", shares.Error, StringComparison.Ordinal);
        var import = await service.ImportAsync(y.Year, Sheet(["SK03", "税收收入", "亿元", "8", "总量", "", "", "", "", ""]), "市考.xlsx");
        Assert.Contains("此阶段不能设定目标值", import.Error, StringComparison.Ordinal);
        await using var db = await Db.ContextAsync();
        Assert.Equal(1, await db.SuperiorTargets.CountAsync());
        Assert.False(await db.SuperiorTargetShares.AnyAsync());
    }

    [Fact]
    public async Task The_city_file_imports_with_types_weights_checks_and_linked_leaves_and_again_changes_nothing()
    {
        var y = await PlanningYear.CreateAsync(Db, Office);
        var service = Db.Service<SuperiorTargetService>(Office);
        var file = Sheet(["SK01", "地区生产总值", "亿元", "１，２００", "总量", "10", "合计不低于", "8", "A1", "市考核办下达"],
            ["SK02", "招商引资到位资金", "亿元", "30", "质量效益", "6", "合计等于", "", "B1", ""],
            ["SK03", "城镇化率", "%", "62.5", "结构", "5", "", "", "", ""]);
        var imported = await service.ImportAsync(y.Year, file, "市考任务.xlsx");
        Assert.True(imported.Ok, imported.Error);
        Assert.Equal(3, imported.Value!.Rows);

        var rows = await service.ListAsync(y.Year);
        var gdp = rows.Single(r => r.Code == "SK01");
        Assert.Equal((1200m, IndicatorType.Total, 10m, Aggregation.AtLeast, 0.08m), (gdp.CityValue, gdp.Type, gdp.CityPoints!.Value, gdp.Aggregation, gdp.Margin));
        Assert.Equal(["A1"], gdp.Leaves.Select(l => l.Code));
        Assert.Equal(1296m, gdp.Check.Required);
        Assert.Equal(Aggregation.None, rows.Single(r => r.Code == "SK03").Aggregation);

        file.Position = 0;
        var again = await service.ImportAsync(y.Year, file, "市考任务.xlsx");
        Assert.True(again.Value!.AlreadyImported);
        Assert.Equal(3, (await service.ListAsync(y.Year)).Count);
    }

    [Fact]
    public async Task A_bad_city_file_is_refused_naming_row_and_column_and_nothing_is_stored()
    {
        var y = await PlanningYear.CreateAsync(Db, Office);
        var service = Db.Service<SuperiorTargetService>(Office);
        var bad = Sheet(["SK01", "地区生产总值", "亿元", "1,2", "总量", "", "", "", "", ""],
            ["SK01", "税收", "亿元", "8", "规模", "", "大致相当", "", "Z9", ""]);
        var refused = await service.ImportAsync(y.Year, bad, "市考任务.xlsx");
        Assert.False(refused.Ok);
        Assert.Contains("第 2 行「市下达目标值」", refused.Error, StringComparison.Ordinal);
        Assert.Contains("第 3 行「任务编码」：「SK01」与第 2 行重复", refused.Error, StringComparison.Ordinal);
        Assert.Contains("第 3 行「指标类型」", refused.Error, StringComparison.Ordinal);
        Assert.Contains("第 3 行「校核方式」", refused.Error, StringComparison.Ordinal);
        Assert.Contains("第 3 行「对应县级指标编码」：2027 年度没有编码为「Z9」的末级指标", refused.Error, StringComparison.Ordinal);

        var formula = ExcelSheetTests.Patched(Sheet(["SK01", "地区生产总值", "亿元", "100", "总量", "", "", "", "", ""]),
            xml => System.Text.RegularExpressions.Regex.Replace(xml, "<x:c r=\"D2\"[^>]*><x:v>100</x:v></x:c>", "<x:c r=\"D2\"><x:f>50*2</x:f><x:v>100</x:v></x:c>"));
        var formulaRefused = await service.ImportAsync(y.Year, formula, "市考任务.xlsx");
        Assert.Contains("第 2 行「市下达目标值」是公式", formulaRefused.Error, StringComparison.Ordinal);

        var empty = await service.ImportAsync(y.Year, UnitImportTests.Sheet(SuperiorTargetService.Columns), "市考任务.xlsx");
        Assert.Equal("文件中没有数据行。", empty.Error);
        await using var db = await Db.ContextAsync();
        Assert.False(await db.SuperiorTargets.AnyAsync());
        Assert.False(await db.Imports.AnyAsync(i => i.Kind.StartsWith("superior")));
    }

    [Fact]
    public async Task Balance_counts_each_category_s_leaves_and_points_by_type()
    {
        var y = await PlanningYear.CreateAsync(Db, Office);
        Assert.True((await Db.Service<SuperiorTargetService>(Office).SaveAsync(null, 0, Gdp(y))).Ok);
        var balance = await Db.Service<SuperiorTargetService>(Office).BalanceAsync(y.Year);
        Assert.Equal(["市考任务", "经济部门", "镇一类"], balance.Select(b => b.Name));
        var town = balance.Single(b => b.Name == "镇一类").Types;
        Assert.Equal((1, 60m), (town.Single(t => t.Type == IndicatorType.Total).Count, town.Single(t => t.Type == IndicatorType.Total).Points));
        Assert.Equal(0, town.Single(t => t.Type == IndicatorType.Structure).Count);
        Assert.Equal(10m, balance[0].Types.Single(t => t.Type == IndicatorType.Total).Points);
    }

    [Fact]
    public async Task The_county_s_standing_in_the_city_s_appraisal_is_a_series_by_period()
    {
        var y = await PlanningYear.CreateAsync(Db, Office);
        var service = Db.Service<SuperiorTargetService>(Office);
        Assert.True((await service.SaveStandingAsync(y.Year, null, 0, new CityStandingInput("上半年", new DateOnly(2027, 6, 30), 88.5m, 4, 12, null))).Ok);
        Assert.True((await service.SaveStandingAsync(y.Year, null, 0, new CityStandingInput("一季度", new DateOnly(2027, 3, 31), 85m, 6, 12, null))).Ok);
        var twice = await service.SaveStandingAsync(y.Year, null, 0, new CityStandingInput("一季度", new DateOnly(2027, 3, 31), 86m, 5, 12, null));
        Assert.Contains("已登记过「一季度」", twice.Error, StringComparison.Ordinal);
        var rankTooLow = await service.SaveStandingAsync(y.Year, null, 0, new CityStandingInput("1—9月", new DateOnly(2027, 9, 30), 90m, 13, 12, null));
        Assert.False(rankTooLow.Ok);

        Assert.Equal([("一季度", 6), ("上半年", 4)], (await service.StandingAsync(y.Year)).Select(s => (s.Period, s.Rank!.Value)));
        Assert.Empty(await Db.Service<SuperiorTargetService>(Reporter(y.T01)).StandingAsync(y.Year));
    }
}

public sealed class SqliteSuperiorTargetServiceTests() : SuperiorTargetServiceTests(DatabaseProvider.Sqlite);

public sealed class PostgresSuperiorTargetServiceTests() : SuperiorTargetServiceTests(DatabaseProvider.Postgres);
