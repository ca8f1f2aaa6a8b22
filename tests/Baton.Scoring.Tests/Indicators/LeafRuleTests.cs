using System.Globalization;
using Baton.Scoring.Indicators;

namespace Baton.Scoring.Tests.Indicators;

public class LeafRuleTests
{
    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    private static LeafScore Score(LeafRule rule, decimal points, LeafValue? value) =>
        new IndicatorLeaf("L", "指标", points, rule).Score(value);

    [Theory]
    [InlineData("100", "100", "0", "1", "5.00")]    // exactly at target
    [InlineData("96", "100", "0", "1", "4.80")]
    [InlineData("130", "100", "0", "1", "5.00")]    // above the cap
    [InlineData("120", "100", "0", "1.2", "6.00")]  // a cap above 100% credits the excess
    [InlineData("150", "100", "0", "1.2", "6.00")]
    [InlineData("40", "100", "0.6", "1", "3.00")]   // below the floor
    [InlineData("0", "100", "0", "1", "0.00")]
    [InlineData("1", "3", "0", "1", "1.67")]        // 5/3 rounds half away from zero
    public void Completion_rate_is_points_times_clamped_actual_over_target(string actual, string target, string floor, string cap, string expected)
    {
        var score = Score(new CompletionRateRule(D(floor), D(cap)), 5m, new LeafValue("L", D(target), D(actual)));
        Assert.Equal(D(expected), score.Points);
        Assert.Equal(LeafFlags.None, score.Flags);
    }

    [Theory]
    [InlineData("125", "100", "4.00")]  // actual worse than target: 100/125 = 80%
    [InlineData("100", "100", "5.00")]  // exactly at target
    [InlineData("80", "100", "5.00")]   // better than target, capped at 100%
    [InlineData("0", "100", "5.00")]    // zero actual on a reverse indicator is the best value: the cap
    public void Reverse_indicator_scores_target_over_actual(string actual, string target, string expected)
    {
        var score = Score(new CompletionRateRule(Reverse: true), 5m, new LeafValue("L", D(target), D(actual)));
        Assert.Equal(D(expected), score.Points);
    }

    [Fact]
    public void Reverse_indicator_scores_lower_actual_higher()
    {
        var rule = new CompletionRateRule(Cap: 2m, Reverse: true);
        var lower = Score(rule, 5m, new LeafValue("L", 100m, 90m)).Points;
        var higher = Score(rule, 5m, new LeafValue("L", 100m, 110m)).Points;
        Assert.True(lower > higher);
    }

    [Fact]
    public void Zero_actual_on_a_reverse_indicator_gets_the_cap_and_says_so()
    {
        var score = Score(new CompletionRateRule(Cap: 1.2m, Reverse: true), 5m, new LeafValue("L", 3m, 0m));
        Assert.Equal(6.00m, score.Points);
        Assert.Contains("逆向指标实际为 0 视为最优", score.Formula, StringComparison.Ordinal);
        Assert.Contains("按上限 120.0% 计", score.Formula, StringComparison.Ordinal);
    }

    [Fact]
    public void Completion_formula_reads_as_a_unit_would_read_it()
    {
        var score = Score(new CompletionRateRule(), 5m, new LeafValue("L", 100m, 96m));
        Assert.Equal("完成率 = 实际 96 ÷ 目标 100 = 96.0%；得分 = 完成率 96.0% × 5 分 = 4.80 分", score.Formula);
    }

    public static TheoryData<LeafRule> RulesThatNeedAValue() =>
    [
        new CompletionRateRule(),
        new CompletionRateRule(Reverse: true),
        new TierRule([new Tier(0.6m, 0.6m), new Tier(1m, 1m)]),
        new BaseExcessRule(0.05m, 0.5m, 2m),
        GradedRule.Default,
        new TimeProgressRule(),
    ];

