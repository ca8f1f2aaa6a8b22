using System.Globalization;

namespace Baton.Scoring.Surveys;

/// <summary>
/// How precisely a proportion p observed among n respondents drawn without replacement from a frame
/// of N people (e.g. a unit's satisfaction rate) estimates the frame's proportion, by simple random
/// sampling theory: the standard error with the unbiased variance estimator and the finite-population
/// correction, SE = √(p(1−p)/(n−1) · (N−n)/N), and the 95% margin of error z·SE with z = 1.96 (the
/// two-sided 95% point of the normal distribution, <see cref="Z95"/>). A census (n = N) has SE 0.
/// </summary>
public sealed record ProportionEstimate
{
    private ProportionEstimate(double p, long respondents, long population)
    {
        P = p;
        Respondents = respondents;
        Population = population;
    }

    /// <summary>The observed proportion, 0 to 1.</summary>
    public double P { get; }

    /// <summary>n, at least 2 (the estimator divides by n − 1).</summary>
    public long Respondents { get; }

    /// <summary>N, the size of the frame the respondents were drawn from, at least n.</summary>
    public long Population { get; }

    /// <summary>The z of a two-sided 95% interval used by <see cref="Margin95"/>.</summary>
    public const double Z95 = 1.96;

    /// <summary>
    /// Why (<paramref name="p"/>, <paramref name="respondents"/>, <paramref name="population"/>) has no
    /// estimate, in Chinese, or null when it has one.
    /// </summary>
    public static string? Refusal(double p, long respondents, long population)
    {
        if (!(p >= 0 && p <= 1))
        {
            return $"比例 p 应在 0 到 1 之间，实为 {p.ToString(CultureInfo.InvariantCulture)}。";
        }
        if (respondents < 2)
        {
            return $"样本量 n 至少为 2（标准误除以 n−1），实为 {respondents.ToString(CultureInfo.InvariantCulture)}。";
        }
        if (population < respondents)
        {
            return $"样本量 n（{respondents.ToString(CultureInfo.InvariantCulture)}）不能大于总体规模 N（{population.ToString(CultureInfo.InvariantCulture)}）。";
        }
        return null;
    }

    /// <summary>The estimate of <paramref name="p"/> among <paramref name="respondents"/> of <paramref name="population"/>; throws where <see cref="Refusal"/> says why not.</summary>
    public static ProportionEstimate Of(double p, long respondents, long population)
    {
        if (Refusal(p, respondents, population) is { } refusal)
        {
            throw new ArgumentOutOfRangeException(nameof(p), refusal);
        }
        return new ProportionEstimate(p, respondents, population);
    }

    /// <summary>√(p(1−p)/(n−1) · (N−n)/N): the standard error of <see cref="P"/>, as a proportion.</summary>
    public double StandardError => Math.Sqrt(P * (1 - P) / (Respondents - 1) * ((double)(Population - Respondents) / Population));

    /// <summary>1.96 · SE: half the width of the 95% confidence interval, as a proportion.</summary>
    public double Margin95 => Z95 * StandardError;

    /// <summary>Krejcie &amp; Morgan's minimum sample for <see cref="Population"/>.</summary>
    public long MinimumSampleSize => KrejcieMorgan.SampleSize(Population);

    /// <summary>True when fewer than the minimum responded: the unit is flagged, not ranked on noise.</summary>
    public bool BelowMinimum => Respondents < MinimumSampleSize;
}

/// <summary>
/// Krejcie &amp; Morgan's (1970) minimum sample size for a frame of N, for a proportion within d = 0.05
/// at 95% confidence with the most conservative P = 0.5:
/// s = χ²NP(1−P) / (d²(N−1) + χ²P(1−P)), χ² = 3.841 (one degree of freedom, 95%).
/// <para>
/// Rounding: s is rounded to the nearest whole number (half up), because that is how Krejcie and
/// Morgan's published table was made: this rule reproduces every entry of the table (N = 500 gives
/// s = 217.47, the table's 217; N = 1,000,000 gives 383.95, the table's 384), while rounding up would
/// disagree with 45 of its 91 entries (it would give 218 for 500). A frame the table does not list
/// (100,000: s = 382.63) gets the same rule, 383.
/// </para>
/// </summary>
public static class KrejcieMorgan
{
    /// <summary>χ² for one degree of freedom at the 95% level, as the paper uses it.</summary>
    public const double ChiSquare = 3.841;

    /// <summary>The population proportion assumed, the one that maximises the sample size.</summary>
    public const double Proportion = 0.5;

    /// <summary>The degree of accuracy, as a proportion.</summary>
    public const double Accuracy = 0.05;

    /// <summary>Why <paramref name="population"/> has no minimum sample, in Chinese, or null when it has one.</summary>
    public static string? Refusal(long population) =>
        population < 1 ? $"总体规模 N 至少为 1，实为 {population.ToString(CultureInfo.InvariantCulture)}。" : null;

    /// <summary>s before rounding, for a frame of <paramref name="population"/> (at least 1).</summary>
    public static double Exact(long population)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(population, 1);
        const double spread = ChiSquare * Proportion * (1 - Proportion);
        return spread * population / (Accuracy * Accuracy * (population - 1) + spread);
    }

    /// <summary>The minimum sample for a frame of <paramref name="population"/>, as the published table gives it.</summary>
    public static long SampleSize(long population) => (long)Math.Round(Exact(population), MidpointRounding.AwayFromZero);

    /// <summary>True when <paramref name="respondents"/> of a frame of <paramref name="population"/> are fewer than the minimum.</summary>
    public static bool IsBelowMinimum(long respondents, long population) => respondents < SampleSize(population);
}
