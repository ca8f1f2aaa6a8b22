using BenchmarkDotNet.Attributes;
using Baton.Scoring.Ratings;

namespace Baton.Benchmarks.Ratings;

/// <summary>
/// Additive calibration at province scale: R raters × 2R units, each rater rating 100 units chosen
/// at random (so each unit has about 50 raters); R = 5,000 is the 500,000-rating target of issue 4.
/// The generator is deterministic (seeded), so every run calibrates the same data.
/// </summary>
[MemoryDiagnoser]
public class AdditiveCalibrationBenchmark
{
    private RatingSet ratings = null!;
    private Rating[] records = null!;

    [Params(1_000, 5_000)]
    public int Raters { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        ratings = Generate(Raters, 2 * Raters, perRater: 100, seed: 20251127);
        records = [.. Enumerable.Range(0, ratings.Count).Select(i => ratings[i])];
    }

    /// <summary>Fit only: ratings already indexed.</summary>
    [Benchmark]
    public double Fit() => AdditiveCalibration.Fit(ratings).GetValueOrThrow().ResidualVariance;

    /// <summary>Index the rating records (string identifiers) and fit: what a caller with records pays.</summary>
    [Benchmark]
    public double IndexAndFit() => AdditiveCalibration.Fit(RatingSet.Create(records)).GetValueOrThrow().ResidualVariance;

    public static RatingSet Generate(int raterCount, int unitCount, int perRater, int seed)
    {
        var random = new Random(seed);
        var merit = new double[unitCount];
        for (var u = 0; u < unitCount; u++)
        {
            merit[u] = 70 + 10 * (random.NextDouble() - 0.5);
        }
        var raterIndex = new int[raterCount * perRater];
        var unitIndex = new int[raterIndex.Length];
        var scores = new double[raterIndex.Length];
        var order = Enumerable.Range(0, unitCount).ToArray();
        var i = 0;
        for (var r = 0; r < raterCount; r++)
        {
            var leniency = 8 * (random.NextDouble() - 0.5);
            // Partial Fisher–Yates: the first perRater entries become a random sample without replacement.
            for (var k = 0; k < perRater; k++)
            {
                var j = k + random.Next(unitCount - k);
                (order[k], order[j]) = (order[j], order[k]);
                raterIndex[i] = r;
                unitIndex[i] = order[k];
                scores[i] = merit[order[k]] + leniency + 3 * (random.NextDouble() - 0.5);
                i++;
            }
        }
        var raters = Enumerable.Range(0, raterCount).Select(r => $"R{r}").ToArray();
        var units = Enumerable.Range(0, unitCount).Select(u => $"U{u}").ToArray();
        return RatingSet.FromIndices(raters, units, raterIndex, unitIndex, scores);
    }
}
