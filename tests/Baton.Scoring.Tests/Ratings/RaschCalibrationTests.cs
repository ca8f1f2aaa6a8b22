using Baton.Scoring.Ratings;

namespace Baton.Scoring.Tests.Ratings;

public class RaschCalibrationTests
{
    private static readonly double[] TrueThresholds = [-1.8, -0.6, 0.5, 1.9];

    /// <summary>Draws a category 0..m from the rating-scale model.</summary>
    private static int Draw(Random random, double eta, double[] thresholds)
    {
        var weights = new double[thresholds.Length + 1];
        var logit = 0.0;
        weights[0] = 1;
        for (var k = 1; k < weights.Length; k++)
        {
            logit += eta - thresholds[k - 1];
            weights[k] = Math.Exp(logit);
        }
        var u = random.NextDouble() * weights.Sum();
        for (var k = 0; k < weights.Length; k++)
        {
            u -= weights[k];
            if (u <= 0)
            {
                return k;
            }
        }
        return weights.Length - 1;
    }

    [Fact]
    public void Rasch_estimates_recover_simulated_unit_measures_rater_severities_and_thresholds()
    {
        var random = new Random(2025);
        const int raters = 30, units = 60;
        var merit = Enumerable.Range(0, units).Select(_ => 1.2 * Simulation.Normal(random)).ToArray();
        var severity = Enumerable.Range(0, raters).Select(_ => 0.8 * Simulation.Normal(random)).ToArray();
        // Incomplete: each rater grades 40 of the 60 units.
        var design = Simulation.IncompleteDesign(random, raters, units, perRater: 40);
        var set = Simulation.ToSet(design.Select(p => (p.Rater, p.Unit, (double)Draw(random, merit[p.Unit] - severity[p.Rater], TrueThresholds))));

        var fit = RaschCalibration.Fit(set).GetValueOrThrow();

        var unitEstimates = fit.Units.Where(u => !u.IsExtreme).ToList();
        var raterEstimates = fit.Raters.ToList();
        var unitCorrelation = Simulation.Correlation(unitEstimates.Select(u => u.Measure).ToList(), unitEstimates.Select(u => merit[Index(u.Unit)]).ToList());
        var raterCorrelation = Simulation.Correlation(raterEstimates.Select(r => r.Severity).ToList(), raterEstimates.Select(r => severity[Index(r.Rater)]).ToList());
        Assert.True(unitCorrelation >= 0.95, $"unit correlation {unitCorrelation:F3}");
        Assert.True(raterCorrelation >= 0.95, $"rater correlation {raterCorrelation:F3}");
        Assert.Equal(4, fit.MaximumCategory);
        for (var k = 0; k < TrueThresholds.Length; k++)
        {
            Assert.Equal(TrueThresholds[k] - TrueThresholds.Average(), fit.Thresholds[k], 0.3);
        }
        Assert.Equal(0, fit.Raters.Where(r => !r.IsExtreme).Sum(r => r.Severity), 1e-6);
        Assert.Equal(0, fit.Thresholds.Sum(), 1e-9);
        // Data drawn from the model fit it: mean squares near 1.
        Assert.InRange(fit.Raters.Average(r => r.Infit), 0.85, 1.15);
        Assert.InRange(fit.Units.Where(u => !u.IsExtreme).Average(u => u.Outfit), 0.8, 1.2);
        Assert.All(fit.Units, u => Assert.InRange(u.StandardError, 0.1, 1.5));
    }

    [Fact]
    public void A_warm_start_from_the_full_fit_reaches_the_same_measures_in_fewer_iterations()
    {
        var random = new Random(17);
        var ratings = new List<(int, int, double)>();
        for (var r = 0; r < 16; r++)
        {
            for (var u = 0; u < 47; u++)
            {
                ratings.Add((r, u, Draw(random, u / 12.0 - 2 + (r % 3 - 1) * 0.5, [-1.5, 0, 1.5])));
            }
        }
        var full = RaschCalibration.Fit(Simulation.ToSet(ratings)).GetValueOrThrow();
        // A bootstrap replicate of the raters, as the rank uncertainty draws it.
        var replicate = RaterBootstrap.Replicate(Simulation.ToSet(ratings), seed: 2025, replicate: 3);
        var options = new CalibrationOptions { Tolerance = 1e-6 };
        var cold = RaschCalibration.Fit(replicate, options).GetValueOrThrow();
        var warm = RaschCalibration.Fit(replicate, options, start: full).GetValueOrThrow();

        Assert.True(warm.Iterations < cold.Iterations, $"warm {warm.Iterations}, cold {cold.Iterations}");
        for (var u = 0; u < cold.Units.Count; u++)
        {
            Assert.Equal(cold.Units[u].Unit, warm.Units[u].Unit);
            Assert.Equal(cold.Units[u].FairAverage, warm.Units[u].FairAverage, 1e-4);
        }
    }

