using System.Globalization;

namespace Baton.Web.Components;

/// <summary>Times are stored in UTC and shown in China Standard Time (UTC+8, no daylight saving).</summary>
public static class BeijingTime
{
    private static readonly TimeSpan s_offset = TimeSpan.FromHours(8);

    public static string Format(DateTime utc, string format = "yyyy-MM-dd HH:mm") =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).Add(s_offset).ToString(format, CultureInfo.InvariantCulture);

    public static string Format(DateTimeOffset at, string format = "yyyy-MM-dd HH:mm") =>
        at.ToOffset(s_offset).ToString(format, CultureInfo.InvariantCulture);
}
