using Baton.Scoring.Ratings;

namespace Baton.Scoring.Tests.Ratings;

/// <summary>Seeded simulated rating rounds with known truth.</summary>
internal static class Simulation
{
    public static double Normal(Random random)
    {
        // Box–Muller; 1 − U keeps the logarithm finite.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Each rater rates <paramref name="perRater"/> distinct units chosen at random.</summary>
    public static List<(int Rater, int Unit)> IncompleteDesign(Random random, int raters, int units, int perRater)
    {
        var pairs = new List<(int, int)>();
        var order = Enumerable.Range(0, units).ToArray();
        for (var r = 0; r < raters; r++)
        {
            random.Shuffle(order);
            foreach (var u in order.Take(perRater))
            {
                pairs.Add((r, u));
            }
        }
        return pairs;
    }

    public static RatingSet ToSet(IEnumerable<(int Rater, int Unit, double Score)> ratings) =>
        RatingSet.Create(ratings.Select(x => new Rating(RaterName(x.Rater), UnitName(x.Unit), x.Score)));

    public static string RaterName(int r) => $"R{r:D3}";

    public static string UnitName(int u) => $"U{u:D3}";

    public static double Correlation(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }
}
