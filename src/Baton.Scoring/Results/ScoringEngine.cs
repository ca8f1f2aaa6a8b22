// The scoring engine: one pure function from a year's inputs to its results.
//
// Input model (all immutable records, mapped by the service layer from its entities):
//   YearInput      the year: code, precision (Decimals), rule version, award budget,
//                  the categories and the units (in any order).
//   CategorySpec   a unit category: the indicator tree (IndicatorGroup/IndicatorLeaf, each leaf with
//                  its points and LeafRule), the components of the overall score with weights
//                  (one computed from the tree, the others ComponentValue provided per unit),
//                  bonus/deduction caps, tie-break rule, grade bands with quotas and award coefficients.
//   UnitInput      a unit: its category code, one LeafValue per leaf (target, actual, grade,
//                  monthly plan/actuals, evidence, approver), provided ComponentValues, Adjustments
//                  (bonus, deduction, veto, grade cap, each with reason, evidence and approver).
// Output: YearResult → CategoryResult (ranked UnitResults, quota outcomes, tie rules in words);
// UnitResult.Explain() builds the Chinese trace on demand; ResultSnapshot hashes inputs and results.
//
// Performance: each category's tree is flattened once (CompiledTree); units are scored into reused
// scratch arrays with no LINQ and no string formatting; only per-unit leaf points are kept, which
// together with the inputs explain every point.
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Baton.Scoring.Indicators;

namespace Baton.Scoring.Results;

/// <summary>Scores an appraisal year: leaf rules, roll-up, components, adjustments, ranks, grades, quotas and awards.</summary>
public static class ScoringEngine
{
    /// <summary>
    /// Scores every unit of <paramref name="input"/>. The result depends only on the input's content,
    /// never on the order of its units. Inputs should pass <see cref="IndicatorValidation.Validate"/> first;
    /// a target the rules cannot use or a reference to an unknown category or grade throws
    /// <see cref="ArgumentException"/>, since validation exists to prevent it.
    /// </summary>
    public static YearResult Score(YearInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegative(input.Decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(input.Decimals, 10);

        var categories = input.Categories.IsDefault ? [] : input.Categories;
        var units = input.Units.IsDefault ? [] : input.Units;
        var contexts = new Dictionary<string, CategoryContext>(categories.Length, StringComparer.Ordinal);
        foreach (var spec in categories)
        {
            if (!contexts.TryAdd(spec.Code, new CategoryContext(spec, input.Decimals)))
            {
                throw new ArgumentException($"考核类别编码“{spec.Code}”重复。", nameof(input));
            }
        }

        // Bucket units by category without LINQ: count, then fill.
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(units.Length, StringComparer.Ordinal);
        foreach (var unit in units)
        {
            if (!contexts.ContainsKey(unit.CategoryCode))
            {
                throw new ArgumentException($"单位“{unit.Name}”的考核类别“{unit.CategoryCode}”不存在。", nameof(input));
            }
            if (!seen.Add(unit.Id))
            {
                throw new ArgumentException($"单位编码“{unit.Id}”重复。", nameof(input));
            }
            counts[unit.CategoryCode] = counts.GetValueOrDefault(unit.CategoryCode) + 1;
        }
        var buckets = new Dictionary<string, UnitInput[]>(StringComparer.Ordinal);
        var filled = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var unit in units)
        {
            if (!buckets.TryGetValue(unit.CategoryCode, out var bucket))
            {
                bucket = new UnitInput[counts[unit.CategoryCode]];
                buckets.Add(unit.CategoryCode, bucket);
            }
            var at = filled.GetValueOrDefault(unit.CategoryCode);
            bucket[at] = unit;
            filled[unit.CategoryCode] = at + 1;
        }

        var ordered = new CategoryContext[contexts.Count];
        contexts.Values.CopyTo(ordered, 0);
        Array.Sort(ordered, static (a, b) => string.CompareOrdinal(a.Spec.Code, b.Spec.Code));

        var works = new UnitWork[ordered.Length][];
        for (var c = 0; c < ordered.Length; c++)
        {
            var bucket = buckets.GetValueOrDefault(ordered[c].Spec.Code) ?? [];
            // Sort by unit code so everything downstream is independent of input order.
            Array.Sort(bucket, static (a, b) => string.CompareOrdinal(a.Id, b.Id));
            works[c] = ScoreCategory(ordered[c], bucket, input.Decimals);
        }

        var (scale, total) = Awards.Apply(ordered, works, input.AwardBudget);

        var results = new CategoryResult[ordered.Length];
        for (var c = 0; c < ordered.Length; c++)
        {
            var context = ordered[c];
            var work = works[c];
            var unitResults = new UnitResult[work.Length];
            for (var i = 0; i < work.Length; i++)
            {
                unitResults[i] = new UnitResult(work[i].Input, context, work[i].LeafPoints, in work[i]);
            }
            results[c] = new CategoryResult(context.Spec, ImmutableCollectionsMarshal.AsImmutableArray(unitResults), context.QuotaOutcomes(work));
        }
        return new YearResult(input, ImmutableCollectionsMarshal.AsImmutableArray(results), scale, total);
    }

