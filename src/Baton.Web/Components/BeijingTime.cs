using System.Globalization;

namespace Baton.Web.Components;

/// <summary>
/// The one rule for times shown to people: stored in UTC, shown in China Standard Time (UTC+8, no
/// daylight saving) as <c>yyyy-MM-dd HH:mm</c>. Pages never convert or format a time themselves
/// (the server's own zone is UTC); a test looks for any that do.
/// </summary>
public static class BeijingTime
{
    public const string Pattern = "yyyy-MM-dd HH:mm";

    private static readonly TimeSpan s_offset = TimeSpan.FromHours(8);

    public static string Format(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).Add(s_offset).ToString(Pattern, CultureInfo.InvariantCulture);

    public static string Format(DateTimeOffset at) =>
        at.ToOffset(s_offset).ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>The UTC instant a Beijing calendar day begins, for filters where a person picks days.</summary>
    public static DateTime StartOfDayUtc(DateTime beijingDay) =>
        DateTime.SpecifyKind(beijingDay.Date, DateTimeKind.Utc).Subtract(s_offset);

    /// <summary>A calendar day (a milestone, a deadline, a statistics day) as yyyy-MM-dd: a date, not an instant, so no zone applies.</summary>
    public static string Day(DateOnly? day) => day?.ToString("O", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Nothing for a time that has not happened (not submitted, not approved).</summary>
    public static string Format(DateTime? utc) => utc is { } at ? Format(at) : "";
}
