using Baton.Scoring.Ratings;

namespace Baton.Core.Ratings;

/// <summary>Who rates in a round (DESIGN.md glossary).</summary>
public enum RatingKind
{
    /// <summary>两代表一委员 rate units (民主评议).</summary>
    DeputyRating = 1,

    /// <summary>Units rate each other (单位互评).</summary>
    PeerRating = 2,

    /// <summary>County leaders rate units (领导评价).</summary>
    LeaderRating = 3,

    /// <summary>Assessment teams score units on site (考核组实地考核).</summary>
    AssessmentTeam = 4,
}

/// <summary>How a round is scored.</summary>
public enum RatingScale
{
    /// <summary>Each criterion scored 0–100; a rater's score for a unit is the criteria's weighted mean.</summary>
    Numeric = 1,

    /// <summary>One ordered grade per unit (e.g. 好/较好/一般/差); calibrated with the Rasch model.</summary>
    Grades = 2,
}

/// <summary>
/// A rating round (评议轮次): who rates which units on what scale, under which rules. Numeric
/// rounds are calibrated with the additive model, grade rounds with the Rasch model.
/// </summary>
public sealed class RatingRound : Versioned
{
    public long Id { get; set; }

    public int Year { get; set; }

    public RatingKind Kind { get; set; }

    public required string Name { get; set; }

    public RatingScale Scale { get; set; }

    /// <summary>For <see cref="RatingScale.Grades"/>: the grades best first, separated by <c>|</c>, e.g. <c>好|较好|一般|差</c>.</summary>
    public string? Grades { get; set; }

    /// <summary>
    /// The most top grades one rater may give (e.g. at most 2 优秀); null for no quota. A top grade is
    /// the best grade on a grade scale, or a score of at least <see cref="TopScore"/> on a numeric scale.
    /// </summary>
    public int? TopQuota { get; set; }

    /// <summary>On a numeric scale, the score from which a rating counts as a top grade for <see cref="TopQuota"/>.</summary>
    public double TopScore { get; set; } = 90;

    /// <summary>What calibration does when the design is not connected; the office's explicit choice.</summary>
    public AnchoringRule Anchoring { get; set; }

    public bool IsClosed { get; set; }

    public DateTime CreatedAt { get; set; }

    public List<RatingCriterion> Criteria { get; set; } = [];

    public IReadOnlyList<string> GradeList =>
        string.IsNullOrWhiteSpace(Grades) ? [] : Grades.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string KindName(RatingKind kind) => kind switch
    {
        RatingKind.DeputyRating => "两代表一委员评议",
        RatingKind.PeerRating => "单位互评",
        RatingKind.LeaderRating => "领导评价",
        RatingKind.AssessmentTeam => "考核组实地考核",
        _ => kind.ToString(),
    };

    public static string AnchoringName(AnchoringRule rule) => rule switch
    {
        AnchoringRule.AnchorUnits => "锚定单位（各组共同评分）",
        AnchoringRule.EqualGroupSeverity => "假定各组宽严相同",
        _ => "不设锚定（不连通时拒绝校准）",
    };
}

/// <summary>One criterion of a round, with its weight (weights are normalised when a score is computed).</summary>
public sealed class RatingCriterion
{
    public long Id { get; set; }

    public long RoundId { get; set; }

    public int Order { get; set; }

    public required string Name { get; set; }

    public decimal Weight { get; set; }
}

/// <summary>A unit rated in a round; anchor units are rated by every rater (assessment team) of the round.</summary>
public sealed class RatingRoundUnit
{
    public long Id { get; set; }

    public long RoundId { get; set; }

    public long UnitId { get; set; }

    public bool IsAnchor { get; set; }
}

/// <summary>
/// A rater of a round: an account (<see cref="UserId"/>), or an external deputy reached by a single-use
/// link whose token is stored only as a SHA-256 hash. An assessment team is one rater: its leader's
/// account submits the team's agreed scores.
/// </summary>
public sealed class RatingRater : Versioned
{
    public long Id { get; set; }

    public long RoundId { get; set; }

    public string? UserId { get; set; }

    public required string Name { get; set; }

    /// <summary>The rater's own unit, which they never rate (copied from the account, or set for a link).</summary>
    public long? UnitId { get; set; }

    /// <summary>Hex SHA-256 of the link's token; null for account raters.</summary>
    public string? TokenHash { get; set; }

    public DateTime? SubmittedAt { get; set; }
}

/// <summary>When a rater has assignments they rate exactly these units (assessment teams); otherwise every unit of the round they may rate.</summary>
public sealed class RatingAssignment
{
    public long Id { get; set; }

    public long RaterId { get; set; }

    public long UnitId { get; set; }
}

/// <summary>A rater who must not rate a unit (e.g. a department does not rate the town it supervises).</summary>
public sealed class RatingConflict
{
    public long Id { get; set; }

    public long RoundId { get; set; }

    public long RaterId { get; set; }

    public long UnitId { get; set; }
}

/// <summary>
/// One rater's rating of one unit. <see cref="Score"/> is the criteria's weighted mean in points
/// (numeric), or the grade's category index, 0 for the worst grade (grades).
/// </summary>
public sealed class RatingEntry
{
    public long Id { get; set; }

    public long RoundId { get; set; }

    public long RaterId { get; set; }

    public long UnitId { get; set; }

    public double Score { get; set; }

    public string? Reason { get; set; }

    public List<RatingCriterionScore> Criteria { get; set; } = [];
}

/// <summary>The score of one criterion within a numeric <see cref="RatingEntry"/>.</summary>
public sealed class RatingCriterionScore
{
    public long Id { get; set; }

    public long EntryId { get; set; }

    public long CriterionId { get; set; }

    public double Score { get; set; }
}

/// <summary>Kinds of <see cref="RatingEvent"/>.</summary>
public enum RatingEventKind
{
    Reminder = 1,
    Closed = 2,
    Reopened = 3,
    Calibrated = 4,
}

/// <summary>Something that happened to a round: a reminder to a rater, a close or reopen with its reason, a calibration.</summary>
public sealed class RatingEvent
{
    public long Id { get; set; }

    public long RoundId { get; set; }

    public long? RaterId { get; set; }

    public RatingEventKind Kind { get; set; }

    public string? Reason { get; set; }

    public required string By { get; set; }

    public DateTime At { get; set; }
}

/// <summary>
/// A unit's calibrated score in a round, stored by <see cref="CalibrationService"/> so that the overall
/// score can take it as a component. <see cref="Score100"/> is on a 100-point scale.
/// </summary>
public sealed class CalibratedScore
{
    public long Id { get; set; }

    public long RoundId { get; set; }

    public long UnitId { get; set; }

    public int Count { get; set; }

    /// <summary>The raw mean: points (numeric) or category index (grades).</summary>
    public double RawMean { get; set; }

    /// <summary>The calibrated score: points (additive model) or the fair average category index (Rasch).</summary>
    public double Calibrated { get; set; }

    /// <summary>Standard error: points (additive) or logits (Rasch); null when the design leaves no degrees of freedom.</summary>
    public double? StandardError { get; set; }

    /// <summary>The calibrated score on a 100-point scale: the points themselves, or the fair average × 100 / m.</summary>
    public double Score100 { get; set; }

    public DateTime ComputedAt { get; set; }
}
