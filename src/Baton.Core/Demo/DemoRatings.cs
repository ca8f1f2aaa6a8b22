using Baton.Core.Accounts;
using Baton.Core.Ratings;
using Baton.Core.Units;
using Baton.Scoring.Ratings;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Demo;

/// <summary>
/// The demo county's rating stage. 2025, every round closed and calibrated: the two deputies and one
/// member rate every unit on a grade scale (Rasch), the county leaders score every unit, the economic
/// departments rate each other, and five assessment teams score the towns on site with two anchor towns —
/// the third team deliberately lenient (+10 points), which the calibration report shows and removes.
/// 2026, in progress: the deputies' mid-year rating of the towns is open and the <c>rater</c> account has
/// not submitted yet. Everything is drawn from the county's Random except the link tokens, which are
/// secrets (<see cref="RatingRoundService.NewToken"/>).
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

    /// <summary>The team that scores about ten points above the others.</summary>
    public const string LenientTeam = "第三考核组";

    private const double LenientBonus = 10;

    public static async Task SeedAsync(BatonDbContext db, Random random, Dictionary<string, Unit> units, string passwordHash, DateTime now, CancellationToken ct)
    {
        var accounts = await SeedAccountsAsync(db, passwordHash, now, ct);
        var all = units.Values.OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        var towns = all.Where(u => u.Kind == UnitKind.Town).ToList();
        // Each unit's true merit, shared by every round so that the rounds broadly agree.
        var merit = all.ToDictionary(u => u.Id, _ => Normal(random) * 5);

        await DeputyRatingAsync(db, random, all, merit, now, ct);
        await PeerRatingAsync(db, random, units, now, ct);
        await LeaderRatingAsync(db, random, all, merit, accounts, now, ct);
        await AssessmentTeamsAsync(db, random, towns, merit, accounts, now, ct);
        await MidYearDeputyRatingAsync(db, towns, now, ct);
    }

    private static async Task<Dictionary<string, BatonUser>> SeedAccountsAsync(BatonDbContext db, string passwordHash, DateTime now, CancellationToken ct)
    {
        var result = Accounts.ToDictionary(a => a.UserName, a => DemoCounty.AddAccount(db, a, null, passwordHash, now), StringComparer.Ordinal);
        await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>Grades of the deputies' round, best first; a deputy gives 好 to at most 30% of the units.</summary>
    private const string DeputyGrades = "好|较好|一般|差";

    private static async Task DeputyRatingAsync(BatonDbContext db, Random random, List<Unit> units, Dictionary<long, double> merit, DateTime now, CancellationToken ct)
    {
        var quota = units.Count * 3 / 10;
        var round = await RoundAsync(db, Year, RatingKind.DeputyRating, "2025年度两代表一委员评议", RatingScale.Grades, DeputyGrades, quota, [], now, ct);
        await UnitsAsync(db, round, units, anchors: [], ct);
        var raters = await DeputiesAsync(db, round, links: 15, ct);

        foreach (var rater in raters)
        {
            var severity = Normal(random) * 0.4;
            var grades = units.Select(u => (Unit: u, Latent: merit[u.Id] / 8 - severity + Normal(random) * 0.8)).ToList();
            // 好 (3) / 较好 (2) / 一般 (1) / 差 (0), at most the quota of 好 per deputy.
            var top = grades.OrderByDescending(g => g.Latent).Take(quota).Select(g => g.Unit.Id).ToHashSet();
            foreach (var (unit, latent) in grades)
            {
                var category = latent > 0.6 && top.Contains(unit.Id) ? 3 : latent > -0.4 ? 2 : latent > -1.3 ? 1 : 0;
                db.RatingEntries.Add(new RatingEntry
                {
                    RoundId = round.Id, RaterId = rater.Id, UnitId = unit.Id, Score = category,
                    Reason = category == 0 ? "走访中群众反映问题较多，整改不到位" : null,
                });
            }
            rater.SubmittedAt = now;
        }
        await CloseAndCalibrateAsync(db, round, "评议期满，全部代表委员已提交", now, ct);
    }

    /// <summary>The <c>rater</c> account and <paramref name="links"/> deputies and members reached by single-use links.</summary>
    private static async Task<List<RatingRater>> DeputiesAsync(BatonDbContext db, RatingRound round, int links, CancellationToken ct)
    {
        var raterAccount = await db.Users.SingleAsync(u => u.UserName == "rater", ct);
        var raters = new List<RatingRater> { new() { RoundId = round.Id, UserId = raterAccount.Id, Name = raterAccount.DisplayName } };
        var kinds = new[] { "人大代表", "政协委员", "党代表" };
        for (var i = 0; i < links; i++)
        {
            raters.Add(new RatingRater { RoundId = round.Id, Name = $"{kinds[i % 3]}{i + 1:00}", TokenHash = RatingRoundService.HashToken(RatingRoundService.NewToken()) });
        }
        db.RatingRaters.AddRange(raters);
        await db.SaveChangesAsync(ct);
        return raters;
    }

    private static async Task MidYearDeputyRatingAsync(BatonDbContext db, List<Unit> towns, DateTime now, CancellationToken ct)
    {
        var round = await RoundAsync(db, DemoCounty.CurrentYear, RatingKind.DeputyRating, "2026年度两代表一委员半年评议", RatingScale.Grades, DeputyGrades, towns.Count * 3 / 10, [], now, ct);
        await UnitsAsync(db, round, towns, anchors: [], ct);
        var raters = await DeputiesAsync(db, round, links: 5, ct);
        // Nobody has submitted yet; the office reminded the account rater once.
        db.RatingEvents.Add(new RatingEvent { RoundId = round.Id, RaterId = raters[0].Id, Kind = RatingEventKind.Reminder, By = "office", At = now });
        await db.SaveChangesAsync(ct);
    }

    private static async Task PeerRatingAsync(BatonDbContext db, Random random, Dictionary<string, Unit> units, DateTime now, CancellationToken ct)
    {
        // The twelve economic departments (D01–D12) rate each other; each is represented by a link with its unit.
        var departments = Enumerable.Range(1, 12).Select(i => units[$"D{i:00}"]).ToList();
        var round = await RoundAsync(db, Year, RatingKind.PeerRating, "2025年度经济部门互评", RatingScale.Numeric, null, quota: 3,
            [("工作实绩", 0.5m), ("配合协作", 0.3m), ("服务态度", 0.2m)], now, ct);
        await UnitsAsync(db, round, departments, anchors: [], ct);
        var raters = departments.Select(d => new RatingRater
        {
            RoundId = round.Id, UnitId = d.Id, Name = $"{d.Name}评议代表",
            TokenHash = RatingRoundService.HashToken(RatingRoundService.NewToken()),
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
        await CloseAndCalibrateAsync(db, round, "评议期满", now, ct);
    }

    private static async Task LeaderRatingAsync(
        BatonDbContext db, Random random, List<Unit> units, Dictionary<long, double> merit, Dictionary<string, BatonUser> accounts, DateTime now, CancellationToken ct)
    {
        var round = await RoundAsync(db, Year, RatingKind.LeaderRating, "2025年度县领导评价", RatingScale.Numeric, null, quota: null, [("综合评价", 1m)], now, ct);
        await UnitsAsync(db, round, units, anchors: [], ct);
        var raters = Enumerable.Range(1, 6).Select(l => new RatingRater { RoundId = round.Id, UserId = accounts[$"leader{l}"].Id, Name = accounts[$"leader{l}"].DisplayName }).ToList();
        db.RatingRaters.AddRange(raters);
        await db.SaveChangesAsync(ct);
        var criteria = round.Criteria.ToList();
        foreach (var rater in raters)
        {
            var bias = Normal(random) * 2;
            db.RatingEntries.AddRange(units.Select(t => Numeric(round, rater, t.Id, criteria, 84 + merit[t.Id] + bias, random)));
            rater.SubmittedAt = now;
        }
        await CloseAndCalibrateAsync(db, round, "评价完成", now, ct);
    }

    private static async Task AssessmentTeamsAsync(
        BatonDbContext db, Random random, List<Unit> towns, Dictionary<long, double> merit, Dictionary<string, BatonUser> accounts, DateTime now, CancellationToken ct)
    {
        var round = await RoundAsync(db, Year, RatingKind.AssessmentTeam, "2025年度考核组实地考核", RatingScale.Numeric, null, quota: null,
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
            // The other teams differ a little in severity; the third stands out.
            var bias = team.Name == LenientTeam ? LenientBonus : Normal(random) * 0.8;
            db.RatingEntries.AddRange(anchors.Concat(assigned).Select(u => Numeric(round, team, u.Id, criteria, 80 + merit[u.Id] + bias, random, noise: 1.5)));
            team.SubmittedAt = now;
        }
        await CloseAndCalibrateAsync(db, round, "实地考核完成", now, ct);
    }

    private static async Task CloseAndCalibrateAsync(BatonDbContext db, RatingRound round, string reason, DateTime now, CancellationToken ct)
    {
        round.IsClosed = true;
        db.RatingEvents.Add(new RatingEvent { RoundId = round.Id, Kind = RatingEventKind.Closed, Reason = reason, By = "office", At = now });
        await db.SaveChangesAsync(ct);
        var report = await CalibrationService.StoreAsync(db, round, "office", ct);
        if (!report.IsCalibrated)
        {
            throw new InvalidOperationException($"The demo's round {round.Name} cannot be calibrated: {report.Refusal}");
        }
    }

    private static async Task<RatingRound> RoundAsync(
        BatonDbContext db, int year, RatingKind kind, string name, RatingScale scale, string? grades, int? quota,
        (string Name, decimal Weight)[] criteria, DateTime now, CancellationToken ct)
    {
        var round = new RatingRound
        {
            Year = year, Kind = kind, Name = name, Scale = scale, Grades = grades, TopQuota = quota, CreatedAt = now,
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
        return new RatingEntry
        {
            RoundId = round.Id, RaterId = rater.Id, UnitId = unitId, Criteria = scores,
            Score = RatingRules.WeightedMean([.. scores.Select(x => x.Score)], [.. criteria.Select(c => c.Weight)]),
        };
    }

    /// <summary>Keeps a rater within the quota of top grades: the excess entries' criteria move down until the entry is just below the line.</summary>
    private static void Cap(List<RatingEntry> entries, List<RatingCriterion> criteria, double topScore, int quota)
    {
        foreach (var entry in entries.Where(e => RatingRules.IsTop(e.Score, topScore)).OrderByDescending(e => e.Score).Skip(quota).ToList())
        {
            var delta = entry.Score - (topScore - 0.5);
            foreach (var score in entry.Criteria)
            {
                score.Score -= delta;
            }
            entry.Score = RatingRules.WeightedMean([.. entry.Criteria.Select(x => x.Score)], [.. criteria.Select(c => c.Weight)]);
        }
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
