namespace Baton.Scoring.Results;

/// <summary>Competition ranking within a category (1, 2, 2, 4).</summary>
internal static class Ranking
{
    /// <summary>Sorts <paramref name="work"/> best first (ties by unit code) and sets each unit's rank.</summary>
    public static void Rank(UnitWork[] work, TieBreak tieBreak)
    {
        var byIndicators = tieBreak == TieBreak.IndicatorsThenShared;
        Array.Sort(work, (a, b) =>
        {
            var c = b.Overall.CompareTo(a.Overall);
            if (c == 0 && byIndicators)
            {
                c = b.Indicators.CompareTo(a.Indicators);
            }
            return c != 0 ? c : string.CompareOrdinal(a.Input.Id, b.Input.Id);
        });
        for (var i = 0; i < work.Length; i++)
        {
            work[i].Rank = i > 0 && SameRank(work[i - 1], work[i], byIndicators) ? work[i - 1].Rank : i + 1;
        }
    }

    private static bool SameRank(in UnitWork a, in UnitWork b, bool byIndicators) =>
        a.Overall == b.Overall && (!byIndicators || a.Indicators == b.Indicators);
}