    /// <summary>
    /// Every weighted provided component (weight ≠ 0) that a unit of <paramref name="input"/> has no value
    /// for, by category code, unit code and the category's component order. The engine would score such a
    /// component 0 (and mark it <see cref="ComponentResult.Missing"/>); a year with any is not ready to be
    /// scored, so the caller lists these before scoring instead of publishing a silent 0.
    /// Units of unknown categories are left to <see cref="Score"/>, which refuses them.
    /// </summary>
    public static ImmutableArray<MissingComponent> MissingComponents(YearInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var categories = (input.Categories.IsDefault ? [] : input.Categories).ToDictionary(c => c.Code, StringComparer.Ordinal);
        var missing = ImmutableArray.CreateBuilder<MissingComponent>();
        foreach (var unit in (input.Units.IsDefault ? [] : input.Units)
            .OrderBy(u => u.CategoryCode, StringComparer.Ordinal).ThenBy(u => u.Id, StringComparer.Ordinal))
        {
            if (!categories.TryGetValue(unit.CategoryCode, out var category))
            {
                continue;
            }
            var provided = unit.Components.IsDefault ? [] : unit.Components;
            foreach (var definition in category.Components.IsDefault ? [] : category.Components)
            {
                if (CategoryContext.IsRequired(definition) && CategoryContext.Find(provided, definition.Code) is null)
                {
                    missing.Add(new MissingComponent(unit.Id, unit.Name, category.Code, category.Name, definition.Code, definition.Name));
                }
            }
        }
        return missing.ToImmutable();
    }

    private static UnitWork[] ScoreCategory(CategoryContext context, UnitInput[] units, int decimals)
    {
        var tree = context.Tree;
        var work = new UnitWork[units.Length];
        var nodeScores = new decimal[tree.Nodes.Length];
        var sum = new decimal[tree.Nodes.Length];
        var weightSum = new decimal[tree.Nodes.Length];
        var aligned = new LeafValue?[tree.Leaves.Length];
        for (var u = 0; u < units.Length; u++)
        {
            ref var w = ref work[u];
            w.Input = units[u];
            w.LeafPoints = new decimal[tree.Leaves.Length];
            context.Align(units[u], aligned);
            var flags = LeafFlags.None;
            w.CapIndex = -1;
            for (var i = 0; i < tree.Leaves.Length; i++)
            {
                var leaf = tree.Leaves[i];
                var outcome = leaf.Rule.Evaluate(leaf, aligned[i]);
                w.LeafPoints[i] = Rounding.Round(outcome.Points, decimals);
                flags |= outcome.Flags;
                if ((outcome.Flags & LeafFlags.GradeCap) != 0)
                {
                    w.CapIndex = Math.Max(w.CapIndex, context.GradeIndex(((GradeCapRule)leaf.Rule).MaxGrade));
                }
            }
            w.Vetoed = (flags & LeafFlags.Veto) != 0;
            var root = tree.RollUp(w.LeafPoints, nodeScores, sum, weightSum, decimals);
            var rootMax = tree.MaxPoints[^1];
            w.Indicators = rootMax == 0 ? 0m : Rounding.Round(root * 100m / rootMax, decimals);
            context.Overall(ref w, decimals);
        }
        Ranking.Rank(work, context.Spec.TieBreak);
        Grading.Assign(work, context);
        return work;
    }
}

/// <summary>A unit's intermediate results while its category is scored.</summary>
internal struct UnitWork
{
    public UnitInput Input;
    public decimal[] LeafPoints;
    public decimal Indicators;
    public ImmutableArray<ComponentResult> Components;
    public decimal Bonus;
    public decimal Deduction;
    public decimal Overall;
    public bool Vetoed;
    /// <summary>Index of the best band a cap allows, -1 when uncapped.</summary>
    public int CapIndex;
    public int Rank;
    public int GradeIndex;
    public string? GradeReason;
    public decimal AwardRaw;
    public decimal AwardScale;
    public decimal Award;
}

/// <summary>A category prepared for scoring: compiled tree, grade lookup, quota bookkeeping.</summary>
internal sealed class CategoryContext
{
    private readonly int[] taken;

    public CategoryContext(CategorySpec spec, int decimals)
    {
        Decimals = decimals;
        ArgumentNullException.ThrowIfNull(spec.Indicators);
        if (spec.Grades.Bands.IsDefaultOrEmpty)
        {
            throw new ArgumentException($"考核类别“{spec.Name}”没有设置等次。", nameof(spec));
        }
        Spec = spec;
        Tree = new CompiledTree(spec.Indicators);
        taken = new int[spec.Grades.Bands.Length];
        VetoIndex = spec.Grades.VetoGrade is { } veto ? GradeIndex(veto) : spec.Grades.Bands.Length - 1;
    }

    public CategorySpec Spec { get; }

    public CompiledTree Tree { get; }

    public int Decimals { get; }

    public int VetoIndex { get; }

    public int GradeIndex(string grade)
    {
        var bands = Spec.Grades.Bands;
        for (var i = 0; i < bands.Length; i++)
        {
            if (string.Equals(bands[i].Name, grade, StringComparison.Ordinal))
            {
                return i;
            }
        }
        throw new ArgumentException($"考核类别“{Spec.Name}”没有等次“{grade}”。", nameof(grade));
    }

