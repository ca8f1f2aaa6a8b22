namespace Baton.Scoring.Results;

/// <summary>
/// Competition ranking (1, 2, 2, 4), the one ranking rule of Baton: equal units share the best place of
/// their group, and the next unit's rank counts every unit before it. Every rank Baton shows — the
/// overall ranking, calibration reports, rank intervals — comes from here.
/// </summary>
public static class CompetitionRanking
{
    /// <summary>
    /// Two statistics closer than this fraction (of the larger magnitude, at least 1) are equal. Iterative
    /// fits (Rasch measures, calibrated points) give units with the same data estimates that differ in
    /// the last digits (−0.63146972959792924 and −0.63146972959792935 logits); no data can tell such
    /// units apart, so they share a rank.
    /// </summary>
    public const double Tolerance = 1e-9;

    /// <summary>
    /// Ranks of <paramref name="count"/> items already ordered best first: item k takes rank k + 1 unless
    /// <paramref name="tied"/>(first item of the current group, k) says it equals that first item, in which
    /// case it shares the group's rank. Comparing with the group's first item (not the previous one) keeps a
    /// chain of small differences from tying items that are far apart.
    /// </summary>
    public static int[] OfOrdered(int count, Func<int, int, bool> tied)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(tied);
        var ranks = new int[count];
        var first = 0;
        for (var k = 0; k < count; k++)
        {
            if (k == 0 || !tied(first, k))
            {
                first = k;
                ranks[k] = k + 1;
            }
            else
            {
                ranks[k] = ranks[first];
            }
        }
        return ranks;
    }

    /// <summary>
    /// Competition ranks by score, higher first, in the input's order: rank 1 is the best. Scores within
    /// <see cref="Tolerance"/> of their group's best score are tied. A NaN score means "absent" and gets rank 0.
    /// </summary>
    public static int[] Of(IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var order = Enumerable.Range(0, scores.Count).Where(i => !double.IsNaN(scores[i])).OrderByDescending(i => scores[i]).ToArray();
        var ordered = OfOrdered(order.Length, (a, b) => Same(scores[order[a]], scores[order[b]]));
        var ranks = new int[scores.Count];
        for (var k = 0; k < order.Length; k++)
        {
            ranks[order[k]] = ordered[k];
        }
        return ranks;
    }

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> are equal within <see cref="Tolerance"/>.</summary>
    public static bool Same(double a, double b) =>
        a == b || Math.Abs(a - b) <= Tolerance * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));
}
