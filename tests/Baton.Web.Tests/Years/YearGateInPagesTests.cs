using System.Net;

namespace Baton.Web.Tests.Years;

/// <summary>Buttons that cannot act in the year's state are rendered disabled, carrying the year gate's own reason.</summary>
public sealed class YearGateInPagesTests(BatonWebFactory app) : IClassFixture<BatonWebFactory>
{
    private async Task<string> PageAsync(string path)
    {
        var client = await app.SignedInAsync("office");
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_closed_round_of_the_final_year_offers_no_reopening_or_calibration_and_says_why()
    {
        // The demo's assessment-team round of 2025, a final year.
        var html = await PageAsync("/ratings/4");
        Assert.Contains("data-refusal=\"2025 年度当前为「结果已定」，此阶段不能提交评分、催办或重新开启评议（允许的阶段：考核进行中）。\"", html, StringComparison.Ordinal);
        Assert.Contains("data-refusal=\"2025 年度当前为「结果已定」，此阶段不能结束评议或校准评分（允许的阶段：考核进行中、年终计分）。\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_years_page_lists_what_keeps_a_year_from_its_next_step_before_the_button_is_pressed()
    {
        var html = await PageAsync("/years");
        // 2026 is in progress with nothing reported yet; 2025 is final and may be archived.
        Assert.Contains("data-refusal=\"尚有 ", html, StringComparison.Ordinal);
        Assert.Contains("尚未报送完成值", html, StringComparison.Ordinal);
        Assert.Contains("推进条件（未满足", html, StringComparison.Ordinal);
        Assert.Contains("推进到「已归档」", html, StringComparison.Ordinal);
    }
}
