using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Baton.Scoring.Indicators;

namespace Baton.Scoring.Results;

/// <summary>Builds a unit's trace on demand from its inputs and its stored leaf points.</summary>
internal static class Explanation
{
    public static TraceNode Build(UnitResult result)
    {
        var context = result.Category;
        var tree = context.Tree;
        var decimals = context.Decimals;
        var aligned = new LeafValue?[tree.Leaves.Length];
        context.Align(result.Input, aligned);
        var n = tree.Nodes.Length;
        var scores = new decimal[n];
        tree.RollUp(result.LeafPoints, scores, new decimal[n], new decimal[n], decimals);

        var children = new List<int>[n];
        for (var i = 0; i < n; i++)
        {
            children[i] = [];
        }
        for (var i = 0; i < n; i++)
        {
            if (tree.Parent[i] >= 0)
            {
                children[tree.Parent[i]].Add(i);
            }
        }

        var lines = ImmutableArray.CreateBuilder<TraceNode>();
        var overall = new StringBuilder("综合得分 = ");
        var first = true;
        foreach (var component in result.Components)
        {
            if (!first)
            {
                overall.Append(" + ");
            }
            first = false;
            overall.Append(component.Name).Append(' ').Append(TraceFormat.Points(component.Score, decimals))
                .Append(" × ").Append(TraceFormat.Percent(component.Weight));
            lines.Add(Component(result, component, tree, scores, children, aligned, decimals));
        }

        var bonusRaw = 0m;
        var deductionRaw = 0m;
        foreach (var adjustment in result.Input.Adjustments.IsDefault ? [] : result.Input.Adjustments)
        {
            bonusRaw += adjustment.Kind == AdjustmentKind.Bonus ? adjustment.Points : 0m;
            deductionRaw += adjustment.Kind == AdjustmentKind.Deduction ? adjustment.Points : 0m;
            lines.Add(Adjustment(adjustment, decimals));
        }
        if (bonusRaw != result.Bonus)
        {
            lines.Add(new TraceNode("加分上限", "加分合计 " + TraceFormat.Number(bonusRaw) + " 分，按上限 " + TraceFormat.Points(result.Bonus, decimals) + " 分计") { Points = result.Bonus });
        }
        if (deductionRaw != result.Deduction)
        {
            lines.Add(new TraceNode("减分上限", "减分合计 " + TraceFormat.Number(deductionRaw) + " 分，按上限 " + TraceFormat.Points(result.Deduction, decimals) + " 分计") { Points = -result.Deduction });
        }
        overall.Append(" + 加分 ").Append(TraceFormat.Points(result.Bonus, decimals))
            .Append(" − 减分 ").Append(TraceFormat.Points(result.Deduction, decimals))
            .Append(" = ").Append(TraceFormat.Points(result.Overall, decimals)).Append(" 分");

        var vetoRank = result.Vetoed ? "（一票否决，排在未被一票否决的单位之后）" : string.Empty;
        lines.Add(new TraceNode("排名", string.Create(CultureInfo.InvariantCulture, $"在“{context.Spec.Name}”中排名第 {result.Rank} 名{vetoRank}；{CategoryResult.Describe(context.Spec.TieBreak)}")));
        // The veto or cap itself is flagged once, on the event that caused it (a leaf or an adjustment);
        // the grade line only says what it did.
        lines.Add(new TraceNode("等次", result.GradeReason));
        var band = context.Spec.Grades.Bands[context.GradeIndex(result.Grade)];
        lines.Add(new TraceNode("目标奖", "目标奖 = 基数 " + TraceFormat.Number(context.Spec.AwardBase) + " 元 × " + result.Grade + "系数 "
            + TraceFormat.Number(band.AwardCoefficient) + " × 预算调整比例 " + TraceFormat.Number(Rounding.Round(result.AwardScale, 6)) + " = " + TraceFormat.Points(result.Award, 2) + " 元"));

        return new TraceNode(result.Name + " 综合得分", overall.ToString())
        {
            Code = result.Id,
            Points = result.Overall,
            Flag = result.Vetoed ? "一票否决" : result.Capped ? "等次封顶" : null,
            Children = lines.DrainToImmutable(),
        };
    }

    private static TraceNode Component(UnitResult result, ComponentResult component, CompiledTree tree, decimal[] scores, List<int>[] children, LeafValue?[] aligned, int decimals)
    {
        var definition = result.Category.Spec.Components.First(d => string.Equals(d.Code, component.Code, StringComparison.Ordinal));
        if (definition.Source == ComponentSource.Indicators)
        {
            var root = tree.Nodes.Length - 1;
            return new TraceNode(component.Name + "（百分制）",
                component.Name + " = 指标得分 " + TraceFormat.Points(scores[root], decimals) + " ÷ 总分值 " + TraceFormat.Number(tree.MaxPoints[root])
                + " × 100 = " + TraceFormat.Points(component.Score, decimals))
            {
                Code = component.Code,
                Points = component.Score,
                MaxPoints = 100m,
                Children = [Node(root, tree, scores, children, aligned, decimals, result)],
            };
        }
        var value = result.Input.Components.IsDefault ? null : result.Input.Components.FirstOrDefault(v => string.Equals(v.Code, component.Code, StringComparison.Ordinal));
        if (value is null)
        {
            return new TraceNode(component.Name, component.Name + "未报送，得 " + TraceFormat.Points(0m, decimals) + " 分")
            {
                Code = component.Code, Points = 0m, MaxPoints = 100m, Flag = "未报送",
            };
        }
        return new TraceNode(component.Name, component.Name + " = " + TraceFormat.Number(value.Score) + " ÷ " + TraceFormat.Number(value.FullScore)
            + " × 100 = " + TraceFormat.Points(component.Score, decimals))
        {
            Code = component.Code,
            Points = component.Score,
            MaxPoints = 100m,
            Input = TraceFormat.Number(value.Score),
            Approver = value.EnteredBy,
            Source = value.Note,
            Flag = value.HandEntered ? "手工录入" : null,
            Children = value.Detail is null ? [] : [value.Detail],
        };
    }

