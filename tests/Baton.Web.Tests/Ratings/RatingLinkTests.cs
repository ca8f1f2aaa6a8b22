using System.Net;
using Baton.Core.Accounts;
using Baton.Core.Ratings;
using Baton.Core.Units;
using Baton.Scoring.Ratings;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Web.Tests.Ratings;

public sealed class RatingLinkTests : IClassFixture<BatonWebFactory>
{
    private static readonly CurrentUser Office = new("office", [Roles.Office], null);
    private readonly BatonWebFactory _app;

    public RatingLinkTests(BatonWebFactory app) => _app = app;

    private T Service<T>(CurrentUser user) where T : notnull =>
        ActivatorUtilities.CreateInstance<T>(_app.Services.CreateScope().ServiceProvider, user);

    /// <summary>A fresh numeric round on two towns with one external deputy's link (quota: one score of 90 or more).</summary>
    private async Task<(long Round, string Token, long[] Towns)> RoundWithLinkAsync(bool raterFromFirstTown = false)
    {
        _ = _app.Server;
        var rounds = Service<RatingRoundService>(Office);
        var towns = (await Service<UnitService>(Office).ListAsync(2026)).Where(u => u.Kind == UnitKind.Town).Take(2).Select(u => u.Id).ToArray();
        var round = await rounds.CreateAsync(new RoundInput(2026, RatingKind.DeputyRating, $"测试评议{Guid.NewGuid():N}", RatingScale.Numeric, null, 1, 90,
            AnchoringRule.None, [new CriterionInput("工作实绩", 0.6m), new CriterionInput("工作作风", 0.4m)]));
        Assert.True(round.Ok, round.Error);
        Assert.True((await rounds.SetUnitsAsync(round.Value, towns, [])).Ok);
        var link = await rounds.AddLinkRaterAsync(round.Value, "人大代表 张三", raterFromFirstTown ? towns[0] : null);
        Assert.True(link.Ok, link.Error);
        return (round.Value, link.Value!.Token, towns);
    }

