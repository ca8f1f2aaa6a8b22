using System.Net;
using System.Text.RegularExpressions;
using Baton.Core.Accounts;
using Baton.Core.Ratings;
using Baton.Web.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Web.Tests;

/// <summary>One rule for times shown to people: Beijing time, <c>yyyy-MM-dd HH:mm</c>, through <see cref="BeijingTime"/>.</summary>
public sealed partial class BeijingTimeTests(BatonWebFactory app) : IClassFixture<BatonWebFactory>
{
    [Fact]
    public void A_utc_time_is_shown_eight_hours_later_to_the_minute()
    {
        Assert.Equal("2026-01-01 07:30", BeijingTime.Format(new DateTime(2025, 12, 31, 23, 30, 59, DateTimeKind.Utc)));
        Assert.Equal("2026-01-01 07:30", BeijingTime.Format(new DateTimeOffset(2025, 12, 31, 23, 30, 0, TimeSpan.Zero)));
        Assert.Equal("", BeijingTime.Format((DateTime?)null));
        // A day picked in a filter starts at midnight in Beijing, 16:00 UTC the day before.
        Assert.Equal(new DateTime(2026, 3, 1, 16, 0, 0, DateTimeKind.Utc), BeijingTime.StartOfDayUtc(new DateTime(2026, 3, 2)));
    }

    [Fact]
    public async Task The_rating_round_page_shows_submissions_in_beijing_time()
    {
        _ = app.Server;
        await using var scope = app.Services.CreateAsyncScope();
        var round = await ActivatorUtilities.CreateInstance<RatingRoundService>(scope.ServiceProvider, new CurrentUser("office", [Roles.Office], null)).GetAsync(1);
        var submitted = round!.Raters.Select(r => r.SubmittedAt).OfType<DateTime>().First();

        var html = WebUtility.HtmlDecode(await (await app.SignedInAsync("office")).GetStringAsync("/ratings/1"));
        Assert.Contains(BeijingTime.Format(submitted), html, StringComparison.Ordinal);
        Assert.DoesNotContain(submitted.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), html, StringComparison.Ordinal);
    }

    [Fact]
    public void Pages_format_times_only_through_beijing_time()
    {
        var web = Path.Combine(RepositoryFolder.Root, "src", "Baton.Web");
        var offenders = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && Path.GetFileName(f) != "BeijingTime.cs")
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: Path.GetRelativePath(web, f), Line: i + 1, Text: line)))
            .Where(l => TimeFormatting().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "Times formatted outside BeijingTime:\n" + string.Join("\n", offenders));
    }

    // A time converted or formatted by hand: the server's local zone is UTC, and each page would pick its own format.
    [GeneratedRegex(@"ToLocalTime\(|ToUniversalTime\(|\.ToString\(""[^""]*(HH|mm|yyyy|MM-dd)|TimeZoneInfo")]
    private static partial Regex TimeFormatting();
}
