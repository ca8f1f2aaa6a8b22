using System.Globalization;
using Baton.Scoring.Results;

namespace Baton.Scoring.Warnings;

/// <summary>What a warning (预警) is about.</summary>
public enum WarningKind
{
    /// <summary>Approved cumulative progress is behind the cumulative plan (进度滞后).</summary>
    Behind,

    /// <summary>Nothing was approved within the stale period although reports are due (长期未更新).</summary>
    Stale,

    /// <summary>A month's report or a submitted report's review is past (or, in blue, near) its deadline (逾期).</summary>
    Overdue,
}

/// <summary>How urgent a warning is: blue a deadline is near, yellow behind, red overdue or far behind.</summary>
public enum WarningColour
{
    Blue,
    Yellow,
    Red,
}

/// <summary>
/// The completion ratios below which progress is behind: below <see cref="Yellow"/> is yellow, below
/// <see cref="Red"/> is red. A ratio exactly at a threshold is not below it.
/// </summary>
public sealed record WarningThresholds
{
    public WarningThresholds(decimal yellow = DefaultYellow, decimal red = DefaultRed)
    {
        if (red <= 0 || red > yellow)
        {
            throw new ArgumentOutOfRangeException(nameof(red), "The red threshold must be positive and not above the yellow one.");
        }
        Yellow = yellow;
        Red = red;
    }

    public const decimal DefaultYellow = 0.9m;

    public const decimal DefaultRed = 0.7m;

    public static WarningThresholds Default { get; } = new();

    /// <summary>Completion ratio (actual ÷ planned) below which a target is yellow.</summary>
    public decimal Yellow { get; }

    /// <summary>Completion ratio below which a target is red.</summary>
    public decimal Red { get; }
}

/// <summary>The periods the warnings use besides the thresholds.</summary>
/// <param name="Thresholds">The completion ratios for behind-plan warnings.</param>
/// <param name="StaleDays">A target with a due month and no approval in the last this many days (as of the date) is stale.</param>
/// <param name="NearDays">A deadline on or after the as-of date and at most this many days ahead is near (blue).</param>
public sealed record WarningRules(WarningThresholds Thresholds, int StaleDays = 45, int NearDays = 3)
{
    public static WarningRules Default { get; } = new(WarningThresholds.Default);
}

/// <summary>An approved cumulative value: the figure reported for <paramref name="Month"/> (1–12), counted from <paramref name="ApprovedOn"/>.</summary>
public sealed record ApprovedValue(int Month, decimal Cumulative, DateOnly ApprovedOn);

/// <summary>A report of <paramref name="Month"/> submitted on <paramref name="SubmittedOn"/> and not yet approved; its review is due on <paramref name="ReviewDue"/>.</summary>
public sealed record PendingReview(int Month, DateOnly SubmittedOn, DateOnly ReviewDue);

/// <summary>The day by which the report of <paramref name="Month"/> is due.</summary>
public sealed record ReportDeadline(int Month, DateOnly Due);

/// <summary>
/// One target as the warnings see it: who and what (codes), the year's target value, the cumulative
/// plan January to December (12 values, or empty when the target has no month plan), the approved
/// cumulative values, the reports awaiting review and the report deadlines. A month without a listed
/// deadline is due on its last day.
/// </summary>
public sealed record WarningTarget(
    string UnitCode,
    string IndicatorCode,
    int Year,
    decimal? TargetValue,
    IReadOnlyList<decimal> CumulativePlan,
    IReadOnlyList<ApprovedValue> Approved,
    IReadOnlyList<PendingReview> Pending,
    IReadOnlyList<ReportDeadline> Deadlines);

/// <summary>
/// One warning. <see cref="Planned"/> and <see cref="Actual"/> are cumulative values of the reference
/// month (<see cref="EarlyWarnings"/>), <see cref="Ratio"/> is actual ÷ planned rounded to 4 decimals,
/// <see cref="Forecast"/> the year-end value by <see cref="EarlyWarnings.Method"/>, each null when there is
/// nothing to compute it from. <see cref="Month"/> is the month the warning concerns, null for the one overdue
/// warning of a target's unreported months (its months are <see cref="Months"/>), so that the warning stays the
/// same warning while the months are reported one by one.
/// </summary>
public sealed record Warning(
    string UnitCode,
    string IndicatorCode,
    WarningKind Kind,
    WarningColour Colour,
    int? Month,
    decimal? Planned,
    decimal? Actual,
    decimal? Ratio,
    decimal? Forecast,
    string Message)
{
    /// <summary>The months the warning concerns, ascending: <see cref="Month"/> alone, or the unreported months of a grouped overdue warning.</summary>
    public IReadOnlyList<int> Months { get; init; } = Month is { } month ? [month] : [];
}