    private static FormUrlEncodedContent Form(string antiforgery, long[] towns, (string A, string B, string Reason)[] values)
    {
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = antiforgery };
        for (var i = 0; i < towns.Length; i++)
        {
            fields[$"u{towns[i]}_c0"] = values[i].A;
            fields[$"u{towns[i]}_c1"] = values[i].B;
            fields[$"u{towns[i]}_r"] = values[i].Reason;
        }
        return new FormUrlEncodedContent(fields);
    }

    [Fact]
    public async Task The_link_form_refuses_an_extreme_score_without_a_reason_and_saves_nothing()
    {
        var (_, token, towns) = await RoundWithLinkAsync();
        var client = _app.Anonymous();
        var page = await client.GetAsync($"/r/{token}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("人大代表 张三", html, StringComparison.Ordinal);

        var refused = await client.PostAsync($"/r/{token}/submit", Form(BatonWebFactory.AntiforgeryToken(html), towns, [("100", "95", ""), ("80", "82", "")]));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var again = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("有 100 分或低于 60 分的评分，须填写理由", again, StringComparison.Ordinal);
        // What the deputy typed is kept on the page.
        Assert.Contains("value=\"95\"", again, StringComparison.Ordinal);
        Assert.Null((await Service<RatingFormService>(CurrentUser.Anonymous).FormByTokenAsync(token))!.SubmittedAt);

        var accepted = await client.PostAsync($"/r/{token}/submit", Form(BatonWebFactory.AntiforgeryToken(again), towns, [("100", "95", "全年工作突出"), ("80", "82", "")]));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal($"/r/{token}?saved=1", accepted.Headers.Location?.ToString());
        Assert.NotNull((await Service<RatingFormService>(CurrentUser.Anonymous).FormByTokenAsync(token))!.SubmittedAt);
    }

    [Fact]
    public async Task The_link_refuses_a_second_use_after_the_round_closes()
    {
        var (round, token, towns) = await RoundWithLinkAsync();
        var client = _app.Anonymous();
        var html = await client.GetStringAsync($"/r/{token}");
        var first = await client.PostAsync($"/r/{token}/submit", Form(BatonWebFactory.AntiforgeryToken(html), towns, [("85", "88", ""), ("80", "82", "")]));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        html = await client.GetStringAsync($"/r/{token}?saved=1");
        Assert.Contains("已提交", html, StringComparison.Ordinal);
        var rounds = Service<RatingRoundService>(Office);
        Assert.True((await rounds.CloseAsync(round, (await rounds.GetAsync(round))!.Version, "评议期满")).Ok);

        var second = await client.PostAsync($"/r/{token}/submit", Form(BatonWebFactory.AntiforgeryToken(html), towns, [("70", "70", ""), ("70", "70", "")]));
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("本轮评议已结束", WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var form = (await Service<RatingFormService>(CurrentUser.Anonymous).FormByTokenAsync(token))!;
        Assert.Equal([85.0, 88.0], form.Units.First(u => u.UnitId == towns[0]).CriterionScores.Select(s => s!.Value));
        Assert.Contains("本轮评议已结束", WebUtility.HtmlDecode(await client.GetStringAsync($"/r/{token}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_link_form_refuses_top_scores_beyond_the_quota()
    {
        var (_, token, towns) = await RoundWithLinkAsync();
        var client = _app.Anonymous();
        var html = await client.GetStringAsync($"/r/{token}");
        var refused = await client.PostAsync($"/r/{token}/submit", Form(BatonWebFactory.AntiforgeryToken(html), towns, [("92", "95", ""), ("90", "90", "")]));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("90 分及以上最多只能给 1 个单位，您给了 2 个", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null((await Service<RatingFormService>(CurrentUser.Anonymous).FormByTokenAsync(token))!.SubmittedAt);
    }

    [Fact]
    public async Task A_rater_from_a_rated_unit_never_rates_it_even_when_the_post_says_so()
    {
        var (_, token, towns) = await RoundWithLinkAsync(raterFromFirstTown: true);
        var client = _app.Anonymous();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/r/{token}"));
        Assert.DoesNotContain($"u{towns[0]}_c0", html, StringComparison.Ordinal);
        var posted = await client.PostAsync($"/r/{token}/submit", Form(BatonWebFactory.AntiforgeryToken(html), towns, [("95", "95", "自评"), ("80", "82", "")]));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var form = (await Service<RatingFormService>(CurrentUser.Anonymous).FormByTokenAsync(token))!;
        Assert.Equal([towns[1]], form.Units.Select(u => u.UnitId));
        Assert.Equal([80.0, 82.0], form.Units[0].CriterionScores.Select(x => x!.Value));
        await using var scope = _app.Services.CreateAsyncScope();
        var outcome = await ActivatorUtilities.CreateInstance<RatingFormService>(scope.ServiceProvider, CurrentUser.Anonymous)
            .SubmitByTokenAsync(token, [new EntryInput(towns[0], [95, 95], null, "自评"), new EntryInput(towns[1], [80, 82], null, null)]);
        Assert.Contains("不能评议本单位", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_posted_form_without_the_antiforgery_token_or_with_an_unknown_link_is_refused()
    {
        var (_, token, towns) = await RoundWithLinkAsync();
        var client = _app.Anonymous();
        var forged = await client.PostAsync($"/r/{token}/submit", Form("forged", towns, [("85", "88", ""), ("80", "82", "")]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null((await Service<RatingFormService>(CurrentUser.Anonymous).FormByTokenAsync(token))!.SubmittedAt);

        var unknown = WebUtility.HtmlDecode(await client.GetStringAsync("/r/no-such-link"));
        Assert.Contains("评议链接无效", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rater_account_sees_its_rounds_but_not_the_office_pages()
    {
        var client = await _app.SignedInAsync("rater");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/ratings/my")).StatusCode);
        var office = await client.GetAsync("/ratings");
        Assert.Equal(HttpStatusCode.Redirect, office.StatusCode);
        Assert.Contains("/access-denied", office.Headers.Location!.ToString(), StringComparison.Ordinal);

        var officeClient = await _app.SignedInAsync("office");
        Assert.Equal(HttpStatusCode.OK, (await officeClient.GetAsync("/ratings")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officeClient.GetAsync("/ratings/1")).StatusCode);
        // The demo's assessment-team round is closed: its page opens on the calibration report, which shows the lenient team.
        var teams = await officeClient.GetAsync("/ratings/4");
        Assert.Equal(HttpStatusCode.OK, teams.StatusCode);
        var report = WebUtility.HtmlDecode(await teams.Content.ReadAsStringAsync());
        Assert.Contains("第三考核组", report, StringComparison.Ordinal);
        Assert.Contains("明显偏宽", report, StringComparison.Ordinal);
    }
}