    public void RecordTaken(int band, int count) => taken[band] += count;

    public ImmutableArray<QuotaOutcome> QuotaOutcomes(UnitWork[] work)
    {
        var builder = ImmutableArray.CreateBuilder<QuotaOutcome>();
        var bands = Spec.Grades.Bands;
        for (var b = 0; b < bands.Length; b++)
        {
            if (bands[b].Quota is { } quota)
            {
                builder.Add(new QuotaOutcome(bands[b].Name, quota.MaxShare, quota.Rounding, work.Length, quota.Places(work.Length), taken[b]));
            }
        }
        return builder.DrainToImmutable();
    }

    /// <summary>
    /// Puts the unit's value for leaf i at aligned[i]. Values in leaf order (the usual case) are
    /// matched by position; otherwise by id. A value for a leaf not in the tree, or two values for
    /// one leaf, is a mapping bug and throws.
    /// </summary>
    public void Align(UnitInput unit, LeafValue?[] aligned)
    {
        var values = unit.Values.IsDefault ? [] : unit.Values;
        var leaves = Tree.Leaves;
        if (values.Length == leaves.Length)
        {
            var inOrder = true;
            for (var i = 0; i < leaves.Length; i++)
            {
                if (!string.Equals(values[i].LeafId, leaves[i].Id, StringComparison.Ordinal))
                {
                    inOrder = false;
                    break;
                }
                aligned[i] = values[i];
            }
            if (inOrder)
            {
                return;
            }
        }
        Array.Clear(aligned);
        foreach (var value in values)
        {
            if (!Tree.LeafIndex.TryGetValue(value.LeafId, out var index))
            {
                throw new ArgumentException($"单位“{unit.Name}”的指标值引用了不存在的指标“{value.LeafId}”。", nameof(unit));
            }
            if (aligned[index] is not null)
            {
                throw new ArgumentException($"单位“{unit.Name}”的指标“{value.LeafId}”有两个值。", nameof(unit));
            }
            aligned[index] = value;
        }
    }

    /// <summary>Components, adjustments with caps, the overall score, vetoes and caps from adjustments.</summary>
    public void Overall(ref UnitWork w, int decimals)
    {
        var definitions = Spec.Components.IsDefault ? [] : Spec.Components;
        var provided = w.Input.Components.IsDefault ? [] : w.Input.Components;
        var components = new ComponentResult[definitions.Length];
        var weighted = 0m;
        for (var c = 0; c < definitions.Length; c++)
        {
            var definition = definitions[c];
            decimal score;
            var hand = false;
            var missing = false;
            if (definition.Source == ComponentSource.Indicators)
            {
                score = w.Indicators;
            }
            else if (Find(provided, definition.Code) is { } value)
            {
                score = value.FullScore == 0 ? 0m : Rounding.Round(value.Score * 100m / value.FullScore, decimals);
                hand = value.HandEntered;
            }
            else
            {
                // Counts 0; a weighted one is reported by MissingComponents before anyone scores.
                score = 0m;
                missing = IsRequired(definition);
            }
            components[c] = new ComponentResult(definition.Code, definition.Name, definition.Weight, score, hand, missing);
            weighted += definition.Weight * score;
        }
        w.Components = ImmutableCollectionsMarshal.AsImmutableArray(components);

        var bonus = 0m;
        var deduction = 0m;
        foreach (var adjustment in w.Input.Adjustments.IsDefault ? [] : w.Input.Adjustments)
        {
            switch (adjustment.Kind)
            {
                case AdjustmentKind.Bonus:
                    bonus += adjustment.Points;
                    break;
                case AdjustmentKind.Deduction:
                    deduction += adjustment.Points;
                    break;
                case AdjustmentKind.Veto:
                    w.Vetoed = true;
                    break;
                case AdjustmentKind.GradeCap:
                    w.CapIndex = Math.Max(w.CapIndex, GradeIndex(adjustment.MaxGrade ?? throw new ArgumentException($"单位“{w.Input.Name}”的等次封顶没有设置最高等次。", nameof(w))));
                    break;
            }
        }
        w.Bonus = Rounding.Round(Spec.BonusCap is { } bonusCap ? Math.Min(bonus, bonusCap) : bonus, decimals);
        w.Deduction = Rounding.Round(Spec.DeductionCap is { } deductionCap ? Math.Min(deduction, deductionCap) : deduction, decimals);
        w.Overall = Rounding.Round(weighted + w.Bonus - w.Deduction, decimals);
    }

    /// <summary>A provided component that weighs in the overall score must have a value for every unit.</summary>
    public static bool IsRequired(ComponentDefinition definition) => definition.Source == ComponentSource.Provided && definition.Weight != 0;

    public static ComponentValue? Find(ImmutableArray<ComponentValue> values, string code)
    {
        foreach (var value in values)
        {
            if (string.Equals(value.Code, code, StringComparison.Ordinal))
            {
                return value;
            }
        }
        return null;
    }
}
