using System.Net;
using Baton.Core.Accounts;
using Baton.Core.Adjustments;
using Baton.Core.Demo;
using Baton.Scoring.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Web.Tests.Adjustments;

public sealed class EvidenceDownloadTests
{
    [Fact]
    public async Task Evidence_downloads_under_its_own_name_and_type_for_those_who_may_see_it()
    {
        await using var factory = new BatonWebFactory();
        await factory.StartAsync();
        string hash;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var office = new CurrentUser("office", [Roles.Office], null);
            var upload = await ActivatorUtilities.CreateInstance<EvidenceService>(scope.ServiceProvider, office)
                .UploadAsync(new MemoryStream("%PDF-1.4 事故调查报告"u8.ToArray()), "事故调查报告.pdf", "application/pdf");
            Assert.True(upload.Ok, upload.Error);
            hash = upload.Value!.Hash;
            var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<Baton.Core.BatonDbContext>>().CreateDbContextAsync();
            await using (db)
            {
                var town = await db.Units.Where(u => u.Code == "T02").Select(u => u.Id).SingleAsync();
                var created = await ActivatorUtilities.CreateInstance<AdjustmentService>(scope.ServiceProvider, office)
                    .CreateAsync(DemoCounty.CurrentYear, new AdjustmentInput(town, AdjustmentKind.Veto, 0m, "发生较大安全生产责任事故", null, hash));
                Assert.True(created.Ok, created.Error);
            }
        }

        var response = await (await factory.SignedInAsync("office")).GetAsync($"/api/evidence/{hash}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("事故调查报告.pdf", response.Content.Headers.ContentDisposition!.FileNameStar);

        // 城关镇's reporter is not concerned by 东河镇's veto.
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.SignedInAsync("reporter")).GetAsync($"/api/evidence/{hash}")).StatusCode);
    }
}
