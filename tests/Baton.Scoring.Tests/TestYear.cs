using System.Collections.Immutable;
using Baton.Scoring.Indicators;
using Baton.Scoring.Results;

namespace Baton.Scoring.Tests;

/// <summary>Small builders for test years; every test makes its own data.</summary>
internal static class TestYear
{
    public static GradePolicy Grades(decimal excellentShare = 0.3m, QuotaRounding rounding = QuotaRounding.Floor, QuotaTieRule ties = QuotaTieRule.ExcludeTied) =>
        new([
            new GradeBand("优秀", 90m) { Quota = new Quota(excellentShare, rounding), AwardCoefficient = 1.2m },
            new GradeBand("良好", 80m) { AwardCoefficient = 1.0m },
            new GradeBand("一般", 60m) { AwardCoefficient = 0.8m },
            new GradeBand("较差", 0m) { AwardCoefficient = 0m },
        ])
        { QuotaTies = ties };

    /// <summary>A category whose only leaf is a 100-point completion rate capped at 100%, so a unit's overall score is its actual value (target 100).</summary>
    public static CategorySpec ScoreIsActual(string code = "C", GradePolicy? grades = null, TieBreak tieBreak = TieBreak.Shared) =>
        CategorySpec.IndicatorsOnly(code, "镇一类", new IndicatorGroup("root", "指标", [new IndicatorLeaf("L1", "地区生产总值", 100m, new CompletionRateRule())]), grades ?? Grades())
            with { TieBreak = tieBreak, AwardBase = 10_000m };

    public static UnitInput Unit(string id, decimal actual, string category = "C") =>
        new(id, "单位" + id, category, [new LeafValue("L1", 100m, actual)]);

    public static YearResult Score(CategorySpec category, params UnitInput[] units) =>
        ScoringEngine.Score(new YearInput("2025", [category], [.. units]));

    public static ImmutableArray<UnitInput> Units(params (string Id, decimal Score)[] units) =>
        [.. units.Select(u => Unit(u.Id, u.Score))];
}
