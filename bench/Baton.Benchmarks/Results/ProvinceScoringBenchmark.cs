using System.Collections.Immutable;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Baton.Scoring.Indicators;
using Baton.Scoring.Results;

namespace Baton.Benchmarks.Results;

/// <summary>
/// Scores a synthetic province in memory: 10,000 units in 20 categories, 150 leaves each (every rule
/// kind), targets, actuals, monthly reports for the time-progress leaves, and a few bonuses,
/// deductions, vetoes and caps. Deterministic (seed 2025).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class ProvinceScoringBenchmark
{
    public const int Units = 10_000;
    public const int Categories = 20;
    public const int Leaves = 150;

    private YearInput input = null!;
    private YearResult result = null!;

    /// <summary>Live bytes of the input, printed so docs/benchmarks.md can compare allocations with it.</summary>
    public static long InputBytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var retainedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var before = GC.GetAllocatedBytesForCurrentThread();
        input = SyntheticProvince.Build(seed: 2025);
        InputBytes = GC.GetTotalMemory(forceFullCollection: true) - retainedBefore;
        var built = GC.GetAllocatedBytesForCurrentThread() - before;
        Console.WriteLine($"// Province input: {input.Units.Length} units, {InputBytes / 1024 / 1024} MiB live, {built / 1024 / 1024} MiB allocated to build it");
        result = ScoringEngine.Score(input);
    }

    [Benchmark(Baseline = true)]
    public YearResult ScoreProvince() => ScoringEngine.Score(input);

    [Benchmark]
    public ResultSnapshot HashProvince() => ResultSnapshot.Create(result);

    [Benchmark]
    public TraceNode ExplainOneUnit() => result.Explain("U05000");
}

/// <summary>The synthetic province, shared by the benchmark and anything else that needs one.</summary>
public static class SyntheticProvince
{
    private static readonly string[] Grades = ["好", "较好", "一般", "差"];

    public static YearInput Build(int seed)
    {
        var random = new Random(seed);
        var categories = new CategorySpec[ProvinceScoringBenchmark.Categories];
        for (var c = 0; c < categories.Length; c++)
        {
            categories[c] = Category(c, random);
        }

        var leafSets = new IndicatorLeaf[categories.Length][];
        for (var c = 0; c < categories.Length; c++)
        {
            leafSets[c] = [.. categories[c].Indicators.Children.SelectMany(g => ((IndicatorGroup)g).Children).Cast<IndicatorLeaf>()];
        }

        var units = new UnitInput[ProvinceScoringBenchmark.Units];
        for (var u = 0; u < units.Length; u++)
        {
            var c = u % categories.Length;
            var leaves = leafSets[c];
            var values = new LeafValue[leaves.Length];
            for (var i = 0; i < leaves.Length; i++)
            {
                values[i] = Value(leaves[i], random);
            }
            var adjustments = ImmutableArray.CreateBuilder<Adjustment>();
            if (random.Next(10) == 0)
            {
                adjustments.Add(new Adjustment(AdjustmentKind.Bonus, random.Next(1, 4), "获省级以上表彰") { Evidence = "bonus.pdf", ApprovedBy = "考核办" });
            }
            if (random.Next(10) == 0)
            {
                adjustments.Add(new Adjustment(AdjustmentKind.Deduction, random.Next(1, 3), "督查通报") { Evidence = "notice.pdf", ApprovedBy = "考核办" });
            }
            if (random.Next(200) == 0)
            {
                adjustments.Add(new Adjustment(AdjustmentKind.Veto, 0m, "发生较大安全生产事故"));
            }
            if (random.Next(100) == 0)
            {
                adjustments.Add(new Adjustment(AdjustmentKind.GradeCap, 0m, "信访工作被通报") { MaxGrade = "良好" });
            }
            units[u] = new UnitInput("U" + u.ToString("00000", CultureInfo.InvariantCulture), "单位" + u.ToString(CultureInfo.InvariantCulture), categories[c].Code, [.. values])
            {
                Adjustments = adjustments.ToImmutable(),
            };
        }
        return new YearInput("2025", [.. categories], [.. units]) { AwardBudget = 50_000_000m };
    }

