using Baton.Core.Indicators;
using Baton.Core.Targets;
using Baton.Core.Units;
using Baton.Core.Years;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Tests.Indicators;

public abstract class IndicatorServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const int Year = 2026;

    private async Task<(long Category, long Unit, long YearId)> SetUpAsync()
    {
        var years = Db.Service<YearService>(Office);
        var year = (await years.CreateAsync(Year, null)).Value!;
        var units = Db.Service<UnitService>(Office);
        Assert.True((await units.CreateCategoryAsync(Year, "TOWN-A", "镇一类", UnitKind.Town)).Ok);
        var unit = (await units.CreateAsync(Year, new UnitInput("T01", "城关镇", UnitKind.Town, "TOWN-A"))).Value;
        var category = (await units.CategoriesAsync(Year)).Single().Id;
        return (category, unit, year.Id);
    }

    private static IndicatorInput Leaf(long category, long? parent, string code, decimal points, RuleKind rule = RuleKind.CompletionRate, string? parameters = null) =>
        new(category, parent, code, "指标" + code, false, points, null, rule, parameters, null, DataSource.SelfReported, "万元", false, 1);

    [Fact]
    public async Task Year_cannot_leave_draft_until_points_add_up_and_targets_are_set()
    {
        var (category, unit, yearId) = await SetUpAsync();
        var indicators = Db.Service<IndicatorService>(Office);
        var group = await indicators.SaveAsync(null, 0, new IndicatorInput(category, null, "A", "经济发展", true, 0, null, RuleKind.None, null, null, DataSource.SelfReported, null, false, 1));
        Assert.True(group.Ok, group.Error);
        var leaf = await indicators.SaveAsync(null, 0, Leaf(category, group.Value, "A1", 60));
        Assert.True(leaf.Ok, leaf.Error);

        var years = Db.Service<YearService>(Office);
        var refused = await years.TransitionAsync(yearId, 0, YearState.TargetsIssued, "下达");
        Assert.False(refused.Ok);
        Assert.Contains("合计 60 分，应为 100 分", refused.Error, StringComparison.Ordinal);
        Assert.Contains("缺少目标值", refused.Error, StringComparison.Ordinal);

        var leaf2 = await indicators.SaveAsync(null, 0, Leaf(category, group.Value, "A2", 40, RuleKind.Graded));
        Assert.True(leaf2.Ok, leaf2.Error);
        var targets = Db.Service<TargetService>(Office);
        var zero = await targets.SetTargetsAsync(Year, [new TargetEdit(unit, leaf.Value, 0m, null, 0)]);
        Assert.True(zero.Ok, zero.Error);
        var stillRefused = await years.TransitionAsync(yearId, 0, YearState.TargetsIssued, "下达");
        Assert.Contains("目标值为 0", stillRefused.Error, StringComparison.Ordinal);

        var row = (await targets.GridAsync(category)).Single(r => r.IndicatorId == leaf.Value);
        Assert.True((await targets.SetTargetsAsync(Year, [new TargetEdit(unit, leaf.Value, 1200m, null, row.Version)])).Ok);
        var unissued = await years.TransitionAsync(yearId, 0, YearState.TargetsIssued, "下达");
        Assert.Contains("的目标尚未下达", unissued.Error, StringComparison.Ordinal);
        Assert.True((await Db.Service<TargetIssuanceService>(Office).IssueAsync(Year, null, null)).Ok);
        var issued = await years.TransitionAsync(yearId, 0, YearState.TargetsIssued, "下达");
        Assert.True(issued.Ok, issued.Error);

        // Targets are frozen once issued.
        var issuedRow = (await targets.GridAsync(category)).Single(r => r.IndicatorId == leaf.Value);
        var frozen = await targets.SetTargetsAsync(Year, [new TargetEdit(unit, leaf.Value, 1300m, null, issuedRow.Version)]);
        Assert.Contains("当前为「目标已下达」，此阶段不能设定目标值", frozen.Error, StringComparison.Ordinal);
        Assert.Equal(1200m, (await targets.GridAsync(category)).Single(r => r.IndicatorId == leaf.Value).Value);

        // Frozen once issued.
        var late = await indicators.SaveAsync(null, 0, Leaf(category, group.Value, "A3", 1));
        Assert.False(late.Ok);
        Assert.Contains("此阶段不能修改指标体系", late.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Targets_import_is_all_or_nothing_and_names_row_and_column()
    {
        var (category, unit, _) = await SetUpAsync();
        var indicators = Db.Service<IndicatorService>(Office);
        var leaf = (await indicators.SaveAsync(null, 0, Leaf(category, null, "A1", 60))).Value;
        await indicators.SaveAsync(null, 0, Leaf(category, null, "A2", 40, RuleKind.TimeProgress, "{}"));
        var targets = Db.Service<TargetService>(Office);
        string[] columns = [TargetService.ColumnUnit, TargetService.ColumnIndicator, TargetService.ColumnTarget, TargetService.ColumnPlan];
        var bad = Units.UnitImportTests.Sheet(columns, ["T01", "A1", "1200", ""], ["T01", "A2", "", "10;5"], ["T01", "A9", "1", ""], ["T01", "A1", "-3", ""]);
        var refused = await targets.ImportTargetsAsync(Year, bad, "目标.xlsx");
        Assert.False(refused.Ok);
        Assert.Contains("第 3 行「月度计划（累计，分号分隔）」", refused.Error, StringComparison.Ordinal);
        Assert.Contains("第 4 行「指标编码」", refused.Error, StringComparison.Ordinal);
        Assert.Contains("第 5 行「指标编码」：与第 2 行重复", refused.Error, StringComparison.Ordinal);
        Assert.All(await targets.GridAsync(category), r => Assert.Null(r.Id));

        var good = Units.UnitImportTests.Sheet(columns, ["T01", "A1", "1200", ""], ["T01", "A2", "", "10；20；30"]);
        var imported = await targets.ImportTargetsAsync(Year, good, "目标.xlsx");
        Assert.True(imported.Ok, imported.Error);
        var grid = await targets.GridAsync(category);
        Assert.Equal(1200m, grid.Single(r => r.IndicatorId == leaf).Value);
        Assert.Equal("10;20;30", grid.Single(r => r.IndicatorCode == "A2").MonthlyPlan);
        Assert.Equal(Outcome.Forbidden, (await Db.Service<TargetService>(Reporter(unit)).SetTargetsAsync(Year, [new TargetEdit(unit, leaf, 1m, null, 1)])).Error);
    }

    [Fact]
    public async Task Incomplete_rule_and_wrong_role_are_refused()
    {
        var (category, unit, _) = await SetUpAsync();
        var indicators = Db.Service<IndicatorService>(Office);
        var noRule = await indicators.SaveAsync(null, 0, Leaf(category, null, "A1", 10, RuleKind.None));
        Assert.Equal("请选择计分规则。", noRule.Error);
        var badJson = await indicators.SaveAsync(null, 0, Leaf(category, null, "A1", 10, RuleKind.CompletionRate, "{floor:"));
        Assert.Contains("JSON", badJson.Error, StringComparison.Ordinal);
        var badCap = await indicators.SaveAsync(null, 0, Leaf(category, null, "A1", 10, RuleKind.CompletionRate, "{\"floor\":1.2,\"cap\":1}"));
        Assert.Contains("下限", badCap.Error, StringComparison.Ordinal);
        var noParam = await indicators.SaveAsync(null, 0, Leaf(category, null, "A1", 10, RuleKind.Deduction, "{}"));
        Assert.Equal("按次扣分规则缺少参数：每次扣分。", noParam.Error);

        var reporter = Db.Service<IndicatorService>(Reporter(unit));
        Assert.Equal(Outcome.Forbidden, (await reporter.SaveAsync(null, 0, Leaf(category, null, "A1", 10))).Error);
        Assert.Empty(await indicators.TreeAsync(category));
    }

    [Fact]
    public async Task Validation_problems_are_grouped_by_indicator_and_add_up_to_the_year_gate_count()
    {
        var (category, _, yearId) = await SetUpAsync();
        Assert.True((await Db.Service<UnitService>(Office).CreateAsync(Year, new UnitInput("T02", "东河镇", UnitKind.Town, "TOWN-A"))).Ok);
        var indicators = Db.Service<IndicatorService>(Office);
        var group = await indicators.SaveAsync(null, 0, new IndicatorInput(category, null, "A", "经济发展", true, 0, null, RuleKind.None, null, null, DataSource.SelfReported, null, false, 1));
        Assert.True((await indicators.SaveAsync(null, 0, Leaf(category, group.Value, "A1", 30))).Ok);
        Assert.True((await indicators.SaveAsync(null, 0, Leaf(category, group.Value, "A2", 30, RuleKind.Graded))).Ok);

        var report = await indicators.ValidateAsync(Year);
        var refused = await Db.Service<YearService>(Office).TransitionAsync(yearId, 0, YearState.TargetsIssued, "下达");
        // The gate lists the validation's problems, and one line for each of the two towns whose targets are not issued.
        Assert.Contains($"尚有 {report.Count + 2} 项条件未满足", refused.Error, StringComparison.Ordinal);
        Assert.Equal(report.Count, report.Groups.Sum(g => g.Problems.Count));
        var settings = Assert.Single(report.Groups, g => g.IndicatorCode is null);
        Assert.Equal(("镇一类", "类别设置与指标结构"), (settings.Category, settings.Title));
        Assert.Contains(settings.Problems, p => p.Contains("合计 60 分", StringComparison.Ordinal));
        // Both towns lack A1's target; the graded A2 needs none.
        var a1 = Assert.Single(report.Groups, g => g.IndicatorCode == "A1");
        Assert.Equal("A1 指标A1", a1.Title);
        Assert.Equal(["单位“城关镇”的指标“指标A1”缺少目标值。", "单位“东河镇”的指标“指标A1”缺少目标值。"], a1.Problems.Order(StringComparer.Ordinal).Reverse());
        Assert.DoesNotContain(report.Groups, g => g.IndicatorCode == "A2");
    }

    [Fact]
    public async Task Rule_parameters_are_stored_with_only_what_the_rule_reads_and_described_in_chinese()
    {
        var (category, _, _) = await SetUpAsync();
        var indicators = Db.Service<IndicatorService>(Office);
        var full = RuleSpec.Serialize(new RuleParameters { Step = 0.05m, PointsPerStep = 0.5m, Floor = 0.6m, Grades = [new("好", 1m)] });
        var saved = await indicators.SaveAsync(null, 0, Leaf(category, null, "A1", 10, RuleKind.BaseExcess, full));
        Assert.True(saved.Ok, saved.Error);
        var row = Assert.Single(await indicators.TreeAsync(category));
        Assert.Equal("{\"step\":0.05,\"pointsPerStep\":0.5}", row.RuleParameters);
        Assert.Equal("完成目标得满分，每超 5% 加 0.5 分，不设上限", row.RuleText);
        Assert.Equal("完成目标得满分，每超 5% 加 0.5 分，加分上限 0 分（超额不加分）",
            RuleSpec.Describe(RuleKind.BaseExcess, RuleSpec.Serialize(RuleSpec.Defaults(RuleKind.BaseExcess) with { MaxExtraPoints = 0m })));
        Assert.Equal("完成目标得满分，每超 5% 加 0.5 分，最多加 2 分", RuleSpec.Describe(RuleKind.BaseExcess, RuleSpec.Serialize(RuleSpec.Defaults(RuleKind.BaseExcess))));
        Assert.Equal(["指标“测试”的超额加分规则不完整：超额步长须大于 0，每步加分和加分上限不能为负（不设上限则留空）。"],
            RuleSpec.Check(RuleKind.BaseExcess, new RuleParameters { Step = 0.05m, PointsPerStep = -1m }, "测试", 10m));
        Assert.Empty(RuleSpec.Check(RuleKind.Veto, new RuleParameters(), "否决", 0m));
    }

    [Fact]
    public async Task A_whole_system_is_copied_from_the_previous_year()
    {
        var (category, _, _) = await SetUpAsync();
        var indicators = Db.Service<IndicatorService>(Office);
        var group = await indicators.SaveAsync(null, 0, new IndicatorInput(category, null, "A", "经济发展", true, 0, null, RuleKind.None, null, null, DataSource.SelfReported, null, false, 1));
        await indicators.SaveAsync(null, 0, Leaf(category, group.Value, "A1", 100));
        Assert.True((await Db.Service<YearService>(Office).CreateAsync(2027, null)).Ok);
        // A new year carries last year's categories; the indicator system is copied on request.
        Assert.Contains("TOWN-A", (await Db.Service<UnitService>(Office).CategoriesAsync(2027)).Select(c => c.Code));
        var copied = await indicators.CopyFromYearAsync(Year, 2027);
        Assert.True(copied.Ok, copied.Error);
        Assert.Equal(2, copied.Value);
        var tree = await indicators.YearAsync(2027);
        Assert.Equal(tree.Single(t => t.Code == "A").Id, tree.Single(t => t.Code == "A1").ParentId);
        Assert.False((await indicators.CopyFromYearAsync(Year, 2027)).Ok);
    }

    [Fact]
    public async Task Excel_round_trip_and_bad_file_is_refused_whole()
    {
        var (category, _, _) = await SetUpAsync();
        var indicators = Db.Service<IndicatorService>(Office);
        var group = await indicators.SaveAsync(null, 0, new IndicatorInput(category, null, "A", "经济发展", true, 0, null, RuleKind.None, null, null, DataSource.SelfReported, null, false, 1));
        await indicators.SaveAsync(null, 0, Leaf(category, group.Value, "A1", 100, RuleKind.CompletionRate, "{\"cap\":1.2}"));
        var export = new MemoryStream();
        await indicators.WriteExportAsync(Year, export);

        await using (var db = await Db.ContextAsync())
        {
            db.Indicators.RemoveRange(db.Indicators.Where(i => i.ParentId != null));
            await db.SaveChangesAsync();
            db.Indicators.RemoveRange(db.Indicators);
            await db.SaveChangesAsync();
        }
        var imported = await indicators.ImportAsync(Year, new MemoryStream(export.ToArray()), "体系.xlsx");
        Assert.True(imported.Ok, imported.Error);
        var tree = await indicators.YearAsync(Year);
        Assert.Equal(["A", "A1"], tree.Select(t => t.Code).Order(StringComparer.Ordinal));
        Assert.Contains("120%", tree.Single(t => t.Code == "A1").RuleText, StringComparison.Ordinal);

        var bad = Units.UnitImportTests.Sheet(IndicatorService.Columns,
            ["TOWN-A", "B", "", "分组", "分组", "", "", "", "", "", "", "", "", "1"],
            ["TOWN-A", "B1", "X", "某指标", "指标", "abc", "", "完成率", "", "", "", "", "", "1"],
            ["NOPE", "C1", "", "某指标", "指标", "5", "", "瞎编", "", "", "", "", "", "1"]);
        var refused = await indicators.ImportAsync(Year, bad, "bad.xlsx");
        Assert.False(refused.Ok);
        Assert.Contains("第 3 行「分值」", refused.Error, StringComparison.Ordinal);
        Assert.Contains("第 3 行「上级编码」", refused.Error, StringComparison.Ordinal);
        Assert.Contains("第 4 行「类别代码」", refused.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await indicators.YearAsync(Year)).Count);
    }
}

public sealed class SqliteIndicatorServiceTests() : IndicatorServiceTests(DatabaseProvider.Sqlite);

public sealed class PostgresIndicatorServiceTests() : IndicatorServiceTests(DatabaseProvider.Postgres);
