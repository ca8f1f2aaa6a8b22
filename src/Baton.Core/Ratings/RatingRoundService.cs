using System.Security.Cryptography;
using System.Text;
using Baton.Core.Accounts;
using Baton.Core.Years;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Ratings;

/// <summary>
/// Rating rounds (评议) managed by the office: settings, criteria, units, raters (accounts or
/// single-use links), conflicts, assignments, progress, reminders, close and reopen. One method = one
/// transaction, audited.
/// </summary>
public sealed class RatingRoundService(IDbContextFactory<BatonDbContext> dbFactory, CurrentUser user)
{
    public bool MayManage => user.IsInRole(Roles.Office);

    public bool MayRead => user.IsInAnyRole(Roles.Office, Roles.Overseer, Roles.Leader);

    public async Task<IReadOnlyList<RoundRow>> ListAsync(int year, CancellationToken ct = default)
    {
        if (!MayRead)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.RatingRounds.AsNoTracking().Where(r => r.Year == year).OrderBy(r => r.Id)
            .Select(r => new RoundRow(r.Id, r.Year, r.Kind, r.Name, r.Scale, r.IsClosed,
                db.RatingRoundUnits.Count(u => u.RoundId == r.Id),
                db.RatingRaters.Count(x => x.RoundId == r.Id),
                db.RatingRaters.Count(x => x.RoundId == r.Id && x.SubmittedAt != null), r.Version))
            .ToListAsync(ct);
    }

