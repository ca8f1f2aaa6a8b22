using Microsoft.Playwright;

namespace Baton.E2E;

public sealed class YearsInBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Office_sees_why_a_year_cannot_advance_and_records_a_waiver_for_a_listed_item()
    {
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "office");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync(app.BaseUrl + "/years");
        await BrowserApp.WaitInteractiveAsync(page);

        // 2026 is in progress and nothing is reported yet: the button is disabled and its tooltip lists why.
        await Assertions.Expect(page.Locator("#advance-2026")).ToBeDisabledAsync();
        await page.Locator(".baton-gated", new PageLocatorOptions { Has = page.Locator("#advance-2026") }).HoverAsync();
        await Assertions.Expect(page.Locator(".ant-tooltip-inner")).ToContainTextAsync("尚未报送完成值");

        await page.ClickAsync("#missing-2026");
        var list = page.Locator("#missing-list li");
        // The demo's open 2026 deputies' round comes first; an unreported value follows.
        await Assertions.Expect(list.First).ToContainTextAsync("尚未结束");
        var report = list.Filter(new LocatorFilterOptions { HasText = "尚未报送完成值" }).First;
        await Assertions.Expect(report).ToContainTextAsync("尚未报送完成值");
        var before = await list.CountAsync();
        var first = (await report.InnerTextAsync()).Replace("豁免", "", StringComparison.Ordinal).Trim();
        await report.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "豁免" }).ClickAsync();
        await page.FillAsync("#waiver-reason", "该指标年度内不考核，经县考核办会议研究豁免");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "记录豁免" }).ClickAsync();
        await Assertions.Expect(list).ToHaveCountAsync(before - 1);
        await Assertions.Expect(page.Locator("#waivers")).ToContainTextAsync("该指标年度内不考核，经县考核办会议研究豁免");
        Assert.DoesNotContain(first, await page.Locator("#missing-list").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.ScreenshotFolder, "years-waiver.png"), FullPage = true });
    }
}
