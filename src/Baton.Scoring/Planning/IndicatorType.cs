namespace Baton.Scoring.Planning;

/// <summary>
/// What an indicator measures, so the office sees the balance the speech asks for ("弱化总量指标，强化结构指标"):
/// a volume, a structure (share, rate, mix) or quality and efficiency.
/// </summary>
public enum IndicatorType
{
    /// <summary>A volume: output, investment, revenue (总量指标).</summary>
    Total = 1,

    /// <summary>A share, rate or mix: industrial structure, urbanisation rate (结构指标).</summary>
    Structure = 2,

    /// <summary>Quality and efficiency: tax per mu, energy per unit of output (质量效益指标).</summary>
    Quality = 3,
}

/// <summary>The count and points of one indicator type within a set of leaves.</summary>
/// <param name="Type">The type, or null for leaves whose type is not declared.</param>
/// <param name="Count">How many leaves have this type.</param>
/// <param name="Points">Their maximum points added up.</param>
/// <param name="PointsShare">Their share of all the leaves' points, 0–1 (0 when no leaf has points).</param>
public sealed record TypeBalance(IndicatorType? Type, int Count, decimal Points, decimal PointsShare);

/// <summary>The balance of indicator types (总量 / 结构 / 质量效益) among a category's leaves.</summary>
public static class IndicatorBalance
{
    /// <summary>Chinese name of a type as the office reads it; null is 未标注.</summary>
    public static string Name(IndicatorType? type) => type switch
    {
        IndicatorType.Total => "总量",
        IndicatorType.Structure => "结构",
        IndicatorType.Quality => "质量效益",
        _ => "未标注",
    };

    /// <summary>
    /// One row per type in the order 总量, 结构, 质量效益, then 未标注 only when some leaf lacks a type.
    /// Every declared type has a row, also with no leaves, so a missing 结构 indicator shows as a zero.
    /// </summary>
    public static IReadOnlyList<TypeBalance> Of(IEnumerable<(IndicatorType? Type, decimal Points)> leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        var list = leaves.ToList();
        var total = list.Sum(l => l.Points);
        IEnumerable<IndicatorType?> types = [IndicatorType.Total, IndicatorType.Structure, IndicatorType.Quality];
        if (list.Any(l => l.Type is null))
        {
            types = types.Append(null);
        }
        return [.. types.Select(t =>
        {
            var of = list.Where(l => l.Type == t).ToList();
            var points = of.Sum(l => l.Points);
            return new TypeBalance(t, of.Count, points, total == 0 ? 0 : points / total);
        })];
    }
}
