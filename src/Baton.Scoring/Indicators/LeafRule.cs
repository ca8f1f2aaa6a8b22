using System.Collections.Immutable;
using System.Text;
using Baton.Scoring.Results;

namespace Baton.Scoring.Indicators;

/// <summary>What a leaf's evaluation found besides its points.</summary>
[Flags]
public enum LeafFlags
{
    /// <summary>Nothing special.</summary>
    None = 0,
    /// <summary>A value the rule needs was not reported (未报送); the leaf scored 0.</summary>
    Missing = 1,
    /// <summary>A veto event occurred (一票否决).</summary>
    Veto = 2,
    /// <summary>A grade-cap event occurred (不得评为…).</summary>
    GradeCap = 4,
}

/// <summary>A leaf's points before rounding, and its flags.</summary>
internal readonly record struct LeafOutcome(decimal Points, LeafFlags Flags);

/// <summary>
/// How a leaf turns a unit's <see cref="LeafValue"/> into points (计分规则, DESIGN.md §5.1).
/// The set of rules is closed: every kind is a sealed record in this file.
/// Points returned are before rounding; the engine rounds each leaf once with <see cref="Rounding"/>.
/// </summary>
public abstract record LeafRule
{
    private protected LeafRule() { }

    /// <summary>The rule's name as the office reads it (完成率, 分档, …).</summary>
    public abstract string Kind { get; }

    /// <summary>True when the rule divides by the target, so targets must be positive.</summary>
    public virtual bool NeedsTarget => false;

    internal abstract LeafOutcome Evaluate(IndicatorLeaf leaf, LeafValue? value);

    /// <summary>The formula as the unit reads it, ending with the leaf's rounded points.</summary>
    internal abstract string Explain(IndicatorLeaf leaf, LeafValue? value, decimal roundedPoints, int decimals);

    /// <summary>Messages about the rule itself (complete, sensible parameters).</summary>
    internal abstract void Validate(IndicatorLeaf leaf, List<string> messages);

    /// <summary>A canonical, culture-independent description for the snapshot hash.</summary>
    internal abstract string Canonical { get; }

    internal static string Missing(int decimals) => "未报送，得 " + TraceFormat.Points(0m, decimals) + " 分";

    /// <summary>
    /// actual ÷ target, or target ÷ actual for a reverse indicator. A reverse indicator whose actual
    /// is 0 (e.g. zero accidents) has reached the best possible value: completion is
    /// <see cref="decimal.MaxValue"/>, which every rule then clamps to its cap.
    /// </summary>
    internal static decimal Completion(IndicatorLeaf leaf, decimal target, decimal actual, bool reverse)
    {
        if (target <= 0)
        {
            throw new ArgumentException($"指标“{leaf.Name}”的目标值须大于 0（应在考核年度离开草稿前校验）。", nameof(target));
        }
        if (!reverse)
        {
            return actual / target;
        }
        return actual <= 0 ? decimal.MaxValue : target / actual;
    }

    internal static string CompletionText(decimal target, decimal actual, bool reverse, decimal completion)
    {
        if (reverse && actual <= 0)
        {
            return "实际 " + TraceFormat.Number(actual) + "，逆向指标实际为 0 视为最优";
        }
        return reverse
            ? "完成率 = 目标 " + TraceFormat.Number(target) + " ÷ 实际 " + TraceFormat.Number(actual) + " = " + TraceFormat.Percent(completion) + "（逆向指标）"
            : "完成率 = 实际 " + TraceFormat.Number(actual) + " ÷ 目标 " + TraceFormat.Number(target) + " = " + TraceFormat.Percent(completion);
    }
}

