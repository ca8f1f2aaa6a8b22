using Baton.Scoring.Ratings;

namespace Baton.Scoring.Tests.Ratings;

public class AdditiveCalibrationTests
{
    private const double Tight = 1e-9;

    private static RatingSet Set(IEnumerable<(int Rater, int Unit, int Score)> ratings) =>
        Simulation.ToSet(ratings.Select(x => (x.Rater, x.Unit, (double)x.Score)));

    private static void AssertMatchesExact(AdditiveCalibration fit, ExactLeastSquares exact)
    {
        Assert.Equal(exact.GrandMean.ToDouble(), fit.GrandMean, Tight);
        Assert.Equal(exact.ResidualVariance.ToDouble(), fit.ResidualVariance, Tight);
        foreach (var unit in fit.Units)
        {
            var u = Index(unit.Unit);
            Assert.Equal(exact.UnitEffects[u].ToDouble(), unit.Effect, Tight);
            Assert.Equal(Math.Sqrt(exact.UnitVariances[u].ToDouble()), unit.StandardError, Tight);
        }
        foreach (var rater in fit.Raters)
        {
            var r = Index(rater.Rater);
            Assert.Equal(exact.RaterEffects[r].ToDouble(), rater.Effect, Tight);
            Assert.Equal(Math.Sqrt(exact.RaterVariances[r].ToDouble()), rater.StandardError, Tight);
        }
    }

