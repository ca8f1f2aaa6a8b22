namespace Baton.Scoring.Surveys;

/// <summary>
/// The two tail probabilities the interview checks state as evidence: the chi-square distribution's
/// upper tail (Pearson's test of homogeneity) and the hypergeometric upper tail (how surprising it is
/// that one operator holds so many of the interviews that share a pattern).
/// </summary>
public static class Distributions
{
    /// <summary>
    /// P(X ≥ <paramref name="statistic"/>) for X chi-square distributed with <paramref name="degreesOfFreedom"/>
    /// degrees of freedom: the regularised upper incomplete gamma function Q(df/2, x/2).
    /// </summary>
    public static double ChiSquareUpperTail(double statistic, int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(statistic);
        return UpperRegularisedGamma(degreesOfFreedom / 2.0, statistic / 2);
    }

    /// <summary>
    /// P(X ≥ <paramref name="atLeast"/>) for X the number of marked items among <paramref name="draws"/>
    /// drawn without replacement from <paramref name="population"/> items of which <paramref name="marked"/> are marked.
    /// </summary>
    public static double HypergeometricUpperTail(int atLeast, int population, int marked, int draws)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(population);
        ArgumentOutOfRangeException.ThrowIfNegative(marked);
        ArgumentOutOfRangeException.ThrowIfNegative(draws);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(marked, population);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(draws, population);
        var low = Math.Max(0, draws - (population - marked));
        var high = Math.Min(marked, draws);
        if (atLeast <= low)
        {
            return 1;
        }
        if (atLeast > high)
        {
            return 0;
        }
        // pmf(x) from logs of the binomial coefficients, then the ratio pmf(x+1)/pmf(x) upwards.
        var logPmf = LogChoose(marked, atLeast) + LogChoose(population - marked, draws - atLeast) - LogChoose(population, draws);
        var pmf = Math.Exp(logPmf);
        var sum = 0.0;
        for (var x = atLeast; x <= high; x++)
        {
            sum += pmf;
            pmf *= (double)(marked - x) * (draws - x) / ((double)(x + 1) * (population - marked - draws + x + 1));
        }
        return Math.Min(1, sum);
    }

    private static double LogChoose(int n, int k)
    {
        k = Math.Min(k, n - k);
        var sum = 0.0;
        for (var i = 1; i <= k; i++)
        {
            sum += Math.Log(n - k + i) - Math.Log(i);
        }
        return sum;
    }

    /// <summary>Q(a, x) = Γ(a, x)/Γ(a): by its series below a + 1, by its continued fraction above (Numerical Recipes §6.2).</summary>
    private static double UpperRegularisedGamma(double a, double x)
    {
        if (x == 0)
        {
            return 1;
        }
        var logPrefix = a * Math.Log(x) - x - LogGamma(a);
        if (x < a + 1)
        {
            var term = 1 / a;
            var sum = term;
            for (var n = 1; n < 10_000 && Math.Abs(term) > Math.Abs(sum) * 1e-16; n++)
            {
                term *= x / (a + n);
                sum += term;
            }
            return Math.Max(0, 1 - sum * Math.Exp(logPrefix));
        }
        // Lentz's method for the continued fraction of Γ(a, x).
        const double tiny = 1e-300;
        var b = x + 1 - a;
        var c = 1 / tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < 10_000; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = Math.Abs(d) < tiny ? tiny : d;
            c = b + an / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }
        return Math.Exp(logPrefix) * h;
    }

    /// <summary>ln Γ(a) for a &gt; 0, by Lanczos' approximation (g = 7, nine coefficients; relative error below 1e-15).</summary>
    private static double LogGamma(double a)
    {
        ReadOnlySpan<double> coefficients =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (a < 0.5)
        {
            // Reflection: Γ(a)Γ(1−a) = π / sin(πa).
            return Math.Log(Math.PI / Math.Sin(Math.PI * a)) - LogGamma(1 - a);
        }
        a -= 1;
        var series = coefficients[0];
        for (var i = 1; i < coefficients.Length; i++)
        {
            series += coefficients[i] / (a + i);
        }
        var t = a + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (a + 0.5) * Math.Log(t) - t + Math.Log(series);
    }
}