/// <summary>
/// Completion rate (完成率): points × clamp(actual ÷ target, <see cref="Floor"/>, <see cref="Cap"/>).
/// A reverse indicator (lower is better, e.g. energy per unit of GDP) uses target ÷ actual; a reverse
/// indicator with actual 0 gets the cap. Reads <see cref="LeafValue.Target"/> and <see cref="LeafValue.Actual"/>.
/// </summary>
/// <param name="Floor">Lowest completion credited, as a fraction (0 = none; 0.6 = at least 60%).</param>
/// <param name="Cap">Highest completion credited, as a fraction (1 = full points at most; 1.2 allows 120%).</param>
/// <param name="Reverse">True for a reverse indicator (逆向指标).</param>
public sealed record CompletionRateRule(decimal Floor = 0m, decimal Cap = 1m, bool Reverse = false) : LeafRule
{
    /// <inheritdoc />
    public override string Kind => Reverse ? "完成率（逆向）" : "完成率";

    /// <inheritdoc />
    public override bool NeedsTarget => true;

    internal override string Canonical => $"completion;{TraceFormat.Number(Floor)};{TraceFormat.Number(Cap)};{(Reverse ? 1 : 0)}";

    private decimal Credited(decimal completion) => Math.Clamp(completion, Floor, Cap);

    internal override LeafOutcome Evaluate(IndicatorLeaf leaf, LeafValue? value)
    {
        if (value?.Actual is not { } actual || value.Target is not { } target)
        {
            return new(0m, LeafFlags.Missing);
        }
        return new(leaf.Points * Credited(Completion(leaf, target, actual, Reverse)), LeafFlags.None);
    }

    internal override string Explain(IndicatorLeaf leaf, LeafValue? value, decimal roundedPoints, int decimals)
    {
        if (value?.Actual is not { } actual || value.Target is not { } target)
        {
            return Missing(decimals);
        }
        var completion = Completion(leaf, target, actual, Reverse);
        var credited = Credited(completion);
        var text = new StringBuilder(CompletionText(target, actual, Reverse, completion));
        if (completion > Cap)
        {
            text.Append("，按上限 ").Append(TraceFormat.Percent(Cap)).Append(" 计");
        }
        else if (completion < Floor)
        {
            text.Append("，按下限 ").Append(TraceFormat.Percent(Floor)).Append(" 计");
        }
        text.Append("；得分 = 完成率 ").Append(TraceFormat.Percent(credited)).Append(" × ")
            .Append(TraceFormat.Number(leaf.Points)).Append(" 分 = ").Append(TraceFormat.Points(roundedPoints, decimals)).Append(" 分");
        return text.ToString();
    }

    internal override void Validate(IndicatorLeaf leaf, List<string> messages)
    {
        if (Floor < 0 || Cap <= 0 || Cap < Floor)
        {
            messages.Add($"指标“{leaf.Name}”的完成率下限须不小于 0，上限须大于 0 且不小于下限。");
        }
    }
}

/// <summary>One tier of a <see cref="TierRule"/>: completion of at least <paramref name="MinCompletion"/> earns <paramref name="Fraction"/> of the points.</summary>
/// <param name="MinCompletion">Threshold on completion, as a fraction (0.8 = 80%).</param>
/// <param name="Fraction">Share of the leaf's points earned, from 0 to 1.</param>
public sealed record Tier(decimal MinCompletion, decimal Fraction);

/// <summary>
/// Tiers (分档): the highest tier whose threshold the completion reaches gives its fraction of the
/// points; below the lowest tier the leaf scores 0. Completion as in <see cref="CompletionRateRule"/>
/// (a reverse indicator with actual 0 reaches every tier). Tiers are listed in ascending threshold order.
/// </summary>
public sealed record TierRule(ImmutableArray<Tier> Tiers, bool Reverse = false) : LeafRule
{
    /// <inheritdoc />
    public override string Kind => "分档";

    /// <inheritdoc />
    public override bool NeedsTarget => true;