    /// <summary>"U007" → 7: the simulation's names carry the index the exact solver uses.</summary>
    private static int Index(string name) => int.Parse(name.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Balanced_design_matches_the_exact_rational_solution_of_the_normal_equations()
    {
        int[,] scores = { { 80, 72, 91, 65 }, { 85, 70, 95, 71 }, { 74, 69, 83, 60 } };
        var ratings = new List<(int, int, int)>();
        for (var r = 0; r < 3; r++)
        {
            for (var u = 0; u < 4; u++)
            {
                ratings.Add((r, u, scores[r, u]));
            }
        }
        var fit = AdditiveCalibration.Fit(Set(ratings)).GetValueOrThrow();

        AssertMatchesExact(fit, new ExactLeastSquares(4, 3, ratings));
        Assert.Equal(StandardErrorMethod.Exact, fit.StandardErrorMethod);
        Assert.Equal(6, fit.DegreesOfFreedom);
        // In a balanced design the unit effect is the unit's mean minus the grand mean.
        Assert.Equal((80 + 85 + 74) / 3.0 - scores.Cast<int>().Average(), fit.Units[0].Effect, Tight);
    }

    [Fact]
    public void Incomplete_hand_built_design_matches_the_exact_rational_solution_including_standard_errors()
    {
        (int, int, int)[] ratings =
        [
            (0, 0, 82), (0, 1, 75), (0, 2, 90),
            (1, 1, 70), (1, 2, 86), (1, 3, 64),
            (2, 3, 72), (2, 4, 88), (2, 0, 90),
            (3, 0, 78), (3, 4, 80), (3, 2, 83),
        ];
        var fit = AdditiveCalibration.Fit(Set(ratings)).GetValueOrThrow();

        AssertMatchesExact(fit, new ExactLeastSquares(5, 4, ratings));
        Assert.Equal(12 - (5 + 4 - 1), fit.DegreesOfFreedom);
        Assert.Equal(0, fit.Units.Sum(u => u.Effect), Tight);
        Assert.Equal(0, fit.Raters.Sum(r => r.Effect), Tight);
        Assert.All(fit.Units, u => Assert.Equal(fit.GrandMean + u.Effect, u.Calibrated, Tight));
    }

    [Fact]
    public void Disconnected_design_is_refused_naming_its_groups()
    {
        (int, int, int)[] ratings = [(0, 0, 80), (0, 1, 70), (1, 0, 85), (1, 1, 77), (2, 2, 60), (2, 3, 65), (3, 2, 62), (3, 3, 70)];

        var outcome = AdditiveCalibration.Fit(Set(ratings));

        Assert.False(outcome.IsCalibrated);
        Assert.Equal(RefusalReason.Disconnected, outcome.Refusal!.Reason);
        Assert.Equal(2, outcome.Refusal.Connectivity!.Groups.Count);
        Assert.Equal(["R000", "R001"], outcome.Refusal.Connectivity.Groups[0].Raters);
        Assert.Equal(["U002", "U003"], outcome.Refusal.Connectivity.Groups[1].Units);
        Assert.Contains("第2组（评分人：R002、R003；单位：U002、U003）", outcome.Refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equal_group_severity_makes_a_disconnected_design_computable_and_matches_exact_group_constraints()
    {
        (int, int, int)[] ratings =
        [
            (0, 0, 80), (0, 1, 70), (1, 0, 85), (1, 1, 77), (1, 4, 66),
            (2, 2, 60), (2, 3, 65), (3, 2, 62), (3, 3, 70), (4, 3, 75), (4, 2, 71),
        ];
        var options = new CalibrationOptions { Anchoring = AnchoringRule.EqualGroupSeverity };

        var fit = AdditiveCalibration.Fit(Set(ratings), options).GetValueOrThrow();

        Assert.Equal(2, fit.Connectivity.Groups.Count);
        AssertMatchesExact(fit, new ExactLeastSquares(5, 5, ratings, raterGroup: [0, 0, 1, 1, 1]));
        Assert.Equal(0, fit.Raters[0].Effect + fit.Raters[1].Effect, Tight);
        Assert.Equal(0, fit.Raters[2].Effect + fit.Raters[3].Effect + fit.Raters[4].Effect, Tight);
    }

    [Fact]
    public void Anchor_units_rated_by_every_group_make_the_design_computable()
    {
        // Two teams, each scoring its own towns, plus two anchor towns (U8, U9) that both teams score.
        var ratings = new List<(int, int, int)>();
        var random = new Random(7);
        for (var r = 0; r < 4; r++)
        {
            var team = r / 2;
            foreach (var u in new[] { team * 4, team * 4 + 1, team * 4 + 2, team * 4 + 3, 8, 9 })
            {
                ratings.Add((r, u, 60 + random.Next(30) + (team == 1 ? 8 : 0)));
            }
        }
        var set = Set(ratings);
        var options = new CalibrationOptions { Anchoring = AnchoringRule.AnchorUnits, AnchorUnits = ["U008", "U009"] };

        var fit = AdditiveCalibration.Fit(set, options).GetValueOrThrow();

        Assert.True(fit.Connectivity.IsConnected);
        AssertMatchesExact(fit, new ExactLeastSquares(10, 4, ratings));
    }

    [Fact]
    public void Anchor_unit_that_one_group_does_not_score_is_refused()
    {
        // Without the anchors the groups are {R000, U000} and {R001, U001}; U003 is scored by R001 only.
        (int, int, int)[] ratings = [(0, 0, 80), (0, 2, 70), (1, 1, 85), (1, 2, 77), (1, 3, 70)];
        var options = new CalibrationOptions { Anchoring = AnchoringRule.AnchorUnits, AnchorUnits = ["U002", "U003"] };

        var outcome = AdditiveCalibration.Fit(Set(ratings), options);

        Assert.Equal(RefusalReason.AnchorsDoNotLinkGroups, outcome.Refusal!.Reason);
        Assert.Contains("锚定单位“U003”没有被以下各组评分：第1组", outcome.Refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulated_incomplete_design_recovers_true_unit_values_within_two_standard_errors_and_raw_means_do_not()
    {
        var random = new Random(20250101);
        const int raters = 40, units = 80;
        var truth = Enumerable.Range(0, units).Select(_ => 70 + 8 * Simulation.Normal(random)).ToArray();
        var leniency = Enumerable.Range(0, raters).Select(_ => 6 * Simulation.Normal(random)).ToArray();
        var design = Simulation.IncompleteDesign(random, raters, units, perRater: 20);
        var set = Simulation.ToSet(design.Select(p => (p.Rater, p.Unit, truth[p.Unit] + leniency[p.Rater] + 2 * Simulation.Normal(random))));

        var fit = AdditiveCalibration.Fit(set).GetValueOrThrow();

        var truthMean = truth.Average();
        var leniencyMean = leniency.Average();
        var rawMeanOfMeans = fit.Units.Average(u => u.RawMean);
        int calibratedHits = 0, rawHits = 0;
        double calibratedSquares = 0, rawSquares = 0;
        foreach (var unit in fit.Units)
        {
            var u = Index(unit.Unit);
            var trueEffect = truth[u] - truthMean;
            calibratedHits += Math.Abs(unit.Effect - trueEffect) <= 2 * unit.StandardError ? 1 : 0;
            rawHits += Math.Abs(unit.RawMean - rawMeanOfMeans - trueEffect) <= 2 * unit.StandardError ? 1 : 0;
            calibratedSquares += Math.Pow(unit.Effect - trueEffect, 2);
            rawSquares += Math.Pow(unit.RawMean - rawMeanOfMeans - trueEffect, 2);
        }
        var raterHits = fit.Raters.Count(r =>
            Math.Abs(r.Effect - (leniency[Index(r.Rater)] - leniencyMean)) <= 2 * r.StandardError);

        Assert.True(calibratedHits >= 0.9 * units, $"calibrated within 2 SE: {calibratedHits}/{units}");
        Assert.True(rawHits <= 0.6 * units, $"raw means within 2 SE: {rawHits}/{units}");
        Assert.True(calibratedSquares < 0.25 * rawSquares, $"squared error calibrated {calibratedSquares:F1}, raw {rawSquares:F1}");
        Assert.True(raterHits >= 0.9 * raters, $"rater effects within 2 SE: {raterHits}/{raters}");
        Assert.Equal(2.0, Math.Sqrt(fit.ResidualVariance), 0.3);
    }

    [Fact]
    public void Diagonal_approximation_of_standard_errors_is_within_one_percent_on_a_well_linked_design()
    {
        var random = new Random(42);
        var design = Simulation.IncompleteDesign(random, raters: 60, units: 200, perRater: 50);
        var set = Simulation.ToSet(design.Select(p => (p.Rater, p.Unit, 70 + 10 * Simulation.Normal(random))));

        var exact = AdditiveCalibration.Fit(set).GetValueOrThrow();
        var approximate = AdditiveCalibration.Fit(set, new CalibrationOptions { ExactStandardErrorRaterLimit = 0 }).GetValueOrThrow();

        Assert.Equal(StandardErrorMethod.DiagonalApproximation, approximate.StandardErrorMethod);
        Assert.False(approximate.StandardErrorsMayBeUnderstated);
        for (var u = 0; u < exact.Units.Count; u++)
        {
            Assert.Equal(exact.Units[u].Effect, approximate.Units[u].Effect, Tight);
            Assert.InRange(approximate.Units[u].StandardError / exact.Units[u].StandardError, 0.99, 1.01);
        }
        for (var r = 0; r < exact.Raters.Count; r++)
        {
            Assert.InRange(approximate.Raters[r].StandardError / exact.Raters[r].StandardError, 0.9, 1.1);
        }
    }

    [Fact]
    public void Chain_design_with_approximate_standard_errors_is_flagged_as_possibly_understated()
    {
        // Rater r scores units 2r..2r+5 (mod 600): each rater shares units only with neighbours.
        var random = new Random(3);
        var chain = new List<(int, int, double)>();
        for (var r = 0; r < 300; r++)
        {
            for (var k = 0; k < 6; k++)
            {
                chain.Add((r, (2 * r + k) % 600, 70 + 10 * random.NextDouble()));
            }
        }
        var set = Simulation.ToSet(chain);

        var approximate = AdditiveCalibration.Fit(set, new CalibrationOptions { ExactStandardErrorRaterLimit = 0 }).GetValueOrThrow();
        var exact = AdditiveCalibration.Fit(set).GetValueOrThrow();

        Assert.True(approximate.StandardErrorsMayBeUnderstated);
        Assert.False(exact.StandardErrorsMayBeUnderstated);
        Assert.True(approximate.Units[0].StandardError < 0.5 * exact.Units[0].StandardError);
    }

    [Fact]
    public void Saturated_design_has_no_residual_variance_and_reports_standard_errors_as_not_a_number()
    {
        (int, int, int)[] ratings = [(0, 0, 80), (0, 1, 70), (1, 1, 75)];

        var fit = AdditiveCalibration.Fit(Set(ratings)).GetValueOrThrow();

        Assert.Equal(0, fit.DegreesOfFreedom);
        Assert.True(double.IsNaN(fit.ResidualVariance));
        Assert.True(double.IsNaN(fit.Units[0].StandardError));
    }

    [Fact]
    public void A_rater_rating_the_same_unit_twice_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => RatingSet.Create([new("A", "X", 80), new("A", "X", 70)]));
    }
}
