using System.Collections.Immutable;
using Baton.Scoring.Indicators;

namespace Baton.Scoring.Results;

/// <summary>Everything the engine needs to score one appraisal year. See <see cref="ScoringEngine"/>.</summary>
/// <param name="Year">The year's code (e.g. 2025); carried into the snapshot.</param>
/// <param name="Categories">The unit categories with their indicator systems, weights and grade rules.</param>
/// <param name="Units">Every appraised unit with its targets, actual values, components and adjustments, in any order.</param>
public sealed record YearInput(string Year, ImmutableArray<CategorySpec> Categories, ImmutableArray<UnitInput> Units)
{
    /// <summary>Decimals of every stored score (leaf, group, component, overall); rounding is <see cref="Rounding"/>.</summary>
    public int Decimals { get; init; } = Rounding.DefaultDecimals;

    /// <summary>The version of the year's rules, stored with the snapshot so a result can be recomputed later.</summary>
    public string RuleVersion { get; init; } = "1";

    /// <summary>The year's target-award budget in yuan (目标奖总额), or null for no limit.</summary>
    public decimal? AwardBudget { get; init; }
}

/// <summary>How units with the same overall score are ordered and ranked.</summary>
public enum TieBreak
{
    /// <summary>Equal overall scores share a rank (competition ranking 1, 2, 2, 4).</summary>
    Shared,

    /// <summary>Equal overall scores are ranked by the indicator component (百分制), higher first; still equal, they share the rank.</summary>
    IndicatorsThenShared,
}

/// <summary>
/// One unit category (考核类别) of the year: its indicator tree, the components of the overall score
/// with their weights, the caps on bonuses and deductions, and its grade rules.
/// </summary>
/// <param name="Code">Stable code of the category (e.g. TOWN-1).</param>
/// <param name="Name">Display name (e.g. 镇一类).</param>
/// <param name="Indicators">The root of the indicator tree; its score scaled to 100 is the indicator component.</param>
/// <param name="Components">The components of the overall score and their weights; exactly one has source <see cref="ComponentSource.Indicators"/>.</param>
/// <param name="Grades">Score bands, quotas and award coefficients.</param>
public sealed record CategorySpec(
    string Code,
    string Name,
    IndicatorGroup Indicators,
    ImmutableArray<ComponentDefinition> Components,
    GradePolicy Grades)
{
    /// <summary>The points the indicator system's leaves must add up to (usually 100), checked by validation.</summary>
    public decimal TotalPoints { get; init; } = 100m;

    /// <summary>Most points bonus adjustments may add to the overall score, or null for no cap.</summary>
    public decimal? BonusCap { get; init; }

    /// <summary>Most points deduction adjustments may take from the overall score, or null for no cap.</summary>
    public decimal? DeductionCap { get; init; }

    /// <summary>How equal overall scores are ranked; recorded with the result.</summary>
    public TieBreak TieBreak { get; init; } = TieBreak.Shared;

    /// <summary>Base amount of the target award per unit in yuan (目标奖基数), before the grade coefficient and the budget scale.</summary>
    public decimal AwardBase { get; init; }

    /// <summary>A category whose overall score is the indicator component alone (weight 1).</summary>
    public static CategorySpec IndicatorsOnly(string code, string name, IndicatorGroup indicators, GradePolicy grades) =>
        new(code, name, indicators, [new ComponentDefinition("indicators", "指标考核", 1m, ComponentSource.Indicators)], grades);
}

/// <summary>Where a component's score comes from.</summary>
public enum ComponentSource
{
    /// <summary>Computed by the engine from the category's indicator tree.</summary>
    Indicators,

    /// <summary>Provided with the unit as a <see cref="ComponentValue"/>: computed by another module (satisfaction, ratings, team scores) or entered by hand.</summary>
    Provided,
}

/// <summary>A component of the overall score (考核构成) and its weight.</summary>
/// <param name="Code">Stable code (e.g. indicators, satisfaction, deputy, peer, leader, team).</param>
/// <param name="Name">Display name (e.g. 群众满意度).</param>
/// <param name="Weight">Weight as a fraction of the overall score (0.2 = 20%); a category's weights add up to 1.</param>
/// <param name="Source">Whether the engine computes it or the unit's input provides it.</param>
public sealed record ComponentDefinition(string Code, string Name, decimal Weight, ComponentSource Source = ComponentSource.Provided);

/// <summary>
/// A unit's score on a provided component. Every future source (satisfaction, deputy, peer and
/// leader ratings, team scores) plugs in through this record; until then the office may enter it
/// by hand with <see cref="HandEntered"/> set, which the result and trace show.
/// </summary>
/// <param name="Code">The <see cref="ComponentDefinition.Code"/> it belongs to.</param>
/// <param name="Score">The component's score on its own scale.</param>
/// <param name="FullScore">The maximum of that scale; the engine normalises to 100 as Score ÷ FullScore × 100.</param>
public sealed record ComponentValue(string Code, decimal Score, decimal FullScore = 100m)
{
    /// <summary>True when the office entered the value by hand (手工录入) rather than a module computing it.</summary>
    public bool HandEntered { get; init; }

    /// <summary>Who entered or computed it; carried into the trace.</summary>
    public string? EnteredBy { get; init; }

