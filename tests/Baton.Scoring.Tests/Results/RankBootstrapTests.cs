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
        var first = RankBootstrap.Run(input, [round], 200, seed: 7).Units;
        var second = RankBootstrap.Run(input, [round], 200, seed: 7).Units;
        Assert.Equal(first.Select(u => (u.UnitId, u.LowerRank, u.UpperRank, u.ProbabilityOfBetterGrade)),
                     second.Select(u => (u.UnitId, u.LowerRank, u.UpperRank, u.ProbabilityOfBetterGrade)));
    }

    [Fact]
    public void Clear_leader_has_a_narrow_interval_and_close_rivals_are_flagged()
    {
        // Overall = 40 + rating/2: A ≈ 89.5 and B ≈ 89.0 straddle 良好/优秀 at 90 only through the rating; D is far behind.
        var truth = new Dictionary<string, double> { ["A"] = 99.5, ["B"] = 99, ["C"] = 70, ["D"] = 40, ["E"] = 41, ["F"] = 30, ["G"] = 20, ["H"] = 10, ["I"] = 5, ["J"] = 0 };
        var (input, round) = Year(truth, 10, 6, 3);
        var result = RankBootstrap.Run(input, [round], 1000, seed: 11).Units.ToDictionary(u => u.UnitId);

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
        Assert.All(result.Units, u => Assert.Equal((u.Rank, u.Rank), (u.LowerRank, u.UpperRank)));
        Assert.All(result.Units, u => Assert.Equal(1.0, u.GradeProbabilities[u.Grade]));
        Assert.DoesNotContain(result.Units, u => u.CannotBeToldApart);
        // The page says why: nothing sampled feeds the score.
        Assert.Empty(result.Resampled);
        Assert.Equal(["indicators"], result.Held.Select(h => h.Code));
    }

    /// <summary>
    /// A grade round (好/较好/一般/差 as 3..0) of <paramref name="raters"/> raters over ten units, each unit's
    /// published deputies' score its Rasch fair average × 100 ÷ 3, as CalibrationService stores it.
    /// </summary>
    private static (YearInput Input, ResampledComponent Round) GradedYear(int raters, int seed, bool handEnteredSatisfaction = false)
    {
        var random = new Random(seed);
        var merit = Enumerable.Range(0, 10).ToDictionary(u => $"U{u}", u => 1.5 - u * 0.3);
        var ratings = new List<Rating>();
        for (var r = 0; r < raters; r++)
        {
            var severity = random.NextDouble() - 0.5;
            foreach (var (unit, value) in merit)
            {
                var latent = value - severity + (random.NextDouble() - 0.5) * 2.4;
                ratings.Add(new Rating($"R{r}", unit, latent > 1 ? 3 : latent > 0 ? 2 : latent > -1 ? 1 : 0));
            }
        }
        var set = RatingSet.Create(ratings);
        var fit = RaschCalibration.Fit(set, maximumCategory: 3).GetValueOrThrow();
        var category = Category() with
        {
            Components = handEnteredSatisfaction
                ? [new ComponentDefinition("indicators", "指标考核", 0.4m, ComponentSource.Indicators), new ComponentDefinition("deputies", "两代表一委员评议", 0.4m),
                   new ComponentDefinition("satisfaction", "群众满意度", 0.2m)]
                : Category().Components,
        };
        var units = merit.Keys.Select(id => TestYear.Unit(id, 80m) with
        {
            Components =
            [
                new ComponentValue("deputies", (decimal)(fit.Units.Single(u => u.Unit == id).FairAverage * 100 / 3)),
                .. handEnteredSatisfaction ? [new ComponentValue("satisfaction", 85m) { HandEntered = true }] : Array.Empty<ComponentValue>(),
            ],
        });
        return (new YearInput("2025", [category], [.. units]), new ResampledComponent("deputies", set) { MaximumCategory = 3, RoundName = "两代表一委员评议" });
    }

    [Fact]
    public void A_graded_round_is_resampled_with_the_Rasch_model_and_its_units_are_not_certain()
    {
        var (input, round) = GradedYear(raters: 12, seed: 5);
        var result = RankBootstrap.Run(input, [round], 300, seed: 3);
        Assert.Contains(result.Units, u => u.LowerRank != u.UpperRank);
        Assert.Contains(result.Units, u => u.GradeProbabilities[u.Grade] < 1.0);
        var resampled = Assert.Single(result.Resampled);
        Assert.Equal(("deputies", "两代表一委员评议", "Rasch 模型"), (resampled.ComponentCode, resampled.RoundName, resampled.Model));
        Assert.InRange(resampled.Fallbacks, 0, 30);
        Assert.Equal(300, result.Replicates);

        // Held at their published values only what cannot be resampled, each with the reason.
        Assert.Equal(["indicators"], result.Held.Select(h => h.Code));
        Assert.Equal(result.Units.Select(u => (u.UnitId, u.LowerRank, u.UpperRank)), RankBootstrap.Run(input, [round], 300, seed: 3).Units.Select(u => (u.UnitId, u.LowerRank, u.UpperRank)));
    }

    [Fact]
    public void A_replicates_Rasch_fit_at_the_stated_tolerance_is_within_a_thousandth_of_a_point_of_the_converged_fit()
    {
        // A round the size of the demo county's deputies': 16 raters × 47 units, grades 0..3.
        var random = new Random(17);
        var ratings = new List<Rating>();
        for (var r = 0; r < 16; r++)
        {
            for (var u = 0; u < 47; u++)
            {
                var latent = u / 12.0 - 2 + (r % 3 - 1) * 0.5 + random.NextDouble() * 1.6 - 0.8;
                ratings.Add(new Rating($"R{r}", $"U{u}", latent > 0.6 ? 3 : latent > -0.4 ? 2 : latent > -1.3 ? 1 : 0));
            }
        }
        var set = RatingSet.Create(ratings);
        var full = RaschCalibration.Fit(set, maximumCategory: 3).GetValueOrThrow();
        var worst = 0.0;
        for (var k = 0; k < 20; k++)
        {
            var replicate = RaterBootstrap.Replicate(set, seed: 7, replicate: k);
            var quick = RaschCalibration.Fit(replicate, new CalibrationOptions { Tolerance = RankBootstrap.RaschTolerance, MaxIterations = RankBootstrap.RaschMaxIterations }, 3, full).GetValueOrThrow();
            var exact = RaschCalibration.Fit(replicate, maximumCategory: 3).GetValueOrThrow();
            worst = Math.Max(worst, quick.Units.Zip(exact.Units).Max(p => Math.Abs(p.First.FairAverage - p.Second.FairAverage) * 100 / 3));
        }
        Assert.True(worst < 0.001, $"worst difference {worst} points");
    }

    [Fact]
    public void A_hand_entered_component_is_held_fixed_and_says_so()
    {
        var (input, round) = GradedYear(raters: 8, seed: 9, handEnteredSatisfaction: true);
        var result = RankBootstrap.Run(input, [round], 50, seed: 1);
        var satisfaction = result.Held.Single(h => h.Code == "satisfaction");
        Assert.Equal("群众满意度", satisfaction.Name);
        Assert.Contains("手工录入", satisfaction.Reason, StringComparison.Ordinal);
        Assert.Contains("不重抽", result.Held.Single(h => h.Code == "indicators").Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Held, h => h.Code == "deputies");
    }
}