/// <summary>
/// Early warnings (预警) over targets, plans and approved reports as of a date. Pure: the same inputs
/// give the same warnings.
/// <list type="bullet">
/// <item><b>Behind</b>: the reference month is the latest month whose report deadline is on or before the
/// as-of date and whose report is not awaiting a review still within its review period (a unit that reported
/// on time is not behind while its lead unit reviews; a late review is itself a warning). Planned is the cumulative plan of that month; actual is the approved cumulative value of the
/// latest month up to the reference month approved on or before the as-of date (0 when none); ratio =
/// actual ÷ planned, rounded half away from zero to 4 decimals, and the thresholds compare that rounded
/// ratio: below red → red, below yellow → yellow, otherwise no warning. No plan, or a planned value of 0,
/// gives no behind warning.</item>
/// <item><b>Stale</b> (yellow): some month is due and the latest approval is more than
/// <see cref="WarningRules.StaleDays"/> days before the as-of date, or there is none.</item>
/// <item><b>Overdue</b>, reports: one warning per target (<see cref="Warning.Month"/> null) for the months with
/// neither an approved value nor a pending report whose deadline is before the as-of date (red) or, with an explicit
/// deadline, within <see cref="WarningRules.NearDays"/> days from the as-of date inclusive (blue, when none is
/// late); its message names the months, consecutive ones as a range ("3—5 月、7 月进度未报送").</item>
/// <item><b>Overdue</b>, reviews: one warning per pending report, red when its review deadline is before the
/// as-of date, blue when it is within <see cref="WarningRules.NearDays"/> days. Reviews are not grouped: each is a
/// report someone submitted, with its own submission day and review deadline, that clears when that report is
/// decided.</item>
/// </list>
/// </summary>
public static class EarlyWarnings
{
    /// <summary>The forecast method as the warnings page states it.</summary>
    public const string Method =
        "年末预测：以年初（0 月，累计值为 0）和截至统计日已审核的各月累计完成值为点，按最小二乘法拟合直线（月份为横轴，累计值为纵轴），取 12 月的值；无已审核数据时不预测。";

    /// <summary>
    /// The year-end forecast: the ordinary least-squares line through (0, 0) and each approved month's
    /// (month, cumulative value), evaluated at month 12 and rounded to 2 decimals; null without approved values.
    /// With one approved month <c>m</c> and value <c>v</c> this is <c>v × 12 ÷ m</c>. A month approved twice
    /// counts with its latest value.
    /// </summary>
    public static decimal? Forecast(IEnumerable<ApprovedValue> approved, DateOnly asOf)
    {
        var points = Latest(approved, asOf).Select(a => (X: (decimal)a.Month, Y: a.Cumulative)).Prepend((X: 0m, Y: 0m)).ToList();
        if (points.Count < 2)
        {
            return null;
        }
        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var sxx = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        var sxy = points.Sum(p => (p.X - meanX) * (p.Y - meanY));
        var slope = sxy / sxx;
        return Rounding.Round(meanY + slope * (12m - meanX));
    }

