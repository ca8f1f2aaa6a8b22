using Microsoft.Playwright;

namespace Baton.E2E;

/// <summary>The idle timeout moves the app's clock: this class has an app of its own.</summary>
public sealed class IdleSessionInBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Idle_open_page_is_signed_out_by_the_server()
    {
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "overseer");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync(app.BaseUrl + "/units");
        await BrowserApp.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("#unit-table")).ToContainTextAsync("城关镇");

        // Working inside the page counts as activity, though no HTTP request is made.
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        await page.GetByText("考核类别").First.ClickAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        // 40 minutes after sign-in, 20 after the click: the server's next checks (the second began after
        // the clock moved) must keep the session, and the page stays.
        var seen = app.Revalidations.Count("overseer");
        var verdicts = await app.Revalidations.WaitAsync("overseer", seen, more: 2, TimeSpan.FromSeconds(30));
        Assert.Equal([true, true], verdicts);
        Assert.EndsWith("/units", page.Url, StringComparison.Ordinal);

        // Nobody touches the page for 31 minutes: the live circuit ends and the browser lands on the login page.
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        await page.WaitForURLAsync("**/login**", new PageWaitForURLOptions { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#userName")).ToBeVisibleAsync();
    }
}

/// <summary>A lockout changes the account: this class has a database of its own.</summary>
public sealed class LockoutInBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_right_one_then_says_so()
    {
        var page = await app.NewPageAsync();
        for (var i = 0; i < 5; i++)
        {
            await app.SignInAsync(page, "leader", "wrong-password");
            await page.WaitForURLAsync("**/login?error=*");
        }
        // A wrong password says no more than that, whatever the account's state.
        await Assertions.Expect(page.Locator("#login-error")).ToContainTextAsync("用户名或密码不正确");

        await app.SignInAsync(page, "leader");
        await page.WaitForURLAsync("**/login?error=locked*");
        await Assertions.Expect(page.Locator("#login-error")).ToContainTextAsync("账号已被锁定");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.ScreenshotFolder, "lockout.png") });
    }
}
