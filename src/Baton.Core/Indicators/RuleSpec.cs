using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Baton.Scoring.Indicators;
using Baton.Scoring.Results;

namespace Baton.Core.Indicators;

/// <summary>
/// A leaf rule's parameters as stored in <see cref="Indicator.RuleParameters"/>; which fields a kind
/// reads is in <see cref="RuleSpec.ToLeafRule"/>. Fractions are fractions (1.2 = 120%).
/// </summary>
public sealed record RuleParameters
{
    public decimal? Floor { get; init; }
    public decimal? Cap { get; init; }
    public bool Reverse { get; init; }
    public IReadOnlyList<TierSetting>? Tiers { get; init; }
    public decimal? Step { get; init; }
    public decimal? PointsPerStep { get; init; }
    public decimal? MaxExtraPoints { get; init; }
    public IReadOnlyList<GradeFractionSetting>? Grades { get; init; }
    public decimal? PointsPerOccurrence { get; init; }
    public decimal? PointsPerItem { get; init; }
    public string? MaxGrade { get; init; }
}

public sealed record TierSetting(decimal MinCompletion, decimal Fraction);

public sealed record GradeFractionSetting(string Grade, decimal Fraction);

/// <summary>A component of the overall score as stored in <see cref="CategorySettings.Components"/>.</summary>
public sealed record ComponentSetting(string Code, string Name, decimal Weight, bool FromIndicators);

/// <summary>A grade band as stored in <see cref="CategorySettings.Grades"/>.</summary>
public sealed record GradeSetting(string Name, decimal MinScore, decimal? QuotaShare, QuotaRounding QuotaRounding, decimal AwardCoefficient);