    /// <summary>The warnings of every target as of <paramref name="asOf"/>, by target in input order, then behind, stale, overdue.</summary>
    public static IReadOnlyList<Warning> Evaluate(IEnumerable<WarningTarget> targets, DateOnly asOf, WarningRules rules)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(rules);
        var warnings = new List<Warning>();
        foreach (var target in targets)
        {
            warnings.AddRange(Evaluate(target, asOf, rules));
        }
        return warnings;
    }

    /// <summary>The warnings of one target (see the class summary).</summary>
    public static IReadOnlyList<Warning> Evaluate(WarningTarget target, DateOnly asOf, WarningRules rules)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(rules);
        if (target.CumulativePlan.Count is not (0 or 12))
        {
            throw new ArgumentException("A cumulative plan has 12 months or none.", nameof(target));
        }
        if (target.Approved.Any(a => a.Month is < 1 or > 12) || target.Pending.Any(p => p.Month is < 1 or > 12) || target.Deadlines.Any(d => d.Month is < 1 or > 12))
        {
            throw new ArgumentException("Months are 1 to 12.", nameof(target));
        }

        var warnings = new List<Warning>();
        var approved = Latest(target.Approved, asOf);
        var forecast = Forecast(target.Approved, asOf);
        var inReview = target.Pending.Where(p => p.SubmittedOn <= asOf && p.ReviewDue >= asOf).Select(p => p.Month).ToHashSet();
        var dueMonths = Enumerable.Range(1, 12).Where(m => Due(target, m) <= asOf && !inReview.Contains(m)).ToList();
        var reference = dueMonths.Count == 0 ? (int?)null : dueMonths.Max();

        if (reference is { } month && target.CumulativePlan.Count == 12 && target.CumulativePlan[month - 1] is var planned and not 0)
        {
            var actual = approved.LastOrDefault(a => a.Month <= month)?.Cumulative ?? 0m;
            var ratio = Rounding.Round(actual / planned, 4);
            var colour = ratio < rules.Thresholds.Red ? WarningColour.Red : ratio < rules.Thresholds.Yellow ? WarningColour.Yellow : (WarningColour?)null;
            if (colour is { } c)
            {
                warnings.Add(new Warning(target.UnitCode, target.IndicatorCode, WarningKind.Behind, c, month, planned, actual, ratio, forecast,
                    $"截至 {month} 月累计完成 {Num(actual)}，计划 {Num(planned)}，完成率 {Num(ratio * 100)}%，"
                    + (c == WarningColour.Red ? "严重滞后。" : "进度滞后。")));
            }
        }

        if (reference is not null)
        {
            var last = target.Approved.Where(a => a.ApprovedOn <= asOf).Select(a => (DateOnly?)a.ApprovedOn).Max();
            if (last is null || asOf.DayNumber - last.Value.DayNumber > rules.StaleDays)
            {
                warnings.Add(new Warning(target.UnitCode, target.IndicatorCode, WarningKind.Stale, WarningColour.Yellow, reference, null, null, null, forecast,
                    last is null ? "本年度尚无审核通过的进度。" : $"最近一次审核通过为 {last:yyyy-MM-dd}，已超过 {rules.StaleDays} 天未更新。"));
            }
        }

        var pendingMonths = target.Pending.Select(p => p.Month).ToHashSet();
        var approvedMonths = target.Approved.Where(a => a.ApprovedOn <= asOf).Select(a => a.Month).ToHashSet();
        var unreported = Enumerable.Range(1, 12).Where(m => !approvedMonths.Contains(m) && !pendingMonths.Contains(m)).ToList();
        var late = unreported.Where(m => Due(target, m) < asOf).ToList();
        var near = unreported.Where(m => Due(target, m) >= asOf && Due(target, m).DayNumber - asOf.DayNumber <= rules.NearDays && HasExplicitDeadline(target, m)).ToList();
        if (late.Count > 0 || near.Count > 0)
        {
            var first = late.Count > 0 ? Due(target, late[0]) : default;
            var message = (late.Count == 0 ? "" : $"{MonthsText(late)}进度未报送，{(late.Count == 1 ? "" : "最早的")}应于 {first:yyyy-MM-dd} 前报送，已逾期 {asOf.DayNumber - first.DayNumber} 天。")
                + string.Concat(near.Select(m => $"{m} 月进度应于 {Due(target, m):yyyy-MM-dd} 前报送，即将到期。"));
            warnings.Add(new Warning(target.UnitCode, target.IndicatorCode, WarningKind.Overdue, late.Count > 0 ? WarningColour.Red : WarningColour.Blue,
                null, null, null, null, forecast, message) { Months = [.. late.Concat(near).Order()] });
        }
        foreach (var pending in target.Pending.Where(p => p.SubmittedOn <= asOf).OrderBy(p => p.Month))
        {
            if (pending.ReviewDue < asOf)
            {
                warnings.Add(new Warning(target.UnitCode, target.IndicatorCode, WarningKind.Overdue, WarningColour.Red, pending.Month, null, null, null, forecast,
                    $"{pending.Month} 月进度于 {pending.SubmittedOn:yyyy-MM-dd} 报送，应于 {pending.ReviewDue:yyyy-MM-dd} 前审核，已逾期 {asOf.DayNumber - pending.ReviewDue.DayNumber} 天。"));
            }
            else if (pending.ReviewDue.DayNumber - asOf.DayNumber <= rules.NearDays)
            {
                warnings.Add(new Warning(target.UnitCode, target.IndicatorCode, WarningKind.Overdue, WarningColour.Blue, pending.Month, null, null, null, forecast,
                    $"{pending.Month} 月进度待审核，应于 {pending.ReviewDue:yyyy-MM-dd} 前审核，即将到期。"));
            }
        }
        return warnings;
    }

    /// <summary>Months in Chinese, ascending, consecutive months as a range: [3, 4, 5, 7] → "3—5 月、7 月"; empty for none.</summary>
    public static string MonthsText(IEnumerable<int> months)
    {
        ArgumentNullException.ThrowIfNull(months);
        var sorted = months.Distinct().Order().ToList();
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }
            parts.Add(j == i ? $"{sorted[i]} 月" : $"{sorted[i]}—{sorted[j]} 月");
            i = j + 1;
        }
        return string.Join("、", parts);
    }

    /// <summary>The report deadline of <paramref name="month"/>: the listed one, else the month's last day.</summary>
    public static DateOnly Due(WarningTarget target, int month)
    {
        ArgumentNullException.ThrowIfNull(target);
        var listed = target.Deadlines.LastOrDefault(d => d.Month == month);
        return listed?.Due ?? new DateOnly(target.Year, month, DateTime.DaysInMonth(target.Year, month));
    }

    // A month's default deadline (its last day) is when the month ends, not a deadline anyone set: it makes the
    // month due for comparison and overdue once passed, but is not announced in blue in advance.
    private static bool HasExplicitDeadline(WarningTarget target, int month) => target.Deadlines.Any(d => d.Month == month);

    /// <summary>Approved on or before the date, one value per month (the latest approval), by month.</summary>
    private static List<ApprovedValue> Latest(IEnumerable<ApprovedValue> approved, DateOnly asOf) =>
        [.. approved.Where(a => a.ApprovedOn <= asOf).GroupBy(a => a.Month).Select(g => g.OrderBy(a => a.ApprovedOn).Last()).OrderBy(a => a.Month)];

    private static string Num(decimal value) => Rounding.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
