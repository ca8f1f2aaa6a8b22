using System.Globalization;

namespace Baton.Scoring.Results;

/// <summary>
/// Grades by score bands and quotas. Units are taken in rank order, a group of equal rank at a time.
/// A unit reaches the best band whose minimum score it meets; if that band's quota is full it falls
/// to the next band it can take. Vetoed units get the veto grade and capped units the worse of their
/// band and their cap; neither takes a quota place, so the place passes to the next eligible unit.
/// Quota places are counted from all units of the category. The last band is never limited.
/// </summary>
internal static class Grading
{
    public static void Assign(UnitWork[] work, CategoryContext context)
    {
        var policy = context.Spec.Grades;
        var bands = policy.Bands;
        var last = bands.Length - 1;
        var placesLeft = new int[bands.Length];
        var places = new int[bands.Length];
        for (var b = 0; b < bands.Length; b++)
        {
            places[b] = b < last && bands[b].Quota is { } quota ? quota.Places(work.Length) : int.MaxValue;
            placesLeft[b] = places[b];
        }

        var i = 0;
        while (i < work.Length)
        {
            var j = i;
            var eligible = 0;
            while (j < work.Length && work[j].Rank == work[i].Rank)
            {
                if (!work[j].Vetoed && work[j].CapIndex < 0)
                {
                    eligible++;
                }
                j++;
            }
            var scoreBand = ScoreBand(work[i].Overall, bands);
            var band = scoreBand;
            string? why = null;
            if (eligible > 0)
            {
                while (band < last)
                {
                    var left = placesLeft[band];
                    if (left >= eligible)
                    {
                        break;
                    }
                    if (left > 0 && policy.QuotaTies == QuotaTieRule.IncludeTied)
                    {
                        why = string.Create(CultureInfo.InvariantCulture, $"与其他 {eligible - 1} 个单位并列于{bands[band].Name}名额线，按规则全部评为{bands[band].Name}（超出名额）");
                        break;
                    }
                    why = left > 0
                        ? string.Create(CultureInfo.InvariantCulture, $"与其他 {eligible - 1} 个单位并列于{bands[band].Name}名额线，剩余 {left} 个名额不足以容纳全部并列单位，均不评为{bands[band].Name}")
                        : string.Create(CultureInfo.InvariantCulture, $"{bands[band].Name}名额已满（{places[band]} 名）");
                    placesLeft[band] = 0;
                    band++;
                }
                if (band < last)
                {
                    placesLeft[band] = Math.Max(placesLeft[band] - eligible, 0);
                }
                context.RecordTaken(band, eligible);
            }

            for (var u = i; u < j; u++)
            {
                ref var w = ref work[u];
                if (w.Vetoed)
                {
                    w.GradeIndex = context.VetoIndex;
                    w.GradeReason = "一票否决，评为" + bands[w.GradeIndex].Name + "，不占等次名额";
                }
                else if (w.CapIndex >= 0)
                {
                    w.GradeIndex = Math.Max(scoreBand, w.CapIndex);
                    w.GradeReason = "受等次限制（最高" + bands[w.CapIndex].Name + "），按分数评为" + bands[w.GradeIndex].Name + "，不占等次名额";
                }
                else
                {
                    w.GradeIndex = band;
                    var reached = w.Overall >= bands[scoreBand].MinScore
                        ? "综合得分 " + TraceFormat.Number(w.Overall) + " 分，达到" + bands[scoreBand].Name + "线（≥ " + TraceFormat.Number(bands[scoreBand].MinScore) + " 分）"
                        : "综合得分 " + TraceFormat.Number(w.Overall) + " 分，低于各等次分数线";
                    w.GradeReason = why is null ? reached + "，评为" + bands[band].Name : reached + "；" + why + "，评为" + bands[band].Name;
                }
            }
            i = j;
        }
    }

    private static int ScoreBand(decimal overall, System.Collections.Immutable.ImmutableArray<GradeBand> bands)
    {
        for (var b = 0; b < bands.Length; b++)
        {
            if (overall >= bands[b].MinScore)
            {
                return b;
            }
        }
        return bands.Length - 1;
    }
}
