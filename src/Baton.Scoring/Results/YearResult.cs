using System.Collections.Immutable;

namespace Baton.Scoring.Results;

/// <summary>The scored year: every category's ranked units, and the award scale applied.</summary>
public sealed class YearResult
{
    private readonly Dictionary<string, UnitResult> byId;

    internal YearResult(YearInput input, ImmutableArray<CategoryResult> categories, decimal awardScale, decimal awardTotal)
    {
        Input = input;
        Categories = categories;
        AwardScale = awardScale;
        AwardTotal = awardTotal;
        byId = new Dictionary<string, UnitResult>(input.Units.Length, StringComparer.Ordinal);
        foreach (var category in categories)
        {
            foreach (var unit in category.Units)
            {
                byId.Add(unit.Id, unit);
            }
        }
    }

    /// <summary>The inputs these results were computed from.</summary>
    public YearInput Input { get; }

    /// <summary>The year's code.</summary>
    public string Year => Input.Year;

    /// <summary>Categories ordered by code (ordinal), each with its units in rank order.</summary>
    public ImmutableArray<CategoryResult> Categories { get; }

    /// <summary>
    /// The factor applied to every unit's base × coefficient so the awards fit the budget: 1 when they
    /// already fit or there is no budget, less than 1 otherwise (full precision).
    /// </summary>
    public decimal AwardScale { get; }

    /// <summary>The sum of all units' target awards in yuan, never more than the budget.</summary>
    public decimal AwardTotal { get; }

    /// <summary>The result of the unit with <paramref name="unitId"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such unit in the year.</exception>
    public UnitResult Unit(string unitId) => byId[unitId];

    /// <summary>The unit's full explanation, from the overall score down to every leaf.</summary>
    public TraceNode Explain(string unitId) => Unit(unitId).Explain();
}

/// <summary>One category's ranking, quotas and the rules used for ties.</summary>
public sealed class CategoryResult
{
    internal CategoryResult(CategorySpec spec, ImmutableArray<UnitResult> units, ImmutableArray<QuotaOutcome> quotas)
    {
        Spec = spec;
        Units = units;
        Quotas = quotas;
    }

    /// <summary>The category's definition.</summary>
    public CategorySpec Spec { get; }

    /// <summary>The category's code.</summary>
    public string Code => Spec.Code;

    /// <summary>The category's name.</summary>
    public string Name => Spec.Name;

    /// <summary>Units by rank (then by unit code for equal ranks).</summary>
    public ImmutableArray<UnitResult> Units { get; }

    /// <summary>Every quota of the category: places available and taken.</summary>
    public ImmutableArray<QuotaOutcome> Quotas { get; }

    /// <summary>The tie-break rule used for ranking, in words (recorded with the result).</summary>
    public string TieBreakDescription => Describe(Spec.TieBreak);

    internal static string Describe(TieBreak tieBreak) => tieBreak switch
    {
        TieBreak.IndicatorsThenShared => "综合得分相同的，指标考核得分高者排名在前；仍相同的并列（竞争排名：1、2、2、4）",
        _ => "综合得分相同的并列，后续名次顺延（竞争排名：1、2、2、4）",
    };

    /// <summary>The rule for units tied across a quota line, in words (recorded with the result).</summary>
    public string QuotaTieDescription => Spec.Grades.QuotaTies switch
    {
        QuotaTieRule.IncludeTied => "名额线上并列的单位全部进入该等次，可超出名额",
        _ => "名额线上并列、名额不足以容纳全部并列单位的，并列单位均不进入该等次，余下名额空缺",
    };
}

/// <summary>A quota's outcome in one category.</summary>
/// <param name="Grade">The grade the quota limits.</param>
/// <param name="MaxShare">Largest share of units, as a fraction.</param>
/// <param name="Rounding">How the places were rounded.</param>
/// <param name="Units">Units in the category (the base of the share).</param>
/// <param name="Places">Places available: MaxShare × Units, rounded by <paramref name="Rounding"/>.</param>
/// <param name="Taken">Places taken; more than <paramref name="Places"/> only under <see cref="QuotaTieRule.IncludeTied"/>.</param>
public sealed record QuotaOutcome(string Grade, decimal MaxShare, QuotaRounding Rounding, int Units, int Places, int Taken)
{
    /// <summary>The computation in words, e.g. "优秀名额 = 11 × 30.0% = 3.3，向下取整为 3 名".</summary>
    public string Rule => Grade + "名额 = " + Units.ToString(System.Globalization.CultureInfo.InvariantCulture) + " × " + TraceFormat.Percent(MaxShare)
        + " = " + TraceFormat.Number(MaxShare * Units) + "，" + Rounding switch
        {
            QuotaRounding.Ceiling => "向上取整",
            QuotaRounding.HalfAwayFromZero => "四舍五入",
            _ => "向下取整",
        } + "为 " + Places.ToString(System.Globalization.CultureInfo.InvariantCulture) + " 名";
}