/// <summary>Maps stored rules and settings to Baton.Scoring's records, with the defaults a new year starts from.</summary>
public static class RuleSpec
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public static string KindName(RuleKind kind) => kind switch
    {
        RuleKind.CompletionRate => "完成率",
        RuleKind.Tiers => "分档",
        RuleKind.BaseExcess => "基本分加超额",
        RuleKind.Graded => "定性评价",
        RuleKind.TimeProgress => "时序进度",
        RuleKind.Deduction => "按次扣分",
        RuleKind.BonusPerItem => "按项加分",
        RuleKind.Veto => "一票否决",
        RuleKind.GradeCap => "等次封顶",
        _ => "未设置",
    };

    public static RuleKind? ParseKind(string text)
    {
        foreach (var kind in Enum.GetValues<RuleKind>())
        {
            if (kind != RuleKind.None && (KindName(kind) == text || string.Equals(kind.ToString(), text, StringComparison.OrdinalIgnoreCase)))
            {
                return kind;
            }
        }
        return null;
    }

    public static string SourceName(DataSource source) => source switch
    {
        DataSource.StatisticsBureau => "统计局",
        DataSource.LeadUnit => "牵头部门",
        _ => "单位自报",
    };

    public static DataSource? ParseSource(string text) => text switch
    {
        "统计局" => DataSource.StatisticsBureau,
        "牵头部门" or "牵头考核部门" => DataSource.LeadUnit,
        "单位自报" or "" => DataSource.SelfReported,
        _ => null,
    };

    /// <summary>Sensible starting parameters for a kind (used by the editor and the defaults).</summary>
    public static RuleParameters Defaults(RuleKind kind) => kind switch
    {
        RuleKind.CompletionRate => new() { Floor = 0m, Cap = 1m },
        RuleKind.Tiers => new() { Tiers = [new(0.6m, 0.6m), new(0.8m, 0.8m), new(1m, 1m)] },
        RuleKind.BaseExcess => new() { Step = 0.05m, PointsPerStep = 0.5m, MaxExtraPoints = 2m },
        RuleKind.Graded => new() { Grades = [new("好", 1m), new("较好", 0.8m), new("一般", 0.6m), new("差", 0m)] },
        RuleKind.TimeProgress => new() { Cap = 1m },
        RuleKind.Deduction => new() { PointsPerOccurrence = 1m, Floor = 0m },
        RuleKind.BonusPerItem => new() { PointsPerItem = 1m },
        RuleKind.GradeCap => new() { MaxGrade = "良好" },
        _ => new(),
    };

    public static string Serialize(RuleParameters parameters) => JsonSerializer.Serialize(parameters, Json);

    /// <summary>Reads stored parameters; null with a Chinese message when the JSON is not usable.</summary>
    public static (RuleParameters? Parameters, string? Error) Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return (new RuleParameters(), null);
        }
        try
        {
            return (JsonSerializer.Deserialize<RuleParameters>(json, Json) ?? new RuleParameters(), null);
        }
        catch (JsonException)
        {
            return (null, "规则参数不是有效的 JSON，例如 {\"floor\":0,\"cap\":1.2}。");
        }
    }

    /// <summary>The scoring rule for a stored kind and parameters, or a Chinese message naming what is missing.</summary>
    public static (LeafRule? Rule, string? Error) ToLeafRule(RuleKind kind, RuleParameters p)
    {
        string Need(string what) => $"{KindName(kind)}规则缺少参数：{what}。";
        return kind switch
        {
            RuleKind.CompletionRate => (new CompletionRateRule(p.Floor ?? 0m, p.Cap ?? 1m, p.Reverse), null),
            RuleKind.Tiers => p.Tiers is { Count: > 0 } tiers
                ? (new TierRule([.. tiers.Select(t => new Tier(t.MinCompletion, t.Fraction))], p.Reverse), null)
                : (null, Need("档次 tiers")),
            RuleKind.BaseExcess => p is { Step: { } step, PointsPerStep: { } k, MaxExtraPoints: { } max }
                ? step <= 0 ? (null, "基本分加超额规则的步长须大于 0。") : (new BaseExcessRule(step, k, max), null)
                : (null, Need("step、pointsPerStep、maxExtraPoints")),
            RuleKind.Graded => p.Grades is { Count: > 0 } grades
                ? (new GradedRule([.. grades.Select(g => new GradeFraction(g.Grade, g.Fraction))]), null)
                : (GradedRule.Default, null),
            RuleKind.TimeProgress => (new TimeProgressRule(p.Cap ?? 1m), null),
            RuleKind.Deduction => p.PointsPerOccurrence is { } per ? (new DeductionRule(per, p.Floor ?? 0m), null) : (null, Need("pointsPerOccurrence")),
            RuleKind.BonusPerItem => p.PointsPerItem is { } item ? (new BonusPerItemRule(item), null) : (null, Need("pointsPerItem")),
            RuleKind.Veto => (new VetoRule(), null),
            RuleKind.GradeCap => string.IsNullOrWhiteSpace(p.MaxGrade) ? (null, Need("maxGrade")) : (new GradeCapRule(p.MaxGrade.Trim()), null),
            _ => (null, "没有设置计分规则。"),
        };
    }

    /// <summary>A short description of the parameters, as the office reads it.</summary>
    public static string Describe(RuleKind kind, string? json)
    {
        var (p, error) = Parse(json);
        if (p is null)
        {
            return error!;
        }
        static string Pct(decimal? v) => v is { } x ? (x * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%" : "-";
        return kind switch
        {
            RuleKind.CompletionRate => $"下限 {Pct(p.Floor ?? 0m)}，上限 {Pct(p.Cap ?? 1m)}{(p.Reverse ? "，逆向" : "")}",
            RuleKind.Tiers => string.Join("；", (p.Tiers ?? []).Select(t => $"≥{Pct(t.MinCompletion)} 得 {Pct(t.Fraction)}")) + (p.Reverse ? "，逆向" : ""),
            RuleKind.BaseExcess => $"每超 {Pct(p.Step)} 加 {Num(p.PointsPerStep ?? 0m)} 分，最多加 {Num(p.MaxExtraPoints ?? 0m)} 分",
            RuleKind.Graded => string.Join(" / ", (p.Grades ?? []).Select(g => $"{g.Grade} {Num(g.Fraction)}")),
            RuleKind.TimeProgress => $"月度完成率上限 {Pct(p.Cap ?? 1m)}",
            RuleKind.Deduction => $"每次扣 {Num(p.PointsPerOccurrence ?? 0m)} 分，最低 {Num(p.Floor ?? 0m)} 分",
            RuleKind.BonusPerItem => $"每项加 {Num(p.PointsPerItem ?? 0m)} 分",
            RuleKind.GradeCap => $"最高等次 {p.MaxGrade}",
            _ => "",
        };
    }

    internal static string Num(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    public static IReadOnlyList<ComponentSetting> DefaultComponents { get; } =
    [
        new("indicators", "指标考核", 0.7m, true),
        new("satisfaction", "群众满意度", 0.15m, false),
        new("rating", "领导和两代表一委员评价", 0.15m, false),
    ];

    public static IReadOnlyList<GradeSetting> DefaultGrades { get; } =
    [
        new("优秀", 90m, 0.3m, QuotaRounding.Floor, 1.2m),
        new("良好", 80m, null, QuotaRounding.Floor, 1.0m),
        new("一般", 60m, null, QuotaRounding.Floor, 0.8m),
        new("较差", 0m, null, QuotaRounding.Floor, 0m),
    ];

    public static CategorySettings DefaultSettings(long categoryId) => new()
    {
        CategoryId = categoryId,
        TotalPoints = 100m,
        BonusCap = 5m,
        DeductionCap = 10m,
        AwardBase = 50_000m,
        TieBreak = TieBreak.IndicatorsThenShared,
        QuotaTies = QuotaTieRule.ExcludeTied,
        Components = JsonSerializer.Serialize(DefaultComponents, Json),
        Grades = JsonSerializer.Serialize(DefaultGrades, Json),
    };

    public static IReadOnlyList<ComponentSetting> Components(CategorySettings settings) =>
        JsonSerializer.Deserialize<List<ComponentSetting>>(settings.Components, Json) ?? [];

    public static IReadOnlyList<GradeSetting> Grades(CategorySettings settings) =>
        JsonSerializer.Deserialize<List<GradeSetting>>(settings.Grades, Json) ?? [];

    internal static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);

    /// <summary>The grade policy for the engine.</summary>
    public static GradePolicy ToGradePolicy(CategorySettings settings) =>
        new([.. Grades(settings).Select(g => new GradeBand(g.Name, g.MinScore)
        {
            Quota = g.QuotaShare is { } share ? new Quota(share, g.QuotaRounding) : null,
            AwardCoefficient = g.AwardCoefficient,
        })])
        { QuotaTies = settings.QuotaTies, VetoGrade = string.IsNullOrWhiteSpace(settings.VetoGrade) ? null : settings.VetoGrade };

    public static ImmutableArray<ComponentDefinition> ToComponents(CategorySettings settings) =>
        [.. Components(settings).Select(c => new ComponentDefinition(c.Code, c.Name, c.Weight, c.FromIndicators ? ComponentSource.Indicators : ComponentSource.Provided))];
}
