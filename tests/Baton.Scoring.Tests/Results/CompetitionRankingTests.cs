using Baton.Scoring.Ratings;
using Baton.Scoring.Results;

namespace Baton.Scoring.Tests.Results;

public class CompetitionRankingTests
{
    /// <summary>
    /// A complete grade round (every rater grades every unit, 0..3): eight units with seeded grades, and
    /// four units whose grades are permutations of one another across the raters, so their raw scores are
    /// equal and the Rasch model gives them the same measure (the raw score is sufficient in a complete design).
    /// </summary>
    private static RatingSet FourUnitsWithTheSameRawScore()
    {
        var random = new Random(2025);
        var ratings = new List<Rating>();
        const int raters = 12;
        for (var u = 0; u < 8; u++)
        {
            for (var r = 0; r < raters; r++)
            {
                ratings.Add(new Rating($"R{r:00}", $"U{u}", Math.Clamp(random.Next(4) + (u < 4 ? 1 : 0), 0, 3)));
            }
        }
        int[] pattern = [1, 1, 2, 1, 0, 1, 2, 1, 1, 2, 1, 1];
        for (var s = 0; s < 4; s++)
        {
            for (var r = 0; r < raters; r++)
            {
                ratings.Add(new Rating($"R{r:00}", $"S{s}", pattern[(r + 3 * s) % raters]));
            }
        }
        return RatingSet.Create(ratings);
    }

    [Fact]
    public void Units_with_the_same_Rasch_measure_share_one_rank()
    {
        var fit = RaschCalibration.Fit(FourUnitsWithTheSameRawScore(), maximumCategory: 3).GetValueOrThrow();
        var ranks = CompetitionRanking.Of(fit.Units.Select(u => u.Measure).ToList());
        var same = fit.Units.Select((u, i) => (u.Unit, Rank: ranks[i])).Where(x => x.Unit.StartsWith('S')).Select(x => x.Rank).ToList();
        Assert.Single(same.Distinct());
        var shared = same[0];
        // Competition ranking: the four share the rank, the next unit is four places down.
        Assert.Equal(fit.Units.Count(u => !u.Unit.StartsWith('S') && u.Measure > fit.Units.First(x => x.Unit == "S0").Measure) + 1, shared);
        Assert.DoesNotContain(ranks, r => r > shared && r < shared + 4);
    }

    [Theory]
    [InlineData(new[] { 9.0, 7.0, 7.0, 5.0 }, new[] { 1, 2, 2, 4 })]
    [InlineData(new[] { 3.0, 3.0, 3.0, 3.0 }, new[] { 1, 1, 1, 1 })]
    [InlineData(new[] { 1.0, 2.0, double.NaN, 2.0 }, new[] { 3, 1, 0, 1 })]
    [InlineData(new[] { -0.6314697295979292, -0.6314697295979294, 1.5, -0.63146972959793 }, new[] { 2, 2, 1, 2 })]
    public void Scores_rank_higher_first_with_ties_sharing_the_best_place(double[] scores, int[] expected) =>
        Assert.Equal(expected, CompetitionRanking.Of(scores));

    [Fact]
    public void A_tie_never_chains_beyond_the_tolerance_from_the_best_of_its_group()
    {
        // Each neighbour is within the tolerance of the next, but the last is far from the first.
        var step = CompetitionRanking.Tolerance * 0.6;
        var ranks = CompetitionRanking.Of([1.0, 1.0 - step, 1.0 - 2 * step, 1.0 - 3 * step]);
        Assert.Equal([1, 1, 3, 3], ranks);
    }
}
