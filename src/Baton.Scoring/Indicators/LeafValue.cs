using System.Collections.Immutable;

namespace Baton.Scoring.Indicators;

/// <summary>
/// One unit's inputs for one leaf: the target set for the unit and the value it reached.
/// Which fields a rule reads is documented on each <see cref="LeafRule"/>; a value the rule needs
/// that is null means the unit did not report it (未报送) and the leaf scores 0.
/// </summary>
/// <param name="LeafId">The <see cref="IndicatorNode.Id"/> this value belongs to.</param>
/// <param name="Target">The unit's target (目标值), in the leaf's unit of measure.</param>
/// <param name="Actual">The authoritative actual value (实际完成值), or for event rules the number of occurrences or items.</param>
public sealed record LeafValue(string LeafId, decimal? Target, decimal? Actual)
{
    /// <summary>The grade given for a qualitative leaf (e.g. 好, 较好, 一般, 差).</summary>
    public string? Grade { get; init; }

    /// <summary>Time-progress leaves: the cumulative plan for each month (月度计划，累计值), January first.</summary>
    public ImmutableArray<decimal> MonthlyPlan { get; init; } = [];

    /// <summary>Time-progress leaves: the cumulative actual value reported for each month, null when the month was not reported.</summary>
    public ImmutableArray<decimal?> MonthlyActual { get; init; } = [];

    /// <summary>Reference to the evidence (佐证材料), e.g. a content hash or file name; carried into the trace.</summary>
    public string? Evidence { get; init; }

    /// <summary>Who approved the actual value (审核人); carried into the trace.</summary>
    public string? Approver { get; init; }

    /// <summary>Where the actual value came from (统计局, 牵头部门, 单位自报); carried into the trace.</summary>
    public string? Source { get; init; }
}
