using Baton.Scoring.Ratings;

namespace Baton.Core.Ratings;

// What RatingRoundService takes and returns: the office's view of a round, its raters and progress.

public sealed record CriterionInput(string Name, decimal Weight);

public sealed record RoundInput(
    int Year, RatingKind Kind, string Name, RatingScale Scale, string? Grades, int? TopQuota, double TopScore,
    AnchoringRule Anchoring, IReadOnlyList<CriterionInput> Criteria);

public sealed record RoundRow(long Id, int Year, RatingKind Kind, string Name, RatingScale Scale, bool IsClosed, int Units, int Raters, int Submitted, long Version);

public sealed record CriterionRow(long Id, string Name, decimal Weight);

public sealed record RoundUnitRow(long UnitId, string Code, string Name, bool IsAnchor, int Expected, int Rated);

public sealed record RaterRow(
    long Id, string Name, string? UserName, string? UnitName, bool IsExternal, DateTime? SubmittedAt,
    int Expected, int Rated, int Reminders, DateTime? LastReminder, IReadOnlyList<string> Conflicts, IReadOnlyList<string> Assigned);

public sealed record RatingEventRow(RatingEventKind Kind, string? RaterName, string? Reason, string By, DateTime At);

public sealed record RoundDetail(
    long Id, int Year, RatingKind Kind, string Name, RatingScale Scale, IReadOnlyList<string> Grades, int? TopQuota, double TopScore,
    AnchoringRule Anchoring, bool IsClosed, long Version, IReadOnlyList<CriterionRow> Criteria, IReadOnlyList<RoundUnitRow> Units,
    IReadOnlyList<RaterRow> Raters, IReadOnlyList<RatingEventRow> Events)
{
    public IEnumerable<RaterRow> NotSubmitted => Raters.Where(r => r.SubmittedAt is null);
}

/// <summary>A new single-use link: the token is shown once and stored only as its hash.</summary>
public sealed record RaterLink(long RaterId, string Token);