    internal override string Canonical
    {
        get
        {
            var text = new StringBuilder("tiers;").Append(Reverse ? 1 : 0);
            foreach (var tier in Tiers.IsDefault ? [] : Tiers)
            {
                text.Append(';').Append(TraceFormat.Number(tier.MinCompletion)).Append('>').Append(TraceFormat.Number(tier.Fraction));
            }
            return text.ToString();
        }
    }

    private Tier? Reached(decimal completion)
    {
        Tier? reached = null;
        foreach (var tier in Tiers)
        {
            if (completion >= tier.MinCompletion)
            {
                reached = tier;
            }
        }
        return reached;
    }

    internal override LeafOutcome Evaluate(IndicatorLeaf leaf, LeafValue? value)
    {
        if (value?.Actual is not { } actual || value.Target is not { } target)
        {
            return new(0m, LeafFlags.Missing);
        }
        var tier = Reached(Completion(leaf, target, actual, Reverse));
        return new(tier is null ? 0m : leaf.Points * tier.Fraction, LeafFlags.None);
    }

    internal override string Explain(IndicatorLeaf leaf, LeafValue? value, decimal roundedPoints, int decimals)
    {
        if (value?.Actual is not { } actual || value.Target is not { } target)
        {
            return Missing(decimals);
        }
        var completion = Completion(leaf, target, actual, Reverse);
        var tier = Reached(completion);
        var text = CompletionText(target, actual, Reverse, completion);
        return tier is null
            ? text + "，未达到最低档 " + TraceFormat.Percent(Tiers[0].MinCompletion) + "；得分 = " + TraceFormat.Points(roundedPoints, decimals) + " 分"
            : text + "，达到 ≥" + TraceFormat.Percent(tier.MinCompletion) + " 档；得分 = " + TraceFormat.Percent(tier.Fraction) + " × "
                + TraceFormat.Number(leaf.Points) + " 分 = " + TraceFormat.Points(roundedPoints, decimals) + " 分";
    }

    internal override void Validate(IndicatorLeaf leaf, List<string> messages)
    {
        if (Tiers.IsDefaultOrEmpty)
        {
            messages.Add($"指标“{leaf.Name}”的分档规则没有设置档次。");
            return;
        }
        for (var i = 0; i < Tiers.Length; i++)
        {
            if (Tiers[i].Fraction < 0 || Tiers[i].Fraction > 1)
            {
                messages.Add($"指标“{leaf.Name}”第 {i + 1} 档的得分比例须在 0 到 1 之间。");
            }
            if (i > 0 && Tiers[i].MinCompletion <= Tiers[i - 1].MinCompletion)
            {
                messages.Add($"指标“{leaf.Name}”的档次须按完成率从低到高排列，第 {i + 1} 档不高于上一档。");
            }
        }
    }
}

/// <summary>
/// Base plus excess (基本分 + 超额加分): below target, points × completion; at target, full points;
/// above it, <see cref="PointsPerStep"/> more for every full <see cref="Step"/> of completion beyond
/// 100%, at most <see cref="MaxExtraPoints"/> when it is set. With a cap the leaf can score up to
/// <see cref="IndicatorLeaf.Points"/> + <see cref="MaxExtraPoints"/>; without one (null) there is no upper limit.
/// </summary>
/// <param name="Step">The excess that earns one step, as a fraction (0.05 = every 5%).</param>
/// <param name="PointsPerStep">Points added per full step (k).</param>
/// <param name="MaxExtraPoints">Most points the excess can add; null for no cap (不设上限), 0 for no extra points at all.</param>
public sealed record BaseExcessRule(decimal Step, decimal PointsPerStep, decimal? MaxExtraPoints) : LeafRule
{
    /// <inheritdoc />
    public override string Kind => "基本分加超额";

    /// <inheritdoc />
    public override bool NeedsTarget => true;

    internal override string Canonical =>
        $"excess;{TraceFormat.Number(Step)};{TraceFormat.Number(PointsPerStep)};{(MaxExtraPoints is { } max ? TraceFormat.Number(max) : "none")}";

