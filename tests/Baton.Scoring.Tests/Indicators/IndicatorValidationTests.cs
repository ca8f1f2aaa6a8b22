using Baton.Scoring.Indicators;
using Baton.Scoring.Results;

namespace Baton.Scoring.Tests.Indicators;

public class IndicatorValidationTests
{
    private static CategorySpec Category(params IndicatorNode[] children) =>
        CategorySpec.IndicatorsOnly("C", "镇一类", new IndicatorGroup("root", "指标", [.. children]), TestYear.Grades());

    [Fact]
    public void A_complete_system_has_no_messages()
    {
        var category = Category(
            new IndicatorLeaf("a", "地区生产总值", 60m, new CompletionRateRule()),
            new IndicatorLeaf("b", "安全生产", 40m, new DeductionRule(2m)),
            new IndicatorLeaf("v", "重大事故", 0m, new VetoRule()));
        Assert.Empty(IndicatorValidation.ValidateCategory(category));
    }

    [Fact]
    public void Points_that_do_not_add_up_to_the_total_are_reported()
    {
        var messages = IndicatorValidation.ValidateCategory(Category(new IndicatorLeaf("a", "地区生产总值", 60m, new CompletionRateRule())));
        Assert.Contains(messages, m => m.Contains("合计 60 分，应为 100 分", StringComparison.Ordinal));
    }

    [Fact]
    public void Weights_that_do_not_add_up_are_reported_as_percentages()
    {
        var group = new IndicatorGroup("g", "经济发展",
        [
            new IndicatorLeaf("a", "地区生产总值", 60m, new CompletionRateRule()) { Weight = 0.7143m },
            new IndicatorLeaf("b", "税收", 40m, new CompletionRateRule()) { Weight = 0.2m },
        ]);
        var messages = IndicatorValidation.ValidateCategory(Category(group));
        Assert.Contains("指标“经济发展”的下级指标权重合计 91.43%，应为 100%。", messages);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void Zero_or_negative_targets_are_refused_where_the_rule_divides(string target)
    {
        var leaf = new IndicatorLeaf("a", "地区生产总值", 5m, new CompletionRateRule());
        var messages = IndicatorValidation.ValidateTarget(leaf, new LeafValue("a", decimal.Parse(target, System.Globalization.CultureInfo.InvariantCulture), null), "城关镇");
        Assert.Single(messages);
        Assert.Contains("城关镇", messages[0], StringComparison.Ordinal);
        Assert.Contains("须大于 0", messages[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_target_is_reported_and_a_counting_rule_needs_none()
    {
        Assert.Single(IndicatorValidation.ValidateTarget(new IndicatorLeaf("a", "税收", 5m, new TierRule([new Tier(1m, 1m)])), null, "城关镇"));
        Assert.Empty(IndicatorValidation.ValidateTarget(new IndicatorLeaf("b", "安全", 5m, new DeductionRule(1m)), null, "城关镇"));
    }

    [Fact]
    public void Time_progress_needs_a_monthly_plan()
    {
        var leaf = new IndicatorLeaf("a", "项目投资", 5m, new TimeProgressRule());
        Assert.Contains("缺少月度计划", IndicatorValidation.ValidateTarget(leaf, new LeafValue("a", null, null), "城关镇")[0], StringComparison.Ordinal);
    }

    public static TheoryData<LeafRule, decimal> IncompleteRules() => new()
    {
        { new TierRule([]), 5m },
        { new TierRule([new Tier(0.8m, 0.8m), new Tier(0.6m, 0.6m)]), 5m },
        { new BaseExcessRule(0m, 1m, 2m), 5m },
        { new GradedRule([]), 5m },
        { new CompletionRateRule(Floor: 0.8m, Cap: 0.6m), 5m },
        { new DeductionRule(0m), 5m },
        { new VetoRule(), 5m },
        { new GradeCapRule(""), 0m },
    };

    [Theory]
    [MemberData(nameof(IncompleteRules))]
    public void Incomplete_rules_are_reported_in_chinese(LeafRule rule, decimal points)
    {
        var messages = IndicatorValidation.ValidateRule(new IndicatorLeaf("a", "测试指标", points, rule));
        Assert.NotEmpty(messages);
        Assert.All(messages, m => Assert.Contains("测试指标", m, StringComparison.Ordinal));
    }

    [Fact]
    public void Year_validation_names_the_unit_with_a_zero_target_and_an_unknown_cap_grade()
    {
        var category = TestYear.ScoreIsActual();
        var unit = new UnitInput("U1", "城关镇", "C", [new LeafValue("L1", 0m, 5m)])
        {
            Adjustments = [new Adjustment(AdjustmentKind.GradeCap, 0m, "信访问题") { MaxGrade = "特优" }],
        };
        var messages = IndicatorValidation.Validate(new YearInput("2025", [category], [unit]));
        Assert.Equal(2, messages.Length);
        Assert.All(messages, m => Assert.Contains("城关镇", m, StringComparison.Ordinal));
    }
}