/// <summary>A unit's score on one component of the overall score.</summary>
/// <param name="Code">Component code.</param>
/// <param name="Name">Component name.</param>
/// <param name="Weight">Its weight, as a fraction.</param>
/// <param name="Score">Normalised score on a 100-point scale (百分制), rounded.</param>
/// <param name="HandEntered">True when the office entered the value by hand.</param>
/// <param name="Missing">True when a weighted provided component had no value (scored 0, 未报送); <see cref="ScoringEngine.MissingComponents"/> lists these before scoring.</param>
public sealed record ComponentResult(string Code, string Name, decimal Weight, decimal Score, bool HandEntered, bool Missing);

/// <summary>One unit's result. All scores are rounded with <see cref="Rounding"/> at the year's precision.</summary>
public sealed class UnitResult
{
    private readonly decimal[] leafPoints;

    internal UnitResult(UnitInput input, CategoryContext category, decimal[] leafPoints, in UnitWork work)
    {
        Input = input;
        Category = category;
        this.leafPoints = leafPoints;
        IndicatorScore = work.Indicators;
        Components = work.Components;
        Bonus = work.Bonus;
        Deduction = work.Deduction;
        Overall = work.Overall;
        Vetoed = work.Vetoed;
        MaxGrade = work.CapIndex >= 0 ? category.Spec.Grades.Bands[work.CapIndex].Name : null;
        Rank = work.Rank;
        Grade = category.Spec.Grades.Bands[work.GradeIndex].Name;
        GradeReason = work.GradeReason ?? string.Empty;
        Award = work.Award;
        AwardScale = work.AwardScale;
    }

    internal decimal AwardScale { get; }

    internal UnitInput Input { get; }

    internal CategoryContext Category { get; }

    /// <summary>The unit's code.</summary>
    public string Id => Input.Id;

    /// <summary>The unit's name.</summary>
    public string Name => Input.Name;

    /// <summary>The unit's category code.</summary>
    public string CategoryCode => Input.CategoryCode;

    /// <summary>The indicator component on a 100-point scale (百分制): root points ÷ root maximum × 100.</summary>
    public decimal IndicatorScore { get; }

    /// <summary>Every component in the category's order, normalised to 100.</summary>
    public ImmutableArray<ComponentResult> Components { get; }

    /// <summary>Bonus points added to the overall score, after the category's cap.</summary>
    public decimal Bonus { get; }

    /// <summary>Deduction points taken from the overall score (a positive number), after the category's cap.</summary>
    public decimal Deduction { get; }

    /// <summary>综合得分: Σ weight × component + bonus − deduction, rounded once.</summary>
    public decimal Overall { get; }

    /// <summary>Rank within the category by competition ranking (1, 2, 2, 4).</summary>
    public int Rank { get; }

    /// <summary>The grade awarded, after bands, quotas, vetoes and caps.</summary>
    public string Grade { get; }

    /// <summary>Why the unit got its grade, in Chinese.</summary>
    public string GradeReason { get; }

    /// <summary>True when a veto applies (一票否决).</summary>
    public bool Vetoed { get; }

    /// <summary>True when a grade cap applies.</summary>
    public bool Capped => MaxGrade is not null;

    /// <summary>The best grade a cap allows, or null when no cap applies.</summary>
    public string? MaxGrade { get; }

    /// <summary>Target award in yuan, rounded to the fen, after scaling to the budget.</summary>
    public decimal Award { get; }

    /// <summary>Each leaf's rounded points in the category tree's leaf order (depth-first).</summary>
    public ReadOnlySpan<decimal> LeafPoints => leafPoints;

    /// <summary>The rounded points of the leaf <paramref name="leafId"/>.</summary>
    public decimal PointsOf(string leafId) => leafPoints[Category.Tree.LeafIndex[leafId]];

    /// <summary>Builds the explanation tree (on demand: traces are not kept for every unit).</summary>
    public TraceNode Explain() => Explanation.Build(this);
}