    [Fact]
    public void Fair_average_is_the_expected_grade_from_a_rater_of_average_severity()
    {
        var random = new Random(5);
        var ratings = new List<(int, int, double)>();
        for (var r = 0; r < 8; r++)
        {
            for (var u = 0; u < 12; u++)
            {
                ratings.Add((r, u, Draw(random, u / 4.0 - 1.5 + (r % 2 == 0 ? 0.7 : -0.7), [-1, 0, 1])));
            }
        }
        var fit = RaschCalibration.Fit(Simulation.ToSet(ratings)).GetValueOrThrow();

        foreach (var unit in fit.Units.Where(u => !u.IsExtreme))
        {
            Assert.Equal(fit.ExpectedScore(unit.Measure, 0), unit.FairAverage, 1e-12);
            Assert.InRange(unit.FairAverage, 0, 3);
        }
        // Fair averages keep the order of the measures.
        var ordered = fit.Units.OrderBy(u => u.Measure).Select(u => u.FairAverage).ToList();
        Assert.Equal(ordered.Order().ToList(), ordered);
    }

    [Fact]
    public void A_unit_with_only_top_grades_is_extreme_and_still_gets_a_finite_measure_above_the_others()
    {
        var random = new Random(11);
        var ratings = new List<(int, int, double)>();
        for (var r = 0; r < 6; r++)
        {
            for (var u = 0; u < 10; u++)
            {
                ratings.Add((r, u, u == 9 ? 3 : Draw(random, u / 3.0 - 1.5, [-1, 0, 1])));
            }
        }
        var fit = RaschCalibration.Fit(Simulation.ToSet(ratings)).GetValueOrThrow();

        var top = fit.Units.Single(u => u.Unit == "U009");
        Assert.True(top.IsExtreme);
        Assert.True(double.IsFinite(top.Measure));
        Assert.True(fit.Units.Where(u => u != top).All(u => u.Measure < top.Measure));
        Assert.True(double.IsNaN(top.Infit));
    }

    [Fact]
    public void A_grade_category_nobody_used_is_refused()
    {
        (int, int, double)[] ratings = [(0, 0, 0), (0, 1, 2), (1, 0, 2), (1, 1, 0)];

        var outcome = RaschCalibration.Fit(Simulation.ToSet(ratings), maximumCategory: 2);

        Assert.Equal(RefusalReason.InvalidScale, outcome.Refusal!.Reason);
        Assert.Contains("等级 1", outcome.Refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fractional_grade_is_refused()
    {
        (int, int, double)[] ratings = [(0, 0, 0), (0, 1, 1.5)];

        var outcome = RaschCalibration.Fit(Simulation.ToSet(ratings));

        Assert.Equal(RefusalReason.InvalidScale, outcome.Refusal!.Reason);
    }

    [Fact]
    public void Perfectly_ordered_grades_have_no_finite_estimate_and_are_refused_quickly()
    {
        // Each unit's grade is fixed by unit and rater alone: the maximum-likelihood estimates diverge.
        var ratings = new List<(int, int, double)>();
        for (var r = 0; r < 8; r++)
        {
            for (var u = 0; u < 10; u++)
            {
                ratings.Add((r, u, Math.Clamp((int)Math.Round(u / 3.0 + (r % 3) - 1), 0, 3)));
            }
        }

        var outcome = RaschCalibration.Fit(Simulation.ToSet(ratings));

        Assert.Equal(RefusalReason.NotConverged, outcome.Refusal!.Reason);
        Assert.Contains("完全有序", outcome.Refusal.Message, StringComparison.Ordinal);
    }

    private static int Index(string name) => int.Parse(name.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
}
