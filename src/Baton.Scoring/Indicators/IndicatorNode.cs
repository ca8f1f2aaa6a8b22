using System.Collections.Immutable;
using Baton.Scoring.Results;

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

    /// <summary>
    /// Scores one value under this leaf's rule, as the engine does: for previews while the office sets
    /// up a rule (试算) and for tests.
    /// </summary>
    /// <param name="value">The unit's target and actual value, or null when nothing was reported.</param>
    /// <param name="decimals">Decimals of the rounded points.</param>
    public LeafScore Score(LeafValue? value, int decimals = Rounding.DefaultDecimals)
    {
        var outcome = Rule.Evaluate(this, value);
        var points = Rounding.Round(outcome.Points, decimals);
        return new LeafScore(points, outcome.Flags, Rule.Explain(this, value, points, decimals));
    }

    private protected override void Seal() { }
}

/// <summary>A leaf's score for one unit.</summary>
/// <param name="Points">Points earned, rounded with <see cref="Rounding"/>.</param>
/// <param name="Flags">Missing value, veto or grade cap.</param>
/// <param name="Formula">The computation in Chinese, e.g. "得分 = 完成率 96.0% × 5 分 = 4.80 分".</param>
public sealed record LeafScore(decimal Points, LeafFlags Flags, string Formula);
