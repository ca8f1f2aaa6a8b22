using Microsoft.Playwright;

namespace Baton.E2E;

/// <summary>Computing changes the year's data, so these tests have a database of their own.</summary>
public sealed class ComputeInBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Computing_a_year_with_missing_components_lists_them_and_scores_nothing()
    {
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "office");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync(app.BaseUrl + "/results");
        await BrowserApp.WaitInteractiveAsync(page);
        await page.Locator("#year-select").ClickAsync();
        await page.Locator(".ant-select-item-option", new PageLocatorOptions { HasText = "2026" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Tabpanel)).ToContainTextAsync("2026 年度尚未计分");

        // The demo's 2026 is in progress: its rating rounds are not calibrated, so no component may count as 0.
        await page.ClickAsync("#compute");
        var error = page.Locator(".baton-error");
        await Assertions.Expect(error).ToContainTextAsync("缺少考核构成得分，不能计分", new LocatorAssertionsToContainTextOptions { Timeout = 60_000 });
        await Assertions.Expect(error).ToContainTextAsync("城关镇");
        await Assertions.Expect(error).ToContainTextAsync("请完成并校准相应的评议轮次");
        await Assertions.Expect(page.GetByRole(AriaRole.Tabpanel)).ToContainTextAsync("2026 年度尚未计分");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.ScreenshotFolder, "results-missing.png"), FullPage = true });
    }
}