    private decimal Extra(decimal completion)
    {
        var extra = PointsPerStep * decimal.Floor((completion - 1m) / Step);
        return MaxExtraPoints is { } max ? Math.Min(extra, max) : extra;
    }

    /// <summary>How the cap reads in a formula: "最多加 2 分", "不设上限" or "超额不加分".</summary>
    internal string CapText => MaxExtraPoints switch
    {
        null => "不设上限",
        0m => "超额不加分",
        { } max => "最多加 " + TraceFormat.Number(max) + " 分",
    };

    internal override LeafOutcome Evaluate(IndicatorLeaf leaf, LeafValue? value)
    {
        if (value?.Actual is not { } actual || value.Target is not { } target)
        {
            return new(0m, LeafFlags.Missing);
        }
        var completion = Completion(leaf, target, actual, reverse: false);
        return new(completion < 1m ? leaf.Points * Math.Max(completion, 0m) : leaf.Points + Extra(completion), LeafFlags.None);
    }

    internal override string Explain(IndicatorLeaf leaf, LeafValue? value, decimal roundedPoints, int decimals)
    {
        if (value?.Actual is not { } actual || value.Target is not { } target)
        {
            return Missing(decimals);
        }
        var completion = Completion(leaf, target, actual, reverse: false);
        var text = CompletionText(target, actual, false, completion);
        if (completion < 1m)
        {
            return text + "；得分 = 完成率 " + TraceFormat.Percent(Math.Max(completion, 0m)) + " × " + TraceFormat.Number(leaf.Points)
                + " 分 = " + TraceFormat.Points(roundedPoints, decimals) + " 分";
        }
        return text + "；超额 " + TraceFormat.Percent(completion - 1m) + "，每超 " + TraceFormat.Percent(Step) + " 加 "
            + TraceFormat.Number(PointsPerStep) + " 分（" + CapText + "），加 "
            + TraceFormat.Points(Extra(completion), decimals) + " 分；得分 = " + TraceFormat.Number(leaf.Points) + " 分 + "
            + TraceFormat.Points(Extra(completion), decimals) + " 分 = " + TraceFormat.Points(roundedPoints, decimals) + " 分";
    }

    internal override void Validate(IndicatorLeaf leaf, List<string> messages)
    {
        if (Step <= 0 || PointsPerStep < 0 || MaxExtraPoints < 0)
        {
            messages.Add($"指标“{leaf.Name}”的超额加分规则不完整：超额步长须大于 0，每步加分和加分上限不能为负（不设上限则留空）。");
        }
    }
}

/// <summary>One grade of a <see cref="GradedRule"/> and the share of the points it earns (0 to 1).</summary>
public sealed record GradeFraction(string Grade, decimal Fraction);

/// <summary>
/// Graded, qualitative (定性评价): the lead unit gives a grade (<see cref="LeafValue.Grade"/>) and the
/// leaf earns that grade's fraction of its points. A grade that is not in the table scores 0 and the
/// trace says so. <see cref="Default"/> is 好 1.0 / 较好 0.8 / 一般 0.6 / 差 0.
/// </summary>
public sealed record GradedRule(ImmutableArray<GradeFraction> Grades) : LeafRule
{
    /// <summary>好 1.0 / 较好 0.8 / 一般 0.6 / 差 0.</summary>
    public static GradedRule Default { get; } = new([new("好", 1.0m), new("较好", 0.8m), new("一般", 0.6m), new("差", 0m)]);

    /// <inheritdoc />
    public override string Kind => "定性评价";

    internal override string Canonical
    {
        get
        {
            var text = new StringBuilder("graded");
            foreach (var g in Grades.IsDefault ? [] : Grades)
            {
                text.Append(';').Append(g.Grade).Append('>').Append(TraceFormat.Number(g.Fraction));
            }
            return text.ToString();
        }
    }

