using Baton.Scoring.Warnings;

namespace Baton.Scoring.Tests.Warnings;

public class EarlyWarningsTests
{
    private static readonly IReadOnlyList<decimal> s_linearPlan = [.. Enumerable.Range(1, 12).Select(m => 10m * m)];

    private static DateOnly D(int month, int day) => new(2026, month, day);

    private static WarningTarget Target(IReadOnlyList<ApprovedValue> approved, IReadOnlyList<PendingReview>? pending = null, IReadOnlyList<ReportDeadline>? deadlines = null) =>
        new("T01", "B1", 2026, 120m, s_linearPlan, approved, pending ?? [], deadlines ?? []);

    /// <summary>Every month January to <paramref name="last"/> approved on the 3rd of the next month, at the linear plan, except the last at <paramref name="lastValue"/>.</summary>
    private static List<ApprovedValue> OnPlanUntil(int last, decimal lastValue) =>
        [.. Enumerable.Range(1, last).Select(m => new ApprovedValue(m, m == last ? lastValue : 10m * m, D(m + 1, 3)))];

    [Theory]
    // September (plan 90) is the reference month on 10-05; ratio = actual ÷ 90.
    [InlineData(81, null)] // 0.9 exactly: not below yellow
    [InlineData(80.99, "Yellow")] // 0.8999
    [InlineData(63, "Yellow")] // 0.7 exactly: yellow, not red
    [InlineData(62.99, "Red")] // 0.6999
    [InlineData(90, null)]
    public void Behind_colour_changes_exactly_below_each_threshold(double september, string? colour)
    {
        var warnings = EarlyWarnings.Evaluate(Target(OnPlanUntil(9, (decimal)september)), D(10, 5), WarningRules.Default);
        var behind = warnings.SingleOrDefault(w => w.Kind == WarningKind.Behind);
        Assert.Equal(colour, behind?.Colour.ToString());
        if (behind is not null)
        {
            Assert.Equal((9, 90m, (decimal)september), (behind.Month!.Value, behind.Planned!.Value, behind.Actual!.Value));
        }
    }

    [Fact]
    public void A_ratio_is_rounded_to_four_decimals_before_it_is_compared()
    {
        // 80.9996 ÷ 90 = 0.89999555… → 0.9000: on the threshold, so no warning.
        Assert.DoesNotContain(EarlyWarnings.Evaluate(Target(OnPlanUntil(9, 80.9996m)), D(10, 5), WarningRules.Default), w => w.Kind == WarningKind.Behind);
        // 80.9955 ÷ 90 = 0.89995 exactly → 0.9000 (half away from zero): no warning; 80.995 ÷ 90 = 0.899944… → 0.8999: yellow.
        Assert.DoesNotContain(EarlyWarnings.Evaluate(Target(OnPlanUntil(9, 80.9955m)), D(10, 5), WarningRules.Default), w => w.Kind == WarningKind.Behind);
        var behind = EarlyWarnings.Evaluate(Target(OnPlanUntil(9, 80.995m)), D(10, 5), WarningRules.Default).Single(w => w.Kind == WarningKind.Behind);
        Assert.Equal((WarningColour.Yellow, 0.8999m), (behind.Colour, behind.Ratio!.Value));
    }

    [Fact]
    public void Thresholds_set_for_the_year_replace_the_defaults()
    {
        var rules = new WarningRules(new WarningThresholds(yellow: 0.95m, red: 0.8m));
        // 84 ÷ 90 = 0.9333: yellow under 0.95, nothing under the defaults.
        Assert.Equal(WarningColour.Yellow, EarlyWarnings.Evaluate(Target(OnPlanUntil(9, 84m)), D(10, 5), rules).Single(w => w.Kind == WarningKind.Behind).Colour);
        Assert.DoesNotContain(EarlyWarnings.Evaluate(Target(OnPlanUntil(9, 84m)), D(10, 5), WarningRules.Default), w => w.Kind == WarningKind.Behind);
        // 72 ÷ 90 = 0.8: exactly red's threshold, so yellow.
        Assert.Equal(WarningColour.Yellow, EarlyWarnings.Evaluate(Target(OnPlanUntil(9, 72m)), D(10, 5), rules).Single(w => w.Kind == WarningKind.Behind).Colour);
        Assert.Throws<ArgumentOutOfRangeException>(() => new WarningThresholds(yellow: 0.7m, red: 0.9m));
    }