    /// <summary>A note for the trace (e.g. the survey campaign or the reason for manual entry).</summary>
    public string? Note { get; init; }

    /// <summary>The providing module's own explanation, attached under the component in the trace.</summary>
    public TraceNode? Detail { get; init; }
}

/// <summary>Kinds of adjustment events.</summary>
public enum AdjustmentKind
{
    /// <summary>Points added to the overall score (加分).</summary>
    Bonus,

    /// <summary>Points taken from the overall score (减分).</summary>
    Deduction,

    /// <summary>A veto (一票否决): the unit gets the veto grade and takes no quota place.</summary>
    Veto,

    /// <summary>A grade cap (不得评为…): the unit's grade is no better than <see cref="Adjustment.MaxGrade"/>.</summary>
    GradeCap,
}

/// <summary>A bonus, deduction, veto or grade cap applied to one unit, with its evidence and approval.</summary>
/// <param name="Kind">What the event does.</param>
/// <param name="Points">Points added (bonus) or taken (deduction), as a positive number; 0 for veto and cap.</param>
/// <param name="Reason">Why, as the unit will read it.</param>
public sealed record Adjustment(AdjustmentKind Kind, decimal Points, string Reason)
{
    /// <summary>For a grade cap, the best grade the unit can get (by name).</summary>
    public string? MaxGrade { get; init; }

    /// <summary>Reference to the evidence file.</summary>
    public string? Evidence { get; init; }

    /// <summary>Who entered the event.</summary>
    public string? EnteredBy { get; init; }

    /// <summary>Who approved it.</summary>
    public string? ApprovedBy { get; init; }
}

/// <summary>One appraised unit's inputs.</summary>
/// <param name="Id">Stable unit code, unique in the year; results are ordered and hashed by it.</param>
/// <param name="Name">Display name.</param>
/// <param name="CategoryCode">The <see cref="CategorySpec.Code"/> of its category.</param>
/// <param name="Values">Targets and actual values per leaf; fastest in the tree's leaf order, but any order works. A leaf without a value is missing (未报送).</param>
public sealed record UnitInput(string Id, string Name, string CategoryCode, ImmutableArray<LeafValue> Values)
{
    /// <summary>Scores of the category's provided components.</summary>
    public ImmutableArray<ComponentValue> Components { get; init; } = [];

    /// <summary>Bonuses, deductions, vetoes and caps.</summary>
    public ImmutableArray<Adjustment> Adjustments { get; init; } = [];
}

/// <summary>How the number of quota places is rounded from share × number of units.</summary>
public enum QuotaRounding
{
    /// <summary>Down: 30% of 11 units = 3 places (the quota is a ceiling).</summary>
    Floor,

    /// <summary>Up: 30% of 11 units = 4 places.</summary>
    Ceiling,

    /// <summary>Half away from zero, Baton's rounding rule: 30% of 5 = 1.5 → 2 places.</summary>
    HalfAwayFromZero,
}

/// <summary>What happens when units tied on rank straddle the last quota place.</summary>
public enum QuotaTieRule
{
    /// <summary>None of the tied units takes the grade; the remaining places stay empty (the quota is never exceeded).</summary>
    ExcludeTied,

    /// <summary>All tied units take the grade, exceeding the quota.</summary>
    IncludeTied,
}

/// <summary>A limit on how many units of a category may get a grade.</summary>
/// <param name="MaxShare">Largest share of the category's units, as a fraction (0.3 = 30%).</param>
/// <param name="Rounding">How share × units becomes a whole number of places.</param>
public sealed record Quota(decimal MaxShare, QuotaRounding Rounding = QuotaRounding.Floor)
{
    /// <summary>The number of places for a category of <paramref name="units"/> units.</summary>
    public int Places(int units)
    {
        var exact = MaxShare * units;
        return (int)(Rounding switch
        {
            QuotaRounding.Floor => decimal.Floor(exact),
            QuotaRounding.Ceiling => decimal.Ceiling(exact),
            _ => Results.Rounding.Round(exact, 0),
        });
    }
}

/// <summary>A grade (等次) and the lowest overall score that reaches it.</summary>
/// <param name="Name">Grade name (优秀, 良好, 一般, 较差; configurable per year).</param>
/// <param name="MinScore">Lowest overall score, in points, for the grade.</param>
public sealed record GradeBand(string Name, decimal MinScore)
{
    /// <summary>The quota on this grade, or null for none.</summary>
    public Quota? Quota { get; init; }

    /// <summary>Target-award coefficient of the grade (1.2 = 120% of the base amount).</summary>
    public decimal AwardCoefficient { get; init; }
}

/// <summary>A category's grades, best first, and how ties at a quota line are treated.</summary>
/// <param name="Bands">Grades from best to worst, with strictly decreasing <see cref="GradeBand.MinScore"/>; a unit below every band gets the last.</param>
public sealed record GradePolicy(ImmutableArray<GradeBand> Bands)
{
    /// <summary>Rule for units tied across a quota line; recorded with the result.</summary>
    public QuotaTieRule QuotaTies { get; init; } = QuotaTieRule.ExcludeTied;

    /// <summary>The grade a vetoed unit gets, or null for the last (worst) band.</summary>
    public string? VetoGrade { get; init; }
}