    private GradeFraction? Find(string grade)
    {
        foreach (var g in Grades)
        {
            if (string.Equals(g.Grade, grade, StringComparison.Ordinal))
            {
                return g;
            }
        }
        return null;
    }

    internal override LeafOutcome Evaluate(IndicatorLeaf leaf, LeafValue? value)
    {
        if (value?.Grade is not { } grade)
        {
            return new(0m, LeafFlags.Missing);
        }
        return new(leaf.Points * (Find(grade)?.Fraction ?? 0m), LeafFlags.None);
    }

    internal override string Explain(IndicatorLeaf leaf, LeafValue? value, decimal roundedPoints, int decimals)
    {
        if (value?.Grade is not { } grade)
        {
            return Missing(decimals);
        }
        return Find(grade) is { } g
            ? "评价等次：" + grade + "，计 " + TraceFormat.Percent(g.Fraction) + "；得分 = " + TraceFormat.Percent(g.Fraction) + " × "
                + TraceFormat.Number(leaf.Points) + " 分 = " + TraceFormat.Points(roundedPoints, decimals) + " 分"
            : "评价等次“" + grade + "”不在规则中，按 0 分计";
    }

    internal override void Validate(IndicatorLeaf leaf, List<string> messages)
    {
        if (Grades.IsDefaultOrEmpty)
        {
            messages.Add($"指标“{leaf.Name}”的定性评价规则没有设置等次。");
            return;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in Grades)
        {
            if (string.IsNullOrWhiteSpace(g.Grade) || !seen.Add(g.Grade))
            {
                messages.Add($"指标“{leaf.Name}”的评价等次名称为空或重复。");
            }
            if (g.Fraction < 0 || g.Fraction > 1)
            {
                messages.Add($"指标“{leaf.Name}”等次“{g.Grade}”的得分比例须在 0 到 1 之间。");
            }
        }
    }
}

/// <summary>
/// Time progress (时序进度，日常考核): each month with a positive cumulative plan
/// (<see cref="LeafValue.MonthlyPlan"/>) is scored min(cumulative actual ÷ plan, <see cref="Cap"/>);
/// an unreported month (<see cref="LeafValue.MonthlyActual"/> null or absent) counts 0. The leaf earns
/// points × the average over those months. Months whose plan is 0 are not scored.
/// </summary>
/// <param name="Cap">Highest monthly completion credited, as a fraction.</param>
public sealed record TimeProgressRule(decimal Cap = 1m) : LeafRule
{
    /// <inheritdoc />
    public override string Kind => "时序进度";

    /// <inheritdoc />
    public override bool NeedsTarget => false;

    internal override string Canonical => "progress;" + TraceFormat.Number(Cap);

    private decimal Average(LeafValue value, StringBuilder? text)
    {
        var sum = 0m;
        var months = 0;
        for (var m = 0; m < value.MonthlyPlan.Length; m++)
        {
            var plan = value.MonthlyPlan[m];
            if (plan <= 0)
            {
                continue;
            }
            months++;
            decimal? actual = m < value.MonthlyActual.Length ? value.MonthlyActual[m] : null;
            var credited = actual is { } a ? Math.Clamp(a / plan, 0m, Cap) : 0m;
            sum += credited;
            if (text is not null)
            {
                text.Append(m + 1).Append("月 ");
                text.Append(actual is { } b
                    ? "完成 " + TraceFormat.Number(b) + " ÷ 计划 " + TraceFormat.Number(plan) + " = " + TraceFormat.Percent(credited)
                    : "未报送 0.0%");
                text.Append('；');
            }
        }
        return months == 0 ? 0m : sum / months;
    }

    internal override LeafOutcome Evaluate(IndicatorLeaf leaf, LeafValue? value)
    {
        if (value is null || value.MonthlyPlan.IsDefaultOrEmpty || value.MonthlyActual.IsDefaultOrEmpty)
        {
            return new(0m, LeafFlags.Missing);
        }
        return new(leaf.Points * Average(value, null), LeafFlags.None);
    }

