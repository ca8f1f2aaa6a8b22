namespace Baton.Scoring.Ratings;

/// <summary>
/// One rater's score for one unit in one rating round.
/// </summary>
/// <param name="Rater">The rater's identifier (an account, a deputy's link, an assessment team).</param>
/// <param name="Unit">The rated unit's identifier.</param>
/// <param name="Score">
/// The score as given: points on the round's numeric scale (e.g. 0–100) for the additive and z-score
/// models, or the category index 0..m of an ordered grade scale for the Rasch model. A
/// <see cref="double"/> because everything computed from it is statistics (means, variances,
/// logits), not money or stored points.
/// </param>
public sealed record Rating(string Rater, string Unit, double Score);