    private static CategorySpec Category(int c, Random random)
    {
        // 10 groups of 15 leaves; the rule mix is typical: mostly completion rates.
        var groups = new IndicatorNode[10];
        var total = 0m;
        for (var g = 0; g < groups.Length; g++)
        {
            var leaves = new IndicatorNode[15];
            for (var i = 0; i < leaves.Length; i++)
            {
                var id = "C" + c.ToString(CultureInfo.InvariantCulture) + "-" + g.ToString(CultureInfo.InvariantCulture) + "-" + i.ToString(CultureInfo.InvariantCulture);
                var points = random.Next(2, 8) / 2m;
                LeafRule rule = random.Next(20) switch
                {
                    < 9 => new CompletionRateRule(Floor: 0.5m, Cap: 1.2m),
                    9 => new CompletionRateRule(Reverse: true),
                    10 or 11 => new TierRule([new Tier(0.6m, 0.6m), new Tier(0.8m, 0.8m), new Tier(1m, 1m)]),
                    12 or 13 => new BaseExcessRule(0.05m, 0.5m, 2m),
                    14 or 15 => GradedRule.Default,
                    16 => new TimeProgressRule(),
                    17 => new DeductionRule(0.5m),
                    18 => new BonusPerItemRule(0.5m),
                    _ => new CompletionRateRule(),
                };
                if (g == 9 && i == 14)
                {
                    rule = new VetoRule();
                    points = 0m;
                }
                if (g == 9 && i == 13)
                {
                    rule = new GradeCapRule("良好");
                    points = 0m;
                }
                total += points;
                leaves[i] = new IndicatorLeaf(id, "指标" + id, points, rule);
            }
            groups[g] = new IndicatorGroup("G" + c.ToString(CultureInfo.InvariantCulture) + "-" + g.ToString(CultureInfo.InvariantCulture), "一级指标" + g.ToString(CultureInfo.InvariantCulture), [.. leaves]);
        }
        var grades = new GradePolicy([
            new GradeBand("优秀", 90m) { Quota = new Quota(0.3m), AwardCoefficient = 1.2m },
            new GradeBand("良好", 80m) { AwardCoefficient = 1.0m },
            new GradeBand("一般", 60m) { AwardCoefficient = 0.8m },
            new GradeBand("较差", 0m),
        ]);
        return new CategorySpec("CAT" + c.ToString("00", CultureInfo.InvariantCulture), "类别" + c.ToString(CultureInfo.InvariantCulture),
            new IndicatorGroup("root" + c.ToString(CultureInfo.InvariantCulture), "指标体系", [.. groups]),
            [new ComponentDefinition("indicators", "指标考核", 1m, ComponentSource.Indicators)],
            grades)
        {
            TotalPoints = total,
            BonusCap = 3m,
            DeductionCap = 5m,
            AwardBase = 10_000m,
        };
    }

    private static LeafValue Value(IndicatorLeaf leaf, Random random)
    {
        var target = random.Next(50, 5000);
        decimal actual = Math.Round(target * (decimal)(0.6 + (random.NextDouble() * 0.6)), 2);
        return leaf.Rule switch
        {
            GradedRule => new LeafValue(leaf.Id, null, null) { Grade = Grades[random.Next(Grades.Length)], Approver = "牵头部门" },
            TimeProgressRule => Monthly(leaf, target, random),
            DeductionRule or BonusPerItemRule => new LeafValue(leaf.Id, null, random.Next(4) == 0 ? random.Next(1, 4) : null),
            VetoRule => new LeafValue(leaf.Id, null, random.Next(500) == 0 ? 1m : 0m),
            GradeCapRule => new LeafValue(leaf.Id, null, random.Next(300) == 0 ? 1m : 0m),
            // About 1% of values are not reported.
            _ => new LeafValue(leaf.Id, target, random.Next(100) == 0 ? null : actual) { Evidence = "sha256:" + leaf.Id, Approver = "统计局", Source = "统计局" },
        };
    }

    private static LeafValue Monthly(IndicatorLeaf leaf, int target, Random random)
    {
        var plan = new decimal[12];
        var actual = new decimal?[12];
        for (var m = 0; m < 12; m++)
        {
            plan[m] = Math.Round(target * (m + 1) / 12m, 2);
            actual[m] = random.Next(30) == 0 ? null : Math.Round(plan[m] * (decimal)(0.7 + (random.NextDouble() * 0.4)), 2);
        }
        return new LeafValue(leaf.Id, target, null) { MonthlyPlan = [.. plan], MonthlyActual = [.. actual] };
    }
}
