using Microsoft.Playwright;

namespace Baton.E2E;

/// <summary>The city targets and negotiation pages in the demo's 2026, which is past issuance: they show, and say why nothing can change.</summary>
[Collection(ReadOnlyDemo.Name)]
public sealed class PlanningInBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task After_issuance_the_office_sees_why_city_targets_and_proposals_cannot_change()
    {
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "office");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync(app.BaseUrl + "/city-targets");
        await BrowserApp.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("#new-city-target")).ToBeDisabledAsync();
        await page.Locator(".baton-gated", new PageLocatorOptions { Has = page.Locator("#new-city-target") }).HoverAsync();
        await Assertions.Expect(page.Locator(".ant-tooltip-inner")).ToContainTextAsync("此阶段不能设定目标值");
        await Assertions.Expect(page.Locator("#balance-table")).ToContainTextAsync("总量");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.ScreenshotFolder, "city-targets.png"), FullPage = true });

        await page.GotoAsync(app.BaseUrl + "/negotiations");
        await BrowserApp.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("#new-proposal")).ToBeDisabledAsync();
    }
}
