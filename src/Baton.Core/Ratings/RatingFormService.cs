using System.Globalization;
using Baton.Core.Accounts;
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
    IReadOnlyList<FormCriterion> Criteria, int? TopQuota, double TopScore, bool IsClosed, DateTime? SubmittedAt, IReadOnlyList<FormUnit> Units);

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
    public const double ReasonAtOrAbove = 100;
    public const double ReasonBelow = 60;

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
        var scope = await RatingScope.LoadAsync(db, round.Id, ct);
        var names = await db.Units.AsNoTracking().Where(u => scope.Units.Select(x => x.UnitId).Contains(u.Id) || u.Id == rater.UnitId)
            .ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var criteria = round.Criteria.OrderBy(c => c.Order).ToList();
        var checkedEntries = RatingRules.Check(round, criteria, scope, rater, names, entries);
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
                    entry is null || round.Scale != RatingScale.Grades ? null : grades.Count - 1 - (int)entry.Score,
                    entry?.Reason);
            }).ToList());
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

/// <summary>The rules of a submission (DESIGN.md glossary: RatingRound), checked before anything is saved.</summary>
internal static class RatingRules
{
    public static Outcome<List<RatingEntry>> Check(
        RatingRound round, List<RatingCriterion> criteria, RatingScope scope, RatingRater rater,
        IReadOnlyDictionary<long, string> names, IReadOnlyList<EntryInput> entries)
    {
        string Name(long unitId) => names.GetValueOrDefault(unitId) ?? unitId.ToString(CultureInfo.InvariantCulture);

        var mine = scope.UnitsOf(scope.Raters.Single(r => r.Id == rater.Id));
        var result = new List<RatingEntry>();
        var seen = new HashSet<long>();
        var top = 0;
        var grades = round.GradeList;
        var totalWeight = criteria.Sum(c => c.Weight);
        foreach (var input in entries)
        {
            if (!seen.Add(input.UnitId))
            {
                return Outcome.Fail<List<RatingEntry>>($"「{Name(input.UnitId)}」评了两次，每个单位只能评一次。");
            }
            if (scope.RefusalFor(rater, input.UnitId, Name(input.UnitId)) is { } refusal)
            {
                return Outcome.Fail<List<RatingEntry>>(refusal);
            }
            var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
            if (reason?.Length > 500)
            {
                return Outcome.Fail<List<RatingEntry>>($"「{Name(input.UnitId)}」的理由不能超过 500 个字符。");
            }
            var entry = new RatingEntry { RoundId = round.Id, RaterId = rater.Id, UnitId = input.UnitId, Reason = reason };
            bool extreme;
            if (round.Scale == RatingScale.Grades)
            {
                if (input.Grade is not { } g || g < 0 || g >= grades.Count)
                {
                    return Outcome.Fail<List<RatingEntry>>($"请为「{Name(input.UnitId)}」选择等次。");
                }
                // Category index for the Rasch model: 0 is the worst grade.
                entry.Score = grades.Count - 1 - g;
                extreme = g == grades.Count - 1;
                top += g == 0 ? 1 : 0;
            }
            else
            {
                if (input.CriterionScores.Count != criteria.Count)
                {
                    return Outcome.Fail<List<RatingEntry>>($"请为「{Name(input.UnitId)}」的每个评分项目打分。");
                }
                for (var i = 0; i < criteria.Count; i++)
                {
                    if (input.CriterionScores[i] is not { } s || !double.IsFinite(s))
                    {
                        return Outcome.Fail<List<RatingEntry>>($"请为「{Name(input.UnitId)}」的「{criteria[i].Name}」打分。");
                    }
                    if (s is < 0 or > 100)
                    {
                        return Outcome.Fail<List<RatingEntry>>($"「{Name(input.UnitId)}」的「{criteria[i].Name}」得分应在 0 至 100 之间。");
                    }
                    entry.Criteria.Add(new RatingCriterionScore { CriterionId = criteria[i].Id, Score = s });
                }
                entry.Score = criteria.Select((c, i) => (double)c.Weight * input.CriterionScores[i]!.Value).Sum() / (double)totalWeight;
                extreme = input.CriterionScores.Any(s => s >= RatingFormService.ReasonAtOrAbove || s < RatingFormService.ReasonBelow);
                top += entry.Score >= round.TopScore ? 1 : 0;
            }
            if (extreme && reason is null)
            {
                return Outcome.Fail<List<RatingEntry>>(round.Scale == RatingScale.Grades
                    ? $"给「{Name(input.UnitId)}」评“{grades[^1]}”须填写理由。"
                    : $"「{Name(input.UnitId)}」有 100 分或低于 60 分的评分，须填写理由。");
            }
            result.Add(entry);
        }
        var missing = mine.Where(u => !seen.Contains(u)).Select(Name).ToList();
        if (missing.Count > 0)
        {
            return Outcome.Fail<List<RatingEntry>>(
                $"请为全部 {mine.Count} 个单位评分，尚未评：{string.Join("、", missing.Take(5))}{(missing.Count > 5 ? $" 等 {missing.Count} 个" : "")}。");
        }
        if (round.TopQuota is { } quota && top > quota)
        {
            var label = round.Scale == RatingScale.Grades ? $"“{grades[0]}”" : $"{round.TopScore.ToString("0.##", CultureInfo.InvariantCulture)} 分及以上";
            return Outcome.Fail<List<RatingEntry>>($"{label}最多只能给 {quota} 个单位，您给了 {top} 个。");
        }
        return result;
    }
}
