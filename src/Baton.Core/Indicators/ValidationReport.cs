using Baton.Core.Results;
using Baton.Scoring.Indicators;

namespace Baton.Core.Indicators;

/// <summary>The problems of one indicator (or of a category's settings and structure, <see cref="IndicatorCode"/> null).</summary>
public sealed record ProblemGroup(string Category, string? IndicatorCode, string Title, IReadOnlyList<string> Problems);

/// <summary>
/// What stops a year leaving Draft, grouped by category and indicator so that hundreds of messages can be
/// worked through one indicator at a time. <see cref="Count"/> is the number of messages, the same as the
/// year gate's refusal lists.
/// </summary>
public sealed record ValidationReport(int Count, IReadOnlyList<ProblemGroup> Groups)
{
    public bool Ok => Count == 0;

    internal static ValidationReport Of(SnapshotInputs data)
    {
        var (input, problems) = data.ToYearInput();
        if (input is null)
        {
            // The rules themselves are unusable: the messages name the category and the indicator code.
            var byLeaf = data.Categories.SelectMany(c => c.Nodes.Where(n => !n.IsGroup).Select(n => (Category: c, Node: n))).ToList();
            var groups = problems
                .GroupBy(p => byLeaf.FirstOrDefault(l => p.StartsWith($"考核类别“{l.Category.Name}”的指标“{l.Node.Name}”（{l.Node.Code}）", StringComparison.Ordinal)))
                .Select(g => g.Key.Node is { } node
                    ? new ProblemGroup(g.Key.Category.Name, node.Code, $"{node.Code} {node.Name}", [.. g])
                    : new ProblemGroup("", null, "其他问题", [.. g]))
                .ToList();
            return new ValidationReport(problems.Count, groups);
        }

        var all = IndicatorValidation.Validate(input);
        var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var message in all)
        {
            remaining[message] = remaining.GetValueOrDefault(message) + 1;
        }
        List<string> Take(IEnumerable<string> messages)
        {
            var taken = new List<string>();
            foreach (var message in messages)
            {
                if (remaining.GetValueOrDefault(message) > 0)
                {
                    remaining[message]--;
                    taken.Add(message);
                }
            }
            return taken;
        }

        var result = new List<ProblemGroup>();
        // Each unit's values by leaf, the first one where a leaf has two (as the year's validation takes it).
        var unitsByCategory = input.Units.ToLookup(u => u.CategoryCode, u => (u.Name, Values: u.Values.IsDefault ? []
            : u.Values.GroupBy(v => v.LeafId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal)), StringComparer.Ordinal);
        foreach (var category in input.Categories)
        {
            var leaves = new List<IndicatorLeaf>();
            Leaves(category.Indicators, leaves);
            var leafGroups = new List<ProblemGroup>();
            var ruleMessages = new List<string>();
            foreach (var leaf in leaves)
            {
                var rules = IndicatorValidation.ValidateRule(leaf);
                ruleMessages.AddRange(rules);
                var targets = unitsByCategory[category.Code].SelectMany(u => IndicatorValidation.ValidateTarget(leaf, u.Values.GetValueOrDefault(leaf.Id), u.Name));
                if (Take(rules.Concat(targets)) is { Count: > 0 } taken)
                {
                    leafGroups.Add(new ProblemGroup(category.Name, leaf.Id, $"{leaf.Id} {leaf.Name}", taken));
                }
            }
            // The category's own messages (points adding up, weights, grades), without its leaves' rule messages.
            var own = IndicatorValidation.ValidateCategory(category).ToList();
            foreach (var message in ruleMessages)
            {
                own.Remove(message);
            }
            if (Take(own) is { Count: > 0 } settings)
            {
                result.Add(new ProblemGroup(category.Name, null, "类别设置与指标结构", settings));
            }
            result.AddRange(leafGroups);
        }
        if (Take(all) is { Count: > 0 } rest)
        {
            result.Add(new ProblemGroup("", null, "其他问题", rest));
        }
        return new ValidationReport(all.Length, result);
    }

    private static void Leaves(IndicatorNode node, List<IndicatorLeaf> leaves)
    {
        if (node is IndicatorLeaf leaf)
        {
            leaves.Add(leaf);
        }
        else if (node is IndicatorGroup group && !group.Children.IsDefault)
        {
            foreach (var child in group.Children)
            {
                Leaves(child, leaves);
            }
        }
    }
}
