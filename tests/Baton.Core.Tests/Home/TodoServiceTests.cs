using Baton.Core.Accounts;
using Baton.Core.Adjustments;
using Baton.Core.Demo;
using Baton.Core.Home;
using Baton.Core.Progress;
using Baton.Core.Ratings;
using Baton.Core.Targets;
using Baton.Core.Tests.Results;
using Baton.Core.Units;
using Baton.Scoring.Ratings;
using AdjustmentKind = Baton.Scoring.Results.AdjustmentKind;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Tests.Home;

public abstract class TodoServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    [Fact]
    public async Task Each_person_sees_their_own_to_dos()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        // The demo's 2026 deputies' round is open and the account "rater" has not submitted.
        var rater = await Db.Service<TodoService>(new CurrentUser("rater", [Roles.Rater], null)).ListAsync();
        Assert.Equal("/ratings/my", Assert.Single(rater).Link);
        Assert.Empty(await Db.Service<TodoService>(new CurrentUser("leader", [Roles.Leader], null)).ListAsync());

        var units = Db.Service<UnitService>(Office);
        var id = (await units.CreateAsync(2026, new UnitInput("T99", "新设镇", UnitKind.Town, null))).Value;
        var office = await Db.Service<TodoService>(Office).ListAsync();
        Assert.Contains(office, t => t.Title.Contains("尚未分配", StringComparison.Ordinal));
        Assert.Contains(office, t => t.Title.Contains("一把手", StringComparison.Ordinal));
        Assert.Contains(await Db.Service<TodoService>(Reporter(id)).ListAsync(), t => t.Title.Contains("本单位尚未登记一把手", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_role_sees_its_real_appraisal_work_counted_like_its_page()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        const int Year = DemoCounty.CurrentYear;
        var t01 = await ResultServiceTests.UnitIdAsync(Db, "T01");
        var d01 = await ResultServiceTests.UnitIdAsync(Db, "D01");
        var reporterUser = Reporter(t01);
        var headUser = new CurrentUser("head", [Roles.UnitHead], t01);
        var reviewerUser = new CurrentUser("reviewer", [Roles.LeadReviewer], d01);
        async Task<IReadOnlyList<Todo>> TodosAsync(CurrentUser user) => await Db.Service<TodoService>(user).ListAsync();
        static Todo Item(IReadOnlyList<Todo> todos, string link) => Assert.Single(todos, t => t.Link == link);

        // Nothing is reported yet in the demo's 2026: the office sees every unit, the reporter its own values.
        var unreportedUnits = (await Db.Service<TargetService>(Office).WorkAsync(Year, TargetWork.Unreported)).Select(r => r.UnitId).Distinct().Count();
        Assert.True(unreportedUnits > 40);
        Assert.Equal($"{unreportedUnits} 个单位有完成值尚未填报。", Item(await TodosAsync(Office), "/targets?work=Unreported").Title);
        var own = await Db.Service<TargetService>(reporterUser).WorkAsync(Year, TargetWork.Unreported);
        Assert.Equal($"本单位有 {own.Count} 项完成值待填报。", Item(await TodosAsync(reporterUser), "/targets?work=Unreported").Title);
        Assert.DoesNotContain(await TodosAsync(headUser), t => t.Link == "/targets?work=AwaitingSignOff");

        // Reported → the head's to-do; signed off → the lead unit's; returned → back to the reporter.
        var leaf = own.First(r => r.LeadUnitId == d01);
        var reporter = Db.Service<TargetService>(reporterUser);
        long category;
        await using (var db = await Db.ContextAsync())
        {
            category = await db.CategoryMemberships.Where(m => m.Year == Year && m.UnitId == t01).Select(m => m.CategoryId).SingleAsync();
        }
        async Task<long> VersionAsync() => (await reporter.GridAsync(category)).Single(r => r.IndicatorId == leaf.IndicatorId).Version;
        Assert.True((await reporter.ReportActualAsync(Year, t01, leaf.IndicatorId, 0.5m, null, await VersionAsync())).Ok);
        Assert.Equal("本单位有 1 项填报待您确认。", Item(await TodosAsync(headUser), "/targets?work=AwaitingSignOff").Title);
        Assert.DoesNotContain(await TodosAsync(reviewerUser), t => t.Link == "/targets?work=AwaitingReview");
        Assert.True((await Db.Service<TargetService>(headUser).SignOffAsync(Year, t01, leaf.IndicatorId, await VersionAsync())).Ok);
        Assert.Equal("有 1 项填报待您审核（本部门牵头的指标）。", Item(await TodosAsync(reviewerUser), "/targets?work=AwaitingReview").Title);
        Assert.True((await Db.Service<TargetService>(reviewerUser).ReturnReportAsync(Year, t01, leaf.IndicatorId, "口径不符", await VersionAsync())).Ok);
        Assert.Equal("本单位有 1 项填报被退回，请按退回原因修改。", Item(await TodosAsync(reporterUser), "/targets?work=Returned").Title);
        Assert.DoesNotContain(await TodosAsync(reviewerUser), t => t.Link == "/targets?work=AwaitingReview");

        // An adjustment awaiting approval, and a round without raters, are the office's.
        Assert.DoesNotContain(await TodosAsync(Office), t => t.Link == "/adjustments?pending=1");
        var town = await ResultServiceTests.UnitIdAsync(Db, "T03");
        Assert.True((await Db.Service<AdjustmentService>(reviewerUser).CreateAsync(Year, new AdjustmentInput(town, AdjustmentKind.Deduction, 1m, "项目进度滞后", null, null))).Ok);
        Assert.Equal("1 项加减分、一票否决或等次封顶事项待审核。", Item(await TodosAsync(Office), "/adjustments?pending=1").Title);
        Assert.Single(await Db.Service<AdjustmentService>(Office).AwaitingApprovalAsync(Year));
        var round = await Db.Service<RatingRoundService>(Office).CreateAsync(new RoundInput(Year, RatingKind.LeaderRating, "2026年度领导评价", RatingScale.Numeric,
            null, null, 90, AnchoringRule.None, [new CriterionInput("工作实绩", 1m)]));
        Assert.True(round.Ok, round.Error);
        Assert.Equal("1 个评议轮次尚未添加评议人。", Item(await TodosAsync(Office), "/ratings").Title);
    }

    [Fact]
    public async Task The_daily_appraisal_to_dos_count_letters_change_requests_and_monthly_reports_of_the_persons_own_work()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        const int Year = DemoCounty.CurrentYear;
        var t01 = await ResultServiceTests.UnitIdAsync(Db, "T01");
        var t02 = await ResultServiceTests.UnitIdAsync(Db, "T02");
        var d01 = await ResultServiceTests.UnitIdAsync(Db, "D01");
        var reporterUser = Reporter(t01);
        var headUser = new CurrentUser("head", [Roles.UnitHead], t01);
        var reviewerUser = new CurrentUser("reviewer", [Roles.LeadReviewer], d01);
        async Task<IReadOnlyList<Todo>> TodosAsync(CurrentUser user) => await Db.Service<TodoService>(user).ListAsync();

        // The letter: the head of the unit confirms it, nobody else; once confirmed it is no longer a to-do.
        await using (var db = await Db.ContextAsync())
        {
            var issued = await db.TargetIssuances.SingleAsync(i => i.Year == Year && i.UnitId == t01);
            (issued.ConfirmedAt, issued.ConfirmedBy) = (null, null);
            await db.SaveChangesAsync();
        }
        Assert.Equal((1, 0, 0), (await Db.Service<TargetIssuanceService>(headUser).LettersToConfirmAsync(Year),
            await Db.Service<TargetIssuanceService>(reporterUser).LettersToConfirmAsync(Year), await Db.Service<TargetIssuanceService>(Office).LettersToConfirmAsync(Year)));
        Assert.Contains(await TodosAsync(headUser), t => t == new Todo("本单位 2026 年度目标责任书已下达，待您签收确认。", "/targets/issuance"));
        Assert.DoesNotContain(await TodosAsync(reporterUser), t => t.Link == "/targets/issuance");
        var version = (await Db.Service<TargetIssuanceService>(headUser).StatusAsync(Year)).Single(r => r.UnitId == t01).Version;
        Assert.True((await Db.Service<TargetIssuanceService>(headUser).ConfirmLetterAsync(Year, t01, version)).Ok);
        Assert.Equal(0, await Db.Service<TargetIssuanceService>(headUser).LettersToConfirmAsync(Year));

        // A change request: the office's to approve.
        var changes = Db.Service<TargetChangeService>(Office);
        var before = await changes.AwaitingDecisionAsync(Year);
        var changeable = (await Db.Service<TargetChangeService>(reporterUser).TargetsAsync(Year))[0];
        Assert.True((await Db.Service<TargetChangeService>(reporterUser).ProposeAsync(changeable.TargetId, changeable.Value!.Value + 1, "上级政策调整", null)).Ok);
        Assert.Equal((before + 1, 0), (await changes.AwaitingDecisionAsync(Year), await Db.Service<TargetChangeService>(reporterUser).AwaitingDecisionAsync(Year)));
        Assert.Contains(await TodosAsync(Office), t => t == new Todo($"{before + 1} 项目标调整申请待审批。", "/targets/changes"));
        Assert.DoesNotContain(await TodosAsync(reporterUser), t => t.Link == "/targets/changes");

        // Monthly reports on 1 March: February is being reported (due 5 March), January's missing ones are overdue — as the page flags them.
        var progress = Db.Service<ProgressService>(reporterUser);
        var february = await progress.MonthAsync(Year, 2, t01);
        var january = await progress.MonthAsync(Year, 1, t01);
        var due = (await progress.DueAsync(Year))!;
        Assert.Equal((2, new DateOnly(2026, 3, 5), february.Count(l => l.Status == ReportStatus.None)), (due.Month, due.Deadline, due.Unsubmitted));
        Assert.Equal(january.Count(l => l.Flag == DeadlineFlag.Missing), due.Overdue);
        Assert.True(due.Unsubmitted > 0);
        Assert.Contains(await TodosAsync(reporterUser), t => t == new Todo($"2 月进度还有 {due.Unsubmitted} 项未报送，截止 2026-03-05。", "/progress?month=2"));
        Assert.Null(await Db.Service<ProgressService>(reviewerUser).DueAsync(Year));

        var line = february.First(l => l.Status == ReportStatus.None && !l.EvidenceRequired && l.LeadUnitId == d01);
        var confirmBefore = await Db.Service<ProgressService>(headUser).CountAsync(Year, ProgressWork.AwaitingConfirmation);
        var reviewBefore = await Db.Service<ProgressService>(reviewerUser).CountAsync(Year, ProgressWork.AwaitingReview);
        Assert.True((await progress.SubmitAsync(Year, new ProgressEntry(line.TargetId, 2, "1", "按月报送。", null, [], 0))).Ok);
        Assert.Equal(due.Unsubmitted - 1, (await progress.DueAsync(Year))!.Unsubmitted);
        Assert.Equal(confirmBefore + 1, await Db.Service<ProgressService>(headUser).CountAsync(Year, ProgressWork.AwaitingConfirmation));
        Assert.Equal(0, await Db.Service<ProgressService>(reporterUser).CountAsync(Year, ProgressWork.AwaitingConfirmation));
        Assert.Equal(0, await Db.Service<ProgressService>(new CurrentUser("head2", [Roles.UnitHead], t02)).CountAsync(Year, ProgressWork.AwaitingConfirmation));
        Assert.Contains(await TodosAsync(headUser), t => t == new Todo($"本单位有 {confirmBefore + 1} 份月度进度待您确认。", "/progress"));

        var report = (await progress.MonthAsync(Year, 2, t01)).Single(l => l.TargetId == line.TargetId).Report!;
        Assert.True((await Db.Service<ProgressService>(headUser).ConfirmAsync(Year, report.Id, report.Version)).Ok);
        Assert.Equal(reviewBefore + 1, await Db.Service<ProgressService>(reviewerUser).CountAsync(Year, ProgressWork.AwaitingReview));
        Assert.Equal(0, await Db.Service<ProgressService>(Office).CountAsync(Year, ProgressWork.AwaitingReview));
        Assert.Contains(await TodosAsync(reviewerUser), t => t == new Todo($"有 {reviewBefore + 1} 份月度进度待您审核（本部门牵头的指标）。", "/progress?queue=1"));
        Assert.DoesNotContain(await TodosAsync(headUser), t => t.Link == "/progress?queue=1");

        var returnedBefore = await progress.CountAsync(Year, ProgressWork.Returned);
        report = (await progress.MonthAsync(Year, 2, t01)).Single(l => l.TargetId == line.TargetId).Report!;
        Assert.True((await Db.Service<ProgressService>(reviewerUser).ReturnAsync(Year, report.Id, "口径不符", report.Version)).Ok);
        Assert.Equal(returnedBefore + 1, await progress.CountAsync(Year, ProgressWork.Returned));
        Assert.Contains(await TodosAsync(reporterUser), t => t == new Todo($"本单位有 {returnedBefore + 1} 份月度进度被退回，请按退回意见修改后重新提交。", "/progress"));
        Assert.DoesNotContain(await TodosAsync(headUser), t => t.Title.Contains("被退回，请按退回意见", StringComparison.Ordinal));

        // On 6 March February's deadline has passed: what is still unsubmitted is overdue, and no month is in its window.
        Db.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 6, 2, 0, 0, TimeSpan.Zero));
        due = (await progress.DueAsync(Year))!;
        Assert.Null(due.Month);
        Assert.Contains(2, due.OverdueMonths);
        var missing = (await progress.MonthAsync(Year, 1, t01)).Count(l => l.Flag == DeadlineFlag.Missing) + (await progress.MonthAsync(Year, 2, t01)).Count(l => l.Flag == DeadlineFlag.Missing);
        Assert.Equal(missing, due.Overdue);
        Assert.Contains(await TodosAsync(reporterUser), t => t.Title == $"{Baton.Scoring.Warnings.EarlyWarnings.MonthsText(due.OverdueMonths)}共 {missing} 份月度进度逾期未报送，请尽快补报。"
            && t.Link == $"/progress?month={due.OverdueMonths[0]}");
    }
}

public sealed class SqliteTodoServiceTests() : TodoServiceTests(DatabaseProvider.Sqlite);

public sealed class PostgresTodoServiceTests() : TodoServiceTests(DatabaseProvider.Postgres);
