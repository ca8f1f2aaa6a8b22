using Baton.Scoring.Results;
using System.Collections.Immutable;
using System.Globalization;
using Baton.Core.Accounts;
using Baton.Scoring.Ratings;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Ratings;

/// <summary>
/// One unit in a calibration report. <see cref="RawMean"/> and <see cref="Calibrated"/> are points
/// (additive model) or grade category indices 0..m (Rasch, fair average); <see cref="Score100"/> is the
/// calibrated score on a 100-point scale; <see cref="StandardError"/> is in points (additive) or logits (Rasch).
/// <see cref="MeanZ"/> is the mean per-rater z-score, offered only for complete designs.
/// <see cref="RankInterval"/> is the 90% interval of the unit's calibrated rank when the raters are
/// resampled (<see cref="CalibrationService.BootstrapReplicates"/> replicates, fixed seed; numeric rounds only).
/// </summary>
public sealed record CalibratedUnitRow(
    long UnitId, string Name, int Count, double RawMean, double Calibrated, double? StandardError, double Score100, int Rank, int RawRank, double? MeanZ,
    (int Best, int Worst)? RankInterval = null, bool IsAnchor = false);

/// <summary>
/// One rater in a calibration report. <see cref="Leniency"/> is positive for a lenient rater: the
/// additive rater effect in points (+3 = scores 3 points above the average rater), or minus the Rasch
/// severity in logits. <see cref="Infit"/> about 1 is ordinary, above 1.5 the rater disagrees markedly.
/// </summary>
public sealed record CalibratedRaterRow(
    long RaterId, string Name, int Count, double RawMean, double Leniency, double? StandardError, double? Infit, double? Outfit, int DisagreementRank);

public sealed record CalibrationGroup(IReadOnlyList<string> Raters, IReadOnlyList<string> Units);

/// <summary>A round's calibration, or the reason it was refused (<see cref="Refusal"/>, with the design's groups).</summary>
public sealed record CalibrationReport(
    long RoundId, string RoundName, RatingScale Scale, string Model, AnchoringRule Anchoring, bool IsComplete, int Ratings,
    string? Refusal, IReadOnlyList<CalibrationGroup> Groups, IReadOnlyList<CalibratedUnitRow> Units, IReadOnlyList<CalibratedRaterRow> Raters,
    double? ResidualVariance, DateTime? StoredAt)
{
    public bool IsCalibrated => Refusal is null;

    /// <summary>Unit of <see cref="CalibratedRaterRow.Leniency"/> and <see cref="CalibratedRaterRow.StandardError"/>.</summary>
    public string SeverityUnit => Scale == RatingScale.Grades ? "logit" : "分";
}

/// <summary>A unit's calibrated score of one round kind in a year, on a 100-point scale, for the overall score.</summary>
public sealed record CalibratedUnitScore(long UnitId, double Score100, double? StandardError, int Rounds, int Ratings);

/// <summary>
/// Calibrates a round's submissions (DESIGN.md §5.3): builds the rating set (numeric rounds: the
/// weighted criteria score per rater × unit; grade rounds: the category index, 0 the worst), checks
/// connectivity and refuses a disconnected design — naming its groups — unless the office chose an
/// anchoring rule for the round, then fits the additive model (numeric) or the Rasch model (grades).
/// Per-rater z-scores are added only for complete designs. An assessment team is one rater: its
/// leader submits the team's agreed scores, so the team's severity is what calibration removes.
/// </summary>
public sealed class CalibrationService(IDbContextFactory<BatonDbContext> dbFactory, CurrentUser user)
{
    /// <summary>Rater-bootstrap replicates behind each unit's rank interval (numeric rounds).</summary>
    public const int BootstrapReplicates = 1000;

    /// <summary>The bootstrap's fixed seed: the same round always gives the same intervals.</summary>
    public const ulong BootstrapSeed = 2025;

