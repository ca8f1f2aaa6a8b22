namespace Baton.Scoring.Ratings;

/// <summary>The scale of a <see cref="RaterReport"/>'s severities.</summary>
public enum RaterReportScale
{
    /// <summary>Points of the rating scale (additive model).</summary>
    Points = 0,

    /// <summary>Logits (Rasch model).</summary>
    Logits = 1,
}

/// <summary>One rater in a <see cref="RaterReport"/>.</summary>
/// <param name="Rater">The rater.</param>
/// <param name="Count">How many ratings the rater gave.</param>
/// <param name="Severity">
/// How much harsher than the average rater, in the report's scale: positive is severe, negative lenient
/// (the additive model's rater effect with its sign turned; the Rasch severity as it is).
/// </param>
/// <param name="StandardError">The standard error of <paramref name="Severity"/>.</param>
/// <param name="ResidualRms">
/// Root mean square residual, in the report's data scale (points, or grade categories for Rasch): the
/// typical distance between the rater's scores and what the model expects from everyone else's
/// scores and the rater's own severity.
/// </param>
/// <param name="Infit">
/// Information-weighted mean square (Rasch), or the rater's mean squared residual over the residual
/// variance (additive). About 1 is ordinary; above 1.5 the rater disagrees markedly with the others'
/// ordering of the units; well below 1 the rater adds little of their own. NaN when undefined.
/// </param>
/// <param name="Outfit">Unweighted mean square (Rasch, sensitive to single surprising ratings); equals <paramref name="Infit"/> for the additive model.</param>
/// <param name="DisagreementRank">
/// 1 for the rater whose scores disagree most with everyone else's (largest <paramref name="Infit"/>),
/// 2 for the next, …, by competition ranking (equal misfits share a rank); raters with an undefined misfit come last.
/// </param>
public sealed record RaterReportEntry(string Rater, int Count, double Severity, double StandardError, double ResidualRms, double Infit, double Outfit, int DisagreementRank);

/// <summary>
/// The rater report of a calibration: each rater's severity with its standard error, misfit, and the
/// ranking of the raters by how much their scores disagree with everyone else's. Residuals include the
/// rater's own pull on each unit's estimate, so with very few raters per unit the misfit understates disagreement.
/// </summary>
public sealed class RaterReport
{
    private RaterReport(RaterReportScale scale, RaterReportEntry[] raters)
    {
        Scale = scale;
        Raters = raters;
    }

    /// <summary>The scale of <see cref="RaterReportEntry.Severity"/>.</summary>
    public RaterReportScale Scale { get; }

    /// <summary>The raters, in order of first appearance.</summary>
    public IReadOnlyList<RaterReportEntry> Raters { get; }

    /// <summary>The <paramref name="count"/> raters who disagree most, most disagreeing first.</summary>
    public IReadOnlyList<RaterReportEntry> MostDisagreeing(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return [.. Raters.OrderBy(r => r.DisagreementRank).Take(count)];
    }

    /// <summary>The report of an additive calibration (points).</summary>
    public static RaterReport From(AdditiveCalibration calibration)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        var entries = calibration.Raters
            .Select(r => new RaterReportEntry(r.Rater, r.Count, -r.Effect, r.StandardError, r.ResidualRms, r.MeanSquare, r.MeanSquare, 0))
            .ToArray();
        return new RaterReport(RaterReportScale.Points, Ranked(entries));
    }

    /// <summary>The report of a Rasch calibration (logits).</summary>
    public static RaterReport From(RaschCalibration calibration, RatingSet ratings)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(ratings);
        var squares = new double[ratings.Raters.Count];
        var measureOf = calibration.Units.Select(u => u.Measure).ToArray();
        for (var i = 0; i < ratings.Count; i++)
        {
            var r = ratings.RaterIndexOf(i);
            var e = ratings.ScoreOf(i) - calibration.ExpectedScore(measureOf[ratings.UnitIndexOf(i)], calibration.Raters[r].Severity);
            squares[r] += e * e;
        }
        var entries = calibration.Raters
            .Select((r, index) => new RaterReportEntry(r.Rater, r.Count, r.Severity, r.StandardError, Math.Sqrt(squares[index] / r.Count), r.Infit, r.Outfit, 0))
            .ToArray();
        return new RaterReport(RaterReportScale.Logits, Ranked(entries));
    }

    private static RaterReportEntry[] Ranked(RaterReportEntry[] entries)
    {
        var order = Enumerable.Range(0, entries.Length)
            .OrderByDescending(i => double.IsNaN(entries[i].Infit) ? double.NegativeInfinity : entries[i].Infit)
            .ThenByDescending(i => double.IsNaN(entries[i].Outfit) ? double.NegativeInfinity : entries[i].Outfit)
            .ThenBy(i => i)
            .ToArray();
        static double Key(double misfit) => double.IsNaN(misfit) ? double.NegativeInfinity : misfit;
        var ranks = Results.CompetitionRanking.OfOrdered(order.Length, (a, b) =>
            Results.CompetitionRanking.Same(Key(entries[order[a]].Infit), Key(entries[order[b]].Infit))
            && Results.CompetitionRanking.Same(Key(entries[order[a]].Outfit), Key(entries[order[b]].Outfit)));
        for (var k = 0; k < order.Length; k++)
        {
            entries[order[k]] = entries[order[k]] with { DisagreementRank = ranks[k] };
        }
        return entries;
    }
}