    [Theory]
    [MemberData(nameof(RulesThatNeedAValue))]
    public void Missing_value_scores_zero_and_the_trace_says_not_reported(LeafRule rule)
    {
        foreach (var value in new LeafValue?[] { null, new LeafValue("L", 100m, null) })
        {
            var score = Score(rule, 5m, value);
            Assert.Equal(0m, score.Points);
            Assert.Equal(LeafFlags.Missing, score.Flags);
            Assert.Contains("未报送", score.Formula, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("59", "0")]
    [InlineData("60", "6")]    // exactly at a threshold
    [InlineData("79.9", "6")]
    [InlineData("80", "8")]
    [InlineData("100", "10")]
    [InlineData("150", "10")]
    public void Tiers_give_the_fraction_of_the_highest_threshold_reached(string actual, string expected)
    {
        var rule = new TierRule([new Tier(0.6m, 0.6m), new Tier(0.8m, 0.8m), new Tier(1m, 1m)]);
        Assert.Equal(D(expected), Score(rule, 10m, new LeafValue("L", 100m, D(actual))).Points);
    }

    [Theory]
    [InlineData("90", "4.50")]    // below target: proportional
    [InlineData("100", "5.00")]   // exactly at target: full points
    [InlineData("104.9", "5.00")] // not yet a full step
    [InlineData("105", "5.50")]
    [InlineData("112", "6.00")]
    [InlineData("150", "7.00")]   // excess capped at +2
    public void Base_plus_excess_adds_k_per_full_step_up_to_the_cap(string actual, string expected)
    {
        var rule = new BaseExcessRule(Step: 0.05m, PointsPerStep: 0.5m, MaxExtraPoints: 2m);
        Assert.Equal(D(expected), Score(rule, 5m, new LeafValue("L", 100m, D(actual))).Points);
    }

    [Fact]
    public void Base_plus_excess_without_a_cap_keeps_adding_and_says_so()
    {
        var rule = new BaseExcessRule(Step: 0.05m, PointsPerStep: 0.5m, MaxExtraPoints: null);
        var score = Score(rule, 5m, new LeafValue("L", 100m, 150m));
        Assert.Equal(10m, score.Points);
        Assert.Contains("每超 5.0% 加 0.5 分（不设上限）", score.Formula, StringComparison.Ordinal);
        Assert.Contains("超额不加分", Score(rule with { MaxExtraPoints = 0m }, 5m, new LeafValue("L", 100m, 150m)).Formula, StringComparison.Ordinal);
        Assert.Equal(5m, Score(rule with { MaxExtraPoints = 0m }, 5m, new LeafValue("L", 100m, 150m)).Points);
    }

    [Theory]
    [InlineData("好", "5.00")]
    [InlineData("较好", "4.00")]
    [InlineData("一般", "3.00")]
    [InlineData("差", "0.00")]
    [InlineData("优", "0.00")]
    public void Graded_leaf_uses_the_default_grade_fractions(string grade, string expected)
    {
        var score = Score(GradedRule.Default, 5m, new LeafValue("L", null, null) { Grade = grade });
        Assert.Equal(D(expected), score.Points);
        Assert.Equal(LeafFlags.None, score.Flags);
    }

    [Fact]
    public void Time_progress_averages_monthly_completion_and_counts_unreported_months_as_zero()
    {
        var value = new LeafValue("L", null, null) { MonthlyPlan = [10m, 20m, 30m], MonthlyActual = [8m, 25m, null] };
        var score = Score(new TimeProgressRule(), 5m, value);
        // (80% + 100% (capped) + 0%) / 3 = 60%
        Assert.Equal(3.00m, score.Points);
        Assert.Contains("3月 未报送", score.Formula, StringComparison.Ordinal);
    }

    [Fact]
    public void Time_progress_skips_months_with_nothing_planned()
    {
        var value = new LeafValue("L", null, null) { MonthlyPlan = [0m, 20m], MonthlyActual = [null, 20m] };
        Assert.Equal(5.00m, Score(new TimeProgressRule(), 5m, value).Points);
    }

    [Theory]
    [InlineData(null, "0", "5")]   // nothing recorded: full points
    [InlineData("0", "0", "5")]
    [InlineData("2", "0", "3")]
    [InlineData("7", "0", "0")]    // floor
    [InlineData("7", "2", "2")]
    public void Deduction_per_occurrence_stops_at_the_floor(string? count, string floor, string expected)
    {
        var score = Score(new DeductionRule(1m, D(floor)), 5m, new LeafValue("L", null, count is null ? null : D(count)));
        Assert.Equal(D(expected), score.Points);
    }

    [Theory]
    [InlineData(null, "0")]
    [InlineData("2", "2")]
    [InlineData("5", "3")]   // capped at the leaf's points
    public void Bonus_per_item_is_capped_at_the_leaf_points(string? count, string expected)
    {
        var score = Score(new BonusPerItemRule(1m), 3m, new LeafValue("L", null, count is null ? null : D(count)));
        Assert.Equal(D(expected), score.Points);
    }

    [Fact]
    public void Veto_and_grade_cap_leaves_score_nothing_and_raise_flags_only_when_they_occur()
    {
        Assert.Equal(LeafFlags.Veto, Score(new VetoRule(), 0m, new LeafValue("L", null, 1m)).Flags);
        Assert.Equal(LeafFlags.None, Score(new VetoRule(), 0m, null).Flags);
        Assert.Equal(LeafFlags.GradeCap, Score(new GradeCapRule("良好"), 0m, new LeafValue("L", null, 2m)).Flags);
        Assert.Equal(LeafFlags.None, Score(new GradeCapRule("良好"), 0m, new LeafValue("L", null, 0m)).Flags);
        Assert.Equal(0m, Score(new VetoRule(), 0m, new LeafValue("L", null, 1m)).Points);
    }

    [Fact]
    public void A_zero_target_that_escaped_validation_throws_instead_of_scoring()
    {
        Assert.Throws<ArgumentException>(() => Score(new CompletionRateRule(), 5m, new LeafValue("L", 0m, 3m)));
    }
}
