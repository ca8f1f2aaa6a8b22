using Baton.Scoring.Indicators;
using Baton.Scoring.Results;
using static Baton.Scoring.Tests.TestYear;

namespace Baton.Scoring.Tests.Results;

public class QuotaTests
{
    private static string[] Excellent(YearResult result) =>
        [.. result.Categories[0].Units.Where(u => u.Grade == "优秀").Select(u => u.Id)];

    [Theory]
    [InlineData(11, QuotaRounding.Floor, 3)]            // 3.3 → 3
    [InlineData(11, QuotaRounding.Ceiling, 4)]          // 3.3 → 4
    [InlineData(11, QuotaRounding.HalfAwayFromZero, 3)]
    [InlineData(5, QuotaRounding.Floor, 1)]             // 1.5 → 1
    [InlineData(5, QuotaRounding.HalfAwayFromZero, 2)]  // 1.5 → 2
    [InlineData(5, QuotaRounding.Ceiling, 2)]
    [InlineData(3, QuotaRounding.Floor, 0)]             // 0.9 → no place at all
    public void Quota_places_are_the_share_of_units_rounded_by_the_recorded_rule(int units, QuotaRounding rounding, int places)
    {
        var unitInputs = Enumerable.Range(0, units).Select(i => Unit("U" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture), 99m - i)).ToArray();
        var result = Score(ScoreIsActual(grades: Grades(0.3m, rounding)), unitInputs);
        Assert.Equal(places, Excellent(result).Length);
        var quota = Assert.Single(result.Categories[0].Quotas);
        Assert.Equal(places, quota.Places);
        Assert.Equal(places, quota.Taken);
        Assert.Contains("名额 = " + units.ToString(System.Globalization.CultureInfo.InvariantCulture) + " × 30.0%", quota.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_unit_above_the_excellent_line_without_a_place_falls_to_the_next_grade_and_is_told_why()
    {
        var result = Score(ScoreIsActual(), Unit("A", 99m), Unit("B", 98m), Unit("C", 97m), Unit("D", 96m), Unit("E", 95m),
            Unit("F", 94m), Unit("G", 93m), Unit("H", 92m), Unit("I", 91m), Unit("J", 70m));
        Assert.Equal(["A", "B", "C"], Excellent(result));
        var d = result.Unit("D");
        Assert.Equal("良好", d.Grade);
        Assert.Contains("优秀名额已满（3 名）", d.GradeReason, StringComparison.Ordinal);
        Assert.Equal("一般", result.Unit("J").Grade);
    }

    [Fact]
    public void Units_tied_across_the_quota_line_are_all_left_out_under_the_exclude_rule()
    {
        // 10 units, 30% → 3 places; C and D tie for third.
        var units = new[] { Unit("A", 99m), Unit("B", 98m), Unit("C", 97m), Unit("D", 97m), Unit("E", 96m), Unit("F", 95m), Unit("G", 85m), Unit("H", 84m), Unit("I", 83m), Unit("J", 82m) };
        var result = Score(ScoreIsActual(), units);
        Assert.Equal(["A", "B"], Excellent(result));
        Assert.Equal("良好", result.Unit("C").Grade);
        Assert.Equal("良好", result.Unit("E").Grade);   // the empty place does not pass over the tie
        Assert.Contains("并列", result.Unit("C").GradeReason, StringComparison.Ordinal);
        Assert.Equal(2, result.Categories[0].Quotas[0].Taken);
        Assert.Contains("均不进入该等次", result.Categories[0].QuotaTieDescription, StringComparison.Ordinal);
    }

    [Fact]
    public void Units_tied_across_the_quota_line_all_get_the_grade_under_the_include_rule()
    {
        var units = new[] { Unit("A", 99m), Unit("B", 98m), Unit("C", 97m), Unit("D", 97m), Unit("E", 96m), Unit("F", 95m), Unit("G", 85m), Unit("H", 84m), Unit("I", 83m), Unit("J", 82m) };
        var result = Score(ScoreIsActual(grades: Grades(ties: QuotaTieRule.IncludeTied)), units);
        Assert.Equal(["A", "B", "C", "D"], Excellent(result));
        Assert.Equal(4, result.Categories[0].Quotas[0].Taken);
    }

    [Fact]
    public void Vetoed_unit_with_the_best_score_never_takes_an_excellent_place()
    {
        var vetoed = Unit("A", 100m) with { Adjustments = [new Adjustment(AdjustmentKind.Veto, 0m, "发生较大安全生产事故")] };
        var result = Score(ScoreIsActual(), vetoed, Unit("B", 98m), Unit("C", 97m), Unit("D", 96m), Unit("E", 95m),
            Unit("F", 85m), Unit("G", 84m), Unit("H", 83m), Unit("I", 82m), Unit("J", 81m));
        var a = result.Unit("A");
        Assert.Equal("较差", a.Grade);
        Assert.True(a.Vetoed);
        Assert.Equal(10, a.Rank);   // after every unit that is not vetoed
        Assert.Equal(["B", "C", "D"], Excellent(result));   // the place passes to the next eligible unit
    }

    [Fact]
    public void A_veto_leaf_has_the_same_effect_as_a_veto_adjustment()
    {
        var category = ScoreIsActual() with
        {
            Indicators = new("root", "指标", [
                new IndicatorLeaf("L1", "地区生产总值", 100m, new CompletionRateRule()),
                new IndicatorLeaf("V", "重大事故", 0m, new VetoRule()),
            ]),
        };
        var vetoed = new UnitInput("A", "甲镇", "C", [new("L1", 100m, 100m), new("V", null, 1m)]);
        var result = Score(category, vetoed, new UnitInput("B", "乙镇", "C", [new("L1", 100m, 95m)]), new UnitInput("C", "丙镇", "C", [new("L1", 100m, 93m)]), new UnitInput("D", "丁镇", "C", [new("L1", 100m, 91m)]));
        Assert.Equal("较差", result.Unit("A").Grade);
        Assert.Equal("优秀", result.Unit("B").Grade);   // 4 units × 30% = 1 place
    }

    [Fact]
    public void Capped_unit_gets_at_most_its_cap_and_does_not_use_a_place()
    {
        var capped = Unit("A", 99m) with { Adjustments = [new Adjustment(AdjustmentKind.GradeCap, 0m, "信访工作被通报") { MaxGrade = "良好" }] };
        var result = Score(ScoreIsActual(), capped, Unit("B", 98m), Unit("C", 97m), Unit("D", 96m), Unit("E", 95m),
            Unit("F", 70m), Unit("G", 70m), Unit("H", 70m), Unit("I", 70m), Unit("J", 70m));
        Assert.Equal("良好", result.Unit("A").Grade);
        Assert.Equal("良好", result.Unit("A").MaxGrade);
        Assert.Equal(["B", "C", "D"], Excellent(result));
    }

    [Fact]
    public void A_cap_does_not_lift_a_lower_score()
    {
        var capped = Unit("A", 65m) with { Adjustments = [new Adjustment(AdjustmentKind.GradeCap, 0m, "信访") { MaxGrade = "良好" }] };
        Assert.Equal("一般", Score(ScoreIsActual(), capped).Unit("A").Grade);
    }
}
