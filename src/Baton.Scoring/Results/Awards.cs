namespace Baton.Scoring.Results;

/// <summary>
/// Target awards (目标奖): base amount × grade coefficient, in yuan. When the total exceeds the
/// year's budget every award is multiplied by budget ÷ total and rounded to the fen with
/// <see cref="Rounding"/>; if rounding up leaves the total a few fen over the budget, one fen is
/// taken from the awards that rounding raised most (ties by unit code) until it fits.
/// </summary>
internal static class Awards
{
    public static (decimal Scale, decimal Total) Apply(CategoryContext[] contexts, UnitWork[][] works, decimal? budget)
    {
        var total = 0m;
        for (var c = 0; c < contexts.Length; c++)
        {
            var bands = contexts[c].Spec.Grades.Bands;
            var work = works[c];
            for (var i = 0; i < work.Length; i++)
            {
                work[i].AwardRaw = contexts[c].Spec.AwardBase * bands[work[i].GradeIndex].AwardCoefficient;
                total += work[i].AwardRaw;
            }
        }
        var scale = budget is { } limit && total > limit ? limit / total : 1m;
        var paid = 0m;
        foreach (var work in works)
        {
            for (var i = 0; i < work.Length; i++)
            {
                work[i].AwardScale = scale;
                work[i].Award = Rounding.Round(work[i].AwardRaw * scale, 2);
                paid += work[i].Award;
            }
        }
        if (budget is { } cap && paid > cap)
        {
            var raised = new List<(decimal Over, string Id, int Category, int Index)>();
            for (var c = 0; c < works.Length; c++)
            {
                for (var i = 0; i < works[c].Length; i++)
                {
                    var over = works[c][i].Award - (works[c][i].AwardRaw * scale);
                    if (over > 0)
                    {
                        raised.Add((over, works[c][i].Input.Id, c, i));
                    }
                }
            }
            raised.Sort(static (a, b) => a.Over != b.Over ? b.Over.CompareTo(a.Over) : string.CompareOrdinal(a.Id, b.Id));
            foreach (var (_, _, c, i) in raised)
            {
                if (paid <= cap)
                {
                    break;
                }
                works[c][i].Award -= 0.01m;
                paid -= 0.01m;
            }
        }
        return (scale, paid);
    }
}
