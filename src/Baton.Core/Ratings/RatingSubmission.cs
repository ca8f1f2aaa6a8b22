using System.Globalization;
using Baton.Scoring.Ratings;

namespace Baton.Core.Ratings;

/// <summary>
/// A rater's submission checked against the round's rules (<see cref="RatingRules"/>, <see cref="RaterScope"/>)
/// before anything is saved: every unit of the rater's form once, none outside it, reasons for extreme
/// ratings, the top-grade quota. Returns the entries to store, or the first problem in Chinese.
/// </summary>
internal static class RatingSubmission
{
    public static Outcome<List<RatingEntry>> Check(
        RatingRound round, List<RatingCriterion> criteria, RatingScope scope, RatingRater rater,
        IReadOnlyDictionary<long, string> names, IReadOnlyList<EntryInput> entries)
    {
        string Name(long unitId) => names.GetValueOrDefault(unitId) ?? unitId.ToString(CultureInfo.InvariantCulture);

        var mine = scope.UnitsOf(scope.Raters.Single(r => r.Id == rater.Id));
        var result = new List<RatingEntry>();
        var seen = new HashSet<long>();
        var top = 0;
        var grades = round.GradeList;
        var weights = criteria.Select(c => c.Weight).ToList();
        foreach (var input in entries)
        {
            if (!seen.Add(input.UnitId))
            {
                return Outcome.Fail<List<RatingEntry>>($"「{Name(input.UnitId)}」评了两次，每个单位只能评一次。");
            }
            if (scope.RefusalFor(rater, input.UnitId, Name(input.UnitId)) is { } refusal)
            {
                return Outcome.Fail<List<RatingEntry>>(refusal);
            }
            var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
            if (reason?.Length > 500)
            {
                return Outcome.Fail<List<RatingEntry>>($"「{Name(input.UnitId)}」的理由不能超过 500 个字符。");
            }
            var entry = new RatingEntry { RoundId = round.Id, RaterId = rater.Id, UnitId = input.UnitId, Reason = reason };
            bool extreme;
            if (round.Scale == RatingScale.Grades)
            {
                if (input.Grade is not { } g || g < 0 || g >= grades.Count)
                {
                    return Outcome.Fail<List<RatingEntry>>($"请为「{Name(input.UnitId)}」选择等次。");
                }
                entry.Score = RatingRules.CategoryIndex(g, grades.Count);
                extreme = RatingRules.NeedsReason(g, grades.Count);
                top += RatingRules.IsTop(g) ? 1 : 0;
            }
            else
            {
                if (input.CriterionScores.Count != criteria.Count)
                {
                    return Outcome.Fail<List<RatingEntry>>($"请为「{Name(input.UnitId)}」的每个评分项目打分。");
                }
                var scores = new double[criteria.Count];
                for (var i = 0; i < criteria.Count; i++)
                {
                    if (input.CriterionScores[i] is not { } s || !double.IsFinite(s))
                    {
                        return Outcome.Fail<List<RatingEntry>>($"请为「{Name(input.UnitId)}」的「{criteria[i].Name}」打分。");
                    }
                    if (s is < 0 or > 100)
                    {
                        return Outcome.Fail<List<RatingEntry>>($"「{Name(input.UnitId)}」的「{criteria[i].Name}」得分应在 0 至 100 之间。");
                    }
                    scores[i] = s;
                    entry.Criteria.Add(new RatingCriterionScore { CriterionId = criteria[i].Id, Score = s });
                }
                entry.Score = RatingRules.WeightedMean(scores, weights);
                extreme = RatingRules.NeedsReason(scores);
                top += RatingRules.IsTop(entry.Score, round.TopScore) ? 1 : 0;
            }
            if (extreme && reason is null)
            {
                return Outcome.Fail<List<RatingEntry>>(round.Scale == RatingScale.Grades
                    ? $"给「{Name(input.UnitId)}」评“{grades[^1]}”须填写理由。"
                    : $"「{Name(input.UnitId)}」有 100 分或低于 60 分的评分，须填写理由。");
            }
            result.Add(entry);
        }
        var missing = mine.Where(u => !seen.Contains(u)).Select(Name).ToList();
        if (missing.Count > 0)
        {
            return Outcome.Fail<List<RatingEntry>>(
                $"请为全部 {mine.Count} 个单位评分，尚未评：{string.Join("、", missing.Take(5))}{(missing.Count > 5 ? $" 等 {missing.Count} 个" : "")}。");
        }
        var label = round.Scale == RatingScale.Grades ? $"“{grades[0]}”" : $"{round.TopScore.ToString("0.##", CultureInfo.InvariantCulture)} 分及以上";
        return RatingRules.QuotaRefusal(top, round.TopQuota, label) is { } quota ? Outcome.Fail<List<RatingEntry>>(quota) : result;
    }
}