    private static ImmutableArray<TraceNode> Nodes(List<int> indices, CompiledTree tree, decimal[] scores, List<int>[] children, LeafValue?[] aligned, int decimals, UnitResult result)
    {
        var builder = ImmutableArray.CreateBuilder<TraceNode>(indices.Count);
        foreach (var i in indices)
        {
            builder.Add(Node(i, tree, scores, children, aligned, decimals, result));
        }
        return builder.MoveToImmutable();
    }

    private static TraceNode Node(int i, CompiledTree tree, decimal[] scores, List<int>[] children, LeafValue?[] aligned, int decimals, UnitResult result)
    {
        var node = tree.Nodes[i];
        if (node is IndicatorLeaf leaf)
        {
            var value = aligned[tree.NodeLeaf[i]];
            var points = scores[i];
            var flags = leaf.Rule.Evaluate(leaf, value).Flags;
            // A veto or cap leaf without an occurrence must not read "none happened" when another event
            // vetoed or capped the unit: the trace would contradict itself.
            var explained = leaf.Rule switch
            {
                VetoRule when (flags & LeafFlags.Veto) == 0 && result.Vetoed => "本指标无登记事项；本单位已因其他事项实行一票否决",
                GradeCapRule when (flags & LeafFlags.GradeCap) == 0 && result.Capped => "本指标无登记事项；本单位已因其他事项限制等次",
                _ => leaf.Rule.Explain(leaf, value, points, decimals),
            };
            return new TraceNode(leaf.Name, explained)
            {
                Code = leaf.Id,
                Points = points,
                MaxPoints = leaf.Points,
                Rule = leaf.Rule.Kind,
                Input = value?.Grade ?? (value?.Actual is { } a ? TraceFormat.Number(a) + (leaf.Unit ?? string.Empty) : null),
                Target = value?.Target is { } t ? TraceFormat.Number(t) + (leaf.Unit ?? string.Empty) : null,
                Source = value?.Source,
                Evidence = value?.Evidence,
                Approver = value?.Approver,
                Flag = (flags & LeafFlags.Missing) != 0 ? "未报送" : (flags & LeafFlags.Veto) != 0 ? "一票否决" : (flags & LeafFlags.GradeCap) != 0 ? "等次封顶" : null,
            };
        }
        var formula = new StringBuilder();
        if (tree.Weighted[i])
        {
            formula.Append("得分 = ").Append(TraceFormat.Number(tree.MaxPoints[i])).Append(" 分 × (");
            var firstTerm = true;
            foreach (var c in children[i])
            {
                formula.Append(firstTerm ? string.Empty : " + ").Append(TraceFormat.Percent(tree.Nodes[c].Weight ?? 0m)).Append(" × ")
                    .Append(tree.MaxPoints[c] == 0 ? "0.0%" : TraceFormat.Percent(scores[c] / tree.MaxPoints[c]));
                firstTerm = false;
            }
            formula.Append(") = ");
        }
        else
        {
            formula.Append("小计 = ");
            var firstTerm = true;
            foreach (var c in children[i])
            {
                formula.Append(firstTerm ? string.Empty : " + ").Append(TraceFormat.Points(scores[c], decimals));
                firstTerm = false;
            }
            formula.Append(" = ");
        }
        formula.Append(TraceFormat.Points(scores[i], decimals)).Append(" 分");
        return new TraceNode(node.Name, formula.ToString())
        {
            Code = node.Id,
            Points = scores[i],
            MaxPoints = tree.MaxPoints[i],
            Children = Nodes(children[i], tree, scores, children, aligned, decimals, result),
        };
    }

    private static TraceNode Adjustment(Adjustment adjustment, int decimals) => adjustment.Kind switch
    {
        AdjustmentKind.Bonus => new TraceNode("加分：" + adjustment.Reason, "+" + TraceFormat.Points(adjustment.Points, decimals) + " 分") { Points = adjustment.Points, Evidence = adjustment.Evidence, Approver = adjustment.ApprovedBy, Source = adjustment.EnteredBy },
        AdjustmentKind.Deduction => new TraceNode("减分：" + adjustment.Reason, "−" + TraceFormat.Points(adjustment.Points, decimals) + " 分") { Points = -adjustment.Points, Evidence = adjustment.Evidence, Approver = adjustment.ApprovedBy, Source = adjustment.EnteredBy },
        AdjustmentKind.Veto => new TraceNode("一票否决：" + adjustment.Reason, "实行一票否决") { Flag = "一票否决", Evidence = adjustment.Evidence, Approver = adjustment.ApprovedBy, Source = adjustment.EnteredBy },
        _ => new TraceNode("等次封顶：" + adjustment.Reason, "等次最高为" + adjustment.MaxGrade) { Flag = "等次封顶", Evidence = adjustment.Evidence, Approver = adjustment.ApprovedBy, Source = adjustment.EnteredBy },
    };
}
