using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Web.Tests.Targets;

public sealed class LetterDownloadTests
{
    [Fact]
    public async Task A_letter_downloads_as_word_for_the_office_and_its_unit_but_not_another_unit()
    {
        await using var factory = new BatonWebFactory();
        await factory.StartAsync();
        long first, second;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<Baton.Core.BatonDbContext>>().CreateDbContextAsync();
            first = await db.Units.Where(u => u.Code == "T01").Select(u => u.Id).SingleAsync();
            second = await db.Units.Where(u => u.Code == "T02").Select(u => u.Id).SingleAsync();
        }
        var path = $"/api/targets/letters/2026/{first}.docx";

        var response = await (await factory.SignedInAsync("office")).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".docx", response.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
        using (var package = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false))
        {
            Assert.StartsWith("2026年度目标管理责任书", package.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
        }

        // The demo's head leads 城关镇 (T01): its own letter, not 东河镇's.
        var head = await factory.SignedInAsync("head");
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/api/targets/letters/2026/{second}.docx")).StatusCode);
    }
}
