using System.IO.Compression;
using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Web.Tests;

/// <summary>Every Excel download in the app's route table opens for the office as a real workbook.</summary>
public sealed class ExcelDownloadTests(BatonWebFactory app) : IClassFixture<BatonWebFactory>
{
    private const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private List<string> DownloadRoutes() =>
        app.Services.GetRequiredService<IEnumerable<EndpointDataSource>>()
            .SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(p => p.StartsWith("/api/", StringComparison.Ordinal) && p.EndsWith(".xlsx", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void The_route_table_holds_every_excel_download_of_the_pages()
    {
        _ = app.Server;
        Assert.Equal(
            [
                "/api/city-targets/template.xlsx", "/api/indicators/export.xlsx", "/api/indicators/template.xlsx", "/api/negotiations/export.xlsx",
                "/api/progress/template.xlsx", "/api/results/ranking.xlsx",
                "/api/targets/export.xlsx", "/api/targets/statistics-template.xlsx", "/api/targets/template.xlsx",
                "/api/units/export.xlsx", "/api/units/template.xlsx", "/api/warnings/warnings.xlsx",
            ],
            DownloadRoutes());
    }

    [Fact]
    public async Task Every_excel_download_answers_the_office_with_a_workbook()
    {
        var client = await app.SignedInAsync("office");
        var problems = new List<string>();
        foreach (var route in DownloadRoutes())
        {
            // The demo's 2025 is computed, so every year-bound download has data.
            var response = await client.GetAsync(route + "?year=2025");
            var body = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                problems.Add($"{route} answered {(int)response.StatusCode}");
                continue;
            }
            if (response.Content.Headers.ContentType?.MediaType != ContentType)
            {
                problems.Add($"{route} answered {response.Content.Headers.ContentType}");
                continue;
            }
            if (response.Content.Headers.ContentDisposition?.FileNameStar is not { Length: > 0 } name || !name.EndsWith(".xlsx", StringComparison.Ordinal))
            {
                problems.Add($"{route} names no .xlsx file");
                continue;
            }
            using var zip = new ZipArchive(new MemoryStream(body), ZipArchiveMode.Read);
            if (zip.GetEntry("xl/workbook.xml") is null)
            {
                problems.Add($"{route} is not a workbook");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