    internal override string Explain(IndicatorLeaf leaf, LeafValue? value, decimal roundedPoints, int decimals)
    {
        if (value is null || value.MonthlyPlan.IsDefaultOrEmpty || value.MonthlyActual.IsDefaultOrEmpty)
        {
            return Missing(decimals);
        }
        var text = new StringBuilder();
        var average = Average(value, text);
        text.Append("平均时序完成率 ").Append(TraceFormat.Percent(average)).Append("；得分 = ").Append(TraceFormat.Percent(average))
            .Append(" × ").Append(TraceFormat.Number(leaf.Points)).Append(" 分 = ").Append(TraceFormat.Points(roundedPoints, decimals)).Append(" 分");
        return text.ToString();
    }

    internal override void Validate(IndicatorLeaf leaf, List<string> messages)
    {
        if (Cap <= 0)
        {
            messages.Add($"指标“{leaf.Name}”的时序进度上限须大于 0。");
        }
    }
}

/// <summary>
/// Deduction per occurrence (按次扣分): the leaf starts at its points and loses
/// <see cref="PointsPerOccurrence"/> for each occurrence (<see cref="LeafValue.Actual"/>), never below
/// <see cref="Floor"/>. Occurrences are recorded by inspectors, so no value means none recorded: full points.
/// </summary>
/// <param name="PointsPerOccurrence">Points taken per occurrence.</param>
/// <param name="Floor">Lowest points the leaf can fall to (usually 0).</param>
public sealed record DeductionRule(decimal PointsPerOccurrence, decimal Floor = 0m) : LeafRule
{
    /// <inheritdoc />
    public override string Kind => "按次扣分";

    internal override string Canonical => $"deduct;{TraceFormat.Number(PointsPerOccurrence)};{TraceFormat.Number(Floor)}";

    internal override LeafOutcome Evaluate(IndicatorLeaf leaf, LeafValue? value)
    {
        var count = Math.Max(value?.Actual ?? 0m, 0m);
        return new(Math.Max(leaf.Points - (PointsPerOccurrence * count), Floor), LeafFlags.None);
    }

    internal override string Explain(IndicatorLeaf leaf, LeafValue? value, decimal roundedPoints, int decimals)
    {
        var count = Math.Max(value?.Actual ?? 0m, 0m);
        var taken = PointsPerOccurrence * count;
        var text = (value?.Actual is null ? "未记录扣分事项，按 0 次计" : "发生 " + TraceFormat.Number(count) + " 次，每次扣 " + TraceFormat.Number(PointsPerOccurrence) + " 分")
            + "；得分 = " + TraceFormat.Number(leaf.Points) + " 分 − " + TraceFormat.Number(taken) + " 分";
        if (leaf.Points - taken < Floor)
        {
            text += "，扣至下限 " + TraceFormat.Number(Floor) + " 分";
        }
        return text + " = " + TraceFormat.Points(roundedPoints, decimals) + " 分";
    }

    internal override void Validate(IndicatorLeaf leaf, List<string> messages)
    {
        if (PointsPerOccurrence <= 0 || Floor < 0 || Floor > leaf.Points)
        {
            messages.Add($"指标“{leaf.Name}”的扣分规则不完整：每次扣分须大于 0，下限须在 0 与分值之间。");
        }
    }
}

/// <summary>
/// Bonus per item (按项加分): <see cref="PointsPerItem"/> for each item (<see cref="LeafValue.Actual"/>),
/// capped at the leaf's points. No value means no item recorded: 0 points.
/// </summary>
/// <param name="PointsPerItem">Points per item.</param>
public sealed record BonusPerItemRule(decimal PointsPerItem) : LeafRule
{
    /// <inheritdoc />
    public override string Kind => "按项加分";

