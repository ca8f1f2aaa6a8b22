using Baton.Core.Accounts;
using Baton.Core.Adjustments;
using Baton.Core.Demo;
using Baton.Core.Home;
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
}

public sealed class SqliteTodoServiceTests() : TodoServiceTests(DatabaseProvider.Sqlite);

public sealed class PostgresTodoServiceTests() : TodoServiceTests(DatabaseProvider.Postgres);
