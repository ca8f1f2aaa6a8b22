namespace Baton.Scoring.Planning;

/// <summary>How the county's decomposed total must relate to the city's figure for a superior target (市考任务).</summary>
public enum Aggregation
{
    /// <summary>Not checked: rates and qualitative tasks do not add up across units (不校核).</summary>
    None = 0,

    /// <summary>The units' targets add up to exactly the city's figure (合计等于市下达目标).</summary>
    SumEquals = 1,

    /// <summary>The units' targets add up to at least the city's figure raised by the margin (合计不低于，适度抬高标准).</summary>
    AtLeast = 2,

    /// <summary>For indicators where less is better (energy, accidents): at most the city's figure lowered by the margin (合计不高于).</summary>
    AtMost = 3,
}

/// <summary>
/// The county's decomposed total against the city's figure.
/// </summary>
/// <param name="Total">The units' targets added up, in the target's unit of measure; units without a target count as nothing.</param>
/// <param name="Required">What the total must be (<see cref="Aggregation.SumEquals"/>), at least (<see cref="Aggregation.AtLeast"/>) or at most (<see cref="Aggregation.AtMost"/>): the city's figure moved by the margin; null when not checked.</param>
/// <param name="Gap">How far the total is from meeting <see cref="Required"/>: positive means the units' targets must rise by this much, negative that they must fall; 0 when met; null when not checked.</param>
/// <param name="Met">True when the check holds (always true when not checked).</param>
/// <param name="Missing">How many of the units have no target yet.</param>
public sealed record DecompositionCheck(decimal Total, decimal? Required, decimal? Gap, bool Met, int Missing);

/// <summary>One unit's part in a decomposed superior target.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="IsLead">True for the lead unit (牵头单位); the others cooperate (配合单位).</param>
/// <param name="Share">Its share of the county's figure, 0–1 (0.4 = 40%).</param>
public sealed record UnitShare(long UnitId, bool IsLead, decimal Share);

/// <summary>
/// Decomposition of the city's targets to units (任务分解): the shares of a lead unit and its cooperating units,
/// and the check of the units' targets against the city's figure under the declared <see cref="Aggregation"/>.
/// </summary>
public static class Decomposition
{
    /// <summary>
    /// The figure the units' targets must reach: the city's figure raised (<see cref="Aggregation.AtLeast"/>) or
    /// lowered (<see cref="Aggregation.AtMost"/>) by <paramref name="margin"/> (0.05 = 5%), the city's figure itself
    /// for <see cref="Aggregation.SumEquals"/>, null for <see cref="Aggregation.None"/>.
    /// </summary>
    public static decimal? Required(decimal cityValue, Aggregation aggregation, decimal margin)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(margin);
        return aggregation switch
        {
            Aggregation.None => null,
            Aggregation.SumEquals => cityValue,
            Aggregation.AtLeast => cityValue * (1 + margin),
            Aggregation.AtMost => cityValue * (1 - margin),
            _ => throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, null),
        };
    }

    /// <summary>Checks the units' targets (null: a unit without a target yet) against the city's figure.</summary>
    public static DecompositionCheck Check(decimal cityValue, Aggregation aggregation, decimal margin, IReadOnlyCollection<decimal?> unitTargets)
    {
        ArgumentNullException.ThrowIfNull(unitTargets);
        var total = unitTargets.Sum(t => t ?? 0);
        var missing = unitTargets.Count(t => t is null);
        var required = Required(cityValue, aggregation, margin);
        if (required is not { } need)
        {
            return new DecompositionCheck(total, null, null, true, missing);
        }
        var gap = aggregation switch
        {
            Aggregation.SumEquals => need - total,
            Aggregation.AtLeast => Math.Max(0, need - total),
            _ => Math.Min(0, need - total),
        };
        return new DecompositionCheck(total, need, gap, gap == 0, missing);
    }

    /// <summary>
    /// Why a set of shares cannot stand (Chinese, naming what to fix), or null when it can: exactly one lead unit, no
    /// unit twice, every share above 0 and the shares adding up to exactly 100%.
    /// </summary>
    public static string? Problem(IReadOnlyCollection<UnitShare> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        if (shares.Count == 0)
        {
            return "请至少指定一个牵头单位。";
        }
        var leads = shares.Count(s => s.IsLead);
        if (leads != 1)
        {
            return leads == 0 ? "请指定一个牵头单位。" : $"只能有一个牵头单位，现在有 {leads} 个。";
        }
        if (shares.GroupBy(s => s.UnitId).Any(g => g.Count() > 1))
        {
            return "同一单位只能出现一次。";
        }
        if (shares.Any(s => s.Share <= 0 || s.Share > 1))
        {
            return "每个单位的分担比例须大于 0%，不超过 100%。";
        }
        var sum = shares.Sum(s => s.Share);
        return sum == 1 ? null : $"各单位分担比例合计须为 100%，现在为 {(sum * 100).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}%。";
    }

    /// <summary>
    /// Each unit's part of <paramref name="countyValue"/> by its share, rounded half away from zero to
    /// <paramref name="decimals"/> places; the rounding remainder goes to the lead unit, so the parts add up to the
    /// county's figure exactly. The shares must pass <see cref="Problem"/>.
    /// </summary>
    public static IReadOnlyDictionary<long, decimal> Allocate(decimal countyValue, IReadOnlyCollection<UnitShare> shares, int decimals)
    {
        if (Problem(shares) is { } problem)
        {
            throw new ArgumentException(problem, nameof(shares));
        }
        var parts = shares.ToDictionary(s => s.UnitId, s => Math.Round(countyValue * s.Share, decimals, MidpointRounding.AwayFromZero));
        var lead = shares.Single(s => s.IsLead).UnitId;
        parts[lead] += countyValue - parts.Values.Sum();
        return parts;
    }
}
