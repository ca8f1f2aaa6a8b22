using Microsoft.Playwright;

namespace Baton.E2E;

[Collection(ReadOnlyDemo.Name)]
public sealed class UnitsForReporterInBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task Reporter_sees_only_the_first_town()
    {
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "reporter");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync(app.BaseUrl + "/units");
        await BrowserApp.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("#unit-table")).ToContainTextAsync("城关镇");
        await Assertions.Expect(page.Locator("#unit-table")).Not.ToContainTextAsync("东河镇");
        await Assertions.Expect(page.Locator("#new-unit")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.ScreenshotFolder, "units-reporter.png"), FullPage = true });
    }
}
