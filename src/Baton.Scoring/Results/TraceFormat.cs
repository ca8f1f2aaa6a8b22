using System.Globalization;

namespace Baton.Scoring.Results;

/// <summary>
/// The fixed, culture-independent number formats of traces and snapshots. Traces are read by people
/// in Chinese but their digits never depend on the machine's culture.
/// </summary>
internal static class TraceFormat
{
    private static readonly string[] PointFormats = ["0", "0.0", "0.00", "0.000", "0.0000", "0.00000", "0.000000"];

    /// <summary>Points at the year's precision, e.g. 4.80.</summary>
    public static string Points(decimal value, int decimals) =>
        Rounding.Round(value, decimals).ToString(decimals < PointFormats.Length ? PointFormats[decimals] : "0.############################", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage with one decimal, e.g. 0.96 → 96.0%.</summary>
    public static string Percent(decimal fraction) =>
        Rounding.Round(fraction * 100m, 1).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A number as entered, without trailing zeros: 100.00 → 100, 0.50 → 0.5.</summary>
    public static string Number(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        if (text.Contains('.', StringComparison.Ordinal))
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }
        return text == "-0" ? "0" : text;
    }

    public static string Number(decimal? value) => value is { } v ? Number(v) : "-";
}
