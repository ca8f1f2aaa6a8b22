using Microsoft.Playwright;

namespace Baton.E2E;

/// <summary>A month's progress report from the field: reporter → head → lead unit, returned once and approved; the test changes data, so it has a database of its own.</summary>
public sealed class ProgressInBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private async Task<IPage> OpenAsync(string user, bool phone = false)
    {
        var page = await app.NewPageAsync();
        if (phone)
        {
            await page.SetViewportSizeAsync(375, 740);
        }
        await app.SignInAsync(page, user);
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync(app.BaseUrl + "/progress");
        await BrowserApp.WaitInteractiveAsync(page);
        return page;
    }

    private static ILocator Card(IPage page, string unit = "T01") => page.Locator($".card[data-unit='{unit}'][data-indicator='B2']");

    private static async Task ExpectNoticeAsync(IPage page, string text) =>
        await Assertions.Expect(page.Locator("#progress-notice")).ToContainTextAsync(text);

    private static async Task AssertFitsThePhoneAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 375"), "The progress page scrolls sideways at 375 px.");

    [Fact]
    public async Task A_month_is_submitted_with_evidence_confirmed_returned_fixed_and_approved()
    {
        // 2 March 2026 in Beijing: February is reported, due on the 5th.
        var reporter = await OpenAsync("reporter", phone: true);
        var card = Card(reporter);
        await Assertions.Expect(card.Locator(".progress-status")).ToHaveTextAsync("未填报");
        await AssertFitsThePhoneAsync(reporter);
        // The cards use the screen's width, not a sliver of it.
        Assert.True(await card.EvaluateAsync<double>("e => e.getBoundingClientRect().width") > 300, "The card is narrower than the phone's screen.");
        await card.Locator(".progress-input-value").FillAsync("15.5");
        await card.Locator(".progress-input-narrative").FillAsync("完成项目征地。");
        await card.Locator(".progress-input-evidence").SetInputFilesAsync(new FilePayload { Name = "2月项目进度.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4 项目进度"u8.ToArray() });
        await Assertions.Expect(card.Locator(".evidence-link")).ToContainTextAsync("2月项目进度.pdf");
        await card.Locator("button.progress-submit").ClickAsync();
        await ExpectNoticeAsync(reporter, "已提交，待单位负责人确认");
        await Assertions.Expect(Card(reporter).Locator(".progress-status")).ToHaveTextAsync("待确认");
        await reporter.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.ScreenshotFolder, "progress-phone.png") });

        var head = await OpenAsync("head", phone: true);
        await Card(head).Locator("button.progress-confirm").ClickAsync();
        await ExpectNoticeAsync(head, "已确认");

        var reviewer = await OpenAsync("reviewer");
        var queued = Card(reviewer);
        await Assertions.Expect(queued.Locator(".progress-status")).ToContainTextAsync("待审核");
        await Assertions.Expect(queued.Locator(".evidence-link")).ToContainTextAsync("2月项目进度.pdf");
        await queued.Locator(".progress-input-comment").FillAsync("与项目台账不符，请核对。");
        await queued.Locator("button.progress-return").ClickAsync();
        await ExpectNoticeAsync(reviewer, "已退回");

        await reporter.ReloadAsync();
        await BrowserApp.WaitInteractiveAsync(reporter);
        card = Card(reporter);
        await Assertions.Expect(card.Locator(".progress-status")).ToHaveTextAsync("已退回");
        await Assertions.Expect(card.Locator(".progress-return-comment")).ToContainTextAsync("退回意见：与项目台账不符，请核对。");
        await card.Locator(".progress-input-value").FillAsync("14.8");
        await card.Locator("button.progress-submit").ClickAsync();
        await ExpectNoticeAsync(reporter, "已提交");

        await head.ReloadAsync();
        await BrowserApp.WaitInteractiveAsync(head);
        await Card(head).Locator("button.progress-confirm").ClickAsync();
        await ExpectNoticeAsync(head, "已确认");

        await reviewer.ReloadAsync();
        await BrowserApp.WaitInteractiveAsync(reviewer);
        await Assertions.Expect(Card(reviewer).Locator(".progress-value")).ToHaveTextAsync("14.8");
        await Card(reviewer).Locator("button.progress-approve").ClickAsync();
        await ExpectNoticeAsync(reviewer, "已审核通过");
        await Assertions.Expect(Card(reviewer)).ToHaveCountAsync(0);

        await reporter.ReloadAsync();
        await BrowserApp.WaitInteractiveAsync(reporter);
        await Assertions.Expect(Card(reporter).Locator(".progress-status")).ToHaveTextAsync("已审核");
        await AssertFitsThePhoneAsync(reporter);
    }
}