    [Fact]
    public void The_reference_month_is_the_latest_whose_deadline_has_come()
    {
        // September's report is due on 10-08: on 10-05 August (plan 80, approved 80) is compared, so no warning,
        // although September's 60 would be red against 90.
        var deadlines = Enumerable.Range(1, 12).Select(m => new ReportDeadline(m, m == 12 ? D(12, 31) : D(m + 1, 8))).ToList();
        var approved = OnPlanUntil(8, 80m);
        Assert.DoesNotContain(EarlyWarnings.Evaluate(Target(approved, deadlines: deadlines), D(10, 5), WarningRules.Default), w => w.Kind == WarningKind.Behind);
        // On 10-08 September is due; August's approved 80 counts against September's 90: 0.8889, yellow.
        var behind = EarlyWarnings.Evaluate(Target(approved, deadlines: deadlines), D(10, 8), WarningRules.Default).Single(w => w.Kind == WarningKind.Behind);
        Assert.Equal((9, 90m, 80m, 0.8889m, WarningColour.Yellow), (behind.Month!.Value, behind.Planned!.Value, behind.Actual!.Value, behind.Ratio!.Value, behind.Colour));
    }

    [Fact]
    public void A_month_awaiting_review_within_its_period_is_not_yet_the_reference_month()
    {
        // September (plan 90) was reported on 10-04 and its review is due on 10-09: until then August's 80 counts
        // against August's 80, so no behind warning; from 10-10 the review is late and September is the reference again.
        var deadlines = Enumerable.Range(1, 12).Select(m => new ReportDeadline(m, m == 12 ? D(12, 31) : D(m + 1, 5))).ToList();
        PendingReview[] pending = [new(9, D(10, 4), D(10, 9))];
        var target = Target(OnPlanUntil(8, 80m), pending, deadlines);
        Assert.DoesNotContain(EarlyWarnings.Evaluate(target, D(10, 9), WarningRules.Default), w => w.Kind == WarningKind.Behind);
        var behind = EarlyWarnings.Evaluate(target, D(10, 10), WarningRules.Default).Single(w => w.Kind == WarningKind.Behind);
        Assert.Equal((9, 90m, 80m, WarningColour.Yellow), (behind.Month!.Value, behind.Planned!.Value, behind.Actual!.Value, behind.Colour));
    }

    [Fact]
    public void Values_approved_after_the_date_do_not_count()
    {
        var approved = new List<ApprovedValue> { new(1, 10m, D(2, 3)), new(2, 20m, D(3, 20)) };
        // On 03-05 February is due but its value was approved on 03-20: January's 10 against February's 20 is 0.5, red.
        var behind = EarlyWarnings.Evaluate(Target(approved), D(3, 5), WarningRules.Default).Single(w => w.Kind == WarningKind.Behind);
        Assert.Equal((10m, 0.5m, WarningColour.Red), (behind.Actual!.Value, behind.Ratio!.Value, behind.Colour));
        Assert.DoesNotContain(EarlyWarnings.Evaluate(Target(approved), D(3, 20), WarningRules.Default), w => w.Kind == WarningKind.Behind);
    }

    [Fact]
    public void Nothing_is_due_in_January_and_a_zero_plan_gives_no_ratio()
    {
        Assert.Empty(EarlyWarnings.Evaluate(Target([]), D(1, 20), WarningRules.Default));
        var zero = new WarningTarget("T01", "B1", 2026, 0m, [.. Enumerable.Repeat(0m, 12)], [new ApprovedValue(1, 0m, D(2, 1))], [], []);
        Assert.DoesNotContain(EarlyWarnings.Evaluate(zero, D(2, 5), WarningRules.Default), w => w.Kind == WarningKind.Behind);
    }

    [Fact]
    public void A_target_is_stale_after_the_period_without_an_approval()
    {
        var approved = new List<ApprovedValue> { new(1, 10m, D(2, 3)), new(2, 20m, D(3, 3)) };
        // Last approval 03-03; 45 days later is 04-17: not yet stale on that day, stale on 04-18.
        Assert.DoesNotContain(EarlyWarnings.Evaluate(Target(approved, pending: [new PendingReview(3, D(4, 1), D(4, 30))]), D(4, 17), WarningRules.Default),
            w => w.Kind == WarningKind.Stale);
        var stale = EarlyWarnings.Evaluate(Target(approved, pending: [new PendingReview(3, D(4, 1), D(4, 30))]), D(4, 18), WarningRules.Default)
            .Single(w => w.Kind == WarningKind.Stale);
        Assert.Equal(WarningColour.Yellow, stale.Colour);
        Assert.Contains("2026-03-03", stale.Message, StringComparison.Ordinal);
        Assert.Contains(EarlyWarnings.Evaluate(Target([]), D(2, 1), WarningRules.Default), w => w.Kind == WarningKind.Stale);
    }

