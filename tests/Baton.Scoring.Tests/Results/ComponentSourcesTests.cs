using Baton.Scoring.Results;
using static Baton.Scoring.Tests.TestYear;

namespace Baton.Scoring.Tests.Results;

public class ComponentSourcesTests
{
    private static SourcedComponent From(ComponentOrigin origin, string code, decimal score) => new(origin, new ComponentValue(code, score) { EnteredBy = origin.ToString() });

    [Theory]
    [InlineData(ComponentOrigin.Calibrated, ComponentOrigin.HandEntered)]
    [InlineData(ComponentOrigin.Calibrated, ComponentOrigin.Surveyed)]
    [InlineData(ComponentOrigin.Surveyed, ComponentOrigin.HandEntered)]
    [InlineData(ComponentOrigin.Approved, ComponentOrigin.HandEntered)]
    [InlineData(ComponentOrigin.Surveyed, ComponentOrigin.Approved)]
    public void The_better_source_wins_whatever_the_order(ComponentOrigin better, ComponentOrigin worse)
    {
        var forwards = ComponentSources.Resolve([From(better, "rating", 88m), From(worse, "rating", 70m)]);
        var backwards = ComponentSources.Resolve([From(worse, "rating", 70m), From(better, "rating", 88m)]);
        Assert.Equal(88m, Assert.Single(forwards).Score);
        Assert.Equal(forwards.ToArray(), backwards.ToArray());
    }

    [Fact]
    public void A_hand_entered_value_stands_in_only_where_no_module_gave_one_and_is_marked()
    {
        var resolved = ComponentSources.Resolve([
            From(ComponentOrigin.HandEntered, "satisfaction", 91m),
            From(ComponentOrigin.Calibrated, "rating", 84m),
            From(ComponentOrigin.HandEntered, "rating", 60m),
        ]);
        Assert.Equal(["rating", "satisfaction"], resolved.Select(v => v.Code));
        Assert.Equal((84m, false), (resolved[0].Score, resolved[0].HandEntered));
        Assert.Equal((91m, true), (resolved[1].Score, resolved[1].HandEntered));
    }

    [Fact]
    public void A_module_value_is_never_marked_hand_entered_even_if_its_loader_said_so()
    {
        var value = new SourcedComponent(ComponentOrigin.Calibrated, new ComponentValue("rating", 80m) { HandEntered = true });
        Assert.False(Assert.Single(ComponentSources.Resolve([value])).HandEntered);
    }

    [Fact]
    public void Two_values_of_one_component_from_one_source_are_a_loader_bug()
    {
        var error = Assert.Throws<ArgumentException>(() => ComponentSources.Resolve([From(ComponentOrigin.Calibrated, "rating", 80m), From(ComponentOrigin.Calibrated, "rating", 81m)]));
        Assert.Contains("rating", error.Message, StringComparison.Ordinal);
    }

    private static CategorySpec Weighted(string code, params (string Code, decimal Weight)[] provided) =>
        ScoreIsActual(code) with
        {
            Components = [new ComponentDefinition("indicators", "指标考核", 1m - provided.Sum(p => p.Weight), ComponentSource.Indicators),
                .. provided.Select(p => new ComponentDefinition(p.Code, p.Code == "rating" ? "领导和两代表一委员评价" : "群众满意度", p.Weight))],
        };

    [Fact]
    public void Every_weighted_component_without_a_value_is_reported_before_scoring()
    {
        var towns = Weighted("TOWN", ("satisfaction", 0.15m), ("rating", 0.15m));
        var departments = Weighted("DEPT", ("satisfaction", 0.15m), ("rating", 0m));
        var input = new YearInput("2025", [towns, departments], [
            Unit("T1", 90m, "TOWN") with { Components = [new ComponentValue("satisfaction", 90m), new ComponentValue("rating", 80m)] },
            Unit("T2", 90m, "TOWN") with { Components = [new ComponentValue("satisfaction", 90m)] },
            Unit("T3", 90m, "TOWN"),
            // The rating weighs nothing for departments: nothing is missing without it.
            Unit("D1", 90m, "DEPT") with { Components = [new ComponentValue("satisfaction", 90m)] },
            Unit("D2", 90m, "DEPT"),
        ]);
        var missing = ScoringEngine.MissingComponents(input);
        Assert.Equal([("D2", "satisfaction"), ("T2", "rating"), ("T3", "satisfaction"), ("T3", "rating")], missing.Select(m => (m.UnitId, m.ComponentCode)));
        var t2 = missing.Single(m => m.UnitId == "T2");
        Assert.Equal(("单位T2", "TOWN", "镇一类", "领导和两代表一委员评价"), (t2.UnitName, t2.CategoryCode, t2.CategoryName, t2.ComponentName));

        // The engine still marks what it could not find, and only weighted components count as missing.
        var result = ScoringEngine.Score(input);
        Assert.Equal(["rating"], result.Unit("T2").Components.Where(c => c.Missing).Select(c => c.Code));
        Assert.Empty(result.Unit("D1").Components.Where(c => c.Missing));
        Assert.Empty(ScoringEngine.MissingComponents(input with { Units = [input.Units[0]] }));
    }
}
