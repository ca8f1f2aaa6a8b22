using System.Globalization;

namespace Baton.Scoring.Ratings;

/// <summary>
/// The rules of one rater's submission in a rating round, the same for the form that shows them and the
/// service that enforces them: the weighted mean of the criteria, when a reason is required, what counts
/// as a top grade for the round's quota, and how a grade maps to the Rasch model's category index.
/// </summary>
public static class RatingRules
{
    /// <summary>A criterion score at or above this (points) needs a written reason.</summary>
    public const double ReasonAtOrAbove = 100;

    /// <summary>A criterion score below this (points) needs a written reason.</summary>
    public const double ReasonBelow = 60;

    /// <summary>
    /// A rater's score for a unit on a numeric round: Σ wᵢ·sᵢ ÷ Σ wᵢ over the criteria, in points (0–100).
    /// The weights need not add up to 1; they must be positive.
    /// </summary>
    public static double WeightedMean(IReadOnlyList<double> scores, IReadOnlyList<decimal> weights)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(weights);
        if (scores.Count != weights.Count || scores.Count == 0)
        {
            throw new ArgumentException("Each criterion needs one score and one weight.", nameof(scores));
        }
        double sum = 0, total = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(weights[i], nameof(weights));
            sum += (double)weights[i] * scores[i];
            total += (double)weights[i];
        }
        return sum / total;
    }

    /// <summary>
    /// The weighted mean once every criterion is scored, or null while any is blank: what the form shows
    /// beside the criteria as the rater types.
    /// </summary>
    public static double? WeightedMeanOfComplete(IReadOnlyList<double?> scores, IReadOnlyList<decimal> weights)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return scores.Count == 0 || scores.Any(s => s is null) ? null : WeightedMean([.. scores.Select(s => s!.Value)], weights);
    }

    /// <summary>True when a numeric rating needs a reason: some criterion scored 100 or more, or below 60.</summary>
    public static bool NeedsReason(IReadOnlyList<double> criterionScores)
    {
        ArgumentNullException.ThrowIfNull(criterionScores);
        return criterionScores.Any(s => s >= ReasonAtOrAbove || s < ReasonBelow);
    }

    /// <summary>True when a grade needs a reason: the worst grade (position <paramref name="gradeCount"/> − 1, best first).</summary>
    public static bool NeedsReason(int gradePosition, int gradeCount) => gradePosition == gradeCount - 1;

    /// <summary>True when a numeric rating counts against the round's top-grade quota: its weighted mean reaches <paramref name="topScore"/>.</summary>
    public static bool IsTop(double weightedMean, double topScore) => weightedMean >= topScore;

    /// <summary>True when a grade counts against the quota: the best grade (position 0).</summary>
    public static bool IsTop(int gradePosition) => gradePosition == 0;

    /// <summary>The quota refusal in Chinese when a rater gave more top grades than <paramref name="quota"/> allows; null within it.</summary>
    /// <param name="top">Top grades the rater gave.</param>
    /// <param name="quota">The most one rater may give, or null for no quota.</param>
    /// <param name="label">What a top grade is, as the rater reads it (“好” or “90 分及以上”).</param>
    public static string? QuotaRefusal(int top, int? quota, string label) =>
        quota is { } q && top > q ? string.Create(CultureInfo.InvariantCulture, $"{label}最多只能给 {q} 个单位，您给了 {top} 个。") : null;

    /// <summary>
    /// The Rasch model's category index of a grade: the grades are listed best first, the model counts
    /// from the worst (0) up to <paramref name="gradeCount"/> − 1.
    /// </summary>
    public static int CategoryIndex(int gradePosition, int gradeCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(gradePosition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(gradePosition, gradeCount);
        return gradeCount - 1 - gradePosition;
    }

    /// <summary>The grade's position in the best-first list for a category index (the inverse of <see cref="CategoryIndex"/>).</summary>
    public static int GradePosition(int categoryIndex, int gradeCount) => CategoryIndex(categoryIndex, gradeCount);
}

/// <summary>Why a rater may not rate a unit.</summary>
public enum RatingExclusion
{
    /// <summary>The rater's own unit: nobody rates their own unit.</summary>
    OwnUnit = 1,

    /// <summary>A declared conflict of interest (回避), e.g. a department and the town it supervises.</summary>
    Conflict = 2,

    /// <summary>The unit is not among those the rater was given (assessment teams rate their assigned units and the anchors).</summary>
    NotInScope = 3,
}

/// <summary>One unit of a round and whether it is an anchor that every rater with assignments also rates.</summary>
public readonly record struct RoundUnit(long Unit, bool IsAnchor);

/// <summary>Which units a rater rates in a round (DESIGN.md §5.3: anchors tie the teams' designs together).</summary>
public static class RaterScope
{
    /// <summary>
    /// The units a rater rates, in the round's order: the assigned ones plus every anchor when the rater has
    /// assignments (an assessment team), otherwise every unit of the round; never the rater's own unit
    /// (<paramref name="ownUnit"/>) nor a unit they have a conflict with.
    /// </summary>
    public static IReadOnlyList<long> UnitsOf(IEnumerable<RoundUnit> round, IReadOnlySet<long> assigned, IReadOnlySet<long> conflicts, long? ownUnit)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(assigned);
        ArgumentNullException.ThrowIfNull(conflicts);
        return [.. round
            .Where(u => assigned.Count == 0 || assigned.Contains(u.Unit) || u.IsAnchor)
            .Where(u => u.Unit != ownUnit && !conflicts.Contains(u.Unit))
            .Select(u => u.Unit)];
    }

    /// <summary>Why the rater may not rate <paramref name="unit"/>, or null when they may; the own unit and a conflict come first.</summary>
    public static RatingExclusion? Exclusion(long unit, long? ownUnit, IReadOnlySet<long> conflicts, IReadOnlyCollection<long> scope)
    {
        ArgumentNullException.ThrowIfNull(conflicts);
        ArgumentNullException.ThrowIfNull(scope);
        return unit == ownUnit ? RatingExclusion.OwnUnit
            : conflicts.Contains(unit) ? RatingExclusion.Conflict
            : scope.Contains(unit) ? null
            : RatingExclusion.NotInScope;
    }

    /// <summary>The exclusion as the rater reads it, naming the unit.</summary>
    public static string Message(RatingExclusion exclusion, string unitName) => exclusion switch
    {
        RatingExclusion.OwnUnit => $"不能评议本单位「{unitName}」。",
        RatingExclusion.Conflict => $"您与「{unitName}」存在回避关系，不能评议该单位。",
        _ => $"「{unitName}」不在您的评议范围内。",
    };
}
