using System.Globalization;
using Baton.Core.Accounts;
using Baton.Core.Years;
using Baton.Scoring.Ratings;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Ratings;

public sealed record MyRoundRow(long RaterId, long RoundId, int Year, RatingKind Kind, string Name, bool IsClosed, DateTime? SubmittedAt, int Units);

public sealed record FormCriterion(long Id, string Name, decimal Weight);

/// <summary>
/// One unit on a rater's form with the rater's current rating: <see cref="Grade"/> is the position in
/// the best-first grade list (grades), <see cref="CriterionScores"/> the scores in criterion order (numeric).
/// </summary>
public sealed record FormUnit(long UnitId, string Code, string Name, IReadOnlyList<double?> CriterionScores, int? Grade, string? Reason);

public sealed record RatingForm(
    long RaterId, string RaterName, long RoundId, string RoundName, RatingKind Kind, RatingScale Scale, IReadOnlyList<string> Grades,
    IReadOnlyList<FormCriterion> Criteria, int? TopQuota, double TopScore, bool IsClosed, DateTime? SubmittedAt, IReadOnlyList<FormUnit> Units)
{
    /// <summary>Why the round's year does not take submissions now (the year gate), or null when it does.</summary>
    public string? YearRefusal { get; init; }
    /// <summary>
    /// The unit's score as it will be stored, for the form to show while the rater types: the criteria's
    /// weighted mean (<see cref="RatingRules.WeightedMean"/>, the same rule the submission applies), or null
    /// until every criterion is scored.
    /// </summary>
    public double? WeightedScore(IReadOnlyList<double?> criterionScores) =>
        RatingRules.WeightedMeanOfComplete(criterionScores, [.. Criteria.Select(c => c.Weight)]);
}

/// <summary>
/// One unit's rating as the rater enters it: the criterion scores in criterion order (numeric) or
/// the position of the grade in the best-first list (grades), and a reason (required for 100 or below 60, or the worst grade).
/// </summary>
public sealed record EntryInput(long UnitId, IReadOnlyList<double?> CriterionScores, int? Grade, string? Reason);

