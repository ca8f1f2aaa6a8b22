using System.Collections.Immutable;
using System.Globalization;
using Baton.Scoring.Results;

namespace Baton.Scoring.Indicators;

/// <summary>
/// Checks an indicator system, its rules and the units' targets before a year leaves Draft
/// (DESIGN.md §5.1: zero or missing targets are an error at setup, not at scoring time).
/// Every message is in Chinese and names the category, indicator or unit so the office can act on it.
/// An empty result means the year can be scored.
/// </summary>
public static class IndicatorValidation
{
    /// <summary>Checks one leaf's rule: complete, sensible parameters.</summary>
    public static ImmutableArray<string> ValidateRule(IndicatorLeaf leaf)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        var messages = new List<string>();
        RuleMessages(leaf, messages);
        return [.. messages];
    }

    /// <summary>
    /// Checks one unit's target for one leaf: a rule that divides by the target needs one greater
    /// than 0; a time-progress leaf needs a monthly plan with no negative month and a positive last month.
    /// </summary>
    public static ImmutableArray<string> ValidateTarget(IndicatorLeaf leaf, LeafValue? value, string unitName)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        var messages = new List<string>();
        TargetMessages(leaf, value, unitName, messages);
        return [.. messages];
    }

    /// <summary>Checks a category: tree, rules, points adding up to the total, component weights, grades and quotas.</summary>
    public static ImmutableArray<string> ValidateCategory(CategorySpec category)
    {
        ArgumentNullException.ThrowIfNull(category);
        var messages = new List<string>();
        CategoryMessages(category, messages);
        return [.. messages];
    }

    /// <summary>Checks the whole year: every category and every unit's targets and adjustments.</summary>
    public static ImmutableArray<string> Validate(YearInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var messages = new List<string>();
        var categories = new Dictionary<string, CategorySpec>(StringComparer.Ordinal);
        foreach (var category in input.Categories.IsDefault ? [] : input.Categories)
        {
            if (!categories.TryAdd(category.Code, category))
            {
                messages.Add($"考核类别编码“{category.Code}”重复。");
            }
            CategoryMessages(category, messages);
        }
        if (input.AwardBudget < 0)
        {
            messages.Add("目标奖总额不能为负。");
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unit in input.Units.IsDefault ? [] : input.Units)
        {
            if (!ids.Add(unit.Id))
            {
                messages.Add($"单位编码“{unit.Id}”重复。");
            }
            if (!categories.TryGetValue(unit.CategoryCode, out var category))
            {
                messages.Add($"单位“{unit.Name}”的考核类别“{unit.CategoryCode}”不存在。");
                continue;
            }
            var byLeaf = new Dictionary<string, LeafValue>(StringComparer.Ordinal);
            foreach (var value in unit.Values.IsDefault ? [] : unit.Values)
            {
                if (!byLeaf.TryAdd(value.LeafId, value))
                {
                    messages.Add($"单位“{unit.Name}”的指标“{value.LeafId}”有两个值。");
                }
            }
            var leaves = new List<IndicatorLeaf>();
            Leaves(category.Indicators, leaves);
            var known = new HashSet<string>(StringComparer.Ordinal);
            foreach (var leaf in leaves)
            {
                known.Add(leaf.Id);
                TargetMessages(leaf, byLeaf.GetValueOrDefault(leaf.Id), unit.Name, messages);
            }
            foreach (var id in byLeaf.Keys)
            {
                if (!known.Contains(id))
                {
                    messages.Add($"单位“{unit.Name}”的指标值引用了不存在的指标“{id}”。");
                }
            }
            foreach (var adjustment in unit.Adjustments.IsDefault ? [] : unit.Adjustments)
            {
                if (adjustment.Points < 0)
                {
                    messages.Add($"单位“{unit.Name}”的加减分“{adjustment.Reason}”分值须填正数（减分也填正数）。");
                }
                if (adjustment.Kind == AdjustmentKind.GradeCap && !HasGrade(category, adjustment.MaxGrade))
                {
                    messages.Add($"单位“{unit.Name}”的等次封顶“{adjustment.Reason}”所设最高等次“{adjustment.MaxGrade}”不存在。");
                }
            }
        }
        return [.. messages];
    }

    private static void RuleMessages(IndicatorLeaf leaf, List<string> messages)
    {
        if (leaf.Points < 0)
        {
            messages.Add($"指标“{leaf.Name}”的分值不能为负。");
        }
        if (leaf.Rule is null)
        {
            messages.Add($"指标“{leaf.Name}”没有设置计分规则。");
            return;
        }
        leaf.Rule.Validate(leaf, messages);
    }

    private static void TargetMessages(IndicatorLeaf leaf, LeafValue? value, string unitName, List<string> messages)
    {
        if (leaf.Rule is TimeProgressRule)
        {
            var plan = value?.MonthlyPlan ?? [];
            if (plan.IsDefaultOrEmpty)
            {
                messages.Add($"单位“{unitName}”的指标“{leaf.Name}”缺少月度计划。");
                return;
            }
            for (var m = 0; m < plan.Length; m++)
            {
                if (plan[m] < 0)
                {
                    messages.Add(string.Create(CultureInfo.InvariantCulture, $"单位“{unitName}”的指标“{leaf.Name}”{m + 1}月计划不能为负。"));
                }
            }
            if (plan[^1] <= 0)
            {
                messages.Add($"单位“{unitName}”的指标“{leaf.Name}”月度计划的累计值须大于 0。");
            }
            return;
        }
        if (leaf.Rule is null || !leaf.Rule.NeedsTarget)
        {
            return;
        }
        if (value?.Target is not { } target)
        {
            messages.Add($"单位“{unitName}”的指标“{leaf.Name}”缺少目标值。");
        }
        else if (target <= 0)
        {
            messages.Add($"单位“{unitName}”的指标“{leaf.Name}”目标值为 {TraceFormat.Number(target)}，按{leaf.Rule.Kind}计分须大于 0。");
        }
    }

    private static void CategoryMessages(CategorySpec category, List<string> messages)
    {
        var name = category.Name;
        if (category.Indicators is null)
        {
            messages.Add($"考核类别“{name}”没有指标体系。");
            return;
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var total = TreeMessages(category.Indicators, ids, messages);
        if (total != category.TotalPoints)
        {
            messages.Add($"考核类别“{name}”各指标分值合计 {TraceFormat.Number(total)} 分，应为 {TraceFormat.Number(category.TotalPoints)} 分。");
        }

        var components = category.Components.IsDefault ? [] : category.Components;
        var indicatorComponents = 0;
        var weights = 0m;
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var component in components)
        {
            indicatorComponents += component.Source == ComponentSource.Indicators ? 1 : 0;
            weights += component.Weight;
            if (component.Weight < 0)
            {
                messages.Add($"考核类别“{name}”的考核构成“{component.Name}”权重不能为负。");
            }
            if (!codes.Add(component.Code))
            {
                messages.Add($"考核类别“{name}”的考核构成编码“{component.Code}”重复。");
            }
        }
        if (indicatorComponents != 1)
        {
            messages.Add($"考核类别“{name}”须有且只有一项指标考核构成。");
        }
        if (weights != 1m)
        {
            messages.Add($"考核类别“{name}”各考核构成权重合计 {TraceFormat.Number(weights * 100m)}%，应为 100%。");
        }
        if (category.BonusCap < 0 || category.DeductionCap < 0 || category.AwardBase < 0)
        {
            messages.Add($"考核类别“{name}”的加分上限、减分上限和目标奖基数不能为负。");
        }

        var bands = category.Grades?.Bands ?? [];
        if (bands.IsDefaultOrEmpty)
        {
            messages.Add($"考核类别“{name}”没有设置等次。");
            return;
        }
        var gradeNames = new HashSet<string>(StringComparer.Ordinal);
        for (var b = 0; b < bands.Length; b++)
        {
            var band = bands[b];
            if (!gradeNames.Add(band.Name))
            {
                messages.Add($"考核类别“{name}”的等次“{band.Name}”重复。");
            }
            if (b > 0 && band.MinScore >= bands[b - 1].MinScore)
            {
                messages.Add($"考核类别“{name}”的等次须从高到低排列，“{band.Name}”的分数线不低于“{bands[b - 1].Name}”。");
            }
            if (band.Quota is { } quota && (quota.MaxShare <= 0 || quota.MaxShare > 1))
            {
                messages.Add($"考核类别“{name}”的“{band.Name}”名额比例须大于 0 且不超过 100%。");
            }
            if (band.Quota is not null && b == bands.Length - 1)
            {
                messages.Add($"考核类别“{name}”的最低等次“{band.Name}”不能设置名额。");
            }
            if (band.AwardCoefficient < 0)
            {
                messages.Add($"考核类别“{name}”的“{band.Name}”目标奖系数不能为负。");
            }
        }
        if (category.Grades!.VetoGrade is { } veto && !gradeNames.Contains(veto))
        {
            messages.Add($"考核类别“{name}”的一票否决等次“{veto}”不存在。");
        }
        var leaves = new List<IndicatorLeaf>();
        Leaves(category.Indicators, leaves);
        foreach (var leaf in leaves)
        {
            if (leaf.Rule is GradeCapRule cap && !gradeNames.Contains(cap.MaxGrade))
            {
                messages.Add($"指标“{leaf.Name}”的最高等次“{cap.MaxGrade}”不是考核类别“{name}”的等次。");
            }
        }
    }

    private static decimal TreeMessages(IndicatorNode node, HashSet<string> ids, List<string> messages)
    {
        if (!ids.Add(node.Id))
        {
            messages.Add($"指标编码“{node.Id}”重复。");
        }
        if (node is IndicatorLeaf leaf)
        {
            RuleMessages(leaf, messages);
            return leaf.Points;
        }
        var group = (IndicatorGroup)node;
        var children = group.Children.IsDefault ? [] : group.Children;
        if (children.IsEmpty)
        {
            messages.Add($"指标“{group.Name}”下没有指标。");
            return 0m;
        }
        var weighted = 0;
        var weights = 0m;
        var sum = 0m;
        foreach (var child in children)
        {
            sum += TreeMessages(child, ids, messages);
            if (child.Weight is { } w)
            {
                weighted++;
                weights += w;
                if (w < 0)
                {
                    messages.Add($"指标“{child.Name}”的权重不能为负。");
                }
            }
        }
        if (weighted > 0 && weighted < children.Length)
        {
            messages.Add($"指标“{group.Name}”的下级指标须全部设置权重或全部不设。");
        }
        else if (weighted > 0 && Math.Abs(weights - 1m) > 0.001m)
        {
            messages.Add($"指标“{group.Name}”的下级指标权重合计 {TraceFormat.Number(weights * 100m)}%，应为 100%。");
        }
        return sum;
    }

    private static void Leaves(IndicatorNode node, List<IndicatorLeaf> leaves)
    {
        if (node is IndicatorLeaf leaf)
        {
            leaves.Add(leaf);
            return;
        }
        foreach (var child in ((IndicatorGroup)node).Children.IsDefault ? [] : ((IndicatorGroup)node).Children)
        {
            Leaves(child, leaves);
        }
    }

    private static bool HasGrade(CategorySpec category, string? grade)
    {
        foreach (var band in category.Grades.Bands.IsDefault ? [] : category.Grades.Bands)
        {
            if (string.Equals(band.Name, grade, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
