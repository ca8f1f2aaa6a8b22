using System.Net;
using Baton.Core;
using Baton.Core.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Web.Tests.Accounts;

public sealed class SignInTests : IAsyncLifetime
{
    private readonly BatonWebFactory _app = new();

    public Task InitializeAsync() => _app.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<int> AuditCountAsync(string action, string userName)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<BatonDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.CountAsync(a => a.Action == action && a.Actor == userName);
    }

    [Fact]
    public async Task Login_page_is_in_chinese()
    {
        var html = await _app.Anonymous().GetStringAsync("/login");
        Assert.Contains("登 录", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_succeeds_and_is_audited()
    {
        var client = await _app.SignedInAsync("office");
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(1, await AuditCountAsync("login.success", "office"));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_until_unlocked()
    {
        var client = _app.Anonymous();
        HttpResponseMessage response = null!;
        for (var i = 0; i < 5; i++)
        {
            response = await BatonWebFactory.PostLoginAsync(client, "office", "wrong-password");
        }
        // A wrong password never says more than "wrong"; the lockout shows once the right password is given.
        Assert.Contains("error=invalid", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var right = await BatonWebFactory.PostLoginAsync(client, "office", "Baton#2025");
        Assert.Contains("error=locked", right.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(6, await AuditCountAsync("login.failed", "office"));

        var page = await client.GetStringAsync(right.Headers.Location);
        Assert.Contains("账号已被锁定", page, StringComparison.Ordinal);

        // Identity times the lockout by the real clock; the security administrator can lift it early.
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var security = ActivatorUtilities.CreateInstance<AccountService>(scope.ServiceProvider, new CurrentUser("secadmin", [Roles.SecurityAdmin], null));
            var office = (await security.ListAsync()).Single(a => a.UserName == "office");
            Assert.NotNull(office.LockedUntil);
            Assert.True((await security.UnlockAsync(office.Id)).Ok);
        }
        var later = await BatonWebFactory.PostLoginAsync(client, "office", "Baton#2025");
        Assert.Equal("/", later.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Unknown_user_and_wrong_password_say_the_same()
    {
        var client = _app.Anonymous();
        var unknown = await BatonWebFactory.PostLoginAsync(client, "nobody", "Baton#2025");
        var wrong = await BatonWebFactory.PostLoginAsync(client, "leader", "Baton#2024");
        Assert.Contains("error=invalid", unknown.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("error=invalid", wrong.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_name_costs_the_same_password_hashing_as_a_known_one()
    {
        var client = _app.Anonymous();
        // The first attempts prepare what is prepared once (the decoy hash, Identity's caches).
        await BatonWebFactory.PostLoginAsync(client, "nobody-at-all", "Baton#2024");
        await BatonWebFactory.PostLoginAsync(client, "leader", "Baton#2024");

        _app.Hasher.Reset();
        await BatonWebFactory.PostLoginAsync(client, "nobody", "Baton#2024");
        var unknown = _app.Hasher.Verifications;
        _app.Hasher.Reset();
        await BatonWebFactory.PostLoginAsync(client, "leader", "Baton#2024");
        var known = _app.Hasher.Verifications;

        Assert.Equal(1, unknown);
        Assert.Equal(known, unknown);
    }

    [Fact]
    public async Task A_wrong_password_answers_alike_for_unknown_disabled_and_locked_accounts()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var admin = ActivatorUtilities.CreateInstance<AccountService>(scope.ServiceProvider, new CurrentUser("admin", [Roles.Admin], null));
            var overseer = (await admin.ListAsync()).Single(a => a.UserName == "overseer");
            Assert.True((await admin.SetDisabledAsync(overseer.Id, true)).Ok);
        }
        var client = _app.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            await BatonWebFactory.PostLoginAsync(client, "operator", "wrong-password");
            await BatonWebFactory.PostLoginAsync(client, "nobody", "wrong-password");
        }

        static string Error(HttpResponseMessage response) => BatonWebFactory.LocationQuery(response)["error"].ToString();
        Assert.Equal("invalid", Error(await BatonWebFactory.PostLoginAsync(client, "nobody", "wrong-password")));
        Assert.Equal("invalid", Error(await BatonWebFactory.PostLoginAsync(client, "leader", "wrong-password")));
        Assert.Equal("invalid", Error(await BatonWebFactory.PostLoginAsync(client, "overseer", "wrong-password")));
        Assert.Equal("invalid", Error(await BatonWebFactory.PostLoginAsync(client, "operator", "wrong-password")));

        // Only the right password learns why the account cannot sign in.
        Assert.Equal("disabled", Error(await BatonWebFactory.PostLoginAsync(client, "overseer", "Baton#2025")));
        Assert.Equal("locked", Error(await BatonWebFactory.PostLoginAsync(client, "operator", "Baton#2025")));
    }

    [Fact]
    public async Task Signing_out_needs_the_antiforgery_token()
    {
        var client = await _app.SignedInAsync("office");
        var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, await AuditCountAsync("logout", "office"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/units")).StatusCode);

        var token = await BatonWebFactory.AntiforgeryTokenAsync(client, "/units");
        var signedOut = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal("/login", signedOut.Headers.Location!.OriginalString);
        Assert.Equal(1, await AuditCountAsync("logout", "office"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/units")).StatusCode);
    }

    [Theory]
    [InlineData("/units?year=2025", "/units?year=2025")]
    [InlineData("/units\t", "/")]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("/units\r\nSet-Cookie: x=1", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    public async Task Sign_in_returns_only_to_a_local_address(string returnUrl, string expected)
    {
        var client = _app.Anonymous();
        var login = await client.GetAsync("/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "office",
            ["password"] = "Baton#2025",
            ["returnUrl"] = returnUrl,
            ["__RequestVerificationToken"] = BatonWebFactory.AntiforgeryToken(await login.Content.ReadAsStringAsync()),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_refused_sign_in_keeps_only_a_local_return_address()
    {
        var client = _app.Anonymous();
        var token = await BatonWebFactory.AntiforgeryTokenAsync(client, "/login");
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "office",
            ["password"] = "wrong-password",
            ["returnUrl"] = "/\t/evil.example",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = BatonWebFactory.LocationQuery(response);
        Assert.Equal("invalid", query["error"].ToString());
        Assert.False(query.ContainsKey("returnUrl"));
    }

    [Fact]
    public async Task Idle_session_ends_after_thirty_minutes_on_the_server()
    {
        var client = await _app.SignedInAsync("office");
        _app.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/units")).StatusCode);
        _app.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/units")).StatusCode);
        _app.Clock.Advance(TimeSpan.FromMinutes(31));
        var idle = await client.GetAsync("/units");
        Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
        Assert.StartsWith("/login", idle.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Account_created_by_an_administrator_must_change_its_password_first()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var accounts = ActivatorUtilities.CreateInstance<AccountService>(scope.ServiceProvider, new CurrentUser("admin", [Roles.Admin], null));
            Assert.True((await accounts.CreateAsync(new AccountInput("wangwu", "王五", Roles.Leader, null, "Chushi#2026"))).Ok);
        }
        var (client, login) = await _app.SignInAsync("wangwu", "Chushi#2026");
        Assert.Equal("/account/change-password", login.Headers.Location!.OriginalString);
        var blocked = await client.GetAsync("/units");
        Assert.Equal("/account/change-password", blocked.Headers.Location!.OriginalString);

        var token = await BatonWebFactory.AntiforgeryTokenAsync(client, "/account/change-password");
        var changed = await client.PostAsync("/account/change-password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["currentPassword"] = "Chushi#2026",
            ["newPassword"] = "Xinmima#2026",
            ["confirmPassword"] = "Xinmima#2026",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal("/?password-changed=1", changed.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
    [Fact]
    public async Task Before_the_forced_change_only_the_change_page_sign_out_and_its_static_files_answer()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var accounts = ActivatorUtilities.CreateInstance<AccountService>(scope.ServiceProvider, new CurrentUser("admin", [Roles.Admin], null));
            Assert.True((await accounts.CreateAsync(new AccountInput("zhaoliu", "赵六", Roles.Office, null, "Chushi#2026"))).Ok);
        }
        var (client, login) = await _app.SignInAsync("zhaoliu", "Chushi#2026");
        Assert.Equal("/account/change-password", login.Headers.Location!.OriginalString);

        foreach (var path in new[]
        {
            "/api/units/export.xlsx?year=2025", "/api/units/template.xlsx", "/api/results/ranking.xlsx?year=2025", "/api/targets/export.xlsx?year=2025",
            "/api/indicators/export.xlsx?year=2025", "/api/units", "/api/units/1", "/units", "/audit", "/units.json", "/no-such-page.css",
        })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString == "/account/change-password",
                $"{path} answered {(int)response.StatusCode} {response.Headers.Location} before the password was changed");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/change-password")).StatusCode);
        var page = await client.GetStringAsync("/account/change-password");
        foreach (var asset in new[] { "app.css", "_content/AntDesign/css/ant-design-blazor.css", "_content/AntDesign/js/ant-design-blazor.js", "_framework/blazor.web.js" })
        {
            Assert.Contains(asset, page, StringComparison.Ordinal);
            var response = await client.GetAsync("/" + asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"/{asset} answered {(int)response.StatusCode}");
        }

        var token = BatonWebFactory.AntiforgeryToken(page);
        var signedOut = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal("/login", signedOut.Headers.Location!.OriginalString);
        Assert.Equal(1, await AuditCountAsync("logout", "zhaoliu"));
    }
}

public sealed class SignInRateLimitTests : IAsyncLifetime
{
    private readonly BatonWebFactory _app = new(signInAttemptsPerMinute: null);

    public Task InitializeAsync() => _app.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Sign_in_attempts_are_limited_per_address_before_any_password_is_checked()
    {
        var client = _app.Anonymous();
        var token = await BatonWebFactory.AntiforgeryTokenAsync(client, "/login");
        var form = new Dictionary<string, string> { ["userName"] = "nobody", ["password"] = "x", ["__RequestVerificationToken"] = token };
        for (var i = 0; i < 10; i++)
        {
            var allowed = await client.PostAsync("/account/login", new FormUrlEncodedContent(form));
            Assert.Contains("error=invalid", allowed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        var refused = await client.PostAsync("/account/login", new FormUrlEncodedContent(form));
        Assert.Contains("error=rate", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
