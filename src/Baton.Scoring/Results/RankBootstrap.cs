using System.Collections.Immutable;
using Baton.Scoring.Ratings;

namespace Baton.Scoring.Results;

/// <summary>
/// A rating round (or survey) whose raters are resampled, and the component of the overall score it
/// feeds: its ratings and how the round is calibrated. Several rounds may feed one component; the
/// component is then the mean, per unit, over the rounds that rated the unit.
/// </summary>
/// <param name="ComponentCode">The <see cref="ComponentValue.Code"/> the calibrated unit scores feed.</param>
/// <param name="Ratings">The round's ratings: points on the component's 0–100 scale (numeric rounds), or category indices 0..m (grade rounds).</param>
public sealed record ResampledComponent(string ComponentCode, RatingSet Ratings)
{
    /// <summary>Calibration options of the round (anchoring rule, anchor units).</summary>
    public CalibrationOptions? Options { get; init; }

    /// <summary>
    /// For a grade round, m: the highest category index. The round is then calibrated with the Rasch model
    /// and feeds its fair average × 100 ÷ m; null for a numeric round (additive model, calibrated points).
    /// </summary>
    public int? MaximumCategory { get; init; }

    /// <summary>The round's name, for the report of what was resampled.</summary>
    public string? RoundName { get; init; }
}

/// <summary>
/// How sure a unit's place is: the 90% interval of its rank within its category over the bootstrap
/// replicates, and the probability of each grade.
/// </summary>
/// <param name="UnitId">The unit.</param>
/// <param name="CategoryCode">The unit's category: ranks are within it.</param>
/// <param name="Rank">The rank in the published (not resampled) result.</param>
/// <param name="Grade">The grade in the published result.</param>
/// <param name="LowerRank">The best rank the unit reaches in 90% of replicates (5th percentile of rank).</param>
/// <param name="UpperRank">The worst rank the unit reaches in 90% of replicates (95th percentile of rank).</param>
/// <param name="GradeProbabilities">Share of replicates in which the unit gets each grade, by grade name.</param>
/// <param name="BoundaryGrade">The better grade of the boundary the unit sits on, when it sits on one.</param>
/// <param name="ProbabilityOfBetterGrade">Share of replicates with <see cref="BoundaryGrade"/> or better; NaN when none.</param>
/// <param name="CannotBeToldApart">True when that share lies between 5% and 95%: the data cannot say on which side the unit belongs.</param>
public sealed record UnitUncertainty(
    string UnitId, string CategoryCode, int Rank, string Grade, int LowerRank, int UpperRank,
    ImmutableDictionary<string, double> GradeProbabilities, string? BoundaryGrade, double ProbabilityOfBetterGrade, bool CannotBeToldApart);

/// <summary>A resampled round and how it fared.</summary>
/// <param name="ComponentCode">The component it feeds.</param>
/// <param name="RoundName">The round's name, when given.</param>
/// <param name="Model">How each replicate was calibrated, in words (加性模型, Rasch 模型).</param>
/// <param name="Fallbacks">Replicates in which the round could not be calibrated and kept its published scores.</param>
public sealed record ResampledRound(string ComponentCode, string? RoundName, string Model, int Fallbacks);

/// <summary>A weighted component the bootstrap held at its published value, and why (in Chinese, for the page).</summary>
public sealed record HeldComponent(string Code, string Name, string Reason);

/// <summary>The rank uncertainty of a year: every unit's interval, what was resampled, and what was held fixed.</summary>
/// <param name="Units">Each unit's rank interval and grade probabilities, by category in rank order.</param>
/// <param name="Resampled">The rounds whose raters were resampled.</param>
/// <param name="Held">The weighted components held at their published values, with the reason.</param>
/// <param name="Replicates">The number of bootstrap replicates.</param>
public sealed record RankBootstrapResult(ImmutableArray<UnitUncertainty> Units, ImmutableArray<ResampledRound> Resampled, ImmutableArray<HeldComponent> Held, int Replicates);