    public bool MayRead => user.IsInAnyRole(Roles.Office, Roles.Overseer, Roles.Leader);

    public bool MayCalibrate => user.IsInRole(Roles.Office);

    /// <summary>Computes the calibration report of a round without storing anything.</summary>
    public async Task<CalibrationReport?> ReportAsync(long roundId, CancellationToken ct = default)
    {
        if (!MayRead)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var round = await db.RatingRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null)
        {
            return null;
        }
        var storedAt = await db.CalibratedScores.Where(c => c.RoundId == roundId).Select(c => (DateTime?)c.ComputedAt).MaxAsync(ct);
        return await ComputeAsync(db, round, storedAt, ct);
    }

    /// <summary>Calibrates the round and stores each unit's calibrated score (replacing earlier ones), in one transaction.</summary>
    public async Task<Outcome<CalibrationReport>> CalibrateAsync(long roundId, CancellationToken ct = default)
    {
        if (!MayCalibrate)
        {
            return Outcome.Fail<CalibrationReport>(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var round = await db.RatingRounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null)
        {
            return Outcome.Fail<CalibrationReport>(Outcome.NotFound);
        }
        if (await Years.YearGate.RefusalAsync(db, round.Year, Years.YearActivity.Calibrate, ct) is { } gate)
        {
            return Outcome.Fail<CalibrationReport>(gate);
        }
        db.ActAs(user);
        var report = await StoreAsync(db, round, user.UserName, ct);
        return report.Refusal is { } refusal ? Outcome.Fail<CalibrationReport>(refusal) : report;
    }

    /// <summary>
    /// Calibrates <paramref name="round"/> and adds its stored scores (replacing earlier ones) and a
    /// <see cref="RatingEventKind.Calibrated"/> event to <paramref name="db"/>, then saves; a refusal saves nothing.
    /// The demo county uses it inside its own transaction.
    /// </summary>
    internal static async Task<CalibrationReport> StoreAsync(BatonDbContext db, RatingRound round, string by, CancellationToken ct)
    {
        var now = db.UtcNow;
        var report = await ComputeAsync(db, round, now, ct);
        if (report.Refusal is not null)
        {
            return report;
        }
        db.CalibratedScores.RemoveRange(await db.CalibratedScores.Where(c => c.RoundId == round.Id).ToListAsync(ct));
        db.CalibratedScores.AddRange(report.Units.Select(u => new CalibratedScore
        {
            RoundId = round.Id, UnitId = u.UnitId, Count = u.Count, RawMean = u.RawMean, Calibrated = u.Calibrated,
            StandardError = u.StandardError, Score100 = u.Score100, ComputedAt = now,
        }));
        db.RatingEvents.Add(new RatingEvent
        {
            RoundId = round.Id, Kind = RatingEventKind.Calibrated, By = by, At = now,
            Reason = $"{report.Model}，{report.Units.Count} 个单位，{report.Ratings} 条评分",
        });
        await db.SaveChangesAsync(ct);
        return report;
    }

    /// <summary>
    /// Each unit's stored calibrated score (100-point scale) from the rounds of <paramref name="kind"/>
    /// in <paramref name="year"/>, for the overall score to take as a component: the mean of
    /// <see cref="CalibratedScore.Score100"/> over the calibrated rounds that rated the unit (normally
    /// one). The standard error is that of the mean of independent rounds, √(Σ se²) / k, in points, or
    /// null when any is unknown (Rasch errors are in logits and are not converted). Uncalibrated rounds are ignored.
    /// </summary>
    public async Task<IReadOnlyList<CalibratedUnitScore>> ScoresAsync(int year, RatingKind kind, CancellationToken ct = default)
    {
        if (!MayRead)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (from c in db.CalibratedScores.AsNoTracking()
                          join r in db.RatingRounds on c.RoundId equals r.Id
                          where r.Year == year && r.Kind == kind
                          select new { c.UnitId, c.Score100, c.StandardError, c.Count, r.Scale }).ToListAsync(ct);
        return rows.GroupBy(r => r.UnitId).OrderBy(g => g.Key).Select(g =>
        {
            var errors = g.Select(r => r.Scale == RatingScale.Numeric ? r.StandardError : null).ToList();
            double? se = errors.All(e => e is not null) ? Math.Sqrt(errors.Sum(e => e!.Value * e.Value)) / errors.Count : null;
            return new CalibratedUnitScore(g.Key, g.Average(r => r.Score100), se, g.Count(), g.Sum(r => r.Count));
        }).ToList();
    }

    private static async Task<CalibrationReport> ComputeAsync(BatonDbContext db, RatingRound round, DateTime? storedAt, CancellationToken ct)
    {
        var entries = await db.RatingEntries.AsNoTracking().Where(e => e.RoundId == round.Id).OrderBy(e => e.RaterId).ThenBy(e => e.UnitId)
            .Select(e => new { e.RaterId, e.UnitId, e.Score }).ToListAsync(ct);
        var raterRows = await db.RatingRaters.AsNoTracking().Where(r => r.RoundId == round.Id).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var unitRows = await db.Units.AsNoTracking().Where(u => db.RatingRoundUnits.Any(x => x.RoundId == round.Id && x.UnitId == u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var anchors = await db.RatingRoundUnits.AsNoTracking().Where(u => u.RoundId == round.Id && u.IsAnchor).Select(u => u.UnitId).ToListAsync(ct);

        // People read the names; identical names are told apart by their id.
        var raterName = Distinct(raterRows);
        var unitName = Distinct(unitRows);
        var raterOf = raterName.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
        var unitOf = unitName.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
        var model = round.Scale == RatingScale.Grades ? "Rasch 多面模型" : "加性模型";
        var options = new CalibrationOptions
        {
            Anchoring = round.Anchoring,
            AnchorUnits = anchors.Where(unitName.ContainsKey).Select(a => unitName[a]).ToList(),
        };

        CalibrationReport Refused(string message, DesignConnectivity? connectivity) =>
            new(round.Id, round.Name, round.Scale, model, round.Anchoring, false, entries.Count, message, Groups(connectivity), [], [], null, storedAt);

        if (entries.Count < 2 || entries.Select(e => e.RaterId).Distinct().Count() < 2)
        {
            return Refused("评分太少：至少需要两位评议人提交后才能校准。", null);
        }
        var set = RatingSet.Create(entries.Select(e => new Rating(raterName[e.RaterId], unitName[e.UnitId], e.Score)));

        if (round.Scale == RatingScale.Grades)
        {
            var m = round.GradeList.Count - 1;
            var outcome = RaschCalibration.Fit(set, options, m);
            if (outcome.Value is not { } rasch)
            {
                return Refused(outcome.Refusal!.Message, outcome.Refusal.Connectivity);
            }
            var report = RaterReport.From(rasch, set);
            var ranks = CompetitionRanking.Of(rasch.Units.Select(u => u.Measure).ToList());
            var rawRanks = CompetitionRanking.Of(rasch.Units.Select(u => u.RawMean).ToList());
            var units = rasch.Units.Select((u, i) => new CalibratedUnitRow(unitOf[u.Unit], u.Unit, u.Count, u.RawMean, u.FairAverage,
                Finite(u.StandardError), u.FairAverage * 100.0 / m, ranks[i], rawRanks[i], null, null, anchors.Contains(unitOf[u.Unit]))).ToList();
            var raters = rasch.Raters.Select((r, i) => new CalibratedRaterRow(raterOf[r.Rater], r.Rater, r.Count, r.RawMean, -r.Severity,
                Finite(r.StandardError), Finite(r.Infit), Finite(r.Outfit), report.Raters[i].DisagreementRank)).ToList();
            return new CalibrationReport(round.Id, round.Name, round.Scale, model, round.Anchoring, set.IsComplete, set.Count, null,
                Groups(rasch.Connectivity), units, raters, null, storedAt);
        }
        else
        {
            var outcome = AdditiveCalibration.Fit(set, options);
            if (outcome.Value is not { } additive)
            {
                return Refused(outcome.Refusal!.Message, outcome.Refusal.Connectivity);
            }
            var report = RaterReport.From(additive);
            var z = set.IsComplete ? ZScoreCalibration.Fit(set).Value : null;
            var meanZ = z?.Units.ToDictionary(u => u.Unit, u => u.MeanZ, StringComparer.Ordinal);
            var ranks = CompetitionRanking.Of(additive.Units.Select(u => u.Calibrated).ToList());
            var rawRanks = CompetitionRanking.Of(additive.Units.Select(u => u.RawMean).ToList());
            var intervals = RankIntervals(set, options);
            var units = additive.Units.Select((u, i) => new CalibratedUnitRow(unitOf[u.Unit], u.Unit, u.Count, u.RawMean, u.Calibrated,
                Finite(u.StandardError), Math.Clamp(u.Calibrated, 0, 100), ranks[i], rawRanks[i],
                meanZ is null ? null : meanZ[u.Unit], intervals.GetValueOrDefault(u.Unit), anchors.Contains(unitOf[u.Unit]))).ToList();
            var raters = additive.Raters.Select((r, i) => new CalibratedRaterRow(raterOf[r.Rater], r.Rater, r.Count, r.RawMean, r.Effect,
                Finite(r.StandardError), Finite(r.MeanSquare), Finite(r.MeanSquare), report.Raters[i].DisagreementRank)).ToList();
            return new CalibrationReport(round.Id, round.Name, round.Scale, model, round.Anchoring, set.IsComplete, set.Count, null,
                Groups(additive.Connectivity), units, raters, Finite(additive.ResidualVariance), storedAt);
        }
    }

    /// <summary>
    /// The 90% rank interval of each unit when the raters are resampled: each replicate is calibrated
    /// with the round's options; a replicate the design check refuses is skipped, and a unit no drawn
    /// rater rated is absent from that replicate.
    /// </summary>
    private static Dictionary<string, (int, int)?> RankIntervals(RatingSet set, CalibrationOptions options)
    {
        var scores = new List<IReadOnlyList<double>>(BootstrapReplicates);
        foreach (var replicate in RaterBootstrap.Replicates(set, BootstrapSeed, BootstrapReplicates))
        {
            if (AdditiveCalibration.Fit(replicate, options).Value is not { } fit)
            {
                continue;
            }
            var byUnit = fit.Units.ToDictionary(u => u.Unit, u => u.Calibrated, StringComparer.Ordinal);
            scores.Add(set.Units.Select(u => byUnit.TryGetValue(u, out var v) ? v : double.NaN).ToList());
        }
        if (scores.Count == 0)
        {
            return [];
        }
        var grades = scores.Select(r => (IReadOnlyList<int>)r.Select(v => double.IsNaN(v) ? -1 : 0).ToList()).ToList();
        return RankUncertainty.Summarise(set.Units, scores, grades, gradeCount: 1)
            .Where(u => u.Replicates > 0)
            .ToDictionary(u => u.Unit, u => ((int, int)?)(u.LowerRank, u.UpperRank), StringComparer.Ordinal);
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static List<CalibrationGroup> Groups(DesignConnectivity? connectivity) =>
        connectivity?.Groups.Select(g => new CalibrationGroup(g.Raters, g.Units)).ToList() ?? [];

    private static Dictionary<long, string> Distinct(Dictionary<long, string> names)
    {
        var counts = names.Values.CountBy(n => n).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return names.ToDictionary(p => p.Key, p => counts[p.Value] > 1 ? $"{p.Value}#{p.Key.ToString(CultureInfo.InvariantCulture)}" : p.Value);
    }
}