/// <summary>
/// The rater's side of a round: the assigned rounds of an account, the form, and the submission —
/// by account or by single-use link. A submission covers every unit of the rater's form and replaces
/// the previous one as a whole, in one transaction, until the round closes.
/// </summary>
public sealed class RatingFormService(IDbContextFactory<BatonDbContext> dbFactory, CurrentUser user)
{
    public async Task<IReadOnlyList<MyRoundRow>> MyRoundsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var userId = await UserIdAsync(db, ct);
        if (userId is null)
        {
            return [];
        }
        var rows = await (from r in db.RatingRaters.AsNoTracking()
                          join round in db.RatingRounds on r.RoundId equals round.Id
                          where r.UserId == userId
                          orderby round.Year descending, round.Id
                          select new { Rater = r, round.Year, round.Kind, round.Name, round.IsClosed }).ToListAsync(ct);
        var result = new List<MyRoundRow>();
        foreach (var row in rows)
        {
            var scope = await RatingScope.LoadAsync(db, row.Rater.RoundId, ct);
            result.Add(new MyRoundRow(row.Rater.Id, row.Rater.RoundId, row.Year, row.Kind, row.Name, row.IsClosed, row.Rater.SubmittedAt,
                scope.UnitsOf(scope.Raters.Single(x => x.Id == row.Rater.Id)).Count));
        }
        return result;
    }

    /// <summary>The form of an account rater; null when the rater is not the signed-in account's.</summary>
    public async Task<RatingForm?> FormAsync(long raterId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rater = await OwnRaterAsync(db, raterId, ct);
        return rater is null ? null : await FormOfAsync(db, rater, ct);
    }

    /// <summary>The form behind a single-use link; null for an unknown token.</summary>
    public async Task<RatingForm?> FormByTokenAsync(string? token, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rater = await RaterOfTokenAsync(db, token, ct);
        return rater is null ? null : await FormOfAsync(db, rater, ct);
    }

    public async Task<Outcome> SubmitAsync(long raterId, IReadOnlyList<EntryInput> entries, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rater = await OwnRaterAsync(db, raterId, ct);
        if (rater is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        // The account's unit as it is now, not only as copied when the rater was added.
        if (user.UnitId is { } own && entries.Any(e => e.UnitId == own))
        {
            return Outcome.Fail("不能评议本单位，请联系县考核办调整您的评议范围。");
        }
        db.ActAs(user);
        return await SaveAsync(db, rater, entries, ct);
    }

    public async Task<Outcome> SubmitByTokenAsync(string? token, IReadOnlyList<EntryInput> entries, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rater = await RaterOfTokenAsync(db, token, ct);
        if (rater is null)
        {
            return Outcome.Fail("评议链接无效或已被重新发放，请联系县考核办。");
        }
        db.ActAs(new CurrentUser($"link:{rater.Id.ToString(CultureInfo.InvariantCulture)}", [], null));
        return await SaveAsync(db, rater, entries, ct);
    }

    private static async Task<Outcome> SaveAsync(BatonDbContext db, RatingRater rater, IReadOnlyList<EntryInput> entries, CancellationToken ct)
    {
        var round = await db.RatingRounds.AsNoTracking().Include(r => r.Criteria).SingleAsync(r => r.Id == rater.RoundId, ct);
        if (round.IsClosed)
        {
            return Outcome.Fail("本轮评议已结束，不能再提交或修改评分。");
        }
        if (await YearGate.RefusalAsync(db, round.Year, YearActivity.Rate, ct) is { } refusal)
        {
            return Outcome.Fail(refusal);
        }
        var scope = await RatingScope.LoadAsync(db, round.Id, ct);
        var names = await db.Units.AsNoTracking().Where(u => scope.Units.Select(x => x.UnitId).Contains(u.Id) || u.Id == rater.UnitId)
            .ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var criteria = round.Criteria.OrderBy(c => c.Order).ToList();
        var checkedEntries = RatingSubmission.Check(round, criteria, scope, rater, names, entries);
        if (!checkedEntries.Ok)
        {
            return checkedEntries;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var previous = await db.RatingEntries.Where(e => e.RaterId == rater.Id).ToListAsync(ct);
        db.RatingEntries.RemoveRange(previous);
        await db.SaveChangesAsync(ct);
        db.RatingEntries.AddRange(checkedEntries.Value!);
        rater.SubmittedAt = db.UtcNow;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Outcome.Success;
    }

    private static async Task<RatingForm> FormOfAsync(BatonDbContext db, RatingRater rater, CancellationToken ct)
    {
        var round = await db.RatingRounds.AsNoTracking().Include(r => r.Criteria).SingleAsync(r => r.Id == rater.RoundId, ct);
        var scope = await RatingScope.LoadAsync(db, round.Id, ct);
        var mine = scope.UnitsOf(scope.Raters.Single(r => r.Id == rater.Id));
        var units = await db.Units.AsNoTracking().Where(u => mine.Contains(u.Id)).OrderBy(u => u.Code).ToListAsync(ct);
        var entries = await db.RatingEntries.AsNoTracking().Include(e => e.Criteria).Where(e => e.RaterId == rater.Id).ToDictionaryAsync(e => e.UnitId, ct);
        var criteria = round.Criteria.OrderBy(c => c.Order).ToList();
        var grades = round.GradeList;
        return new RatingForm(rater.Id, rater.Name, round.Id, round.Name, round.Kind, round.Scale, grades,
            criteria.Select(c => new FormCriterion(c.Id, c.Name, c.Weight)).ToList(), round.TopQuota, round.TopScore, round.IsClosed, rater.SubmittedAt,
            units.Select(u =>
            {
                var entry = entries.GetValueOrDefault(u.Id);
                return new FormUnit(u.Id, u.Code, u.Name,
                    criteria.Select(c => entry?.Criteria.FirstOrDefault(s => s.CriterionId == c.Id)?.Score).ToList(),
                    entry is null || round.Scale != RatingScale.Grades ? null : RatingRules.GradePosition((int)entry.Score, grades.Count),
                    entry?.Reason);
            }).ToList())
        {
            YearRefusal = await YearGate.RefusalAsync(db, round.Year, YearActivity.Rate, ct),
        };
    }

    private async Task<string?> UserIdAsync(BatonDbContext db, CancellationToken ct) =>
        user.IsInRole(Roles.Rater)
            ? await db.Users.Where(u => u.UserName == user.UserName).Select(u => u.Id).SingleOrDefaultAsync(ct)
            : null;

    private async Task<RatingRater?> OwnRaterAsync(BatonDbContext db, long raterId, CancellationToken ct)
    {
        var userId = await UserIdAsync(db, ct);
        return userId is null ? null : await db.RatingRaters.SingleOrDefaultAsync(r => r.Id == raterId && r.UserId == userId, ct);
    }

    private static async Task<RatingRater?> RaterOfTokenAsync(BatonDbContext db, string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }
        var hash = RatingRoundService.HashToken(token.Trim());
        return await db.RatingRaters.SingleOrDefaultAsync(r => r.TokenHash == hash, ct);
    }
}
