using Microsoft.Playwright;

namespace Baton.E2E;

/// <summary>The reporter → head → lead unit path of a value; the tests change data, so they have a database of their own.</summary>
public sealed class TargetsInBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private async Task<IPage> OpenAsync(string user, string path)
    {
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, user);
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync(app.BaseUrl + path);
        await BrowserApp.WaitInteractiveAsync(page);
        return page;
    }

    private static ILocator Row(IPage page, string text) => page.Locator("#target-table tbody tr", new PageLocatorOptions { HasText = text });

    [Fact]
    public async Task A_value_goes_from_reporter_to_head_to_lead_unit_and_back_with_a_reason()
    {
        const string Indicator = "单位生产总值能耗";
        var reporter = await OpenAsync("reporter", "/targets?work=Unreported");
        var row = Row(reporter, Indicator);
        await Assertions.Expect(row.Locator(".report-status")).ToHaveTextAsync("未填报");
        await row.Locator("input.ant-input-number-input").First.FillAsync("0.5");
        await row.Locator("input.ant-input-number-input").First.PressAsync("Tab");
        await row.Locator("button.report").ClickAsync();
        await Assertions.Expect(reporter.Locator(".ant-message")).ToContainTextAsync("已填报");
        await reporter.GotoAsync(app.BaseUrl + "/targets");
        await BrowserApp.WaitInteractiveAsync(reporter);
        await reporter.Locator(".ant-input-search input").FillAsync(Indicator);
        await Assertions.Expect(Row(reporter, Indicator).Locator(".report-status")).ToHaveTextAsync("待确认");
        await Assertions.Expect(Row(reporter, Indicator)).ToContainTextAsync("不计分");
        await Assertions.Expect(Row(reporter, Indicator).Locator("button.sign-off")).ToHaveCountAsync(0);

        var head = await OpenAsync("head", "/targets?work=AwaitingSignOff");
        await Row(head, Indicator).Locator("button.sign-off").ClickAsync();
        await Assertions.Expect(head.Locator(".ant-message")).ToContainTextAsync("已确认");

        var reviewer = await OpenAsync("reviewer", "/targets?work=AwaitingReview");
        var queued = Row(reviewer, Indicator);
        await Assertions.Expect(queued).ToContainTextAsync("城关镇");
        await Assertions.Expect(queued.Locator(".report-status")).ToHaveTextAsync("待审核");
        await queued.Locator("button.return").ClickAsync();
        await reviewer.FillAsync("#return-reason", "能耗口径应为规上工业");
        await reviewer.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "退 回" }).Or(reviewer.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "退回", Exact = true })).Last.ClickAsync();
        await Assertions.Expect(reviewer.Locator(".ant-message")).ToContainTextAsync("已退回");

        await reporter.GotoAsync(app.BaseUrl + "/targets?work=Returned");
        await BrowserApp.WaitInteractiveAsync(reporter);
        await Assertions.Expect(Row(reporter, Indicator).Locator(".report-status")).ToHaveTextAsync("已退回");
        await Assertions.Expect(Row(reporter, Indicator).Locator(".return-reason")).ToHaveTextAsync("退回原因：能耗口径应为规上工业");
        await reporter.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.ScreenshotFolder, "targets-returned.png"), FullPage = true });
    }
}
