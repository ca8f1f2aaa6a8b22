using System.Globalization;
using Baton.Core.Ratings;
using Baton.Scoring.Ratings;

namespace Baton.Web.Features.Ratings;

/// <summary>The round settings as the office edits them; criteria as lines of "名称:权重".</summary>
public sealed class RoundEditor
{
    public RatingKind Kind { get; set; } = RatingKind.DeputyRating;
    public string Name { get; set; } = "";
    public RatingScale Scale { get; set; } = RatingScale.Numeric;
    public string Grades { get; set; } = "好|较好|一般|差";
    public int? TopQuota { get; set; }
    public double TopScore { get; set; } = 90;
    public AnchoringRule Anchoring { get; set; }
    public string Criteria { get; set; } = "工作实绩:0.5\n工作作风:0.3\n群众满意度:0.2";

    public static RoundEditor From(RoundDetail d) => new()
    {
        Kind = d.Kind, Name = d.Name, Scale = d.Scale, Grades = d.Grades.Count > 0 ? string.Join("|", d.Grades) : "好|较好|一般|差",
        TopQuota = d.TopQuota, TopScore = d.TopScore, Anchoring = d.Anchoring,
        Criteria = string.Join("\n", d.Criteria.Select(c => $"{c.Name}:{c.Weight.ToString("0.####", CultureInfo.InvariantCulture)}")),
    };

    /// <summary>The input, or a Chinese message when a criteria line cannot be read.</summary>
    public (RoundInput? Input, string? Error) ToInput(int year)
    {
        var criteria = new List<CriterionInput>();
        if (Scale == RatingScale.Numeric)
        {
            foreach (var line in Criteria.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = line.Replace('：', ':').Split(':', 2, StringSplitOptions.TrimEntries);
                if (parts.Length != 2 || !decimal.TryParse(parts[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var weight))
                {
                    return (null, $"评分项目“{line}”应写成“名称:权重”，如“工作实绩:0.5”。");
                }
                criteria.Add(new CriterionInput(parts[0], weight));
            }
        }
        return (new RoundInput(year, Kind, Name, Scale, Grades, TopQuota, TopScore, Anchoring, criteria), null);
    }
}
