using System.Collections.Immutable;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Baton.Scoring.Indicators;
using Baton.Scoring.Ratings;
using Baton.Scoring.Results;

namespace Baton.Benchmarks.Results;

/// <summary>
/// 1,000 bootstrap replicates of the whole overall score for a county the size of the demo county:
/// 12 towns in 2 categories and 35 departments in 4, 40 leaves each, and four rating rounds resampled
/// and recalibrated in every replicate — deputies (30 raters, all units), leaders (8, all units),
/// peer rating among departments (each rates every other), and five assessment teams scoring the towns
/// on site (each team 4 towns plus 2 anchor towns). Deterministic (seed 2025).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class RankBootstrapBenchmark
{
    private YearInput input = null!;
    private ResampledComponent[] rounds = null!;

    [GlobalSetup]
    public void Setup() => (input, rounds) = DemoSizedCounty.Build(2025);

    [Benchmark]
    public ImmutableArray<UnitUncertainty> ThousandReplicates() => RankBootstrap.Run(input, rounds, 1000, seed: 2025).Units;
}

public static class DemoSizedCounty
{
    // The two towns every assessment team scores, which connect the teams' designs.
    private static readonly int[] AnchorTowns = [0, 1];

    public static (YearInput Input, ResampledComponent[] Rounds) Build(int seed)
    {
        var random = new Random(seed);
        var grades = new GradePolicy([
            new GradeBand("优秀", 90m) { Quota = new Quota(0.3m), AwardCoefficient = 1.2m },
            new GradeBand("良好", 80m) { AwardCoefficient = 1m },
            new GradeBand("一般", 60m) { AwardCoefficient = 0.8m },
            new GradeBand("较差", 0m),
        ]);
        CategorySpec Category(string code, string name, bool town)
        {
            var leaves = Enumerable.Range(0, 40)
                .Select(i => (IndicatorNode)new IndicatorLeaf($"{code}-{i}", $"指标{i}", 2.5m, new CompletionRateRule(Floor: 0.5m, Cap: 1.2m)))
                .ToImmutableArray();
            return new CategorySpec(code, name, new IndicatorGroup("root", "指标", leaves),
            [
                new ComponentDefinition("indicators", "指标考核", 0.6m, ComponentSource.Indicators),
                new ComponentDefinition("deputies", "两代表一委员评议", 0.15m),
                new ComponentDefinition("leaders", "领导评价", 0.1m),
                new ComponentDefinition(town ? "teams" : "peers", town ? "考核组实地评分" : "单位互评", 0.15m),
            ], grades);
        }
        CategorySpec[] categories =
        [
            Category("TOWN-A", "镇一类", true), Category("TOWN-B", "镇二类", true),
            Category("DEPT-ECON", "经济部门", false), Category("DEPT-SOC", "社会事业部门", false),
            Category("DEPT-PARTY", "党群部门", false), Category("DEPT-LAW", "政法部门", false),
        ];
        var units = new List<UnitInput>();
        for (var u = 0; u < 47; u++)
        {
            var category = u < 5 ? categories[0] : u < 12 ? categories[1] : categories[2 + (u - 12) % 4];
            var values = category.Indicators.Children.Cast<IndicatorLeaf>()
                .Select(l => new LeafValue(l.Id, 100m, 70m + random.Next(0, 45))).ToImmutableArray();
            units.Add(new UnitInput(Id(u), "单位" + Id(u), category.Code, values));
        }

        var quality = Enumerable.Range(0, 47).Select(_ => 70 + random.NextDouble() * 25).ToArray();
        ResampledComponent Round(string code, IEnumerable<(string Rater, int Unit)> pairs, double spread)
        {
            var severity = new Dictionary<string, double>(StringComparer.Ordinal);
            var ratings = pairs.Select(p =>
            {
                if (!severity.TryGetValue(p.Rater, out var s))
                {
                    severity[p.Rater] = s = (random.NextDouble() - 0.5) * spread;
                }
                return new Rating(p.Rater, Id(p.Unit), Math.Clamp(quality[p.Unit] + s + (random.NextDouble() - 0.5) * 8, 0, 100));
            });
            return new ResampledComponent(code, RatingSet.Create(ratings));
        }
        var all = Enumerable.Range(0, 47).ToArray();
        var departments = Enumerable.Range(12, 35).ToArray();
        ResampledComponent[] rounds =
        [
            Round("deputies", from r in Enumerable.Range(0, 30) from u in all select ($"代表{r}", u), 10),
            Round("leaders", from r in Enumerable.Range(0, 8) from u in all select ($"领导{r}", u), 6),
            Round("peers", from r in departments from u in departments where r != u select ($"部门{r}", u), 8),
            Round("teams", from t in Enumerable.Range(0, 5) from u in AnchorTowns.Concat(Enumerable.Range(2, 10).Where(x => x % 5 == t || (x + 1) % 5 == t)) select ($"考核组{t}", u), 12),
        ];

        // The published components: each round calibrated once.
        var published = rounds.SelectMany(r => AdditiveCalibration.Fit(r.Ratings).Value!.Units.Select(u => (r.ComponentCode, u.Unit, u.Calibrated)))
            .ToLookup(x => x.Unit, StringComparer.Ordinal);
        var withComponents = units.Select(u => u with
        {
            Components = [.. published[u.Id].Select(x => new ComponentValue(x.ComponentCode, (decimal)Math.Clamp(x.Calibrated, 0, 100)))],
        });
        return (new YearInput("2025", [.. categories], [.. withComponents]), rounds);
    }

    private static string Id(int u) => "U" + u.ToString("00", CultureInfo.InvariantCulture);
}
