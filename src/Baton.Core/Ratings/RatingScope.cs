using Baton.Scoring.Ratings;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Ratings;

/// <summary>
/// A round's units, raters, conflicts and assignments as loaded from the database, asking
/// <see cref="RaterScope"/> which units each rater rates: their assigned units plus the anchors when the
/// office assigned any (assessment teams), otherwise every unit of the round; never their own unit or a
/// unit they have a conflict with.
/// </summary>
internal sealed class RatingScope
{
    private readonly ILookup<long, long> _conflicts;
    private readonly ILookup<long, long> _assignments;

    private RatingScope(List<RatingRoundUnit> units, List<RatingRater> raters, ILookup<long, long> conflicts, ILookup<long, long> assignments)
    {
        Units = units;
        Raters = raters;
        _conflicts = conflicts;
        _assignments = assignments;
    }

    public List<RatingRoundUnit> Units { get; }

    public List<RatingRater> Raters { get; }

    public IEnumerable<long> ConflictsOf(long raterId) => _conflicts[raterId];

    public IEnumerable<long> AssignedOf(long raterId) => _assignments[raterId];

    public static async Task<RatingScope> LoadAsync(BatonDbContext db, long roundId, CancellationToken ct)
    {
        var units = await db.RatingRoundUnits.AsNoTracking().Where(u => u.RoundId == roundId).ToListAsync(ct);
        var raters = await db.RatingRaters.AsNoTracking().Where(r => r.RoundId == roundId).OrderBy(r => r.Id).ToListAsync(ct);
        var conflicts = (await db.RatingConflicts.AsNoTracking().Where(c => c.RoundId == roundId).ToListAsync(ct)).ToLookup(c => c.RaterId, c => c.UnitId);
        var assignments = (await db.RatingAssignments.AsNoTracking().Where(a => db.RatingRaters.Any(r => r.Id == a.RaterId && r.RoundId == roundId))
            .ToListAsync(ct)).ToLookup(a => a.RaterId, a => a.UnitId);
        return new RatingScope(units, raters, conflicts, assignments);
    }

    /// <summary>The units <paramref name="rater"/> rates, in the round's order.</summary>
    public HashSet<long> UnitsOf(RatingRater rater) =>
        [.. RaterScope.UnitsOf(Units.Select(u => new RoundUnit(u.UnitId, u.IsAnchor)), _assignments[rater.Id].ToHashSet(), _conflicts[rater.Id].ToHashSet(), rater.UnitId)];

    /// <summary>Why <paramref name="rater"/> may not rate <paramref name="unitId"/>, or null when they may.</summary>
    public string? RefusalFor(RatingRater rater, long unitId, string unitName) =>
        RaterScope.Exclusion(unitId, rater.UnitId, _conflicts[rater.Id].ToHashSet(), UnitsOf(rater)) is { } exclusion
            ? RaterScope.Message(exclusion, unitName)
            : null;
}
