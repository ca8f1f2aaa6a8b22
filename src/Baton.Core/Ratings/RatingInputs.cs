using System.Collections.Immutable;
using System.Globalization;
using Baton.Scoring.Ratings;
using Baton.Scoring.Results;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Ratings;

/// <summary>
/// A component of the overall score that ratings feed: its code in the category settings, the name that
/// says what feeds it, and the kinds of round whose calibrated scores it averages.
/// </summary>
public sealed record RatingComponent(string Code, string Name, IReadOnlyList<RatingKind> Kinds)
{
    /// <summary>
    /// Every rating component a category may weigh: <c>rating</c> is the two deputies and one member's and the
    /// county leaders' judgement together (领导和两代表一委员评价, the default settings' component); the others one kind each.
    /// </summary>
    public static IReadOnlyList<RatingComponent> All { get; } =
    [
        new("rating", "领导和两代表一委员评价", [RatingKind.DeputyRating, RatingKind.LeaderRating]),
        new("deputies", "两代表一委员评议", [RatingKind.DeputyRating]),
        new("leaders", "县领导评价", [RatingKind.LeaderRating]),
        new("peers", "单位互评", [RatingKind.PeerRating]),
        new("teams", "考核组实地考核", [RatingKind.AssessmentTeam]),
    ];

    /// <summary>The rating component of <paramref name="code"/>, or null when ratings do not feed that code.</summary>
    public static RatingComponent? Of(string code) => All.FirstOrDefault(c => c.Code == code);
}

/// <summary>
/// The ratings feature's loader for the snapshot (DESIGN.md §3, the snapshot seam): each unit's calibrated
/// rating components, and the calibrated rounds as the rank bootstrap resamples them.
/// </summary>
internal static class RatingInputs
{
    /// <summary>
    /// The calibrated rating components of every unit in <paramref name="year"/>: for each <see cref="RatingComponent"/>,
    /// the mean over the component's kinds the unit was rated in of that kind's calibrated 100-point score (itself
    /// the mean over the kind's calibrated rounds, normally one). Each value carries its explanation for the trace.
    /// Units without a calibrated round of those kinds get no value for the component.
    /// </summary>
    public static async Task<ILookup<long, SourcedComponent>> LoadAsync(BatonDbContext db, int year, CancellationToken ct)
    {
        var rows = await (from c in db.CalibratedScores.AsNoTracking()
                          join r in db.RatingRounds on c.RoundId equals r.Id
                          where r.Year == year
                          orderby r.Id
                          select new { c.UnitId, c.Score100, r.Kind, r.Name }).ToListAsync(ct);
        var values = new List<(long UnitId, SourcedComponent Value)>();
        foreach (var unit in rows.GroupBy(r => r.UnitId))
        {
            var byKind = unit.GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => (Score: (decimal)g.Average(r => r.Score100), Rounds: g.Select(r => r.Name).ToList()));
            foreach (var component in RatingComponent.All)
            {
                var present = component.Kinds.Where(byKind.ContainsKey).ToList();
                if (present.Count == 0)
                {
                    continue;
                }
                var score = Rounding.Round(present.Average(k => byKind[k].Score), 2);
                var parts = present.Select(k => new TraceNode(RatingRound.KindName(k), $"校准后 {N(byKind[k].Score)} 分")
                {
                    Source = string.Join("、", byKind[k].Rounds),
                    Points = Rounding.Round(byKind[k].Score, 2),
                }).ToImmutableArray();
                var formula = present.Count == 1
                    ? $"{component.Name} = {parts[0].Label}校准后得分 = {N(score)} 分"
                    : $"{component.Name} = ({string.Join(" + ", parts.Select(p => $"{p.Label} {N(p.Points!.Value)}"))}) ÷ {present.Count} = {N(score)} 分";
                values.Add((unit.Key, new SourcedComponent(ComponentOrigin.Calibrated, new ComponentValue(component.Code, score)
                {
                    EnteredBy = "评分校准",
                    Note = "已消除评议人宽严差异（加性模型或 Rasch 模型）",
                    Detail = new TraceNode("评议校准", formula) { Children = parts },
                })));
            }
        }
        return values.ToLookup(v => v.UnitId, v => v.Value);
    }

    private static string N(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// The calibrated rounds of <paramref name="year"/> as the rank bootstrap resamples them, one per round and
    /// component code it feeds (see <see cref="RatingComponent"/>), units named by code as in the engine's input,
    /// raters by id (two raters with one name are two raters). Numeric rounds are recalibrated with the additive
    /// model, grade rounds with the Rasch model (category indices 0..m, as stored).
    /// </summary>
    public static async Task<List<ResampledComponent>> ResampledAsync(BatonDbContext db, int year, IReadOnlyCollection<string> componentCodes, CancellationToken ct)
    {
        var rounds = await db.RatingRounds.AsNoTracking()
            .Where(r => r.Year == year && db.CalibratedScores.Any(c => c.RoundId == r.Id))
            .OrderBy(r => r.Id)
            .ToListAsync(ct);
        var components = componentCodes.Select(RatingComponent.Of).OfType<RatingComponent>().ToList();
        var unitCodes = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Code, ct);
        var result = new List<ResampledComponent>();
        foreach (var round in rounds)
        {
            var feeds = components.Where(c => c.Kinds.Contains(round.Kind)).ToList();
            if (feeds.Count == 0)
            {
                continue;
            }
            var entries = await db.RatingEntries.AsNoTracking().Where(e => e.RoundId == round.Id)
                .OrderBy(e => e.RaterId).ThenBy(e => e.UnitId).Select(e => new { e.RaterId, e.UnitId, e.Score }).ToListAsync(ct);
            var anchors = await db.RatingRoundUnits.AsNoTracking().Where(u => u.RoundId == round.Id && u.IsAnchor).Select(u => u.UnitId).ToListAsync(ct);
            var set = RatingSet.Create(entries.Select(e => new Rating(e.RaterId.ToString(CultureInfo.InvariantCulture), unitCodes[e.UnitId], e.Score)));
            var options = new CalibrationOptions { Anchoring = round.Anchoring, AnchorUnits = anchors.Select(a => unitCodes[a]).ToList() };
            int? m = round.Scale == RatingScale.Grades ? round.GradeList.Count - 1 : null;
            result.AddRange(feeds.Select(c => new ResampledComponent(c.Code, set) { Options = options, MaximumCategory = m, RoundName = round.Name }));
        }
        return result;
    }
}
