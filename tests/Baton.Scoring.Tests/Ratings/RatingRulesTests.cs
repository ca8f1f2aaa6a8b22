using Baton.Scoring.Ratings;

namespace Baton.Scoring.Tests.Ratings;

public class RatingRulesTests
{
    [Theory]
    [InlineData(new[] { 80.0, 85.0 }, new[] { 0.6, 0.4 }, 82.0)]
    [InlineData(new[] { 80.0, 85.0 }, new[] { 3.0, 2.0 }, 82.0)]
    [InlineData(new[] { 90.0 }, new[] { 1.0 }, 90.0)]
    [InlineData(new[] { 70.0, 80.0, 90.0 }, new[] { 0.5, 0.3, 0.2 }, 77.0)]
    public void The_score_of_a_numeric_rating_is_the_weighted_mean_of_its_criteria(double[] scores, double[] weights, double expected) =>
        Assert.Equal(expected, RatingRules.WeightedMean(scores, [.. weights.Select(w => (decimal)w)]), 9);

    [Fact]
    public void The_form_shows_no_mean_until_every_criterion_is_scored()
    {
        Assert.Null(RatingRules.WeightedMeanOfComplete([80, null], [0.6m, 0.4m]));
        Assert.Equal(82.0, RatingRules.WeightedMeanOfComplete([80, 85], [0.6m, 0.4m])!.Value, 9);
    }

    [Fact]
    public void A_weight_of_zero_or_a_missing_score_is_a_bug()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RatingRules.WeightedMean([80, 90], [1m, 0m]));
        Assert.Throws<ArgumentException>(() => RatingRules.WeightedMean([80], [0.5m, 0.5m]));
    }

    [Theory]
    [InlineData(new[] { 100.0, 90.0 }, true)]
    [InlineData(new[] { 99.5, 60.0 }, false)]
    [InlineData(new[] { 80.0, 59.5 }, true)]
    public void Scores_of_100_or_below_60_need_a_reason(double[] scores, bool needed) =>
        Assert.Equal(needed, RatingRules.NeedsReason(scores));

    [Fact]
    public void Only_the_worst_grade_needs_a_reason_and_only_the_best_counts_against_the_quota()
    {
        Assert.Equal([false, false, false, true], Enumerable.Range(0, 4).Select(g => RatingRules.NeedsReason(g, 4)));
        Assert.Equal([true, false, false, false], Enumerable.Range(0, 4).Select(g => RatingRules.IsTop(g)));
        Assert.True(RatingRules.IsTop(90, 90));
        Assert.False(RatingRules.IsTop(89.99, 90));
    }

    [Fact]
    public void More_top_grades_than_the_quota_are_refused_in_words()
    {
        Assert.Null(RatingRules.QuotaRefusal(2, 2, "“好”"));
        Assert.Null(RatingRules.QuotaRefusal(9, null, "“好”"));
        Assert.Equal("90 分及以上最多只能给 2 个单位，您给了 3 个。", RatingRules.QuotaRefusal(3, 2, "90 分及以上"));
    }

    [Fact]
    public void Grades_listed_best_first_map_to_Rasch_categories_counted_from_the_worst()
    {
        Assert.Equal([3, 2, 1, 0], Enumerable.Range(0, 4).Select(g => RatingRules.CategoryIndex(g, 4)));
        Assert.Equal([3, 2, 1, 0], Enumerable.Range(0, 4).Select(c => RatingRules.GradePosition(c, 4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RatingRules.CategoryIndex(4, 4));
    }

    private static readonly RoundUnit[] s_round = [new(1, false), new(2, true), new(3, false), new(4, false), new(5, true)];

    [Fact]
    public void A_rater_without_assignments_rates_every_unit_but_their_own_and_their_conflicts()
    {
        Assert.Equal([2L, 4, 5], RaterScope.UnitsOf(s_round, new HashSet<long>(), new HashSet<long> { 3 }, ownUnit: 1));
        Assert.Equal([1L, 2, 3, 4, 5], RaterScope.UnitsOf(s_round, new HashSet<long>(), new HashSet<long>(), ownUnit: null));
    }

    [Fact]
    public void A_team_rates_its_assigned_units_and_every_anchor()
    {
        Assert.Equal([2L, 3, 4, 5], RaterScope.UnitsOf(s_round, new HashSet<long> { 3, 4 }, new HashSet<long>(), ownUnit: null));
        // An anchor that is the team's own unit or a conflict is still excluded.
        Assert.Equal([3L, 5], RaterScope.UnitsOf(s_round, new HashSet<long> { 3 }, new HashSet<long> { 2 }, ownUnit: 4));
    }

    [Fact]
    public void The_own_unit_and_a_conflict_are_refused_before_the_scope()
    {
        var conflicts = new HashSet<long> { 3 };
        IReadOnlyCollection<long> scope = [2, 4];
        Assert.Equal(RatingExclusion.OwnUnit, RaterScope.Exclusion(1, 1, conflicts, scope));
        Assert.Equal(RatingExclusion.Conflict, RaterScope.Exclusion(3, 1, conflicts, scope));
        Assert.Equal(RatingExclusion.NotInScope, RaterScope.Exclusion(5, 1, conflicts, scope));
        Assert.Null(RaterScope.Exclusion(2, 1, conflicts, scope));
        Assert.Equal("不能评议本单位「城关镇」。", RaterScope.Message(RatingExclusion.OwnUnit, "城关镇"));
    }
}
