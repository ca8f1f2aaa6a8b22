using System.Net;
using Baton.Core.Demo;
using Baton.Core.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Web.Tests.Projects;

public sealed class ProjectPagesTests
{
    [Fact]
    public async Task A_project_shows_to_its_owner_and_the_office_and_stays_hidden_from_other_units()
    {
        await using var factory = new BatonWebFactory();
        await factory.StartAsync();
        long id;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<Baton.Core.BatonDbContext>>().CreateDbContextAsync();
            var t02 = await db.Units.Where(u => u.Code == "T02").Select(u => u.Id).SingleAsync();
            var project = new KeyProject
            {
                Year = DemoCounty.CurrentYear, Code = "XM-WEB", Name = "河口镇冷链物流园", OwnerUnitId = t02, OwnerShare = 100m, PlannedInvestment = 1200m,
                MonthlyPlan = string.Join(";", Enumerable.Range(1, 12).Select(m => m * 100)),
                Milestones = [new ProjectMilestone { Kind = MilestoneKind.Start, PlannedOn = new DateOnly(2026, 1, 15) }],
            };
            db.KeyProjects.Add(project);
            await db.SaveChangesAsync();
            id = project.Id;
        }

        var office = await factory.SignedInAsync("office");
        var list = WebUtility.HtmlDecode(await office.GetStringAsync("/projects"));
        Assert.Contains("河口镇冷链物流园", list, StringComparison.Ordinal);
        var detail = WebUtility.HtmlDecode(await office.GetStringAsync($"/projects/{id}"));
        Assert.Contains("开工节点计划于 2026-01-15 完成", detail, StringComparison.Ordinal);
        Assert.Contains("最小二乘", detail, StringComparison.Ordinal);

        // The demo's reporter belongs to 城关镇 (T01): the project of 河口镇 is not theirs to see.
        var reporter = await factory.SignedInAsync("reporter");
        Assert.DoesNotContain("河口镇冷链物流园", WebUtility.HtmlDecode(await reporter.GetStringAsync("/projects")), StringComparison.Ordinal);
        Assert.Contains("未找到该项目", WebUtility.HtmlDecode(await reporter.GetStringAsync($"/projects/{id}")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await reporter.GetAsync("/investment")).StatusCode);
    }
}
