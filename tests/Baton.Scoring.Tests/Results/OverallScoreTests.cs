using Baton.Scoring.Indicators;
using Baton.Scoring.Results;
using static Baton.Scoring.Tests.TestYear;

namespace Baton.Scoring.Tests.Results;

public class OverallScoreTests
{
    private static CategorySpec TwoComponents(decimal? bonusCap = null, decimal? deductionCap = null) =>
        new("C", "经济部门",
            new IndicatorGroup("root", "指标", [
                new IndicatorGroup("econ", "经济发展", [
                    new IndicatorLeaf("gdp", "地区生产总值", 30m, new CompletionRateRule()),
                    new IndicatorLeaf("tax", "税收收入", 30m, new CompletionRateRule()),
                ]),
                new IndicatorLeaf("eco", "生态环境", 40m, GradedRule.Default),
            ]),
            [new ComponentDefinition("indicators", "指标考核", 0.7m, ComponentSource.Indicators), new ComponentDefinition("satisfaction", "群众满意度", 0.3m)],
            Grades())
        { BonusCap = bonusCap, DeductionCap = deductionCap };

    private static UnitInput Town(string id, decimal gdp = 96m, decimal tax = 100m, string eco = "较好") =>
        new(id, "镇" + id, "C", [new("gdp", 100m, gdp), new("tax", 100m, tax), new("eco", null, null) { Grade = eco }])
        {
            Components = [new ComponentValue("satisfaction", 4.4m, 5m) { HandEntered = true, EnteredBy = "考核办" }],
        };

    [Fact]
    public void Overall_is_the_weighted_sum_of_components_plus_bonus_minus_deductions()
    {
        var unit = Town("A") with
        {
            Adjustments = [new Adjustment(AdjustmentKind.Bonus, 1.5m, "获国家级表彰"), new Adjustment(AdjustmentKind.Deduction, 0.5m, "督查通报")],
        };
        var result = Score(TwoComponents(), unit).Unit("A");
        // indicators: 28.80 + 30 + 32 = 90.80; satisfaction 4.4 / 5 = 88.00 (hand entered)
        Assert.Equal(90.80m, result.IndicatorScore);
        Assert.Equal(88.00m, result.Components[1].Score);
        Assert.True(result.Components[1].HandEntered);
        // 0.7 × 90.80 + 0.3 × 88.00 + 1.5 − 0.5 = 63.56 + 26.40 + 1 = 90.96
        Assert.Equal(90.96m, result.Overall);
    }

    [Fact]
    public void Bonuses_and_deductions_are_capped_per_category()
    {
        var unit = Town("A") with
        {
            Adjustments = [new Adjustment(AdjustmentKind.Bonus, 3m, "甲"), new Adjustment(AdjustmentKind.Bonus, 2m, "乙"), new Adjustment(AdjustmentKind.Deduction, 9m, "丙")],
        };
        var result = Score(TwoComponents(bonusCap: 3m, deductionCap: 5m), unit).Unit("A");
        Assert.Equal(3m, result.Bonus);
        Assert.Equal(5m, result.Deduction);
        Assert.Equal(89.96m - 2m, result.Overall);
    }

    [Fact]
    public void A_provided_component_that_is_missing_counts_zero()
    {
        var unit = Town("A") with { Components = [] };
        var result = Score(TwoComponents(), unit).Unit("A");
        Assert.True(result.Components[1].Missing);
        Assert.Equal(63.56m, result.Overall);
    }

    [Fact]
    public void Weighted_groups_combine_child_completion_by_weight()
    {
        var tree = new IndicatorGroup("root", "指标", [
            new IndicatorLeaf("a", "甲", 50m, new CompletionRateRule()) { Weight = 0.25m },
            new IndicatorLeaf("b", "乙", 50m, new CompletionRateRule()) { Weight = 0.75m },
        ]);
        var category = CategorySpec.IndicatorsOnly("C", "类", tree, Grades());
        var unit = new UnitInput("A", "甲镇", "C", [new("a", 100m, 40m), new("b", 100m, 100m)]);
        // 100 × (0.25 × 40% + 0.75 × 100%) = 85
        Assert.Equal(85m, Score(category, unit).Unit("A").IndicatorScore);
    }

