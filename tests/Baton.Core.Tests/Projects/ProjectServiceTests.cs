using Baton.Core.Accounts;
using Baton.Core.Adjustments;
using Baton.Core.Projects;
using Baton.Core.Units;
using Baton.Core.Years;
using Baton.Scoring.Warnings;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Tests.Projects;

public abstract class ProjectServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    internal const int Year = 2026;

    private const string Plan = "100;200;300;400;500;600;700;800;900;1000;1100;1200";

    /// <summary>Year 2026 in <paramref name="state"/> and three units: T01 and T02 towns, D01 a department; returns their ids.</summary>
    internal static async Task<(long T01, long T02, long D01)> SeedAsync(TestDatabase test, YearState state)
    {
        await using var db = await test.ContextAsync();
        db.Years.Add(new AppraisalYear { Year = Year, Name = "2026 年度", State = state, IsCurrent = true });
        var units = new[] { ("T01", "城关镇", UnitKind.Town), ("T02", "河口镇", UnitKind.Town), ("D01", "发展和改革局", UnitKind.Department) }
            .Select(u => new Unit { Code = u.Item1, Name = u.Item2, Kind = u.Item3 }).ToList();
        db.Units.AddRange(units);
        await db.SaveChangesAsync();
        return (units[0].Id, units[1].Id, units[2].Id);
    }

    internal static async Task SetStateAsync(TestDatabase test, YearState state)
    {
        await using var db = await test.ContextAsync();
        (await db.Years.SingleAsync(y => y.Year == Year)).State = state;
        await db.SaveChangesAsync();
    }

    private static ProjectInput Input(long owner, params ShareInput[] cooperating) =>
        new(0, "XM-01", "城关镇光伏产业园", owner, 100m - cooperating.Sum(c => c.Share), cooperating, 1200m, Plan,
            new Dictionary<MilestoneKind, DateOnly> { [MilestoneKind.Approval] = new(2026, 1, 20), [MilestoneKind.Start] = new(2026, 3, 15) }, 0);

    /// <summary>A project of T01 with D01 cooperating (70/30), planned in a draft year which is then put in progress.</summary>
    private async Task<(long Project, long T01, long T02, long D01)> ProjectAsync()
    {
        var (t01, t02, d01) = await SeedAsync(Db, YearState.Draft);
        var saved = await Db.Service<ProjectService>(Office).SaveAsync(Year, Input(t01, new ShareInput(d01, 30m)));
        Assert.True(saved.Ok, saved.Error);
        await SetStateAsync(Db, YearState.InProgress);
        return (saved.Value, t01, t02, d01);
    }

    private static CurrentUser Head(long unit) => new("head", [Roles.UnitHead], unit);

    [Fact]
    public async Task The_owner_units_reporter_enters_monthly_investment_with_evidence_and_full_width_digits()
    {
        var (project, t01, _, d01) = await ProjectAsync();
        Db.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 10, 2, 0, 0, TimeSpan.Zero));
        var reporter = Db.Service<ProjectService>(Reporter(t01));
        var evidence = await Db.Service<EvidenceService>(Reporter(t01)).UploadAsync(new MemoryStream("一月投资凭证"u8.ToArray()), "一月.pdf", "application/pdf");
        Assert.True(evidence.Ok, evidence.Error);
        var january = await reporter.ReportInvestmentAsync(project, 1, "１００", "设备款", evidence.Value!.Hash);
        Assert.True(january.Ok, january.Error);
        Assert.True((await reporter.ReportInvestmentAsync(project, 2, "100", null, null)).Ok);
        Assert.True((await reporter.ReportInvestmentAsync(project, 3, " 5０ ", null, null)).Ok);

        var detail = await reporter.DetailAsync(project);
        Assert.NotNull(detail);
        Assert.Equal([100m, 200m, 250m], detail.Investments.Select(i => i.Cumulative));
        Assert.Equal("一月.pdf", detail.Investments[0].Evidence!.FileName);
        Assert.Equal([("城关镇", 70m, true), ("发展和改革局", 30m, false)], detail.Shares.Select(s => (s.UnitName, s.Share, s.IsOwner)));
        // The head of the same unit sees the evidence its reporter uploaded.
        var file = await Db.Service<EvidenceService>(Head(t01)).OpenAsync(evidence.Value.Hash);
        Assert.NotNull(file);
        await file.Content.DisposeAsync();

        // As of 04-10 (Beijing) March is the reference month: 250 ÷ 300 = 0.8333, yellow; the start planned for 03-15 has slipped.
        var behind = detail.Warnings.Single(w => w.Kind == WarningKind.Behind);
        Assert.Equal((300m, 250m, 0.8333m, WarningColour.Yellow), (behind.Planned!.Value, behind.Actual!.Value, behind.Ratio!.Value, behind.Colour));
        // Forecast: (0,0), (1,100), (2,200), (3,250): x̄ = 1.5, ȳ = 137.5, Sxx = 5, Sxy = 425, slope 85, at 12: 137.5 + 85 × 10.5 = 1030.
        Assert.Equal(1030m, behind.Forecast);
        Assert.Contains(detail.Warnings, w => w is { Kind: WarningKind.Overdue, Colour: WarningColour.Red } && w.Message.Contains("开工", StringComparison.Ordinal));
        Assert.True(detail.Milestones.Single(m => m.Kind == MilestoneKind.Start).Slipped);
        Assert.Contains(detail.Timeline, t => t.Text == "计划开工" && t.IsLate);

        var row = Assert.Single(await Db.Service<ProjectService>(Office).ListAsync(Year));
        Assert.Equal((250m, 0.8333m, WarningColour.Red, 2), (row.Completed, row.Ratio!.Value, row.Colour!.Value, row.SlippedMilestones));
        // The cooperating unit sees the project but does not report on it.
        Assert.Single(await Db.Service<ProjectService>(Reporter(d01)).ListAsync(Year));
        Assert.False(Assert.Single(await Db.Service<ProjectService>(Reporter(d01)).ListAsync(Year)).MayReport);
    }

    [Fact]
    public async Task Another_units_reporter_enters_nothing_and_sees_nothing()
    {
        var (project, _, t02, d01) = await ProjectAsync();
        var other = Db.Service<ProjectService>(Reporter(t02));
        Assert.Equal(Outcome.NotFound, (await other.ReportInvestmentAsync(project, 1, "100", null, null)).Error);
        Assert.Equal(Outcome.NotFound, (await other.RaiseBottleneckAsync(project, "用地指标不足", "自然资源局")).Error);
        Assert.Null(await other.DetailAsync(project));
        Assert.Empty(await other.ListAsync(Year));
        var cooperating = Db.Service<ProjectService>(Reporter(d01));
        Assert.Contains("只有项目责任单位", (await cooperating.ReportInvestmentAsync(project, 1, "100", null, null)).Error, StringComparison.Ordinal);
        Assert.Contains("只有项目责任单位", (await cooperating.RecordMilestoneAsync(project, MilestoneKind.Approval, new DateOnly(2026, 1, 18))).Error, StringComparison.Ordinal);
        Assert.Equal(Outcome.Forbidden, (await Db.Service<ProjectService>(Reporter(d01)).SaveAsync(Year, Input(d01))).Error);
        await using var db = await Db.ContextAsync();
        Assert.Empty(await db.ProjectInvestments.ToListAsync());
        Assert.Empty(await db.ProjectBottlenecks.ToListAsync());
    }

    [Fact]
    public async Task Shares_must_sum_to_one_hundred_percent_and_the_plan_must_reach_the_years_investment()
    {
        var (t01, t02, d01) = await SeedAsync(Db, YearState.Draft);
        var office = Db.Service<ProjectService>(Office);
        var input = Input(t01, new ShareInput(d01, 30m));
        Assert.Contains("合计应为 100%，现为 110%", (await office.SaveAsync(Year, input with { OwnerShare = 80m })).Error, StringComparison.Ordinal);
        Assert.Contains("合计应为 100%，现为 99.5%", (await office.SaveAsync(Year, input with { OwnerShare = 69.5m })).Error, StringComparison.Ordinal);
        Assert.Contains("只能出现一次", (await office.SaveAsync(Year, input with { Cooperating = [new(t01, 30m)] })).Error, StringComparison.Ordinal);
        Assert.Contains("都须大于 0", (await office.SaveAsync(Year, input with { OwnerShare = 100m, Cooperating = [new(t02, 0m)] })).Error, StringComparison.Ordinal);
        Assert.Contains("12 个月", (await office.SaveAsync(Year, input with { MonthlyPlan = "100;200" })).Error, StringComparison.Ordinal);
        Assert.Contains("应等于年度计划投资", (await office.SaveAsync(Year, input with { PlannedInvestment = 1500m })).Error, StringComparison.Ordinal);
        Assert.Contains("不能为负", (await office.SaveAsync(Year, input with { PlannedInvestment = -1m })).Error, StringComparison.Ordinal);
        Assert.Contains("后一个月不能小于前一个月", (await office.SaveAsync(Year, input with { MonthlyPlan = "100;50;300;400;500;600;700;800;900;1000;1100;1200" })).Error, StringComparison.Ordinal);
        // Full-width semicolons and digits in the plan are read by the import rule.
        var saved = await office.SaveAsync(Year, input with { MonthlyPlan = "１００；200;300;400;500;600;700;800;900;1000;1100;1,200" });
        Assert.True(saved.Ok, saved.Error);
        Assert.Contains("已有编号", (await office.SaveAsync(Year, input)).Error, StringComparison.Ordinal);
        await using var db = await Db.ContextAsync();
        var project = await db.KeyProjects.Include(p => p.Cooperating).SingleAsync();
        Assert.Equal((Plan, 70m, 30m), (project.MonthlyPlan, project.OwnerShare, project.Cooperating.Single().Share));
    }

    [Fact]
    public async Task Milestone_dates_may_precede_the_plan_but_never_follow_today()
    {
        var (project, t01, _, _) = await ProjectAsync();
        var reporter = Db.Service<ProjectService>(Reporter(t01));
        // Today is 2026-03-01 in Beijing. Approval planned 01-20, reached 01-10: early is fine.
        Assert.True((await reporter.RecordMilestoneAsync(project, MilestoneKind.Approval, new DateOnly(2026, 1, 10))).Ok);
        Assert.True((await reporter.RecordMilestoneAsync(project, MilestoneKind.Land, new DateOnly(2026, 3, 1))).Ok);
        Assert.Contains("晚于今天", (await reporter.RecordMilestoneAsync(project, MilestoneKind.Start, new DateOnly(2026, 3, 2))).Error, StringComparison.Ordinal);
        var detail = (await reporter.DetailAsync(project))!;
        Assert.Equal([new DateOnly(2026, 1, 10), new DateOnly(2026, 3, 1), null, null, null], detail.Milestones.Select(m => m.ActualOn));
        Assert.False(detail.Milestones[0].Slipped);
        Assert.Equal(["完成立项审批", "计划立项审批", "完成用地"], detail.Timeline.Select(t => t.Text).Take(3));
    }

    [Fact]
    public async Task Negative_amounts_bad_numbers_and_months_to_come_are_refused_and_nothing_is_stored()
    {
        var (project, t01, _, _) = await ProjectAsync();
        var reporter = Db.Service<ProjectService>(Reporter(t01));
        Assert.Contains("不能为负", (await reporter.ReportInvestmentAsync(project, 1, "-5", null, null)).Error, StringComparison.Ordinal);
        Assert.Contains("不能为负", (await reporter.ReportInvestmentAsync(project, 1, "－５", null, null)).Error, StringComparison.Ordinal);
        Assert.Contains("完成投资", (await reporter.ReportInvestmentAsync(project, 1, "一百", null, null)).Error, StringComparison.Ordinal);
        Assert.Contains("逗号", (await reporter.ReportInvestmentAsync(project, 1, "1,00", null, null)).Error, StringComparison.Ordinal);
        Assert.Contains("尚未到来", (await reporter.ReportInvestmentAsync(project, 4, "100", null, null)).Error, StringComparison.Ordinal);
        Assert.Contains("1 至 12", (await reporter.ReportInvestmentAsync(project, 13, "100", null, null)).Error, StringComparison.Ordinal);
        Assert.Contains("佐证材料引用无效", (await reporter.ReportInvestmentAsync(project, 1, "100", null, new string('a', 64))).Error, StringComparison.Ordinal);
        await using (var db = await Db.ContextAsync())
        {
            Assert.Empty(await db.ProjectInvestments.ToListAsync());
        }
        // Thousands separators are fine; entering a month again replaces its figure.
        Assert.True((await reporter.ReportInvestmentAsync(project, 3, "1,008", null, null)).Ok);
        Assert.True((await reporter.ReportInvestmentAsync(project, 3, "1,010.5", null, null)).Ok);
        Assert.Equal(1010.5m, Assert.Single((await reporter.DetailAsync(project))!.Investments).Amount);
    }

    [Fact]
    public async Task A_bottleneck_is_worked_through_to_closure_and_stays_closed()
    {
        var (project, t01, _, _) = await ProjectAsync();
        var reporter = Db.Service<ProjectService>(Reporter(t01));
        var raised = await reporter.RaiseBottleneckAsync(project, "用地指标不足", "县自然资源局 张明");
        Assert.True(raised.Ok, raised.Error);
        Assert.False((await reporter.UpdateBottleneckAsync(raised.Value, BottleneckStatus.InProgress, " ", 0)).Ok);
        Assert.True((await reporter.UpdateBottleneckAsync(raised.Value, BottleneckStatus.InProgress, "已报市局调剂", 0)).Ok);
        Assert.Equal(Outcome.Conflict, (await reporter.UpdateBottleneckAsync(raised.Value, BottleneckStatus.Resolved, "已调剂 50 亩", 0)).Error);
        Assert.Contains("解决情况", (await reporter.UpdateBottleneckAsync(raised.Value, BottleneckStatus.Resolved, "", 1)).Error, StringComparison.Ordinal);
        Assert.True((await reporter.UpdateBottleneckAsync(raised.Value, BottleneckStatus.Resolved, "已调剂 50 亩", 1)).Ok);
        Assert.Contains("已解决销号", (await reporter.UpdateBottleneckAsync(raised.Value, BottleneckStatus.InProgress, "又有问题", 2)).Error, StringComparison.Ordinal);
        var row = Assert.Single((await reporter.DetailAsync(project))!.Bottlenecks);
        Assert.Equal((BottleneckStatus.Resolved, "已报市局调剂", "已调剂 50 亩", new DateOnly(2026, 3, 1)), (row.Status, row.Progress, row.ResolutionNote, row.ResolvedOn!.Value));
        Assert.Equal(0, Assert.Single(await reporter.ListAsync(Year)).OpenBottlenecks);
    }

    [Fact]
    public async Task The_year_gate_decides_when_plans_and_progress_change()
    {
        var (t01, _, _) = await SeedAsync(Db, YearState.InProgress);
        Assert.Contains("此阶段不能设定目标值", (await Db.Service<ProjectService>(Office).SaveAsync(Year, Input(t01))).Error, StringComparison.Ordinal);
        await SetStateAsync(Db, YearState.Draft);
        var saved = await Db.Service<ProjectService>(Office).SaveAsync(Year, Input(t01));
        Assert.True(saved.Ok, saved.Error);
        Assert.Contains("此阶段不能填报进度和完成值", (await Db.Service<ProjectService>(Reporter(t01)).ReportInvestmentAsync(saved.Value, 1, "100", null, null)).Error, StringComparison.Ordinal);
        await SetStateAsync(Db, YearState.Scoring);
        Assert.Contains("此阶段不能填报进度和完成值", (await Db.Service<ProjectService>(Reporter(t01)).RaiseBottleneckAsync(saved.Value, "资金", "财政局")).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changes_are_audited_under_their_chinese_names()
    {
        var (project, t01, _, _) = await ProjectAsync();
        Assert.True((await Db.Service<ProjectService>(Reporter(t01)).ReportInvestmentAsync(project, 2, "100", null, null)).Ok);
        await using var db = await Db.ContextAsync();
        var types = await db.AuditEntries.Select(a => a.EntityType).Distinct().ToListAsync();
        Assert.Contains(nameof(KeyProject), types);
        Assert.Contains(nameof(ProjectInvestment), types);
        Assert.All(types, t => Assert.NotEqual(t, Baton.Core.Audit.AuditNames.Entity(t)));
    }
}

public sealed class SqliteProjectServiceTests() : ProjectServiceTests(DatabaseProvider.Sqlite);

public sealed class PostgresProjectServiceTests() : ProjectServiceTests(DatabaseProvider.Postgres);
