using System.Globalization;
using Baton.Scoring.Progress;

namespace Baton.Scoring.Tests.Progress;

public class MonthlyPlansTests
{
    private static decimal[] D(string values) => [.. values.Split(' ').Select(v => decimal.Parse(v, CultureInfo.InvariantCulture))];

    [Theory]
    // 1200 over twelve even months: 100 a month.
    [InlineData(PlanProfile.Linear, "1200", "100 200 300 400 500 600 700 800 900 1000 1100 1200")]
    // 100 × m ÷ 12, rounded half away from zero to two places: 8.333… → 8.33, 16.666… → 16.67.
    [InlineData(PlanProfile.Linear, "100", "8.33 16.67 25 33.33 41.67 50 58.33 66.67 75 83.33 91.67 100")]
    // 144 × m(24 − m) ÷ 144 = m(24 − m): 1×23, 2×22, …
    [InlineData(PlanProfile.FrontLoaded, "144", "23 44 63 80 95 108 119 128 135 140 143 144")]
    // 144 × m² ÷ 144 = m².
    [InlineData(PlanProfile.BackLoaded, "144", "1 4 9 16 25 36 49 64 81 100 121 144")]
    // 10 × m² ÷ 144: 0.0694… → 0.07, 0.2777… → 0.28, 0.625 → 0.63 (half away from zero), …
    [InlineData(PlanProfile.BackLoaded, "10", "0.07 0.28 0.63 1.11 1.74 2.5 3.4 4.44 5.63 6.94 8.4 10")]
    public void Profiles_give_the_hand_computed_cumulative_months(PlanProfile profile, string target, string expected)
    {
        var plan = MonthlyPlans.Build(profile, decimal.Parse(target, CultureInfo.InvariantCulture));
        Assert.True(plan.Ok, plan.Problem);
        Assert.Equal(D(expected), plan.Months.ToArray());
    }

    [Theory]
    [InlineData(PlanProfile.Linear)]
    [InlineData(PlanProfile.FrontLoaded)]
    [InlineData(PlanProfile.BackLoaded)]
    public void December_equals_the_target_and_no_month_falls(PlanProfile profile)
    {
        foreach (var target in new[] { 0m, 1m, 7.77m, 123_456.789m })
        {
            var months = MonthlyPlans.Build(profile, target, decimals: 1).Months;
            Assert.Equal(12, months.Length);
            Assert.Equal(target, months[^1]);
            Assert.All(months.Zip(months.Skip(1)), pair => Assert.True(pair.First <= pair.Second));
        }
    }

    [Fact]
    public void A_custom_plan_is_kept_as_given_when_it_ends_at_the_target()
    {
        var values = D("0 0 10 20 40 60 70 80 85 90 95 100");
        Assert.Equal(values, MonthlyPlans.Build(PlanProfile.Custom, 100m, values).Months.ToArray());
    }

    [Theory]
    [InlineData("10 20 30", "须填写 12 个月的累计值（现为 3 个）")]
    [InlineData("10 20 30 40 50 60 70 80 90 95 99 99", "12 月的累计计划须等于全年目标值 100（现为 99）")]
    [InlineData("10 20 15 40 50 60 70 80 90 95 99 100", "3 月不能小于 2 月")]
    [InlineData("-1 20 30 40 50 60 70 80 90 95 99 100", "1 月的累计计划不能为负")]
    public void A_custom_plan_that_is_not_cumulative_or_misses_the_target_is_refused(string values, string problem)
    {
        var plan = MonthlyPlans.Build(PlanProfile.Custom, 100m, D(values));
        Assert.False(plan.Ok);
        Assert.Contains(problem, plan.Problem, StringComparison.Ordinal);
        Assert.Empty(plan.Months);
    }

    [Fact]
    public void A_negative_target_has_no_plan() =>
        Assert.Equal("目标值不能为负。", MonthlyPlans.Build(PlanProfile.Linear, -1m).Problem);
}
