using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
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
        DataSource.InvestmentLedger => "招商引资台账",
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

    private static readonly JsonSerializerOptions s_compact = new(Json) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault };

    /// <summary>The parameters as stored: only what is set (no nulls, no false flags).</summary>
    public static string Serialize(RuleParameters parameters) => JsonSerializer.Serialize(parameters, s_compact);

    /// <summary>The parameters as stored for <paramref name="kind"/>: only the fields that kind reads (see <see cref="ToLeafRule"/>).</summary>
    public static string Serialize(RuleKind kind, RuleParameters p) => Serialize(kind switch
    {
        RuleKind.CompletionRate => new RuleParameters { Floor = p.Floor, Cap = p.Cap, Reverse = p.Reverse },
        RuleKind.Tiers => new RuleParameters { Tiers = p.Tiers, Reverse = p.Reverse },
        RuleKind.BaseExcess => new RuleParameters { Step = p.Step, PointsPerStep = p.PointsPerStep, MaxExtraPoints = p.MaxExtraPoints },
        RuleKind.Graded => new RuleParameters { Grades = p.Grades },
        RuleKind.TimeProgress => new RuleParameters { Cap = p.Cap },
        RuleKind.Deduction => new RuleParameters { PointsPerOccurrence = p.PointsPerOccurrence, Floor = p.Floor },
        RuleKind.BonusPerItem => new RuleParameters { PointsPerItem = p.PointsPerItem },
        RuleKind.GradeCap => new RuleParameters { MaxGrade = p.MaxGrade },
        _ => new RuleParameters(),
    });

    /// <summary>Stored JSON normalised for <paramref name="kind"/> (null when the kind reads nothing), or the text as it is when it is not valid JSON.</summary>
    public static string? Normalise(RuleKind kind, string? json)
    {
        var (p, _) = Parse(json);
        if (p is null)
        {
            return json;
        }
        var text = Serialize(kind, p);
        return text == "{}" ? null : text;
    }

    /// <summary>
    /// Every problem with a leaf's rule, in Chinese: missing parameters, then the engine's own checks
    /// (<see cref="IndicatorValidation.ValidateRule"/>). Empty when the rule is usable. The editor shows
    /// these as the office types; the service refuses to save while there are any.
    /// </summary>
    public static IReadOnlyList<string> Check(RuleKind kind, RuleParameters parameters, string leafName, decimal points)
    {
        var (rule, error) = ToLeafRule(kind, parameters);
        return rule is null
            ? [error!]
            : IndicatorValidation.ValidateRule(new IndicatorLeaf("leaf", string.IsNullOrWhiteSpace(leafName) ? "本指标" : leafName.Trim(), points, rule));
    }

    /// <summary>A fraction as the percentage people type: 0.7143 → 71.43 (no trailing zeros).</summary>
    public static decimal? ToPercent(decimal? fraction) => fraction is { } f ? f * 100m / 1.000000000000000000000000000000000m : null;

    /// <summary>A fraction as people read it: 0.7143 → "71.43%".</summary>
    public static string Percent(decimal fraction) => (fraction * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";

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
                : (null, Need("档次")),
            // No maximum is no cap (不设上限).
            RuleKind.BaseExcess => p is { Step: { } step, PointsPerStep: { } k }
                ? step <= 0 ? (null, "基本分加超额规则的超额步长须大于 0。") : (new BaseExcessRule(step, k, p.MaxExtraPoints), null)
                : (null, Need(p.Step is null ? "超额步长" : "每步加分")),
            RuleKind.Graded => p.Grades is { Count: > 0 } grades
                ? (new GradedRule([.. grades.Select(g => new GradeFraction(g.Grade, g.Fraction))]), null)
                : (GradedRule.Default, null),
            RuleKind.TimeProgress => (new TimeProgressRule(p.Cap ?? 1m), null),
            RuleKind.Deduction => p.PointsPerOccurrence is { } per ? (new DeductionRule(per, p.Floor ?? 0m), null) : (null, Need("每次扣分")),
            RuleKind.BonusPerItem => p.PointsPerItem is { } item ? (new BonusPerItemRule(item), null) : (null, Need("每项加分")),
            RuleKind.Veto => (new VetoRule(), null),
            RuleKind.GradeCap => string.IsNullOrWhiteSpace(p.MaxGrade) ? (null, Need("最高等次")) : (new GradeCapRule(p.MaxGrade.Trim()), null),
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
        static string Pct(decimal? v) => v is { } x ? Percent(x) : "（未设置）";
        static string Points(decimal? v) => v is { } x ? Num(x) + " 分" : "（未设置）";
        return kind switch
        {
            RuleKind.CompletionRate => $"完成率计分下限 {Pct(p.Floor ?? 0m)}，上限 {Pct(p.Cap ?? 1m)}{(p.Reverse ? "，逆向指标（越低越好）" : "")}",
            RuleKind.Tiers => (p.Tiers is { Count: > 0 } tiers ? string.Join("；", tiers.Select(t => $"完成率 ≥{Pct(t.MinCompletion)} 得 {Pct(t.Fraction)}")) : "（未设置档次）")
                + (p.Reverse ? "，逆向指标（越低越好）" : ""),
            RuleKind.BaseExcess => $"完成目标得满分，每超 {Pct(p.Step)} 加 {Points(p.PointsPerStep)}，" + p.MaxExtraPoints switch
            {
                null => "不设上限",
                0m => "加分上限 0 分（超额不加分）",
                { } max => $"最多加 {Num(max)} 分",
            },
            RuleKind.Graded => string.Join(" / ", (p.Grades is { Count: > 0 } grades ? grades : [.. GradedRule.Default.Grades.Select(g => new GradeFractionSetting(g.Grade, g.Fraction))])
                .Select(g => $"{g.Grade} {Pct(g.Fraction)}")),
            RuleKind.TimeProgress => $"月度完成率上限 {Pct(p.Cap ?? 1m)}",
            RuleKind.Deduction => $"每次扣 {Points(p.PointsPerOccurrence)}，最低 {Num(p.Floor ?? 0m)} 分",
            RuleKind.BonusPerItem => $"每项加 {Points(p.PointsPerItem)}，不超过分值",
            RuleKind.Veto => "发生即一票否决，不计分",
            RuleKind.GradeCap => $"发生则等次最高为{p.MaxGrade}，不计分",
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