    public async Task<RoundDetail?> GetAsync(long id, CancellationToken ct = default)
    {
        if (!MayRead)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var round = await db.RatingRounds.AsNoTracking().Include(r => r.Criteria).SingleOrDefaultAsync(r => r.Id == id, ct);
        if (round is null)
        {
            return null;
        }
        var scope = await RatingScope.LoadAsync(db, id, ct);
        var names = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Code, u.Name }).ToDictionaryAsync(u => u.Id, ct);
        var userNames = await db.Users.AsNoTracking().Where(u => db.RatingRaters.Any(r => r.RoundId == id && r.UserId == u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.UserName, ct);
        var rated = await db.RatingEntries.AsNoTracking().Where(e => e.RoundId == id).Select(e => new { e.RaterId, e.UnitId }).ToListAsync(ct);
        var events = await db.RatingEvents.AsNoTracking().Where(e => e.RoundId == id).OrderByDescending(e => e.Id).ToListAsync(ct);

        var raters = scope.Raters.Select(r =>
        {
            var reminders = events.Where(e => e.RaterId == r.Id && e.Kind == RatingEventKind.Reminder).ToList();
            return new RaterRow(r.Id, r.Name, r.UserId is null ? null : userNames.GetValueOrDefault(r.UserId),
                r.UnitId is { } u ? names[u].Name : null, r.UserId is null, r.SubmittedAt,
                scope.UnitsOf(r).Count, rated.Count(x => x.RaterId == r.Id), reminders.Count, reminders.FirstOrDefault()?.At,
                scope.ConflictsOf(r.Id).Select(c => names[c].Name).ToList(),
                scope.AssignedOf(r.Id).Select(c => names[c].Name).ToList());
        }).ToList();
        var units = scope.Units.Select(u => new RoundUnitRow(u.UnitId, names[u.UnitId].Code, names[u.UnitId].Name, u.IsAnchor,
                scope.Raters.Count(r => scope.UnitsOf(r).Contains(u.UnitId)), rated.Count(x => x.UnitId == u.UnitId)))
            .OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        var raterNames = scope.Raters.ToDictionary(r => r.Id, r => r.Name);
        return new RoundDetail(round.Id, round.Year, round.Kind, round.Name, round.Scale, round.GradeList, round.TopQuota, round.TopScore,
            round.Anchoring, round.IsClosed, round.Version,
            round.Criteria.OrderBy(c => c.Order).Select(c => new CriterionRow(c.Id, c.Name, c.Weight)).ToList(), units, raters,
            events.Select(e => new RatingEventRow(e.Kind, e.RaterId is { } x ? raterNames.GetValueOrDefault(x) : null, e.Reason, e.By, e.At)).ToList());
    }

    public async Task<Outcome<long>> CreateAsync(RoundInput input, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail<long>(Outcome.Forbidden);
        }
        if (Check(input) is { } error)
        {
            return Outcome.Fail<long>(error);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await YearGate.RefusalAsync(db, input.Year, YearActivity.SetUpRatings, ct) is { } refusal)
        {
            return Outcome.Fail<long>(refusal);
        }
        var round = new RatingRound { Year = input.Year, Name = "", CreatedAt = db.UtcNow };
        Apply(round, input);
        round.Criteria = input.Criteria.Select((c, i) => new RatingCriterion { Order = i + 1, Name = c.Name.Trim(), Weight = c.Weight }).ToList();
        db.ActAs(user).RatingRounds.Add(round);
        await db.SaveChangesAsync(ct);
        return round.Id;
    }

    /// <summary>Changes the settings. The scale and the criteria are fixed once someone has submitted.</summary>
    public async Task<Outcome> UpdateAsync(long id, long version, RoundInput input, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        if (Check(input) is { } error)
        {
            return Outcome.Fail(error);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var round = await db.RatingRounds.Include(r => r.Criteria).SingleOrDefaultAsync(r => r.Id == id, ct);
        if (round is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        if (round.Version != version)
        {
            return Outcome.Fail(Outcome.Conflict);
        }
        if (await YearGate.RefusalAsync(db, round.Year, YearActivity.SetUpRatings, ct) is { } refusal)
        {
            return Outcome.Fail(refusal);
        }
        // The page always sends a grade list; it matters only on a grade scale (Apply stores null otherwise).
        var grades = input.Scale == RatingScale.Grades ? input.Grades?.Trim() : null;
        var criteriaChanged = input.Scale != round.Scale || grades != round.Grades
            || !input.Criteria.Select(c => (c.Name.Trim(), c.Weight)).SequenceEqual(round.Criteria.OrderBy(c => c.Order).Select(c => (c.Name, c.Weight)));
        if (criteriaChanged && await db.RatingEntries.AnyAsync(e => e.RoundId == id, ct))
        {
            return Outcome.Fail("已有评议人提交，评分方式、等次和评分项目不能再修改。");
        }
        Apply(round, input);
        if (criteriaChanged)
        {
            db.RatingCriteria.RemoveRange(round.Criteria);
            round.Criteria = input.Criteria.Select((c, i) => new RatingCriterion { Order = i + 1, Name = c.Name.Trim(), Weight = c.Weight }).ToList();
        }
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    private static void Apply(RatingRound round, RoundInput input)
    {
        round.Kind = input.Kind;
        round.Name = input.Name.Trim();
        round.Scale = input.Scale;
        round.Grades = input.Scale == RatingScale.Grades ? input.Grades?.Trim() : null;
        round.TopQuota = input.TopQuota;
        round.TopScore = input.TopScore;
        round.Anchoring = input.Anchoring;
    }

    internal static string? Check(RoundInput input)
    {
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 100)
        {
            return "轮次名称必须填写，且不超过 100 个字符。";
        }
        if (input.TopQuota is < 0)
        {
            return "优秀名额不能为负数。";
        }
        if (input.Scale == RatingScale.Grades)
        {
            var grades = (input.Grades ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (grades.Length < 2 || grades.Distinct(StringComparer.Ordinal).Count() != grades.Length || (input.Grades?.Length ?? 0) > 200)
            {
                return "等次至少两个、不能重复，按从好到差的顺序用“|”分隔，如：好|较好|一般|差。";
            }
            return null;
        }
        if (input.TopScore is < 0 or > 100)
        {
            return "优秀分数线应在 0 至 100 之间。";
        }
        if (input.Criteria.Count == 0)
        {
            return "百分制评议至少需要一个评分项目。";
        }
        if (input.Criteria.Any(c => string.IsNullOrWhiteSpace(c.Name) || c.Name.Trim().Length > 100 || c.Weight <= 0))
        {
            return "每个评分项目都要有名称（不超过 100 个字符）和大于 0 的权重。";
        }
        if (input.Criteria.Select(c => c.Name.Trim()).Distinct(StringComparer.Ordinal).Count() != input.Criteria.Count)
        {
            return "评分项目名称不能重复。";
        }
        return null;
    }

    /// <summary>Sets the units rated in the round and which of them are anchors. Units that already have ratings stay.</summary>
    public async Task<Outcome> SetUnitsAsync(long id, IReadOnlyCollection<long> unitIds, IReadOnlyCollection<long> anchorIds, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var round = await db.RatingRounds.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (round is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        if (round.IsClosed)
        {
            return Outcome.Fail("本轮评议已结束，请先重新开启。");
        }
        if (await YearGate.RefusalAsync(db, round.Year, YearActivity.SetUpRatings, ct) is { } refusal)
        {
            return Outcome.Fail(refusal);
        }
        var wanted = unitIds.Union(anchorIds).ToHashSet();
        var known = await db.Units.Where(u => wanted.Contains(u.Id) && u.RetiredAt == null).Select(u => u.Id).ToListAsync(ct);
        if (known.Count != wanted.Count)
        {
            return Outcome.Fail("所选单位中有不存在或已撤销的单位。");
        }
        var existing = await db.RatingRoundUnits.Where(u => u.RoundId == id).ToListAsync(ct);
        var ratedUnits = await db.RatingEntries.Where(e => e.RoundId == id).Select(e => e.UnitId).Distinct().ToListAsync(ct);
        var dropped = existing.Where(u => !wanted.Contains(u.UnitId)).ToList();
        if (dropped.Any(u => ratedUnits.Contains(u.UnitId)))
        {
            return Outcome.Fail("已有评分的单位不能移出本轮评议。");
        }
        db.RatingRoundUnits.RemoveRange(dropped);
        foreach (var unitId in wanted)
        {
            var row = existing.FirstOrDefault(u => u.UnitId == unitId);
            if (row is null)
            {
                db.RatingRoundUnits.Add(new RatingRoundUnit { RoundId = id, UnitId = unitId, IsAnchor = anchorIds.Contains(unitId) });
            }
            else
            {
                row.IsAnchor = anchorIds.Contains(unitId);
            }
        }
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>Adds an account with the Rater role; its own unit is taken from the account.</summary>
    public async Task<Outcome<long>> AddAccountRaterAsync(long id, string userName, string? name = null, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail<long>(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await OpenRoundAsync(db, id, YearActivity.SetUpRatings, ct) is { } error)
        {
            return Outcome.Fail<long>(error);
        }
        userName = userName?.Trim() ?? "";
        var account = await db.Users.SingleOrDefaultAsync(u => u.UserName == userName, ct);
        var raterRole = $"role-{Roles.Rater.ToLowerInvariant()}";
        if (account is null || account.IsDisabled || !await db.UserRoles.AnyAsync(r => r.UserId == account.Id && r.RoleId == raterRole, ct))
        {
            return Outcome.Fail<long>($"没有名为「{userName}」的有效评议人账号（需具有“评议人”角色）。");
        }
        if (await db.RatingRaters.AnyAsync(r => r.RoundId == id && r.UserId == account.Id, ct))
        {
            return Outcome.Fail<long>($"「{account.DisplayName}」已是本轮评议人。");
        }
        var rater = new RatingRater
        {
            RoundId = id, UserId = account.Id, UnitId = account.UnitId,
            Name = string.IsNullOrWhiteSpace(name) ? account.DisplayName : name.Trim(),
        };
        db.ActAs(user).RatingRaters.Add(rater);
        await db.SaveChangesAsync(ct);
        return rater.Id;
    }

    /// <summary>Adds an external rater (e.g. a deputy without an account) reached by a single-use link.</summary>
    public async Task<Outcome<RaterLink>> AddLinkRaterAsync(long id, string name, long? unitId = null, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail<RaterLink>(Outcome.Forbidden);
        }
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            return Outcome.Fail<RaterLink>("评议人姓名必须填写，且不超过 100 个字符。");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await OpenRoundAsync(db, id, YearActivity.SetUpRatings, ct) is { } error)
        {
            return Outcome.Fail<RaterLink>(error);
        }
        if (unitId is { } unit && !await db.Units.AnyAsync(u => u.Id == unit, ct))
        {
            return Outcome.Fail<RaterLink>("所选的评议人所在单位不存在。");
        }
        var token = NewToken();
        var rater = new RatingRater { RoundId = id, Name = name.Trim(), UnitId = unitId, TokenHash = HashToken(token) };
        db.ActAs(user).RatingRaters.Add(rater);
        await db.SaveChangesAsync(ct);
        return new RaterLink(rater.Id, token);
    }

    /// <summary>Issues a new link for an external rater; the old link stops working.</summary>
    public async Task<Outcome<RaterLink>> ReissueLinkAsync(long raterId, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail<RaterLink>(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rater = await db.RatingRaters.SingleOrDefaultAsync(r => r.Id == raterId && r.UserId == null, ct);
        if (rater is null)
        {
            return Outcome.Fail<RaterLink>(Outcome.NotFound);
        }
        if (await RoundRefusalAsync(db, rater.RoundId, YearActivity.SetUpRatings, ct) is { } refusal)
        {
            return Outcome.Fail<RaterLink>(refusal);
        }
        var token = NewToken();
        rater.TokenHash = HashToken(token);
        await db.ActAs(user).SaveChangesAsync(ct);
        return new RaterLink(rater.Id, token);
    }

    public async Task<Outcome> RemoveRaterAsync(long raterId, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rater = await db.RatingRaters.SingleOrDefaultAsync(r => r.Id == raterId, ct);
        if (rater is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        if (rater.SubmittedAt is not null)
        {
            return Outcome.Fail($"「{rater.Name}」已提交评分，不能移除。");
        }
        if (await RoundRefusalAsync(db, rater.RoundId, YearActivity.SetUpRatings, ct) is { } refusal)
        {
            return Outcome.Fail(refusal);
        }
        db.RatingRaters.Remove(rater);
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>Sets a rater's conflicts and assignments together (the office's one edit of that rater).</summary>
    public async Task<Outcome> SetRaterUnitsAsync(long raterId, IReadOnlyCollection<long> conflicts, IReadOnlyCollection<long> assigned, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rater = await db.RatingRaters.SingleOrDefaultAsync(r => r.Id == raterId, ct);
        if (rater is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        if (await OpenRoundAsync(db, rater.RoundId, YearActivity.SetUpRatings, ct) is { } error)
        {
            return Outcome.Fail(error);
        }
        var roundUnits = await db.RatingRoundUnits.Where(u => u.RoundId == rater.RoundId).Select(u => u.UnitId).ToListAsync(ct);
        if (assigned.Concat(conflicts).Any(u => !roundUnits.Contains(u)))
        {
            return Outcome.Fail("只能选择本轮评议的单位。");
        }
        if (await db.RatingEntries.AnyAsync(e => e.RaterId == raterId && conflicts.Contains(e.UnitId), ct))
        {
            return Outcome.Fail("该评议人已对所选回避单位评分；请先让其修改提交后再设回避。");
        }
        var existingConflicts = await db.RatingConflicts.Where(c => c.RaterId == raterId).ToListAsync(ct);
        db.RatingConflicts.RemoveRange(existingConflicts.Where(c => !conflicts.Contains(c.UnitId)));
        db.RatingConflicts.AddRange(conflicts.Distinct().Where(u => existingConflicts.All(c => c.UnitId != u))
            .Select(u => new RatingConflict { RoundId = rater.RoundId, RaterId = raterId, UnitId = u }));
        var existing = await db.RatingAssignments.Where(a => a.RaterId == raterId).ToListAsync(ct);
        db.RatingAssignments.RemoveRange(existing.Where(a => !assigned.Contains(a.UnitId)));
        db.RatingAssignments.AddRange(assigned.Distinct().Where(u => existing.All(a => a.UnitId != u)).Select(u => new RatingAssignment { RaterId = raterId, UnitId = u }));
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    public async Task<Outcome> RemoveConflictAsync(long raterId, long unitId, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conflict = await db.RatingConflicts.SingleOrDefaultAsync(c => c.RaterId == raterId && c.UnitId == unitId, ct);
        if (conflict is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        if (await OpenRoundAsync(db, conflict.RoundId, YearActivity.SetUpRatings, ct) is { } error)
        {
            return Outcome.Fail(error);
        }
        db.RatingConflicts.Remove(conflict);
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>Records a reminder for every rater who has not submitted (shown on the progress page; no e-mail is sent).</summary>
    public async Task<Outcome<int>> RemindAsync(long id, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail<int>(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await OpenRoundAsync(db, id, YearActivity.Rate, ct) is { } error)
        {
            return Outcome.Fail<int>(error);
        }
        var pending = await db.RatingRaters.Where(r => r.RoundId == id && r.SubmittedAt == null).Select(r => r.Id).ToListAsync(ct);
        db.ActAs(user).RatingEvents.AddRange(pending.Select(r => new RatingEvent
        {
            RoundId = id, RaterId = r, Kind = RatingEventKind.Reminder, By = user.UserName, At = db.UtcNow,
        }));
        await db.SaveChangesAsync(ct);
        return pending.Count;
    }

    public Task<Outcome> CloseAsync(long id, long version, string? reason, CancellationToken ct = default) =>
        SetClosedAsync(id, version, reason, closed: true, ct);

    public Task<Outcome> ReopenAsync(long id, long version, string? reason, CancellationToken ct = default) =>
        SetClosedAsync(id, version, reason, closed: false, ct);

    private async Task<Outcome> SetClosedAsync(long id, long version, string? reason, bool closed, CancellationToken ct)
    {
        if (!MayManage)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            return Outcome.Fail(closed ? "请填写结束原因（不超过 500 个字符）。" : "请填写重新开启的原因（不超过 500 个字符）。");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var round = await db.RatingRounds.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (round is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        if (round.Version != version)
        {
            return Outcome.Fail(Outcome.Conflict);
        }
        if (round.IsClosed == closed)
        {
            return Outcome.Fail(closed ? "本轮评议已经结束。" : "本轮评议尚未结束。");
        }
        // Closing is the year-end step of a round (it may still happen in 年终计分); reopening lets raters submit again.
        if (await YearGate.RefusalAsync(db, round.Year, closed ? YearActivity.Calibrate : YearActivity.Rate, ct) is { } refusal)
        {
            return Outcome.Fail(refusal);
        }
        round.IsClosed = closed;
        db.RatingEvents.Add(new RatingEvent
        {
            RoundId = id, Kind = closed ? RatingEventKind.Closed : RatingEventKind.Reopened, Reason = reason.Trim(), By = user.UserName, At = db.UtcNow,
        });
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>Why the round may not be changed: it does not exist, it is closed, or its year does not permit <paramref name="activity"/>.</summary>
    private static async Task<string?> OpenRoundAsync(BatonDbContext db, long id, YearActivity activity, CancellationToken ct)
    {
        var round = await db.RatingRounds.Where(r => r.Id == id).Select(r => new { r.IsClosed, r.Year }).SingleOrDefaultAsync(ct);
        return round switch
        {
            null => Outcome.NotFound,
            { IsClosed: true } => "本轮评议已结束，请先重新开启。",
            _ => await YearGate.RefusalAsync(db, round.Year, activity, ct),
        };
    }

    /// <summary>Asks the year gate for the year of round <paramref name="id"/>.</summary>
    private static async Task<string?> RoundRefusalAsync(BatonDbContext db, long id, YearActivity activity, CancellationToken ct)
    {
        var year = await db.RatingRounds.Where(r => r.Id == id).Select(r => (int?)r.Year).SingleOrDefaultAsync(ct);
        return year is null ? Outcome.NotFound : await YearGate.RefusalAsync(db, year.Value, activity, ct);
    }

    /// <summary>A URL-safe random token of 256 bits.</summary>
    internal static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static string HashToken(string token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();
}
