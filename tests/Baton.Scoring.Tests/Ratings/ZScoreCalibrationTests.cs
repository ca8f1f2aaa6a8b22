using Baton.Scoring.Ratings;

namespace Baton.Scoring.Tests.Ratings;

public class ZScoreCalibrationTests
{
    [Fact]
    public void Z_scores_on_a_complete_design_use_each_raters_mean_and_sample_standard_deviation()
    {
        // Rater 0: 70, 80, 90 (mean 80, sd 10); rater 1: 60, 62, 70 (mean 64, sd √28).
        (int, int, double)[] ratings = [(0, 0, 70), (0, 1, 80), (0, 2, 90), (1, 0, 60), (1, 1, 62), (1, 2, 70)];

        var fit = ZScoreCalibration.Fit(Simulation.ToSet(ratings)).GetValueOrThrow();

        var sd1 = Math.Sqrt(28);
        Assert.Equal(10, fit.Raters[0].StandardDeviation, 1e-12);
        Assert.Equal(sd1, fit.Raters[1].StandardDeviation, 1e-12);
        Assert.Equal((-1 + (60 - 64) / sd1) / 2, fit.Units[0].MeanZ, 1e-12);
        Assert.Equal((0 + (62 - 64) / sd1) / 2, fit.Units[1].MeanZ, 1e-12);
        Assert.Equal((1 + (70 - 64) / sd1) / 2, fit.Units[2].MeanZ, 1e-12);
        Assert.Equal(0, fit.Units.Sum(u => u.MeanZ), 1e-12);
        Assert.Equal(8, fit.Raters[0].Leniency, 1e-12);
    }

    [Fact]
    public void Z_scores_are_refused_for_an_incomplete_design()
    {
        (int, int, double)[] ratings = [(0, 0, 70), (0, 1, 80), (1, 1, 60), (1, 2, 62)];

        var outcome = ZScoreCalibration.Fit(Simulation.ToSet(ratings));

        Assert.Equal(RefusalReason.IncompleteDesign, outcome.Refusal!.Reason);
        Assert.Contains("完整设计", outcome.Refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rater_who_gives_everyone_the_same_score_is_flagged_and_left_out_of_the_means()
    {
        (int, int, double)[] ratings = [(0, 0, 70), (0, 1, 90), (1, 0, 80), (1, 1, 80)];

        var fit = ZScoreCalibration.Fit(Simulation.ToSet(ratings)).GetValueOrThrow();

        Assert.True(fit.Raters[1].HasZeroVariance);
        Assert.Equal(1, fit.Units[0].Count);
        Assert.Equal(-1 / Math.Sqrt(2), fit.Units[0].MeanZ, 1e-12);
    }
}