    [Fact]
    public void Missing_reports_and_late_reviews_are_overdue_in_red_and_near_deadlines_are_blue()
    {
        var deadlines = new List<ReportDeadline> { new(1, D(2, 5)), new(2, D(3, 5)), new(3, D(4, 5)) };
        var approved = new List<ApprovedValue> { new(1, 10m, D(2, 4)) };
        var pending = new List<PendingReview> { new(2, D(3, 4), D(3, 10)) };
        var target = Target(approved, pending, deadlines);

        // 03-10: February's review is due today (blue); nothing is overdue yet.
        var early = EarlyWarnings.Evaluate(target, D(3, 10), WarningRules.Default).Where(w => w.Kind == WarningKind.Overdue).ToList();
        Assert.Equal([(2, WarningColour.Blue)], early.Select(w => (w.Month!.Value, w.Colour)));

        // 04-02: March's report is due in 3 days (blue, the target's report warning), February's review is 23 days late (red).
        var late = EarlyWarnings.Evaluate(target, D(4, 2), WarningRules.Default).Where(w => w.Kind == WarningKind.Overdue).ToList();
        Assert.Equal([(null, WarningColour.Blue), (2, WarningColour.Red)], late.Select(w => (w.Month, w.Colour)));
        Assert.Equal([3], late[0].Months);
        Assert.Equal("3 月进度应于 2026-04-05 前报送，即将到期。", late[0].Message);
        Assert.Contains("已逾期 23 天", late[1].Message, StringComparison.Ordinal);
        Assert.Equal([2], late[1].Months);

        // 04-01 is four days before March's deadline: not near yet.
        Assert.DoesNotContain(EarlyWarnings.Evaluate(target, D(4, 1), WarningRules.Default), w => w.Months.Contains(3));
    }

    [Fact]
    public void A_report_is_overdue_only_from_the_day_after_its_deadline()
    {
        var deadlines = new List<ReportDeadline> { new(1, D(2, 5)), new(2, D(3, 5)) };
        var target = Target([new ApprovedValue(1, 10m, D(2, 4))], deadlines: deadlines);

        // 03-05 is February's deadline itself: near (blue), not late.
        var onTheDay = Assert.Single(EarlyWarnings.Evaluate(target, D(3, 5), WarningRules.Default), w => w.Kind == WarningKind.Overdue);
        Assert.Equal((WarningColour.Blue, (int?)null), (onTheDay.Colour, onTheDay.Month));
        Assert.Equal([2], onTheDay.Months);
        // 03-06: a day late, red; the same warning (month null) with the same month.
        var dayAfter = Assert.Single(EarlyWarnings.Evaluate(target, D(3, 6), WarningRules.Default), w => w.Kind == WarningKind.Overdue);
        Assert.Equal((WarningColour.Red, (int?)null), (dayAfter.Colour, dayAfter.Month));
        Assert.Equal([2], dayAfter.Months);
        Assert.Equal("2 月进度未报送，应于 2026-03-05 前报送，已逾期 1 天。", dayAfter.Message);
    }

