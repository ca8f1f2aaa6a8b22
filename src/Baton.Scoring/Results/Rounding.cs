namespace Baton.Scoring.Results;

/// <summary>
/// Baton's one rounding rule: half away from zero, at the number of decimals the year's rules set
/// (two unless a year says otherwise). Every stored score passes through <see cref="Round"/> once,
/// at the end of the computation that produced it; intermediate values keep full precision.
/// </summary>
public static class Rounding
{
    /// <summary>The default number of decimals of a stored score.</summary>
    public const int DefaultDecimals = 2;

    /// <summary>Rounds <paramref name="value"/> half away from zero to <paramref name="decimals"/> places.</summary>
    public static decimal Round(decimal value, int decimals = DefaultDecimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 28);
        return Math.Round(value, decimals, MidpointRounding.AwayFromZero);
    }
}
