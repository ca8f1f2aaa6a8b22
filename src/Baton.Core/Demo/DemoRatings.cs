using Baton.Core.Accounts;
using Baton.Core.Ratings;
using Baton.Core.Units;
using Baton.Scoring.Ratings;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Demo;

/// <summary>
/// The demo county's rating stage (2025): a deputy rating of the towns (grades, by single-use links
/// and the <c>rater</c> account, still open), a peer rating among the economic departments, a leader
/// rating of the towns, and five assessment teams scoring the towns on site with two anchor towns —
/// the third team deliberately lenient (+8 points), which the calibration report shows. The closed
/// rounds are calibrated and their unit scores stored. Everything is drawn from the county's Random.
/// </summary>
internal static class DemoRatings
{
    public const int Year = DemoCounty.PreviousYear;

    /// <summary>The extra demo accounts (all with the Rater role and the demo password).</summary>
    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        .. Enumerable.Range(1, 5).Select(t => new DemoAccount($"team{t}", $"第{"一二三四五"[t - 1]}考核组", Roles.Rater, null)),
        .. Enumerable.Range(1, 6).Select(l => new DemoAccount($"leader{l}", $"县领导{l}", Roles.Rater, null)),
    ];

    /// <summary>The team that scores about eight points above the others.</summary>
    public const string LenientTeam = "第三考核组";

    private const double LenientBonus = 8;

    public static async Task SeedAsync(BatonDbContext db, Random random, Dictionary<string, Unit> units, string passwordHash, DateTime now, CancellationToken ct)
    {
        var accounts = await SeedAccountsAsync(db, random, passwordHash, now, ct);
        var towns = units.Values.Where(u => u.Kind == UnitKind.Town).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        // The towns' true merit, shared by every round so that the rounds broadly agree.
        var merit = towns.ToDictionary(t => t.Id, _ => Normal(random) * 5);

        await DeputyRatingAsync(db, random, towns, merit, now, ct);
        await PeerRatingAsync(db, random, units, now, ct);
        await LeaderRatingAsync(db, random, towns, merit, accounts, now, ct);
        await AssessmentTeamsAsync(db, random, towns, merit, accounts, now, ct);
    }

    private static async Task<Dictionary<string, BatonUser>> SeedAccountsAsync(BatonDbContext db, Random random, string passwordHash, DateTime now, CancellationToken ct)
    {
        var result = Accounts.ToDictionary(a => a.UserName, a => DemoCounty.AddAccount(db, a, null, passwordHash, random, now), StringComparer.Ordinal);
        await db.SaveChangesAsync(ct);
        return result;
    }

    private static async Task DeputyRatingAsync(BatonDbContext db, Random random, List<Unit> towns, Dictionary<long, double> merit, DateTime now, CancellationToken ct)
    {
        var round = await RoundAsync(db, RatingKind.DeputyRating, "2025年度两代表一委员评议", RatingScale.Grades, "好|较好|一般|差", quota: 4, [], now, ct);
        await UnitsAsync(db, round, towns, anchors: [], ct);
        var raters = new List<RatingRater>();
        var raterAccount = await db.Users.SingleAsync(u => u.UserName == "rater", ct);
        raters.Add(new RatingRater { RoundId = round.Id, UserId = raterAccount.Id, Name = raterAccount.DisplayName });
        var kinds = new[] { "人大代表", "政协委员", "党代表" };
        for (var i = 0; i < 15; i++)
        {
            var token = Convert.ToBase64String(Bytes(random, 32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            raters.Add(new RatingRater { RoundId = round.Id, Name = $"{kinds[i % 3]}{i + 1:00}", TokenHash = RatingRoundService.HashToken(token) });
        }
        db.RatingRaters.AddRange(raters);
        await db.SaveChangesAsync(ct);

        // The account rater and the last two deputies have not submitted yet: the progress page shows them.
        foreach (var rater in raters.Skip(1).Take(12))
        {
            var severity = Normal(random) * 0.4;
            var grades = towns.Select(t => (Town: t, Latent: merit[t.Id] / 8 - severity + Normal(random) * 0.8)).ToList();
            // 好 (3) / 较好 (2) / 一般 (1) / 差 (0), at most four 好 per deputy.
            var top = grades.OrderByDescending(g => g.Latent).Take(4).Select(g => g.Town.Id).ToHashSet();
            foreach (var (town, latent) in grades)
            {
                var category = latent > 0.6 && top.Contains(town.Id) ? 3 : latent > -0.4 ? 2 : latent > -1.3 ? 1 : 0;
                db.RatingEntries.Add(new RatingEntry
                {
                    RoundId = round.Id, RaterId = rater.Id, UnitId = town.Id, Score = category,
                    Reason = category == 0 ? "走访中群众反映问题较多，整改不到位" : null,
                });
            }
            rater.SubmittedAt = now;
        }
        db.RatingEvents.Add(new RatingEvent { RoundId = round.Id, RaterId = raters[^1].Id, Kind = RatingEventKind.Reminder, By = "office", At = now });
        await db.SaveChangesAsync(ct);
    }

    private static async Task PeerRatingAsync(BatonDbContext db, Random random, Dictionary<string, Unit> units, DateTime now, CancellationToken ct)
    {
        // The twelve economic departments (D01–D12) rate each other; each is represented by a link with its unit.
        var departments = Enumerable.Range(1, 12).Select(i => units[$"D{i:00}"]).ToList();
        var round = await RoundAsync(db, RatingKind.PeerRating, "2025年度经济部门互评", RatingScale.Numeric, null, quota: 3,
            [("工作实绩", 0.5m), ("配合协作", 0.3m), ("服务态度", 0.2m)], now, ct);
        await UnitsAsync(db, round, departments, anchors: [], ct);
        var raters = departments.Select(d => new RatingRater
        {
            RoundId = round.Id, UnitId = d.Id, Name = $"{d.Name}评议代表",
            TokenHash = RatingRoundService.HashToken(Convert.ToHexString(Bytes(random, 32))),
        }).ToList();
        db.RatingRaters.AddRange(raters);
        await db.SaveChangesAsync(ct);
        // 县财政局 does not rate 县发展和改革局, whose budget it reviews.
        db.RatingConflicts.Add(new RatingConflict { RoundId = round.Id, RaterId = raters[2].Id, UnitId = departments[0].Id });
        var merit = departments.ToDictionary(d => d.Id, _ => Normal(random) * 4);
        var criteria = round.Criteria.OrderBy(c => c.Order).ToList();
        foreach (var rater in raters)
        {
            var bias = Normal(random) * 3;
            var rated = departments.Where(d => d.Id != rater.UnitId && !(rater == raters[2] && d == departments[0])).ToList();
            var entries = rated.Select(d => Numeric(round, rater, d.Id, criteria, 82 + merit[d.Id] + bias, random)).ToList();
            Cap(entries, criteria, round.TopScore, 3);
            db.RatingEntries.AddRange(entries);
            rater.SubmittedAt = now;
        }
        round.IsClosed = true;
        db.RatingEvents.Add(new RatingEvent { RoundId = round.Id, Kind = RatingEventKind.Closed, Reason = "评议期满", By = "office", At = now });
        await db.SaveChangesAsync(ct);
        await CalibrationService.StoreAsync(db, round, "office", ct);
    }

    private static async Task LeaderRatingAsync(
        BatonDbContext db, Random random, List<Unit> towns, Dictionary<long, double> merit, Dictionary<string, BatonUser> accounts, DateTime now, CancellationToken ct)
    {
        var round = await RoundAsync(db, RatingKind.LeaderRating, "2025年度县领导评价", RatingScale.Numeric, null, quota: null, [("综合评价", 1m)], now, ct);
        await UnitsAsync(db, round, towns, anchors: [], ct);
        var raters = Enumerable.Range(1, 6).Select(l => new RatingRater { RoundId = round.Id, UserId = accounts[$"leader{l}"].Id, Name = accounts[$"leader{l}"].DisplayName }).ToList();
        db.RatingRaters.AddRange(raters);
        await db.SaveChangesAsync(ct);
        var criteria = round.Criteria.ToList();
        foreach (var rater in raters)
        {
            var bias = Normal(random) * 2;
            db.RatingEntries.AddRange(towns.Select(t => Numeric(round, rater, t.Id, criteria, 84 + merit[t.Id] + bias, random)));
            rater.SubmittedAt = now;
        }
        round.IsClosed = true;
        db.RatingEvents.Add(new RatingEvent { RoundId = round.Id, Kind = RatingEventKind.Closed, Reason = "评价完成", By = "office", At = now });
        await db.SaveChangesAsync(ct);
        await CalibrationService.StoreAsync(db, round, "office", ct);
    }

    private static async Task AssessmentTeamsAsync(
        BatonDbContext db, Random random, List<Unit> towns, Dictionary<long, double> merit, Dictionary<string, BatonUser> accounts, DateTime now, CancellationToken ct)
    {
        var round = await RoundAsync(db, RatingKind.AssessmentTeam, "2025年度考核组实地考核", RatingScale.Numeric, null, quota: null,
            [("党的建设", 0.3m), ("经济发展", 0.4m), ("民生保障", 0.3m)], now, ct);
        round.Anchoring = AnchoringRule.AnchorUnits;
        // 城关镇 and 东河镇 are the anchors every team scores; the other ten towns form five pairs, and
        // team t scores pairs t and t+1 (a ring), so each town is seen by two teams.
        var anchors = towns.Take(2).ToList();
        var pairs = towns.Skip(2).Chunk(2).ToList();
        await UnitsAsync(db, round, towns, anchors, ct);
        var teams = Enumerable.Range(1, 5).Select(t => new RatingRater { RoundId = round.Id, UserId = accounts[$"team{t}"].Id, Name = accounts[$"team{t}"].DisplayName }).ToList();
        db.RatingRaters.AddRange(teams);
        await db.SaveChangesAsync(ct);
        var criteria = round.Criteria.OrderBy(c => c.Order).ToList();
        for (var t = 0; t < teams.Count; t++)
        {
            var team = teams[t];
            var assigned = pairs[t].Concat(pairs[(t + 1) % pairs.Count]).ToList();
            db.RatingAssignments.AddRange(assigned.Select(u => new RatingAssignment { RaterId = team.Id, UnitId = u.Id }));
            var bias = team.Name == LenientTeam ? LenientBonus : Normal(random) * 1.5;
            db.RatingEntries.AddRange(anchors.Concat(assigned).Select(u => Numeric(round, team, u.Id, criteria, 80 + merit[u.Id] + bias, random, noise: 1.5)));
            team.SubmittedAt = now;
        }
        round.IsClosed = true;
        db.RatingEvents.Add(new RatingEvent { RoundId = round.Id, Kind = RatingEventKind.Closed, Reason = "实地考核完成", By = "office", At = now });
        await db.SaveChangesAsync(ct);
        await CalibrationService.StoreAsync(db, round, "office", ct);
    }

    private static async Task<RatingRound> RoundAsync(
        BatonDbContext db, RatingKind kind, string name, RatingScale scale, string? grades, int? quota,
        (string Name, decimal Weight)[] criteria, DateTime now, CancellationToken ct)
    {
        var round = new RatingRound
        {
            Year = Year, Kind = kind, Name = name, Scale = scale, Grades = grades, TopQuota = quota, CreatedAt = now,
            Criteria = criteria.Select((c, i) => new RatingCriterion { Order = i + 1, Name = c.Name, Weight = c.Weight }).ToList(),
        };
        db.RatingRounds.Add(round);
        await db.SaveChangesAsync(ct);
        return round;
    }

    private static async Task UnitsAsync(BatonDbContext db, RatingRound round, List<Unit> units, List<Unit> anchors, CancellationToken ct)
    {
        db.RatingRoundUnits.AddRange(units.Select(u => new RatingRoundUnit { RoundId = round.Id, UnitId = u.Id, IsAnchor = anchors.Contains(u) }));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A numeric entry whose criteria scatter around <paramref name="centre"/>, kept within 60–99 so no reason is needed.</summary>
    private static RatingEntry Numeric(RatingRound round, RatingRater rater, long unitId, List<RatingCriterion> criteria, double centre, Random random, double noise = 2.5)
    {
        var scores = criteria.Select(c => new RatingCriterionScore
        {
            CriterionId = c.Id,
            Score = Math.Clamp(Math.Round((centre + Normal(random) * noise) * 2, MidpointRounding.AwayFromZero) / 2, 60, 99),
        }).ToList();
        var total = criteria.Sum(c => c.Weight);
        return new RatingEntry
        {
            RoundId = round.Id, RaterId = rater.Id, UnitId = unitId, Criteria = scores,
            Score = criteria.Select((c, i) => (double)c.Weight * scores[i].Score).Sum() / (double)total,
        };
    }

    /// <summary>Keeps a rater within the quota of top grades: the excess entries' criteria move down until the entry is just below the line.</summary>
    private static void Cap(List<RatingEntry> entries, List<RatingCriterion> criteria, double topScore, int quota)
    {
        var total = (double)criteria.Sum(c => c.Weight);
        foreach (var entry in entries.Where(e => e.Score >= topScore).OrderByDescending(e => e.Score).Skip(quota).ToList())
        {
            var delta = entry.Score - (topScore - 0.5);
            foreach (var score in entry.Criteria)
            {
                score.Score -= delta;
            }
            entry.Score = criteria.Select((c, i) => (double)c.Weight * entry.Criteria[i].Score).Sum() / total;
        }
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

}
