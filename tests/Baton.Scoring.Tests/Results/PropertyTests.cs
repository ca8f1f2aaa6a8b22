using System.Collections.Immutable;
using Baton.Scoring.Indicators;
using Baton.Scoring.Results;

namespace Baton.Scoring.Tests.Results;

/// <summary>Invariants over many generated years, each from a fixed seed so a failure can be replayed.</summary>
public class PropertyTests
{
    private const int Cases = 200;

    private static YearInput Generate(Random random)
    {
        var leafCount = random.Next(2, 8);
        var leaves = new IndicatorLeaf[leafCount];
        var points = 100m / leafCount;
        for (var i = 0; i < leafCount; i++)
        {
            // Forward rules only: a higher actual value never scores lower under them.
            LeafRule rule = random.Next(3) switch
            {
                0 => new CompletionRateRule(Floor: random.Next(2) * 0.5m, Cap: 1m + (random.Next(3) * 0.1m)),
                1 => new TierRule([new Tier(0.6m, 0.6m), new Tier(0.8m, 0.8m), new Tier(1m, 1m)]),
                _ => new BaseExcessRule(0.05m, 0.5m, 2m),
            };
            leaves[i] = new IndicatorLeaf("L" + i, "指标" + i, points, rule);
        }
        var tree = new IndicatorGroup("root", "指标", [.. leaves]);
        var grades = TestYear.Grades(0.2m + (random.Next(3) * 0.1m), (QuotaRounding)random.Next(3), (QuotaTieRule)random.Next(2));
        var category = CategorySpec.IndicatorsOnly("C", "类别", tree, grades) with
        {
            TieBreak = (TieBreak)random.Next(2),
            AwardBase = 10_000m,
            BonusCap = 3m,
        };
        var unitCount = random.Next(2, 25);
        var units = new UnitInput[unitCount];
        for (var u = 0; u < unitCount; u++)
        {
            var values = new LeafValue[leafCount];
            for (var i = 0; i < leafCount; i++)
            {
                // Few distinct values so that ties happen often.
                values[i] = new LeafValue("L" + i, 100m, random.Next(10) == 0 ? null : random.Next(10, 14) * 10m);
            }
            var adjustments = ImmutableArray.CreateBuilder<Adjustment>();
            if (random.Next(8) == 0)
            {
                adjustments.Add(new Adjustment(AdjustmentKind.Veto, 0m, "否决"));
            }
            if (random.Next(8) == 0)
            {
                adjustments.Add(new Adjustment(AdjustmentKind.GradeCap, 0m, "封顶") { MaxGrade = "良好" });
            }
            if (random.Next(4) == 0)
            {
                adjustments.Add(new Adjustment(AdjustmentKind.Bonus, random.Next(1, 5), "加分"));
            }
            units[u] = new UnitInput("U" + u.ToString("000", System.Globalization.CultureInfo.InvariantCulture), "单位" + u, "C", [.. values])
            {
                Adjustments = adjustments.ToImmutable(),
            };
        }
        return new YearInput("2025", [category], [.. units]) { AwardBudget = random.Next(2) == 0 ? null : 50_000m };
    }

    [Fact]
    public void Raising_one_units_actual_value_never_lowers_its_own_score_or_rank()
    {
        var random = new Random(20251127);
        for (var n = 0; n < Cases; n++)
        {
            var input = Generate(random);
            var before = ScoringEngine.Score(input);
            var u = random.Next(input.Units.Length);
            var unit = input.Units[u];
            var leaf = random.Next(unit.Values.Length);
            var value = unit.Values[leaf];
            var raised = value with { Actual = (value.Actual ?? 0m) + random.Next(1, 40) };
            var changed = input with { Units = input.Units.SetItem(u, unit with { Values = unit.Values.SetItem(leaf, raised) }) };
            var after = ScoringEngine.Score(changed);

            var old = before.Unit(unit.Id);
            var now = after.Unit(unit.Id);
            Assert.True(now.Overall >= old.Overall, $"case {n}: score fell from {old.Overall} to {now.Overall}");
            Assert.True(now.Rank <= old.Rank, $"case {n}: rank fell from {old.Rank} to {now.Rank}");
        }
    }

    [Fact]
    public void Permuting_the_order_of_units_and_values_never_changes_any_result()
    {
        var random = new Random(7);
        for (var n = 0; n < Cases; n++)
        {
            var input = Generate(random);
            var permuted = input with
            {
                Units = [.. input.Units.OrderBy(_ => random.Next()).Select(u => u with { Values = [.. u.Values.OrderBy(_ => random.Next())] })],
            };
            var a = ScoringEngine.Score(input);
            var b = ScoringEngine.Score(permuted);
            Assert.Equal(Describe(a), Describe(b));
            Assert.Equal(ResultSnapshot.Create(a), ResultSnapshot.Create(b));
        }
    }

    private static string Describe(YearResult result) => string.Join("\n", result.Categories.SelectMany(c => c.Units).Select(u =>
        string.Join("|", u.Id, u.Rank, u.Overall, u.Grade, u.Award, u.Vetoed, u.MaxGrade, u.GradeReason, string.Join(",", u.LeafPoints.ToArray()))));
}
