using System.Collections.Immutable;
using Baton.Scoring.Ratings;

namespace Baton.Scoring.Results;

/// <summary>
/// A rating round (or survey) whose raters are resampled, and the component of the overall score it
/// feeds: its ratings on a 0–100 scale and how the round is calibrated. Several rounds may feed one
/// component; the component is then the mean, per unit, over the rounds that rated the unit.
/// </summary>
/// <param name="ComponentCode">The <see cref="ComponentValue.Code"/> the calibrated unit scores feed.</param>
/// <param name="Ratings">The round's ratings, scores on the component's 0–100 scale.</param>
public sealed record ResampledComponent(string ComponentCode, RatingSet Ratings)
{
    /// <summary>Calibration options of the round (anchoring rule, anchor units); the additive model is used.</summary>
    public CalibrationOptions? Options { get; init; }
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

/// <summary>
/// Rank uncertainty (DESIGN.md §5.4): resample the raters of every rating round, recalibrate each
/// round, put the calibrated scores into the overall score, and recompute everything — vetoes, caps,
/// ranks, grades and quotas — once per replicate.
/// </summary>
public static class RankBootstrap
{
    /// <summary>
    /// Runs <paramref name="replicates"/> bootstrap replicates seeded by <paramref name="seed"/>. The same
    /// input and seed always give the same answer, whatever the number of cores: replicate k draws from its
    /// own seeded stream and is stored at index k. A unit that no drawn rater rated, or a round whose
    /// replicate cannot be calibrated (it fell apart into groups), keeps the published component value in
    /// that replicate. Ranks are the engine's own (with its tie-break rule); grades include quotas.
    /// </summary>
    public static ImmutableArray<UnitUncertainty> Run(YearInput input, IReadOnlyList<ResampledComponent> components, int replicates, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(components);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(replicates);

        var published = ScoringEngine.Score(input);
        // Per replicate: each unit's rank and grade, by unit id.
        var ranks = new Dictionary<string, int>[replicates];
        var grades = new Dictionary<string, string>[replicates];
        Parallel.For(0, replicates, k =>
        {
            var result = ScoringEngine.Score(Replicate(input, components, seed, k));
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
        return summary.ToImmutable();
    }

    /// <summary>The year's input with every resampled component replaced by replicate <paramref name="k"/>'s calibrated scores.</summary>
    private static YearInput Replicate(YearInput input, IReadOnlyList<ResampledComponent> components, ulong seed, int k)
    {
        // Per unit and component code: the sum and count of calibrated scores over the rounds feeding it.
        var values = new Dictionary<string, Dictionary<string, (double Sum, int Count)>>(StringComparer.Ordinal);
        for (var c = 0; c < components.Count; c++)
        {
            var component = components[c];
            // Each round has its own stream: adding a round does not change the others' draws.
            var replicate = RaterBootstrap.Replicate(component.Ratings, unchecked(seed + (ulong)c * 0x9E3779B97F4A7C15UL), k);
            var fit = AdditiveCalibration.Fit(replicate, component.Options);
            if (fit.Value is null)
            {
                continue;
            }
            foreach (var unit in fit.Value.Units)
            {
                if (!values.TryGetValue(unit.Unit, out var byCode))
                {
                    values[unit.Unit] = byCode = new Dictionary<string, (double, int)>(StringComparer.Ordinal);
                }
                var (sum, count) = byCode.GetValueOrDefault(component.ComponentCode);
                byCode[component.ComponentCode] = (sum + Math.Clamp(unit.Calibrated, 0, 100), count + 1);
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
}
