using Baton.Scoring.Indicators;
using Baton.Scoring.Results;
using static Baton.Scoring.Tests.TestYear;

namespace Baton.Scoring.Tests.Results;

public class TraceTests
{
    private static IEnumerable<TraceNode> All(TraceNode node) => new[] { node }.Concat(node.Children.SelectMany(All));

    private static YearResult Year()
    {
        var tree = new IndicatorGroup("root", "指标", [
            new IndicatorGroup("econ", "经济发展", [
                new IndicatorLeaf("gdp", "地区生产总值", 5m, new CompletionRateRule()) { Unit = "亿元" },
                new IndicatorLeaf("inv", "固定资产投资", 5m, new CompletionRateRule()),
            ]),
            new IndicatorLeaf("safe", "安全生产", 90m, new DeductionRule(1m)),
        ]);
        var category = CategorySpec.IndicatorsOnly("C", "镇一类", tree, Grades()) with { AwardBase = 10_000m };
        var unit = new UnitInput("A", "城关镇", "C", [
            new LeafValue("gdp", 100m, 96m) { Evidence = "sha256:ab12", Approver = "统计局 李四", Source = "统计局" },
            new LeafValue("inv", 50m, null),
        ])
        {
            Adjustments = [new Adjustment(AdjustmentKind.Bonus, 1m, "获省级表彰") { Evidence = "表彰文件.pdf", ApprovedBy = "考核办 王五" }],
        };
        return Score(category, unit);
    }

    [Fact]
    public void Every_leaf_appears_in_the_trace_with_its_formula_input_target_evidence_and_approver()
    {
        var trace = Year().Explain("A");
        var gdp = All(trace).Single(n => n.Code == "gdp");
        Assert.Equal("完成率 = 实际 96 ÷ 目标 100 = 96.0%；得分 = 完成率 96.0% × 5 分 = 4.80 分", gdp.Formula);
        Assert.Equal(4.80m, gdp.Points);
        Assert.Equal("96亿元", gdp.Input);
        Assert.Equal("100亿元", gdp.Target);
        Assert.Equal("sha256:ab12", gdp.Evidence);
        Assert.Equal("统计局 李四", gdp.Approver);
        Assert.Equal("完成率", gdp.Rule);
        Assert.Equal(3, All(trace).Count(n => n.Rule is not null));
    }

    [Fact]
    public void A_missing_leaf_is_flagged_not_reported()
    {
        var inv = All(Year().Explain("A")).Single(n => n.Code == "inv");
        Assert.Equal("未报送", inv.Flag);
        Assert.Equal(0m, inv.Points);
        Assert.Contains("未报送", inv.Formula, StringComparison.Ordinal);
    }

    [Fact]
    public void Groups_and_the_overall_score_add_up_what_the_unit_sees()
    {
        var trace = Year().Explain("A");
        Assert.Equal("小计 = 4.80 + 0.00 = 4.80 分", All(trace).Single(n => n.Code == "econ").Formula);
        Assert.Equal("综合得分 = 指标考核 94.80 × 100.0% + 加分 1.00 − 减分 0.00 = 95.80 分", trace.Formula);
        var bonus = All(trace).Single(n => n.Label.StartsWith("加分：", StringComparison.Ordinal));
        Assert.Equal("考核办 王五", bonus.Approver);
        Assert.Equal("表彰文件.pdf", bonus.Evidence);
    }

    [Fact]
    public void The_trace_states_rank_grade_and_award()
    {
        var trace = Year().Explain("A");
        Assert.Contains(trace.Children, n => n.Label == "排名" && n.Formula.Contains("第 1 名", StringComparison.Ordinal));
        Assert.Contains(trace.Children, n => n.Label == "等次" && n.Formula.Contains("评为", StringComparison.Ordinal));
        Assert.Contains(trace.Children, n => n.Label == "目标奖");
    }

    [Fact]
    public void A_weighted_group_shows_its_weights_and_child_completion()
    {
        var tree = new IndicatorGroup("root", "指标", [
            new IndicatorLeaf("a", "甲", 50m, new CompletionRateRule()) { Weight = 0.25m },
            new IndicatorLeaf("b", "乙", 50m, new CompletionRateRule()) { Weight = 0.75m },
        ]);
        var unit = new UnitInput("A", "甲镇", "C", [new("a", 100m, 40m), new("b", 100m, 100m)]);
        var trace = Score(CategorySpec.IndicatorsOnly("C", "类", tree, Grades()), unit).Explain("A");
        Assert.Equal("得分 = 100 分 × (25.0% × 40.0% + 75.0% × 100.0%) = 85.00 分", All(trace).Single(n => n.Code == "root").Formula);
    }
}
