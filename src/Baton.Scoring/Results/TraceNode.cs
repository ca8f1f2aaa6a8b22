using System.Collections.Immutable;

namespace Baton.Scoring.Results;

/// <summary>
/// One line of a unit's explanation (得分说明): what it is, the formula as the unit reads it, and
/// the inputs behind it. The tree goes from the overall score down to every leaf.
/// </summary>
/// <param name="Label">What the line explains (e.g. 综合得分, an indicator's name, 加分：…).</param>
/// <param name="Formula">The computation in Chinese with its numbers, e.g. "得分 = 完成率 96.0% × 5 分 = 4.80 分".</param>
public sealed record TraceNode(string Label, string Formula)
{
    /// <summary>The indicator, component or adjustment code, when there is one.</summary>
    public string? Code { get; init; }

    /// <summary>Points this line contributes, rounded as stored; null for lines that only inform (rank, grade).</summary>
    public decimal? Points { get; init; }

    /// <summary>The most points the line could contribute (分值), when meaningful.</summary>
    public decimal? MaxPoints { get; init; }

    /// <summary>The rule applied (完成率, 分档, …).</summary>
    public string? Rule { get; init; }

    /// <summary>The input value as entered (actual, grade, count).</summary>
    public string? Input { get; init; }

    /// <summary>The unit's target.</summary>
    public string? Target { get; init; }

    /// <summary>Where the input came from.</summary>
    public string? Source { get; init; }

    /// <summary>Evidence reference.</summary>
    public string? Evidence { get; init; }

    /// <summary>Who approved the input or adjustment.</summary>
    public string? Approver { get; init; }

    /// <summary>Whether the line reports something exceptional: 未报送, 手工录入, 一票否决, 等次封顶.</summary>
    public string? Flag { get; init; }

    /// <summary>Lines below this one.</summary>
    public ImmutableArray<TraceNode> Children { get; init; } = [];
}
