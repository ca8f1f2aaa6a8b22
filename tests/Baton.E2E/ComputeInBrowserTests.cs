using Microsoft.Playwright;

namespace Baton.E2E;

/// <summary>Computing changes the year's data, so these tests have a database of their own.</summary>
public sealed class ComputeInBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Computing_a_year_without_a_snapshot_shows_the_first_category_ranking()
    {
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "office");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync(app.BaseUrl + "/results");
        await BrowserApp.WaitInteractiveAsync(page);
        await page.Locator("#year-select").ClickAsync();
        await page.Locator(".ant-select-item-option", new PageLocatorOptions { HasText = "2026" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Tabpanel)).ToContainTextAsync("2026 年度尚未计分");

        await page.ClickAsync("#compute");
        var tabs = page.GetByRole(AriaRole.Tab);
        await Assertions.Expect(tabs.First).ToHaveTextAsync("经济发展部门", new LocatorAssertionsToHaveTextOptions { Timeout = 60_000 });
        await Assertions.Expect(tabs.Last).ToHaveTextAsync("手工录入考核构成");
        await Assertions.Expect(tabs.First).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(page.GetByRole(AriaRole.Tabpanel)).ToContainTextAsync("县发展和改革局");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.ScreenshotFolder, "results-computed.png"), FullPage = true });
    }
}
