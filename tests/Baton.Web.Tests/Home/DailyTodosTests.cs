using System.Net;
using Baton.Core;
using Baton.Core.Accounts;
using Baton.Core.Demo;
using Baton.Core.Progress;
using Baton.Core.Targets;
using Baton.Core.Warnings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Web.Tests.Home;

/// <summary>The home page's daily-appraisal to-dos, each with its count and link, for the role whose work it is and nobody else.</summary>
public sealed class DailyTodosTests
{
    private const int Year = DemoCounty.CurrentYear;

    private static async Task<string> HomeAsync(HttpClient client) => WebUtility.HtmlDecode(await client.GetStringAsync("/"));

    [Fact]
    public async Task Each_role_sees_its_daily_appraisal_work_on_the_home_page_with_its_count_and_link()
    {
        // The factory's clock is 2 March 2026 (Beijing): February is being reported, due on the 5th.
        await using var factory = new BatonWebFactory();
        await factory.StartAsync();
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<BatonDbContext>>();
        long t01, d01;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            t01 = await db.Units.Where(u => u.Code == "T01").Select(u => u.Id).SingleAsync();
            d01 = await db.Units.Where(u => u.Code == "D01").Select(u => u.Id).SingleAsync();
            var letter = await db.TargetIssuances.SingleAsync(i => i.Year == Year && i.UnitId == t01);
            (letter.ConfirmedAt, letter.ConfirmedBy) = (null, null);
            await db.SaveChangesAsync();
        }
        var reporterUser = new CurrentUser("reporter", [Roles.UnitReporter], t01);
        var headUser = new CurrentUser("head", [Roles.UnitHead], t01);
        var reviewerUser = new CurrentUser("reviewer", [Roles.LeadReviewer], d01);
        var officeUser = new CurrentUser("office", [Roles.Office], null);
        ProgressService Progress(CurrentUser user) => new(dbFactory, user, factory.Clock, new WarningHistory(dbFactory, factory.Clock));

        var changeable = (await new TargetChangeService(dbFactory, reporterUser).TargetsAsync(Year))[0];
        Assert.True((await new TargetChangeService(dbFactory, reporterUser).ProposeAsync(changeable.TargetId, changeable.Value!.Value + 1, "上级政策调整", null)).Ok);
        var line = (await Progress(reporterUser).MonthAsync(Year, 2, t01)).First(l => l.Status == ReportStatus.None && !l.EvidenceRequired && l.LeadUnitId == d01);
        Assert.True((await Progress(reporterUser).SubmitAsync(Year, new ProgressEntry(line.TargetId, 2, "1", "按月报送。", null, [], 0))).Ok);

        var office = await factory.SignedInAsync("office");
        var head = await factory.SignedInAsync("head");
        var reporter = await factory.SignedInAsync("reporter");
        var reviewer = await factory.SignedInAsync("reviewer");

        // The head: the letter to confirm and the report to confirm; not the reporter.
        var headHome = await HomeAsync(head);
        Assert.Contains("href=\"/targets/issuance\">本单位 2026 年度目标责任书已下达，待您签收确认。</a>", headHome, StringComparison.Ordinal);
        var confirm = await Progress(headUser).CountAsync(Year, ProgressWork.AwaitingConfirmation);
        Assert.True(confirm > 0);
        Assert.Contains($"href=\"/progress\">本单位有 {confirm} 份月度进度待您确认。</a>", headHome, StringComparison.Ordinal);
        var reporterHome = await HomeAsync(reporter);
        Assert.DoesNotContain("目标责任书已下达", reporterHome, StringComparison.Ordinal);
        Assert.DoesNotContain("月度进度待您确认", reporterHome, StringComparison.Ordinal);

        // The office: the change request to approve; not the unit that asked for it.
        var requests = await new TargetChangeService(dbFactory, officeUser).AwaitingDecisionAsync(Year);
        Assert.True(requests > 0);
        Assert.Contains($"href=\"/targets/changes\">{requests} 项目标调整申请待审批。</a>", await HomeAsync(office), StringComparison.Ordinal);
        Assert.DoesNotContain("目标调整申请待审批", reporterHome, StringComparison.Ordinal);

        // The reporter: February's unsubmitted targets, due on the 5th, link to February.
        var due = (await Progress(reporterUser).DueAsync(Year))!;
        Assert.Contains($"href=\"/progress?month=2\">2 月进度还有 {due.Unsubmitted} 项未报送，截止 2026-03-05。</a>", reporterHome, StringComparison.Ordinal);
        Assert.DoesNotContain("项未报送，截止", await HomeAsync(reviewer), StringComparison.Ordinal);

        // Confirmed: the lead unit's reviewer has it to review, the office (which leads nothing) does not.
        var report = (await Progress(reporterUser).MonthAsync(Year, 2, t01)).Single(l => l.TargetId == line.TargetId).Report!;
        Assert.True((await Progress(headUser).ConfirmAsync(Year, report.Id, report.Version)).Ok);
        var review = await Progress(reviewerUser).CountAsync(Year, ProgressWork.AwaitingReview);
        Assert.Contains($"href=\"/progress?queue=1\">有 {review} 份月度进度待您审核（本部门牵头的指标）。</a>", await HomeAsync(reviewer), StringComparison.Ordinal);
        Assert.DoesNotContain("月度进度待您审核", await HomeAsync(office), StringComparison.Ordinal);

        // Returned: back to the reporter to fix; not the head's.
        report = (await Progress(reporterUser).MonthAsync(Year, 2, t01)).Single(l => l.TargetId == line.TargetId).Report!;
        Assert.True((await Progress(reviewerUser).ReturnAsync(Year, report.Id, "口径不符", report.Version)).Ok);
        var returned = await Progress(reporterUser).CountAsync(Year, ProgressWork.Returned);
        Assert.Contains($"href=\"/progress\">本单位有 {returned} 份月度进度被退回，请按退回意见修改后重新提交。</a>", await HomeAsync(reporter), StringComparison.Ordinal);
        Assert.DoesNotContain("月度进度被退回", await HomeAsync(head), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_change_requests_page_opens_with_its_target_picker()
    {
        await using var factory = new BatonWebFactory();
        await factory.StartAsync();
        var response = await (await factory.SignedInAsync("office")).GetAsync("/targets/changes");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("提出调整申请", html, StringComparison.Ordinal);
        Assert.Contains("没有待审批的调整申请。", html, StringComparison.Ordinal);
    }
}
