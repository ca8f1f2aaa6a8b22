using Microsoft.Playwright;

namespace Baton.E2E;

[Collection(ReadOnlyDemo.Name)]
public sealed class ResultsInBrowserTests(BrowserApp app)
{
    private async Task<IPage> OfficeResultsAsync()
    {
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "office");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync(app.BaseUrl + "/results");
        await BrowserApp.WaitInteractiveAsync(page);
        return page;
    }

    [Fact]
    public async Task Office_sees_the_ranking_with_calibrated_ratings_and_its_rank_uncertainty()
    {
        var page = await OfficeResultsAsync();
        await page.Locator("#year-select").ClickAsync();
        await page.Locator(".ant-select-item-option", new PageLocatorOptions { HasText = "2025" }).ClickAsync();
        await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "镇一类（重点镇）" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Tabpanel)).ToContainTextAsync("城关镇");

        await page.ClickAsync("#uncertainty");
        await Assertions.Expect(page.GetByRole(AriaRole.Tabpanel)).ToContainTextAsync("90% 排名区间", new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
        // The page says what was resampled (the graded deputies' round too) and what was held fixed, and why.
        await Assertions.Expect(page.Locator("#uncertainty-held")).ToContainTextAsync("2025年度两代表一委员评议（Rasch 模型）");
        await Assertions.Expect(page.Locator("#uncertainty-held")).ToContainTextAsync("群众满意度——手工录入");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.ScreenshotFolder, "results-office.png"), FullPage = true });
    }

    [Fact]
    public async Task Hand_entered_components_show_their_name_and_who_entered_them()
    {
        var page = await OfficeResultsAsync();
        await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "手工录入考核构成" }).ClickAsync();
        var panel = page.GetByRole(AriaRole.Tabpanel);
        await Assertions.Expect(panel.Locator("tbody tr").First).ToContainTextAsync("群众满意度");
        await Assertions.Expect(panel.Locator("tbody tr").First).ToContainTextAsync("县考核办");
        await Assertions.Expect(panel.Locator("tbody")).Not.ToContainTextAsync("satisfaction");
        await Assertions.Expect(panel.Locator("tbody")).Not.ToContainTextAsync("office");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.ScreenshotFolder, "results-components.png"), FullPage = true });
    }
}