    [Fact]
    public void A_target_never_reported_has_one_overdue_warning_naming_its_months_as_a_range()
    {
        // On 10-05 January to September are past their default deadlines (each month's last day).
        var overdue = Assert.Single(EarlyWarnings.Evaluate(Target([]), D(10, 5), WarningRules.Default), w => w.Kind == WarningKind.Overdue);
        Assert.Equal((WarningColour.Red, (int?)null), (overdue.Colour, overdue.Month));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], overdue.Months);
        Assert.Equal("1—9 月进度未报送，最早的应于 2026-01-31 前报送，已逾期 247 天。", overdue.Message);
    }

    [Fact]
    public void Months_with_gaps_are_named_as_ranges_and_single_months()
    {
        // March to May and July missing; January, February, June and August reported (one of them pending).
        var approved = new List<ApprovedValue> { new(1, 10m, D(2, 3)), new(2, 20m, D(3, 3)), new(6, 60m, D(7, 3)) };
        var pending = new List<PendingReview> { new(8, D(9, 2), D(9, 30)) };
        var overdue = Assert.Single(EarlyWarnings.Evaluate(Target(approved, pending), D(9, 10), WarningRules.Default), w => w is { Kind: WarningKind.Overdue, Month: null });
        Assert.Equal([3, 4, 5, 7], overdue.Months);
        Assert.StartsWith("3—5 月、7 月进度未报送，最早的应于 2026-03-31 前报送", overdue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new int[0], "")]
    [InlineData(new[] { 7 }, "7 月")]
    [InlineData(new[] { 3, 4 }, "3—4 月")]
    [InlineData(new[] { 7, 3, 5, 4 }, "3—5 月、7 月")]
    [InlineData(new[] { 1, 3, 5, 6, 7, 12 }, "1 月、3 月、5—7 月、12 月")]
    public void Months_text_joins_consecutive_months_into_ranges(int[] months, string text) =>
        Assert.Equal(text, EarlyWarnings.MonthsText(months));

    [Fact]
    public void A_late_month_makes_the_reports_warning_red_and_a_near_deadline_is_named_in_it()
    {
        var deadlines = Enumerable.Range(1, 12).Select(m => new ReportDeadline(m, m == 12 ? D(12, 31) : D(m + 1, 5))).ToList();
        // January approved; February late (due 03-05), March due 04-05, on 04-03 near.
        var overdue = Assert.Single(EarlyWarnings.Evaluate(Target([new ApprovedValue(1, 10m, D(2, 4))], deadlines: deadlines), D(4, 3), WarningRules.Default),
            w => w.Kind == WarningKind.Overdue);
        Assert.Equal(WarningColour.Red, overdue.Colour);
        Assert.Equal([2, 3], overdue.Months);
        Assert.Equal("2 月进度未报送，应于 2026-03-05 前报送，已逾期 29 天。3 月进度应于 2026-04-05 前报送，即将到期。", overdue.Message);
    }

    [Fact]
    public void Late_reviews_stay_one_warning_per_report()
    {
        var pending = new List<PendingReview> { new(1, D(2, 3), D(2, 10)), new(2, D(3, 3), D(3, 10)) };
        var reviews = EarlyWarnings.Evaluate(Target([], pending), D(3, 20), WarningRules.Default).Where(w => w.Kind == WarningKind.Overdue).ToList();
        Assert.Equal([(1, WarningColour.Red), (2, WarningColour.Red)], reviews.Select(w => (w.Month!.Value, w.Colour)));
    }

    [Fact]
    public void Forecast_is_the_least_squares_line_through_the_origin_point_and_the_approved_months()
    {
        // Points (0,0), (1,10), (2,20), (3,30): the line y = 10x, so 120 at month 12.
        Assert.Equal(120m, EarlyWarnings.Forecast([new(1, 10m, D(2, 1)), new(2, 20m, D(3, 1)), new(3, 30m, D(4, 1))], D(4, 1)));
        // Points (0,0), (1,10), (2,30): x̄ = 1, ȳ = 40/3, Sxy = 30, Sxx = 2, slope 15, intercept −5/3; at 12: 180 − 5/3 = 178.33.
        Assert.Equal(178.33m, EarlyWarnings.Forecast([new(1, 10m, D(2, 1)), new(2, 30m, D(3, 1))], D(3, 1)));
        // One month: v × 12 ÷ m = 25 × 12 ÷ 3 = 100.
        Assert.Equal(100m, EarlyWarnings.Forecast([new(3, 25m, D(4, 1))], D(4, 1)));
        // Points (0,0), (2,10), (4,30), (5,30): x̄ = 2.75, ȳ = 17.5, Sxx = 14.75, Sxy = 97.5, slope = 6.610169…;
        // at 12: 17.5 + 6.610169… × 9.25 = 78.644… → 78.64.
        Assert.Equal(78.64m, EarlyWarnings.Forecast([new(2, 10m, D(3, 1)), new(4, 30m, D(5, 1)), new(5, 30m, D(6, 1))], D(6, 1)));
        Assert.Null(EarlyWarnings.Forecast([new(3, 25m, D(4, 1))], D(3, 31)));
    }

    [Fact]
    public void A_month_approved_twice_counts_with_its_latest_value_and_the_forecast_rides_on_every_warning()
    {
        var approved = new List<ApprovedValue> { new(1, 10m, D(2, 1)), new(2, 12m, D(3, 1)), new(2, 14m, D(3, 4)) };
        var behind = EarlyWarnings.Evaluate(Target(approved), D(3, 5), WarningRules.Default).Single(w => w.Kind == WarningKind.Behind);
        // 14 ÷ 20 = 0.7: yellow; forecast from (0,0), (1,10), (2,14): x̄ = 1, ȳ = 8, Sxy = 14, Sxx = 2, slope 7, at 12: 8 + 77 = 85.
        Assert.Equal((14m, 0.7m, WarningColour.Yellow, 85m), (behind.Actual!.Value, behind.Ratio!.Value, behind.Colour, behind.Forecast!.Value));
    }

    [Fact]
    public void Method_is_stated_in_chinese()
    {
        Assert.Contains("最小二乘", EarlyWarnings.Method, StringComparison.Ordinal);
        Assert.Contains("12 月", EarlyWarnings.Method, StringComparison.Ordinal);
    }
}
