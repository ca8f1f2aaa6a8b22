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
        Assert.Contains("error=locked", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
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
