using System.Collections.Immutable;

namespace Baton.Scoring.Indicators;

/// <summary>
/// A node of a category's indicator tree (指标体系): either an <see cref="IndicatorGroup"/> or an
/// <see cref="IndicatorLeaf"/>. <see cref="Id"/> is the indicator's stable code, unique in the tree.
/// </summary>
public abstract record IndicatorNode(string Id, string Name)
{
    /// <summary>
    /// The node's weight among its siblings, as a fraction (0.3 = 30%), or null when the parent
    /// adds its children's points. Either every child of a group has a weight or none has.
    /// </summary>
    public decimal? Weight { get; init; }

    // Closes the hierarchy: only this assembly defines node kinds.
    private protected abstract void Seal();
}

/// <summary>
/// A group of indicators (一级/二级指标). Its score is the sum of its children's points, or, when the
/// children carry weights, its maximum points × Σ weight × (child points ÷ child maximum) ÷ Σ weight.
/// </summary>
public sealed record IndicatorGroup(string Id, string Name, ImmutableArray<IndicatorNode> Children)
    : IndicatorNode(Id, Name)
{
    private protected override void Seal() { }
}

/// <summary>
/// A scored indicator. <see cref="Points"/> is its maximum points (分值) as written in the
/// indicator system; rules such as base-plus-excess may award more than that (documented on the rule).
/// </summary>
public sealed record IndicatorLeaf(string Id, string Name, decimal Points, LeafRule Rule)
    : IndicatorNode(Id, Name)
{
    /// <summary>Unit of measure of targets and actual values (e.g. 万元, %, 个); display only.</summary>
    public string? Unit { get; init; }

    /// <summary>The department that reviews and scores this indicator (牵头考核部门); display only.</summary>
    public string? LeadUnit { get; init; }

    private protected override void Seal() { }
}
