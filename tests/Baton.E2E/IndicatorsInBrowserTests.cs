using Microsoft.Playwright;

namespace Baton.E2E;

/// <summary>The indicator editor; the test creates a year, so it has a database of its own.</summary>
public sealed class IndicatorsInBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Office_edits_a_draft_years_rule_in_its_own_form_and_sees_problems_grouped_by_indicator()
    {
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "office");
        await page.WaitForURLAsync(app.BaseUrl + "/");

        // The current year is in progress: the editor says why it cannot change anything.
        await page.GotoAsync(app.BaseUrl + "/indicators");
        await BrowserApp.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("#indicator-frozen")).ToContainTextAsync("此阶段不能修改指标体系");
        await Assertions.Expect(page.Locator("#new-indicator")).ToBeDisabledAsync();

        await page.GotoAsync(app.BaseUrl + "/years");
        await BrowserApp.WaitInteractiveAsync(page);
        await page.FillAsync("#new-year input", "2027");
        await page.ClickAsync("#create-year");
        await Assertions.Expect(page.Locator(".ant-table")).ToContainTextAsync("2027");

        await page.GotoAsync(app.BaseUrl + "/indicators");
        await BrowserApp.WaitInteractiveAsync(page);
        await page.Locator("#year-select").ClickAsync();
        await page.Locator(".ant-select-item-option", new PageLocatorOptions { HasText = "2027" }).ClickAsync();
        await Assertions.Expect(page.Locator("#new-indicator")).ToBeEnabledAsync();
        await page.ClickAsync("#copy-year");
        await Assertions.Expect(page.Locator("#indicator-notice")).ToContainTextAsync("已从 2026 年度复制");

        await page.ClickAsync("#validate");
        var report = page.Locator("#validation-report");
        await Assertions.Expect(report).ToContainTextAsync("按指标分组");
        var groups = report.Locator(".ant-collapse-item");
        Assert.True(await groups.CountAsync() > 10);
        await Assertions.Expect(groups.Nth(1)).ToContainTextAsync("个问题）");

        await page.Locator("#category-select").ClickAsync();
        await page.Locator(".ant-select-item-option", new PageLocatorOptions { HasText = "镇一类（重点镇）" }).ClickAsync();
        var row = page.Locator("#indicator-table tbody tr", new PageLocatorOptions { HasText = "固定资产投资" });
        await row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "编辑" }).Or(row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "编 辑" })).ClickAsync();
        var editor = page.Locator("#rule-editor");
        await Assertions.Expect(editor.Locator("#rule-step input")).ToHaveValueAsync("5");
        await Assertions.Expect(page.Locator("#rule-description")).ToHaveTextAsync("完成目标得满分，每超 5% 加 0.5 分，加分上限 0 分（超额不加分）");
        await editor.Locator("#rule-no-cap").CheckAsync();
        await Assertions.Expect(page.Locator("#rule-description")).ToHaveTextAsync("完成目标得满分，每超 5% 加 0.5 分，不设上限");
        await editor.Locator("#rule-step input").FillAsync("0");
        await editor.Locator("#rule-step input").PressAsync("Tab");
        await Assertions.Expect(editor.Locator(".rule-problems")).ToContainTextAsync("超额步长须大于 0");
        await editor.Locator("#rule-step input").FillAsync("10");
        await editor.Locator("#rule-step input").PressAsync("Tab");
        await Assertions.Expect(editor.Locator(".rule-problems")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.ScreenshotFolder, "indicator-editor.png"), FullPage = true });
        await page.Locator(".ant-modal-footer .ant-btn-primary").ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("每超 10% 加 0.5 分，不设上限");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.ScreenshotFolder, "indicators-draft.png"), FullPage = true });
    }
}