/// <summary>
/// Rank uncertainty (DESIGN.md §5.4): resample the raters of every rating round, recalibrate each
/// round, put the calibrated scores into the overall score, and recompute everything — vetoes, caps,
/// ranks, grades and quotas — once per replicate.
/// </summary>
public static class RankBootstrap
{
    /// <summary>
    /// Tolerance of a replicate's Rasch fit, in logits: it stops when no measure moves by more than this in
    /// an iteration (the published calibration uses <see cref="CalibrationOptions.Tolerance"/>, 1e-10). On a
    /// round the size of the demo county's deputies' (16 raters × 47 units) a replicate's fair averages are
    /// then within 0.001 points (100-point scale) of the fully converged fit — a thousandth of the two
    /// decimals a component is rounded to — and, warm-started from the full round's fit, a replicate takes
    /// about 40 iterations instead of 130 from zero.
    /// </summary>
    public const double RaschTolerance = 1e-4;

    /// <summary>Iteration limit of a replicate's Rasch fit; a replicate that does not converge keeps the published scores.</summary>
    public const int RaschMaxIterations = 500;

    /// <summary>
    /// Runs <paramref name="replicates"/> bootstrap replicates seeded by <paramref name="seed"/>. The same
    /// input and seed always give the same answer, whatever the number of cores: replicate k draws from its
    /// own seeded stream and is stored at index k. Numeric rounds are recalibrated with the additive model,
    /// grade rounds with the Rasch model (<see cref="RaschTolerance"/>, warm-started from the full round's
    /// fit). A unit that no drawn rater rated, or a round whose replicate cannot be calibrated (it fell apart
    /// into groups, or did not converge), keeps the published component value in that replicate. Ranks are
    /// the engine's own (with its tie-break rule); grades include quotas.
    /// </summary>
    public static RankBootstrapResult Run(YearInput input, IReadOnlyList<ResampledComponent> components, int replicates, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(components);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(replicates);

        var published = ScoringEngine.Score(input);
        var starts = components.Select(c => c.MaximumCategory is { } m ? RaschCalibration.Fit(c.Ratings, c.Options, m).Value : null).ToArray();
        var fallbacks = new int[components.Count];
        // Per replicate: each unit's rank and grade, by unit id.
        var ranks = new Dictionary<string, int>[replicates];
        var grades = new Dictionary<string, string>[replicates];
        Parallel.For(0, replicates, k =>
        {
            var result = ScoringEngine.Score(Replicate(input, components, starts, fallbacks, seed, k));
            var unitRanks = new Dictionary<string, int>(StringComparer.Ordinal);
            var unitGrades = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var category in result.Categories)
            {
                foreach (var unit in category.Units)
                {
                    unitRanks[unit.Id] = unit.Rank;
                    unitGrades[unit.Id] = unit.Grade;
                }
            }
            ranks[k] = unitRanks;
            grades[k] = unitGrades;
        });

