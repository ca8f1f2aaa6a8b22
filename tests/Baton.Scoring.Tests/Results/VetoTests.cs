using Baton.Scoring.Indicators;
using Baton.Scoring.Results;
using static Baton.Scoring.Tests.TestYear;

namespace Baton.Scoring.Tests.Results;

public class VetoTests
{
    private static IEnumerable<TraceNode> All(TraceNode node) => node.Children.SelectMany(All).Prepend(node);

    /// <summary>Like the demo's towns: a 100-point leaf (the score is its actual value) and a veto leaf of 0 points.</summary>
    private static CategorySpec WithVetoLeaf() =>
        ScoreIsActual() with
        {
            Indicators = new("root", "指标", [
                new IndicatorLeaf("L1", "地区生产总值", 100m, new CompletionRateRule()),
                new IndicatorLeaf("V", "重大安全生产责任事故", 0m, new VetoRule()),
            ]),
        };

    private static UnitInput Vetoed(string id, decimal actual) =>
        Unit(id, actual) with { Adjustments = [new Adjustment(AdjustmentKind.Veto, 0m, "发生较大安全生产责任事故") { Evidence = "事故调查报告.txt", ApprovedBy = "office" }] };

    [Fact]
    public void A_vetoed_unit_ranks_after_every_unit_that_is_not_vetoed()
    {
        // Seven units; the vetoed one scores between the 良好 units, as 柳林镇 did in the demo.
        var result = Score(WithVetoLeaf(), Unit("A", 93m), Unit("B", 89m), Unit("C", 87m), Unit("D", 86m), Vetoed("E", 85.8m), Unit("F", 85m), Unit("G", 83m));
        var units = result.Categories[0].Units;
        Assert.Equal(["A", "B", "C", "D", "F", "G", "E"], units.Select(u => u.Id));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], units.Select(u => u.Rank));
        Assert.Equal("较差", result.Unit("E").Grade);
    }

    [Fact]
    public void Vetoed_units_rank_among_themselves_by_competition_ranking()
    {
        var result = Score(WithVetoLeaf(), Unit("A", 90m), Vetoed("V1", 85m), Vetoed("V2", 85m), Vetoed("V3", 95m), Unit("B", 70m));
        Assert.Equal(["A", "B", "V3", "V1", "V2"], result.Categories[0].Units.Select(u => u.Id));
        Assert.Equal([1, 2, 3, 4, 4], result.Categories[0].Units.Select(u => u.Rank));
    }

    [Fact]
    public void A_vetoed_and_a_clean_unit_with_the_same_score_do_not_share_a_rank()
    {
        var result = Score(WithVetoLeaf(), Unit("A", 85m), Vetoed("B", 85m));
        Assert.Equal((1, 2), (result.Unit("A").Rank, result.Unit("B").Rank));
    }

    [Fact]
    public void The_trace_of_a_vetoed_unit_shows_the_veto_once_and_never_denies_it()
    {
        var result = Score(WithVetoLeaf(), Unit("A", 93m), Vetoed("E", 95m));
        var trace = All(result.Explain("E")).ToList();
        Assert.DoesNotContain(trace, n => n.Formula.Contains("未发生", StringComparison.Ordinal));
        var veto = Assert.Single(trace, n => n.Label.StartsWith("一票否决", StringComparison.Ordinal));
        Assert.Equal("一票否决：发生较大安全生产责任事故", veto.Label);
        Assert.Equal("事故调查报告.txt", veto.Evidence);
        Assert.Single(trace.Skip(1), n => n.Flag == "一票否决");
        Assert.Contains("排在未被一票否决的单位之后", trace.Single(n => n.Label == "排名").Formula, StringComparison.Ordinal);
        // The veto leaf refers to the veto rather than saying none happened.
        Assert.Contains("一票否决", trace.Single(n => n.Code == "V").Formula, StringComparison.Ordinal);

        // A unit without a veto still reads that none happened.
        Assert.Equal("未发生一票否决事项", All(result.Explain("A")).Single(n => n.Code == "V").Formula);
    }

    [Fact]
    public void A_veto_recorded_on_the_indicator_is_shown_once_on_that_indicator()
    {
        var vetoed = new UnitInput("E", "丁镇", "C", [new("L1", 100m, 95m), new("V", null, 1m) { Evidence = "通报.pdf" }]);
        var trace = All(Score(WithVetoLeaf(), Unit("A", 93m), vetoed).Explain("E")).ToList();
        var veto = Assert.Single(trace.Skip(1), n => n.Flag == "一票否决");
        Assert.Equal("V", veto.Code);
        Assert.Equal("通报.pdf", veto.Evidence);
    }
}
