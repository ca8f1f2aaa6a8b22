using Baton.Scoring.Planning;

namespace Baton.Scoring.Tests.Planning;

/// <summary>The county's decomposition of the city's targets, on figures worked out by hand.</summary>
public sealed class DecompositionTests
{
    [Theory]
    // City 100; units 40 + 35 + 25 = 100: met exactly.
    [InlineData(Aggregation.SumEquals, 0, 100, 0, true)]
    // City 100; units 40 + 35 + 20 = 95: 5 short.
    [InlineData(Aggregation.SumEquals, 0, 95, 5, false)]
    // City 100 raised by 5% = 105; units 95: 10 short.
    [InlineData(Aggregation.AtLeast, 0.05, 95, 10, false)]
    // City 100 raised by 5% = 105; units 110: over the bar, nothing to close.
    [InlineData(Aggregation.AtLeast, 0.05, 110, 0, true)]
    // Less is better: city 100 lowered by 10% = 90; units 95 must come down by 5.
    [InlineData(Aggregation.AtMost, 0.10, 95, -5, false)]
    [InlineData(Aggregation.AtMost, 0.10, 85, 0, true)]
    public void Total_is_checked_against_the_city_figure_moved_by_the_margin(Aggregation aggregation, double margin, double total, double gap, bool met)
    {
        decimal?[] units = [40m, 35m, (decimal)total - 75m];
        var check = Decomposition.Check(100m, aggregation, (decimal)margin, units);
        Assert.Equal((decimal)total, check.Total);
        Assert.Equal((decimal)gap, check.Gap);
        Assert.Equal(met, check.Met);
    }

    [Fact]
    public void Sum_above_the_city_figure_shows_a_negative_gap_when_it_must_equal()
    {
        var check = Decomposition.Check(100m, Aggregation.SumEquals, 0, [60m, 50m]);
        Assert.Equal(110m, check.Total);
        Assert.Equal(-10m, check.Gap);
        Assert.False(check.Met);
    }

    [Fact]
    public void Units_without_a_target_count_as_nothing_and_are_counted_as_missing()
    {
        var check = Decomposition.Check(1200m, Aggregation.AtLeast, 0.08m, [500m, null, 300m]);
        // 1200 × 1.08 = 1296; 1296 − 800 = 496.
        Assert.Equal(1296m, check.Required);
        Assert.Equal(800m, check.Total);
        Assert.Equal(496m, check.Gap);
        Assert.Equal(1, check.Missing);
    }

    [Fact]
    public void Unchecked_targets_have_no_required_figure_and_no_gap()
    {
        var check = Decomposition.Check(62.5m, Aggregation.None, 0, [60m, 70m]);
        Assert.Null(check.Required);
        Assert.Null(check.Gap);
        Assert.True(check.Met);
    }

    [Fact]
    public void Shares_must_add_up_to_exactly_one_hundred_percent()
    {
        Assert.Null(Decomposition.Problem([new(1, true, 0.6m), new(2, false, 0.3m), new(3, false, 0.1m)]));
        var short_ = Decomposition.Problem([new(1, true, 0.6m), new(2, false, 0.3m)]);
        Assert.Equal("各单位分担比例合计须为 100%，现在为 90%。", short_);
        Assert.Contains("100.5%", Decomposition.Problem([new(1, true, 0.6m), new(2, false, 0.405m)]), StringComparison.Ordinal);
    }

    [Fact]
    public void Shares_need_exactly_one_lead_unit_and_each_unit_once()
    {
        Assert.Equal("请指定一个牵头单位。", Decomposition.Problem([new(1, false, 0.5m), new(2, false, 0.5m)]));
        Assert.Equal("只能有一个牵头单位，现在有 2 个。", Decomposition.Problem([new(1, true, 0.5m), new(2, true, 0.5m)]));
        Assert.Equal("同一单位只能出现一次。", Decomposition.Problem([new(1, true, 0.5m), new(1, false, 0.5m)]));
        Assert.Equal("每个单位的分担比例须大于 0%，不超过 100%。", Decomposition.Problem([new(1, true, 1m), new(2, false, 0m)]));
    }

    [Fact]
    public void Allocation_gives_the_rounding_remainder_to_the_lead_unit()
    {
        // 100 by thirds at 2 decimals: 33.33 each, 0.01 left, which the lead unit takes.
        var third = 1m / 3;
        var parts = Decomposition.Allocate(100m, [new(1, false, third), new(2, true, third), new(3, false, 1 - 2 * third)], 2);
        Assert.Equal(33.33m, parts[1]);
        Assert.Equal(33.34m, parts[2]);
        Assert.Equal(33.33m, parts[3]);
        Assert.Equal(100m, parts.Values.Sum());
    }

    [Fact]
    public void Balance_counts_leaves_and_points_per_type_and_shows_undeclared_ones()
    {
        var balance = IndicatorBalance.Of([(IndicatorType.Total, 30m), (IndicatorType.Total, 20m), (IndicatorType.Quality, 25m), (null, 25m)]);
        Assert.Equal(["总量", "结构", "质量效益", "未标注"], balance.Select(b => IndicatorBalance.Name(b.Type)));
        Assert.Equal([2, 0, 1, 1], balance.Select(b => b.Count));
        Assert.Equal([50m, 0m, 25m, 25m], balance.Select(b => b.Points));
        Assert.Equal([0.5m, 0m, 0.25m, 0.25m], balance.Select(b => b.PointsShare));
        Assert.Equal(3, IndicatorBalance.Of([(IndicatorType.Structure, 10m)]).Count);
    }
}