        var summary = ImmutableArray.CreateBuilder<UnitUncertainty>(input.Units.Length);
        foreach (var category in published.Categories)
        {
            var bands = category.Spec.Grades.Bands.Select(b => b.Name).ToList();
            var ids = category.Units.Select(u => u.Id).ToList();
            // The engine's ranks, passed as scores (−rank) so that equal ranks stay ties.
            var scores = ranks.Select(r => (IReadOnlyList<double>)ids.Select(id => -(double)r[id]).ToList()).ToList();
            var gradeIndices = grades.Select(g => (IReadOnlyList<int>)ids.Select(id => Math.Max(0, bands.IndexOf(g[id]))).ToList()).ToList();
            var uncertainty = RankUncertainty.Summarise(ids, scores, gradeIndices, bands.Count);
            for (var u = 0; u < ids.Count; u++)
            {
                var unit = category.Units[u];
                var x = uncertainty[u];
                summary.Add(new UnitUncertainty(
                    unit.Id, unit.CategoryCode, unit.Rank, unit.Grade, x.LowerRank, x.UpperRank,
                    bands.Select((b, g) => (b, p: x.GradeProbabilities[g])).ToImmutableDictionary(t => t.b, t => t.p, StringComparer.Ordinal),
                    x.BoundaryGrade is { } g ? bands[g] : null, x.ProbabilityOfBetterGrade, x.CannotBeToldApart));
            }
        }
        var resampled = components.Select((c, i) => new ResampledRound(c.ComponentCode, c.RoundName, c.MaximumCategory is null ? "加性模型" : "Rasch 模型", fallbacks[i]));
        return new RankBootstrapResult(summary.ToImmutable(), [.. resampled], Held(input, components), replicates);
    }

    /// <summary>The weighted components no resampled round feeds, in the order the categories list them, with the reason they stay fixed.</summary>
    private static ImmutableArray<HeldComponent> Held(YearInput input, IReadOnlyList<ResampledComponent> components)
    {
        var fed = components.Select(c => c.ComponentCode).ToHashSet(StringComparer.Ordinal);
        var held = new List<HeldComponent>();
        foreach (var definition in input.Categories.SelectMany(c => c.Components).Where(d => d.Weight != 0))
        {
            if (fed.Contains(definition.Code) || held.Any(h => h.Code == definition.Code))
            {
                continue;
            }
            var values = input.Units.SelectMany(u => u.Components).Where(v => v.Code == definition.Code).ToList();
            var reason = definition.Source == ComponentSource.Indicators ? "由指标实际完成值计算，不是抽样得来的数据，不重抽"
                : values.Count > 0 && values.All(v => v.HandEntered) ? "手工录入，没有可重抽的评议人或调查样本，按录入值计"
                : "来源不是可重抽的评议轮次，按公布值计";
            held.Add(new HeldComponent(definition.Code, definition.Name, reason));
        }
        return [.. held];
    }

    /// <summary>The year's input with every resampled component replaced by replicate <paramref name="k"/>'s calibrated scores.</summary>
    private static YearInput Replicate(
        YearInput input, IReadOnlyList<ResampledComponent> components, RaschCalibration?[] starts, int[] fallbacks, ulong seed, int k)
    {
        // Per unit and component code: the sum and count of calibrated scores over the rounds feeding it.
        var values = new Dictionary<string, Dictionary<string, (double Sum, int Count)>>(StringComparer.Ordinal);
        for (var c = 0; c < components.Count; c++)
        {
            var component = components[c];
            // Each round has its own stream: adding a round does not change the others' draws.
            var replicate = RaterBootstrap.Replicate(component.Ratings, unchecked(seed + (ulong)c * 0x9E3779B97F4A7C15UL), k);
            var scores = Calibrate(component, replicate, starts[c]);
            if (scores is null)
            {
                Interlocked.Increment(ref fallbacks[c]);
                continue;
            }
            foreach (var (unit, score) in scores)
            {
                if (!values.TryGetValue(unit, out var byCode))
                {
                    values[unit] = byCode = new Dictionary<string, (double, int)>(StringComparer.Ordinal);
                }
                var (sum, count) = byCode.GetValueOrDefault(component.ComponentCode);
                byCode[component.ComponentCode] = (sum + score, count + 1);
            }
        }
        var units = input.Units.Select(u =>
        {
            if (!values.TryGetValue(u.Id, out var byCode))
            {
                return u;
            }
            decimal Mean(string code) => (decimal)(byCode[code].Sum / byCode[code].Count);
            var replaced = u.Components.Select(v => byCode.ContainsKey(v.Code) ? v with { Score = Mean(v.Code), FullScore = 100m } : v).ToList();
            replaced.AddRange(byCode.Keys.Where(code => u.Components.All(v => v.Code != code)).Select(code => new ComponentValue(code, Mean(code))));
            return u with { Components = [.. replaced] };
        });
        return input with { Units = [.. units] };
    }

    /// <summary>Each unit's calibrated 0–100 score in one replicate of a round, or null when the replicate cannot be calibrated.</summary>
    private static IEnumerable<(string Unit, double Score)>? Calibrate(ResampledComponent component, RatingSet replicate, RaschCalibration? start)
    {
        if (component.MaximumCategory is { } m)
        {
            var options = (component.Options ?? CalibrationOptions.Default) with { Tolerance = RaschTolerance, MaxIterations = RaschMaxIterations };
            return RaschCalibration.Fit(replicate, options, m, start).Value is { } rasch
                ? rasch.Units.Where(u => double.IsFinite(u.FairAverage)).Select(u => (u.Unit, u.FairAverage * 100.0 / m))
                : null;
        }
        return AdditiveCalibration.Fit(replicate, component.Options).Value is { } additive
            ? additive.Units.Select(u => (u.Unit, Math.Clamp(u.Calibrated, 0, 100)))
            : null;
    }
}
