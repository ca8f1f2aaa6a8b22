namespace Baton.Scoring.Ratings;

/// <summary>One unit's result of the z-score calibration.</summary>
/// <param name="Unit">The unit.</param>
/// <param name="Count">How many raters' z-scores were averaged (raters with zero variance excluded).</param>
/// <param name="RawMean">The plain mean of its scores, in points.</param>
/// <param name="MeanZ">
/// The mean of its per-rater z-scores, in rater standard deviations: +1 means the unit's raters put
/// it, on average, one of their own standard deviations above their own mean.
/// </param>
/// <param name="StandardError">The sample standard deviation of those z-scores over √Count; NaN with fewer than two.</param>
public sealed record ZScoreUnit(string Unit, int Count, double RawMean, double MeanZ, double StandardError);

/// <summary>One rater's summary in the z-score calibration.</summary>
/// <param name="Rater">The rater.</param>
/// <param name="Count">How many units the rater rated (all of them, the design being complete).</param>
/// <param name="Mean">The rater's mean score, in points.</param>
/// <param name="StandardDeviation">The rater's sample standard deviation (n − 1), in points.</param>
/// <param name="Leniency">The rater's mean minus the grand mean, in points: positive is lenient.</param>
/// <param name="HasZeroVariance">
/// True when the rater gave every unit the same score. Such a rater expresses no order among the
/// units, their z-scores are undefined (0/0), and they are left out of every unit's mean z-score.
/// </param>
public sealed record ZScoreRater(string Rater, int Count, double Mean, double StandardDeviation, double Leniency, bool HasZeroVariance);

/// <summary>
/// Per-rater z-scores, <c>z = (score − rater's mean) / rater's sample standard deviation</c>, averaged per
/// unit. Valid only for complete designs: in an incomplete design a rater's mean depends on which
/// units they happened to see, so a rater of strong units would be read as lenient. Numbers are
/// <see cref="double"/> because they are statistics.
/// </summary>
public sealed class ZScoreCalibration
{
    private ZScoreCalibration(double grandMean, ZScoreUnit[] units, ZScoreRater[] raters)
    {
        GrandMean = grandMean;
        Units = units;
        Raters = raters;
    }

    /// <summary>The mean of all scores, in points.</summary>
    public double GrandMean { get; }

    /// <summary>The units, in order of first appearance.</summary>
    public IReadOnlyList<ZScoreUnit> Units { get; }

    /// <summary>The raters, in order of first appearance.</summary>
    public IReadOnlyList<ZScoreRater> Raters { get; }

    /// <summary>
    /// Computes the z-scores. Refuses an incomplete design, fewer than two units, and a round where
    /// every rater has zero variance.
    /// </summary>
    public static CalibrationOutcome<ZScoreCalibration> Fit(RatingSet ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        if (ratings.Count == 0 || !ratings.IsComplete)
        {
            return CalibrationOutcome<ZScoreCalibration>.Refused(new CalibrationRefusal(
                RefusalReason.IncompleteDesign,
                $"z 分数只适用于完整设计（每位评分人给每个单位评分）：本轮有{ratings.Raters.Count}位评分人、{ratings.Units.Count}个单位，" +
                $"应有{(long)ratings.Raters.Count * ratings.Units.Count}条评分，实有{ratings.Count}条。请改用加性模型（additive）。"));
        }
        int raterCount = ratings.Raters.Count, unitCount = ratings.Units.Count;
        if (unitCount < 2)
        {
            return CalibrationOutcome<ZScoreCalibration>.Refused(new CalibrationRefusal(RefusalReason.TooFewRatings, "至少需要两个单位才能计算 z 分数。"));
        }
        var mean = new double[raterCount];
        var sumU = new double[unitCount];
        for (var i = 0; i < ratings.Count; i++)
        {
            mean[ratings.RaterIndexOf(i)] += ratings.ScoreOf(i);
            sumU[ratings.UnitIndexOf(i)] += ratings.ScoreOf(i);
        }
        for (var r = 0; r < raterCount; r++)
        {
            mean[r] /= unitCount;
        }
        var squares = new double[raterCount];
        for (var i = 0; i < ratings.Count; i++)
        {
            var d = ratings.ScoreOf(i) - mean[ratings.RaterIndexOf(i)];
            squares[ratings.RaterIndexOf(i)] += d * d;
        }
        var grandMean = mean.Average();
        var sd = new double[raterCount];
        var raters = new ZScoreRater[raterCount];
        for (var r = 0; r < raterCount; r++)
        {
            sd[r] = Math.Sqrt(squares[r] / (unitCount - 1));
            raters[r] = new ZScoreRater(ratings.Raters[r], unitCount, mean[r], sd[r], mean[r] - grandMean, sd[r] == 0);
        }
        if (Array.TrueForAll(raters, r => r.HasZeroVariance))
        {
            return CalibrationOutcome<ZScoreCalibration>.Refused(new CalibrationRefusal(
                RefusalReason.TooFewRatings, "每位评分人都给所有单位打了相同的分，z 分数无从计算。"));
        }
        var zSum = new double[unitCount];
        var zSquares = new double[unitCount];
        for (var i = 0; i < ratings.Count; i++)
        {
            var r = ratings.RaterIndexOf(i);
            if (sd[r] == 0)
            {
                continue;
            }
            var z = (ratings.ScoreOf(i) - mean[r]) / sd[r];
            zSum[ratings.UnitIndexOf(i)] += z;
            zSquares[ratings.UnitIndexOf(i)] += z * z;
        }
        var counted = raters.Count(r => !r.HasZeroVariance);
        var units = new ZScoreUnit[unitCount];
        for (var u = 0; u < unitCount; u++)
        {
            var meanZ = zSum[u] / counted;
            var se = counted > 1 ? Math.Sqrt(Math.Max(zSquares[u] - counted * meanZ * meanZ, 0) / (counted - 1) / counted) : double.NaN;
            units[u] = new ZScoreUnit(ratings.Units[u], counted, sumU[u] / raterCount, meanZ, se);
        }
        return CalibrationOutcome<ZScoreCalibration>.Calibrated(new ZScoreCalibration(grandMean, units, raters));
    }
}
