namespace Baton.Scoring.Results;

/// <summary>
/// Ranking within a category by <see cref="CompetitionRanking"/> (1, 2, 2, 4). Vetoed units rank after
/// every unit that is not vetoed, and among themselves by the same rule: a veto bars the unit from
/// competing with the others, whatever its score.
/// </summary>
internal static class Ranking
{
    /// <summary>Sorts <paramref name="work"/> best first (vetoed last; ties by unit code) and sets each unit's rank.</summary>
    public static void Rank(UnitWork[] work, TieBreak tieBreak)
    {
        var byIndicators = tieBreak == TieBreak.IndicatorsThenShared;
        Array.Sort(work, (a, b) =>
        {
            var c = a.Vetoed.CompareTo(b.Vetoed);
            if (c == 0)
            {
                c = b.Overall.CompareTo(a.Overall);
            }
            if (c == 0 && byIndicators)
            {
                c = b.Indicators.CompareTo(a.Indicators);
            }
            return c != 0 ? c : string.CompareOrdinal(a.Input.Id, b.Input.Id);
        });
        var ranks = CompetitionRanking.OfOrdered(work.Length, (a, b) => SameRank(work[a], work[b], byIndicators));
        for (var i = 0; i < work.Length; i++)
        {
            work[i].Rank = ranks[i];
        }
    }

    private static bool SameRank(in UnitWork a, in UnitWork b, bool byIndicators) =>
        a.Vetoed == b.Vetoed && a.Overall == b.Overall && (!byIndicators || a.Indicators == b.Indicators);
}
