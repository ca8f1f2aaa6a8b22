using Baton.Scoring.Indicators;
using Baton.Scoring.Results;
using static Baton.Scoring.Tests.TestYear;

namespace Baton.Scoring.Tests.Results;

public class SnapshotTests
{
    private static YearInput Input(decimal gdpActualOfB = 88m)
    {
        var tree = new IndicatorGroup("root", "指标", [
            new IndicatorLeaf("gdp", "地区生产总值", 60m, new CompletionRateRule()),
            new IndicatorLeaf("eco", "生态环境", 40m, GradedRule.Default),
        ]);
        var category = CategorySpec.IndicatorsOnly("C", "镇一类", tree, Grades());
        return new YearInput("2025", [category], [
            new UnitInput("A", "甲镇", "C", [new("gdp", 100m, 96m), new("eco", null, null) { Grade = "好" }])
            {
                Adjustments = [new Adjustment(AdjustmentKind.Bonus, 1m, "表彰"), new Adjustment(AdjustmentKind.Deduction, 0.5m, "通报")],
            },
            new UnitInput("B", "乙镇", "C", [new("gdp", 100m, gdpActualOfB), new("eco", null, null) { Grade = "一般" }]),
        ]);
    }

    [Fact]
    public void Identical_inputs_give_identical_hashes()
    {
        var first = ResultSnapshot.Create(ScoringEngine.Score(Input()));
        var second = ResultSnapshot.Create(ScoringEngine.Score(Input()));
        Assert.Equal(first, second);
        Assert.Matches("^[0-9a-f]{64}$", first.InputsHash);
    }

    [Fact]
    public void Unit_value_and_adjustment_order_do_not_change_the_hashes()
    {
        var input = Input();
        var shuffled = input with
        {
            Units = [.. input.Units.Reverse().Select(u => u with { Values = [.. u.Values.Reverse()], Adjustments = [.. u.Adjustments.Reverse()] })],
        };
        Assert.Equal(ResultSnapshot.Create(ScoringEngine.Score(input)), ResultSnapshot.Create(ScoringEngine.Score(shuffled)));
    }

    [Fact]
    public void Numbers_that_differ_only_in_trailing_zeros_hash_the_same()
    {
        Assert.Equal(ResultSnapshot.HashInputs(Input(88m)), ResultSnapshot.HashInputs(Input(88.000m)));
    }

    [Fact]
    public void Changing_one_actual_value_changes_both_hashes()
    {
        var a = ResultSnapshot.Create(ScoringEngine.Score(Input(88m)));
        var b = ResultSnapshot.Create(ScoringEngine.Score(Input(89m)));
        Assert.NotEqual(a.InputsHash, b.InputsHash);
        Assert.NotEqual(a.ResultHash, b.ResultHash);
    }

    [Fact]
    public void The_hash_of_a_known_input_is_stable_across_runs_and_machines()
    {
        // Golden value: if this changes, the canonical form changed and stored snapshots can no longer be verified.
        Assert.Equal(ResultSnapshot.HashInputs(Input()), ResultSnapshot.WriteInputs(Input(), new MemoryStream()));
        using var text = new MemoryStream();
        ResultSnapshot.WriteInputs(Input(), text);
        var canonical = System.Text.Encoding.UTF8.GetString(text.ToArray());
        Assert.StartsWith("baton-inputs 1\t2025\t2\t1\t-\n", canonical, StringComparison.Ordinal);
        Assert.Contains("unit\tA\t甲镇\tC\n", canonical, StringComparison.Ordinal);
        Assert.Equal(GoldenInputsHash, ResultSnapshot.HashInputs(Input()));
    }

    private const string GoldenInputsHash = "d815ede79b561f853c69243f168adf0d162faa87414c1ee92ea2c5b11cb09e41";
}
