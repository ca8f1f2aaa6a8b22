using Baton.Scoring.Results;

namespace Baton.Scoring.Indicators;

/// <summary>
/// An indicator tree flattened into arrays for scoring many units: leaves in tree order and every
/// node in post-order (children before their parent), so a roll-up is one pass with no recursion.
/// </summary>
internal sealed class CompiledTree
{
    public readonly IndicatorLeaf[] Leaves;
    public readonly Dictionary<string, int> LeafIndex;
    /// <summary>Post-order nodes.</summary>
    public readonly IndicatorNode[] Nodes;
    /// <summary>Parent's post-order index, -1 for the root.</summary>
    public readonly int[] Parent;
    /// <summary>Leaf index for leaves, -1 for groups.</summary>
    public readonly int[] NodeLeaf;
    /// <summary>Maximum points of each node (a group's is the sum of its children's).</summary>
    public readonly decimal[] MaxPoints;
    /// <summary>True for a group whose children carry weights.</summary>
    public readonly bool[] Weighted;
    public readonly string Canonical;

    public CompiledTree(IndicatorGroup root)
    {
        var leaves = new List<IndicatorLeaf>();
        var nodes = new List<IndicatorNode>();
        var parents = new List<int>();
        var nodeLeaf = new List<int>();
        var max = new List<decimal>();
        var weighted = new List<bool>();
        Visit(root);
        Leaves = [.. leaves];
        Nodes = [.. nodes];
        Parent = [.. parents];
        NodeLeaf = [.. nodeLeaf];
        MaxPoints = [.. max];
        Weighted = [.. weighted];
        LeafIndex = new Dictionary<string, int>(Leaves.Length, StringComparer.Ordinal);
        for (var i = 0; i < Leaves.Length; i++)
        {
            if (!LeafIndex.TryAdd(Leaves[i].Id, i))
            {
                throw new ArgumentException($"指标编码“{Leaves[i].Id}”重复。", nameof(root));
            }
        }
        Canonical = BuildCanonical();

        // Returns the node's post-order index; parents are patched once the parent is placed.
        int Visit(IndicatorNode node)
        {
            if (node is IndicatorLeaf leaf)
            {
                leaves.Add(leaf);
                return Add(node, leaves.Count - 1, leaf.Points, false);
            }
            var group = (IndicatorGroup)node;
            var children = new List<int>();
            var sum = 0m;
            var anyWeight = false;
            foreach (var child in group.Children.IsDefault ? [] : group.Children)
            {
                var index = Visit(child);
                children.Add(index);
                sum += max[index];
                anyWeight |= child.Weight is not null;
            }
            var self = Add(node, -1, sum, anyWeight);
            foreach (var c in children)
            {
                parents[c] = self;
            }
            return self;
        }

        int Add(IndicatorNode node, int leafIndex, decimal maxPoints, bool isWeighted)
        {
            nodes.Add(node);
            parents.Add(-1);
            nodeLeaf.Add(leafIndex);
            max.Add(maxPoints);
            weighted.Add(isWeighted);
            return nodes.Count - 1;
        }
    }

    /// <summary>
    /// Rolls rounded leaf points up the tree into <paramref name="nodeScores"/> (post-order) and
    /// returns the root's points. Additive groups sum their children; weighted groups take
    /// max × Σ w·(child ÷ child max) ÷ Σ w, rounded once. Scratch arrays are the caller's.
    /// </summary>
    public decimal RollUp(ReadOnlySpan<decimal> leafPoints, Span<decimal> nodeScores, Span<decimal> sum, Span<decimal> weightSum, int decimals)
    {
        sum.Clear();
        weightSum.Clear();
        for (var i = 0; i < Nodes.Length; i++)
        {
            decimal score;
            if (NodeLeaf[i] >= 0)
            {
                score = leafPoints[NodeLeaf[i]];
            }
            else if (Weighted[i])
            {
                score = weightSum[i] == 0 ? 0m : Rounding.Round(MaxPoints[i] * sum[i] / weightSum[i], decimals);
            }
            else
            {
                score = sum[i];
            }
            nodeScores[i] = score;
            var parent = Parent[i];
            if (parent < 0)
            {
                continue;
            }
            if (Weighted[parent])
            {
                var w = Nodes[i].Weight ?? 0m;
                if (MaxPoints[i] != 0 && w != 0)
                {
                    sum[parent] += w * score / MaxPoints[i];
                    weightSum[parent] += w;
                }
            }
            else
            {
                sum[parent] += score;
            }
        }
        return nodeScores[Nodes.Length - 1];
    }

    private string BuildCanonical()
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < Nodes.Length; i++)
        {
            var node = Nodes[i];
            text.Append(node.Id).Append('|').Append(node.Name).Append('|').Append(Parent[i]).Append('|')
                .Append(node.Weight is { } w ? TraceFormat.Number(w) : "-").Append('|');
            if (node is IndicatorLeaf leaf)
            {
                text.Append(TraceFormat.Number(leaf.Points)).Append('|').Append(leaf.Rule.Canonical);
            }
            text.Append('\n');
        }
        return text.ToString();
    }
}