    [Fact]
    public void Equal_scores_share_a_rank_and_the_next_rank_is_skipped()
    {
        var result = Score(ScoreIsActual(), Unit("A", 95m), Unit("B", 90m), Unit("C", 90m), Unit("D", 80m));
        Assert.Equal([1, 2, 2, 4], result.Categories[0].Units.Select(u => u.Rank));
        Assert.Equal(["A", "B", "C", "D"], result.Categories[0].Units.Select(u => u.Id));
        Assert.Contains("1、2、2、4", result.Categories[0].TieBreakDescription, StringComparison.Ordinal);
    }

    [Fact]
    public void The_indicator_tie_break_orders_equal_overall_scores_by_the_indicator_component()
    {
        var category = TwoComponents() with { TieBreak = TieBreak.IndicatorsThenShared };
        // Same overall (0.7 × indicators + 0.3 × satisfaction) from different mixes.
        var a = Town("A") with { Components = [new ComponentValue("satisfaction", 100m)] };   // indicators 90.80
        var b = Town("B", gdp: 100m, eco: "好") with { Components = [new ComponentValue("satisfaction", 79.2m)] };
        // B: indicators 100 → 70 + 23.76 = 93.76; A: 63.56 + 30 = 93.56 — make them equal by adjusting A with a bonus
        a = a with { Adjustments = [new Adjustment(AdjustmentKind.Bonus, 0.2m, "表彰")] };
        var result = Score(category, a, b);
        Assert.Equal(result.Unit("A").Overall, result.Unit("B").Overall);
        Assert.Equal(1, result.Unit("B").Rank);
        Assert.Equal(2, result.Unit("A").Rank);
    }

    [Fact]
    public void Awards_are_base_times_coefficient_scaled_down_to_fit_the_budget()
    {
        var units = new[] { Unit("A", 99m), Unit("B", 85m), Unit("C", 70m) };
        // raw: 12000 + 10000 + 8000 = 30000, budget 20000 → scale 2/3
        var result = ScoringEngine.Score(new YearInput("2025", [ScoreIsActual(grades: Grades(excellentShare: 1m))], [.. units]) { AwardBudget = 20_000m });
        Assert.Equal(8000.00m, result.Unit("A").Award);
        Assert.Equal(6666.67m, result.Unit("B").Award);
        Assert.Equal(5333.33m, result.Unit("C").Award);
        Assert.True(result.AwardTotal <= 20_000m);
    }

    [Fact]
    public void Rounding_up_never_pushes_awards_over_the_budget()
    {
        // Six equal awards of 100.05 ÷ 6 = 16.675 each round up to 16.68 (100.08 in all): three of
        // them give back a fen so the total is exactly the budget.
        var units = Enumerable.Range(0, 6).Select(i => Unit("U" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), 85m)).ToArray();
        var result = ScoringEngine.Score(new YearInput("2025", [ScoreIsActual(grades: Grades(excellentShare: 1m))], [.. units]) { AwardBudget = 100.05m });
        Assert.True(result.AwardTotal <= 100.05m);
        Assert.Equal(100.05m, result.AwardTotal);
        Assert.Equal(3, units.Count(u => result.Unit(u.Id).Award == 16.67m));
    }

    [Fact]
    public void Awards_within_the_budget_are_not_scaled()
    {
        var result = ScoringEngine.Score(new YearInput("2025", [ScoreIsActual(grades: Grades(excellentShare: 1m))], [Unit("A", 99m)]) { AwardBudget = 1_000_000m });
        Assert.Equal(1m, result.AwardScale);
        Assert.Equal(12_000m, result.Unit("A").Award);
    }
}
