using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Baton.Web.Tests;

/// <summary>What a person sees when the app fails: a Chinese page, never the exception; the detail goes to the log.</summary>
public sealed class ErrorPageTests(BatonWebFactory app) : IClassFixture<BatonWebFactory>
{
    private static void AssertChineseErrorPage(string html)
    {
        Assert.Contains("系统出错", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Test failure", html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Source.cs", html, StringComparison.Ordinal);
        Assert.DoesNotContain("stack", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unhandled_exception_shows_a_chinese_error_page_and_logs_the_detail()
    {
        var client = await app.SignedInAsync("office");
        var response = await client.GetAsync(BatonWebFactory.UnhandledPath);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        AssertChineseErrorPage(await response.Content.ReadAsStringAsync());
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Error && e.Exception?.Message == BatonWebFactory.UnhandledDetail);
    }

    [Fact]
    public async Task An_unhandled_exception_in_a_form_post_shows_the_same_page()
    {
        var response = await BatonWebFactory.PostLoginAsync(app.Anonymous(), BatonWebFactory.UnhandledUserName, "Baton#2025");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        AssertChineseErrorPage(await response.Content.ReadAsStringAsync());
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Error && e.Exception?.Message == BatonWebFactory.UnhandledDetail);
    }

    [Fact]
    public async Task Error_statuses_answer_chinese_pages_that_say_what_happened()
    {
        var client = await app.SignedInAsync("office");
        var missing = await client.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("页面不存在", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var page = await forged.Content.ReadAsStringAsync();
        Assert.Contains("请求无效或页面已过期", page, StringComparison.Ordinal);
        Assert.DoesNotContain("页面不存在", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interactive_pages_carry_chinese_messages_for_a_lost_connection_and_a_failed_page()
    {
        // With these elements present Blazor shows them, not its built-in English ones.
        var html = await (await app.SignedInAsync("office")).GetStringAsync("/units");
        Assert.Contains("id=\"components-reconnect-modal\"", html, StringComparison.Ordinal);
        Assert.Contains("正在重新连接", html, StringComparison.Ordinal);
        Assert.Contains("id=\"blazor-error-ui\"", html, StringComparison.Ordinal);
        Assert.Contains("页面出错，错误已记录", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_quick_start_runs_the_production_environment()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryFolder.Root, "src", "Baton.Web", "Properties", "launchSettings.json")));
        foreach (var profile in settings.RootElement.GetProperty("profiles").EnumerateObject())
        {
            var environment = profile.Value.TryGetProperty("environmentVariables", out var variables)
                && variables.TryGetProperty("ASPNETCORE_ENVIRONMENT", out var name) ? name.GetString() : "Production";
            Assert.True(environment == "Production", $"`dotnet run` with profile {profile.Name} runs the {environment} environment");
        }
    }
}
