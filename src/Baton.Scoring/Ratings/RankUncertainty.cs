namespace Baton.Scoring.Ratings;

/// <summary>One unit's rank uncertainty over bootstrap replicates.</summary>
/// <param name="Unit">The unit.</param>
/// <param name="Replicates">In how many replicates the unit was present (had a score).</param>
/// <param name="LowerRank">
/// The best end of the 90% rank interval: the 5th percentile of its replicate ranks (nearest-rank
/// method: the ⌈0.05·n⌉-th smallest). Rank 1 is the top.
/// </param>
/// <param name="MedianRank">The median replicate rank (the ⌈0.5·n⌉-th smallest).</param>
/// <param name="UpperRank">The worst end of the 90% rank interval: the ⌈0.95·n⌉-th smallest replicate rank.</param>
/// <param name="GradeProbabilities">
/// For each grade index g (0 = best, e.g. 优秀), the share of the unit's replicates in which it got grade g. They sum to 1.
/// </param>
/// <param name="BoundaryGrade">
/// When the unit cannot be told apart at a grade boundary, the better grade g of that boundary (between
/// g and g+1); null otherwise. With several uncertain boundaries, the one whose probability is closest to 50%.
/// </param>
/// <param name="ProbabilityOfBetterGrade">The probability of grade g or better at <paramref name="BoundaryGrade"/>; NaN when there is none.</param>
/// <param name="CannotBeToldApart">
/// True when, at some boundary, the probability of the better grade is between 5% and 95% inclusive: the
/// data do not settle which side of the boundary the unit belongs on, and the office decides knowingly.
/// </param>
public sealed record UnitRankUncertainty(
    string Unit,
    int Replicates,
    int LowerRank,
    int MedianRank,
    int UpperRank,
    IReadOnlyList<double> GradeProbabilities,
    int? BoundaryGrade,
    double ProbabilityOfBetterGrade,
    bool CannotBeToldApart);

/// <summary>
/// Turns replicate scores (and grades) into rank intervals and grade probabilities. Generic: the
/// replicates can come from <see cref="RaterBootstrap"/>, a survey bootstrap, or the whole overall score.
/// </summary>
public static class RankUncertainty
{
    /// <summary>The share of replicates outside the interval on each side (5% each: a 90% interval).</summary>
    public const double Tail = 0.05;

    /// <summary>
    /// Grade indices by score bands: grade g for a score at or above <paramref name="lowerBounds"/>[g] and
    /// below the bound of g−1; bounds in descending order, the last grade catches the rest. NaN gives −1 (absent).
    /// </summary>
    public static int[] GradesByBands(IReadOnlyList<double> scores, IReadOnlyList<double> lowerBounds)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(lowerBounds);
        var grades = new int[scores.Count];
        for (var i = 0; i < scores.Count; i++)
        {
            if (double.IsNaN(scores[i]))
            {
                grades[i] = -1;
                continue;
            }
            var g = 0;
            while (g < lowerBounds.Count && scores[i] < lowerBounds[g])
            {
                g++;
            }
            grades[i] = g;
        }
        return grades;
    }

    /// <summary>
    /// Summarises replicates. <paramref name="scores"/>[k][u] is unit u's score in replicate k (NaN when
    /// absent); <paramref name="grades"/>[k][u] its grade index 0..<paramref name="gradeCount"/>−1 (0 best;
    /// −1 when absent), as the year's bands and quotas assigned it in that replicate.
    /// </summary>
    public static IReadOnlyList<UnitRankUncertainty> Summarise(
        IReadOnlyList<string> units,
        IReadOnlyList<IReadOnlyList<double>> scores,
        IReadOnlyList<IReadOnlyList<int>> grades,
        int gradeCount)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(grades);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gradeCount);
        if (grades.Count != scores.Count)
        {
            throw new ArgumentException("Scores and grades must have one entry per replicate.", nameof(grades));
        }
        var ranks = new List<int>[units.Count];
        var counts = new int[units.Count, gradeCount];
        for (var u = 0; u < units.Count; u++)
        {
            ranks[u] = new List<int>(scores.Count);
        }
        for (var k = 0; k < scores.Count; k++)
        {
            if (scores[k].Count != units.Count || grades[k].Count != units.Count)
            {
                throw new ArgumentException($"Replicate {k} does not have one score and one grade per unit.", nameof(scores));
            }
            var replicateRanks = Results.CompetitionRanking.Of(scores[k]);
            for (var u = 0; u < units.Count; u++)
            {
                if (replicateRanks[u] == 0)
                {
                    continue;
                }
                var g = grades[k][u];
                ArgumentOutOfRangeException.ThrowIfNegative(g, nameof(grades));
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(g, gradeCount, nameof(grades));
                ranks[u].Add(replicateRanks[u]);
                counts[u, g]++;
            }
        }
        var result = new UnitRankUncertainty[units.Count];
        for (var u = 0; u < units.Count; u++)
        {
            var n = ranks[u].Count;
            if (n == 0)
            {
                result[u] = new UnitRankUncertainty(units[u], 0, 0, 0, 0, new double[gradeCount], null, double.NaN, false);
                continue;
            }
            ranks[u].Sort();
            var probabilities = Enumerable.Range(0, gradeCount).Select(g => (double)counts[u, g] / n).ToArray();
            int? boundary = null;
            var better = double.NaN;
            var cumulative = 0.0;
            for (var g = 0; g < gradeCount - 1; g++)
            {
                cumulative += probabilities[g];
                if (cumulative >= Tail && cumulative <= 1 - Tail
                    && (boundary is null || Math.Abs(cumulative - 0.5) < Math.Abs(better - 0.5)))
                {
                    boundary = g;
                    better = cumulative;
                }
            }
            result[u] = new UnitRankUncertainty(
                units[u], n, Percentile(ranks[u], Tail), Percentile(ranks[u], 0.5), Percentile(ranks[u], 1 - Tail),
                probabilities, boundary, better, boundary is not null);
        }
        return result;
    }

    /// <summary>Nearest-rank percentile of sorted values: the ⌈p·n⌉-th smallest (at least the first).</summary>
    private static int Percentile(List<int> sorted, double p)
    {
        // Rounding guards against 0.95 × 20 = 19.000000000000004 becoming the 20th.
        var position = (int)Math.Ceiling(Math.Round(p * sorted.Count, 9));
        return sorted[Math.Clamp(position, 1, sorted.Count) - 1];
    }
}