    internal override string Canonical => "bonus;" + TraceFormat.Number(PointsPerItem);

    internal override LeafOutcome Evaluate(IndicatorLeaf leaf, LeafValue? value)
    {
        var count = Math.Max(value?.Actual ?? 0m, 0m);
        return new(Math.Min(PointsPerItem * count, leaf.Points), LeafFlags.None);
    }

    internal override string Explain(IndicatorLeaf leaf, LeafValue? value, decimal roundedPoints, int decimals)
    {
        var count = Math.Max(value?.Actual ?? 0m, 0m);
        var raw = PointsPerItem * count;
        return (value?.Actual is null ? "未记录加分事项，按 0 项计" : TraceFormat.Number(count) + " 项 × 每项 " + TraceFormat.Number(PointsPerItem) + " 分 = " + TraceFormat.Number(raw) + " 分")
            + (raw > leaf.Points ? "，按上限 " + TraceFormat.Number(leaf.Points) + " 分计" : string.Empty)
            + "；得分 = " + TraceFormat.Points(roundedPoints, decimals) + " 分";
    }

    internal override void Validate(IndicatorLeaf leaf, List<string> messages)
    {
        if (PointsPerItem <= 0)
        {
            messages.Add($"指标“{leaf.Name}”的每项加分须大于 0。");
        }
    }
}

/// <summary>
/// Veto leaf (一票否决): scores no points; an occurrence (<see cref="LeafValue.Actual"/> &gt; 0) puts the unit
/// under a veto. No value means no occurrence.
/// </summary>
public sealed record VetoRule : LeafRule
{
    /// <inheritdoc />
    public override string Kind => "一票否决";

    internal override string Canonical => "veto";

    internal override LeafOutcome Evaluate(IndicatorLeaf leaf, LeafValue? value) =>
        new(0m, value?.Actual > 0m ? LeafFlags.Veto : LeafFlags.None);

    internal override string Explain(IndicatorLeaf leaf, LeafValue? value, decimal roundedPoints, int decimals) =>
        value?.Actual > 0m ? "发生一票否决事项 " + TraceFormat.Number(value.Actual) + " 次，实行一票否决" : "未发生一票否决事项";

    internal override void Validate(IndicatorLeaf leaf, List<string> messages)
    {
        if (leaf.Points != 0)
        {
            messages.Add($"一票否决指标“{leaf.Name}”不计分，分值应为 0。");
        }
    }
}

/// <summary>
/// Grade-cap leaf (不得评为…): scores no points; an occurrence (<see cref="LeafValue.Actual"/> &gt; 0) means the
/// unit's grade can be no better than <see cref="MaxGrade"/>. No value means no occurrence.
/// </summary>
/// <param name="MaxGrade">The best grade the unit can then get, by name (e.g. 良好).</param>
public sealed record GradeCapRule(string MaxGrade) : LeafRule
{
    /// <inheritdoc />
    public override string Kind => "等次封顶";

    internal override string Canonical => "cap;" + MaxGrade;

    internal override LeafOutcome Evaluate(IndicatorLeaf leaf, LeafValue? value) =>
        new(0m, value?.Actual > 0m ? LeafFlags.GradeCap : LeafFlags.None);

    internal override string Explain(IndicatorLeaf leaf, LeafValue? value, decimal roundedPoints, int decimals) =>
        value?.Actual > 0m ? "发生限制等次事项 " + TraceFormat.Number(value.Actual) + " 次，等次最高为" + MaxGrade : "未发生限制等次事项";

    internal override void Validate(IndicatorLeaf leaf, List<string> messages)
    {
        if (leaf.Points != 0)
        {
            messages.Add($"等次封顶指标“{leaf.Name}”不计分，分值应为 0。");
        }
        if (string.IsNullOrWhiteSpace(MaxGrade))
        {
            messages.Add($"等次封顶指标“{leaf.Name}”没有设置最高等次。");
        }
    }
}
