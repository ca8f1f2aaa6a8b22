using Baton.Scoring.Ratings;
using Baton.Scoring.Results;

namespace Baton.Scoring.Tests.Results;

public class RankBootstrapTests
{
    // Indicators weigh 0.5 and the deputies' rating 0.5; every unit scores 80 on indicators, so the rating decides.
    private static CategorySpec Category() =>
        TestYear.ScoreIsActual() with
        {
            Components =
            [
                new ComponentDefinition("indicators", "指标考核", 0.5m, ComponentSource.Indicators),
                new ComponentDefinition("deputies", "两代表一委员评议", 0.5m),
            ],
        };

    private static (YearInput Input, ResampledComponent Round) Year(IReadOnlyDictionary<string, double> truth, int raters, double noise, int seed)
    {
        var random = new Random(seed);
        var ratings = new List<Rating>();
        var severity = Enumerable.Range(0, raters).Select(_ => random.NextDouble() * 6 - 3).ToArray();
        foreach (var (unit, value) in truth)
        {
            for (var r = 0; r < raters; r++)
            {
                ratings.Add(new Rating($"R{r}", unit, value + severity[r] + (random.NextDouble() - 0.5) * 2 * noise));
            }
        }
        var set = RatingSet.Create(ratings);
        var fit = AdditiveCalibration.Fit(set).Value!;
        var units = truth.Keys.Select(id => TestYear.Unit(id, 80m) with
        {
            Components = [new ComponentValue("deputies", (decimal)fit.Units.Single(u => u.Unit == id).Calibrated)],
        });
        return (new YearInput("2025", [Category()], [.. units]), new ResampledComponent("deputies", set));
    }

    [Fact]
    public void Same_seed_gives_the_same_answer()
    {
        var (input, round) = Year(new Dictionary<string, double> { ["A"] = 95, ["B"] = 94, ["C"] = 80, ["D"] = 70 }, 8, 4, 1);
        var first = RankBootstrap.Run(input, [round], 200, seed: 7);
        var second = RankBootstrap.Run(input, [round], 200, seed: 7);
        Assert.Equal(first.Select(u => (u.UnitId, u.LowerRank, u.UpperRank, u.ProbabilityOfBetterGrade)),
                     second.Select(u => (u.UnitId, u.LowerRank, u.UpperRank, u.ProbabilityOfBetterGrade)));
    }

    [Fact]
    public void Clear_leader_has_a_narrow_interval_and_close_rivals_are_flagged()
    {
        // Overall = 40 + rating/2: A ≈ 89.5 and B ≈ 89.0 straddle 良好/优秀 at 90 only through the rating; D is far behind.
        var truth = new Dictionary<string, double> { ["A"] = 99.5, ["B"] = 99, ["C"] = 70, ["D"] = 40, ["E"] = 41, ["F"] = 30, ["G"] = 20, ["H"] = 10, ["I"] = 5, ["J"] = 0 };
        var (input, round) = Year(truth, 10, 6, 3);
        var result = RankBootstrap.Run(input, [round], 1000, seed: 11).ToDictionary(u => u.UnitId);

        Assert.Equal((10, 10), (result["J"].LowerRank, result["J"].UpperRank));
        Assert.Equal(1.0, result["J"].GradeProbabilities["较差"], 3);
        Assert.False(result["J"].CannotBeToldApart);
        Assert.True(result["A"].UpperRank <= 2 && result["B"].UpperRank <= 2);
        Assert.Contains(result.Values, u => u.CannotBeToldApart && u.BoundaryGrade is "优秀" or "良好");
        Assert.All(result.Values, u => Assert.Equal(1.0, u.GradeProbabilities.Values.Sum(), 9));
    }

    [Fact]
    public void Without_resampled_rounds_every_replicate_is_the_published_result()
    {
        var input = new YearInput("2025", [TestYear.ScoreIsActual()], TestYear.Units(("A", 95m), ("B", 85m), ("C", 85m)));
        var result = RankBootstrap.Run(input, [], 50, seed: 1);
        Assert.All(result, u => Assert.Equal((u.Rank, u.Rank), (u.LowerRank, u.UpperRank)));
        Assert.All(result, u => Assert.Equal(1.0, u.GradeProbabilities[u.Grade]));
        Assert.DoesNotContain(result, u => u.CannotBeToldApart);
    }
}
