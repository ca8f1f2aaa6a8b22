using Baton.Core.Demo;
using Baton.Core.Indicators;
using Baton.Core.Investment;
using Baton.Core.Targets;
using Baton.Core.Tests.Projects;
using Baton.Core.Tests.Results;
using Baton.Core.Years;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Tests.Investment;

public abstract class InvestmentServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const int Year = ProjectServiceTests.Year;

    private static LeadInput Lead(long unit, string? contract = null, string funds = "0") =>
        new(0, unit, "新能源电池配套项目", "新能源", "５,０００", "龙头企业配套，亩均税收较高", contract, funds, 0);

    private static DateOnly D(int month, int day) => new(2026, month, day);

    [Fact]
    public async Task A_lead_moves_forward_skipping_stages_but_goes_back_only_with_a_reason()
    {
        var (t01, _, _) = await ProjectServiceTests.SeedAsync(Db, YearState.InProgress);
        var reporter = Db.Service<InvestmentService>(Reporter(t01));
        var created = await reporter.SaveLeadAsync(Year, Lead(t01));
        Assert.True(created.Ok, created.Error);
        Db.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 30, 2, 0, 0, TimeSpan.Zero));
        Assert.Contains("请先填写签约金额", (await reporter.MoveAsync(created.Value, new StageInput(LeadStage.Contracted, D(5, 1), null, null), 0)).Error, StringComparison.Ordinal);
        Assert.True((await reporter.MoveAsync(created.Value, new StageInput(LeadStage.Framework, D(6, 1), null, null), 0)).Ok);
        Assert.True((await reporter.SaveLeadAsync(Year, Lead(t01, "3,000") with { Id = created.Value, Version = 1 })).Ok);
        Assert.Contains("早于进入当前阶段", (await reporter.MoveAsync(created.Value, new StageInput(LeadStage.Started, D(5, 20), null, null), 2)).Error, StringComparison.Ordinal);
        Assert.Contains("晚于今天", (await reporter.MoveAsync(created.Value, new StageInput(LeadStage.Started, D(7, 1), null, null), 2)).Error, StringComparison.Ordinal);
        // 框架协议 → 开工 skips 签约: forward is allowed.
        Assert.True((await reporter.MoveAsync(created.Value, new StageInput(LeadStage.Started, D(6, 20), null, "签约即开工"), 2)).Ok);
        Assert.Contains("须说明原因", (await reporter.MoveAsync(created.Value, new StageInput(LeadStage.Contracted, D(6, 25), null, " "), 3)).Error, StringComparison.Ordinal);
        Assert.Contains("已处于", (await reporter.MoveAsync(created.Value, new StageInput(LeadStage.Started, D(6, 25), null, null), 3)).Error, StringComparison.Ordinal);
        Assert.True((await reporter.MoveAsync(created.Value, new StageInput(LeadStage.Contracted, D(6, 25), null, "环评未通过，暂停施工"), 3)).Ok);

        var lead = Assert.Single(await reporter.LeadsAsync(Year));
        Assert.Equal((LeadStage.Contracted, 5000m, 3000m), (lead.Stage, lead.TotalInvestment, lead.ContractAmount!.Value));
        Assert.Equal([LeadStage.Negotiating, LeadStage.Framework, LeadStage.Started, LeadStage.Contracted], lead.Stages.Select(s => s.Stage));
        Assert.Equal("环评未通过，暂停施工", lead.Stages[^1].Note);
        Assert.Equal(D(3, 1), lead.Stages[0].ReachedOn);
    }

    [Fact]
    public async Task Another_units_reporter_and_bad_amounts_are_refused()
    {
        var (t01, t02, _) = await ProjectServiceTests.SeedAsync(Db, YearState.InProgress);
        var other = Db.Service<InvestmentService>(Reporter(t02));
        Assert.Contains("只能登记本单位", (await other.SaveLeadAsync(Year, Lead(t01))).Error, StringComparison.Ordinal);
        var created = await Db.Service<InvestmentService>(Reporter(t01)).SaveLeadAsync(Year, Lead(t01));
        Assert.True(created.Ok, created.Error);
        Assert.Equal(Outcome.NotFound, (await other.MoveAsync(created.Value, new StageInput(LeadStage.Framework, D(3, 1), null, null), 0)).Error);
        Assert.Empty(await other.LeadsAsync(Year));
        Assert.Contains("只能登记本单位", (await other.AddSupportAsync(Year, new SupportInput(t01, SuperiorSupportKind.Funds, "中央预算内投资", "800", D(2, 1), null))).Error, StringComparison.Ordinal);

        var reporter = Db.Service<InvestmentService>(Reporter(t01));
        Assert.Contains("到位资金不能为负", (await reporter.SaveLeadAsync(Year, Lead(t01, funds: "-1"))).Error, StringComparison.Ordinal);
        Assert.Contains("计划总投资", (await reporter.SaveLeadAsync(Year, Lead(t01) with { TotalInvestment = "五千" })).Error, StringComparison.Ordinal);
        Assert.Contains("须大于 0", (await reporter.AddSupportAsync(Year, new SupportInput(t01, SuperiorSupportKind.Funds, "中央预算内投资", "0", D(2, 1), null))).Error, StringComparison.Ordinal);
        Assert.Contains("不晚于今天", (await reporter.AddSupportAsync(Year, new SupportInput(t01, SuperiorSupportKind.Funds, "中央预算内投资", "800", D(3, 2), null))).Error, StringComparison.Ordinal);
        Assert.True((await reporter.AddSupportAsync(Year, new SupportInput(t01, SuperiorSupportKind.Policy, "省级开发区扩区", "", D(2, 1), null))).Ok);
        await using var db = await Db.ContextAsync();
        Assert.Single(await db.InvestmentLeads.ToListAsync());
        Assert.Single(await db.SuperiorSupports.ToListAsync());
    }

    [Fact]
    public async Task Per_unit_totals_count_signed_amounts_from_signing_on_and_superior_funds_apart_from_policies()
    {
        var (t01, t02, _) = await ProjectServiceTests.SeedAsync(Db, YearState.InProgress);
        var office = Db.Service<InvestmentService>(Office);
        var signed = (await office.SaveLeadAsync(Year, Lead(t01, "3,000", "1200"))).Value;
        Assert.True((await office.MoveAsync(signed, new StageInput(LeadStage.Contracted, D(3, 1), null, null), 0)).Ok);
        var talking = (await office.SaveLeadAsync(Year, Lead(t01, "9000", "0"))).Value;
        Assert.True(talking > 0);
        Assert.True((await office.SaveLeadAsync(Year, Lead(t02, null, "200"))).Ok);
        Assert.True((await office.AddSupportAsync(Year, new SupportInput(t01, SuperiorSupportKind.Funds, "中央预算内投资", "800", D(2, 1), null))).Ok);
        Assert.True((await office.AddSupportAsync(Year, new SupportInput(t01, SuperiorSupportKind.Funds, "省级专项债", "1,200.5", D(2, 2), null))).Ok);
        Assert.True((await office.AddSupportAsync(Year, new SupportInput(t01, SuperiorSupportKind.Policy, "省级开发区扩区", "", D(2, 3), null))).Ok);

        var totals = await office.TotalsAsync(Year);
        var first = totals.Single(t => t.UnitId == t01);
        Assert.Equal((3000m, 1200m, 2000.5m, 1), (first.SignedAmount, first.FundsInPlace, first.SuperiorFunds, first.Policies));
        Assert.Equal((1, 1), (first.ByStage[LeadStage.Negotiating], first.ByStage[LeadStage.Contracted]));
        Assert.Equal(1, InvestmentService.Value(first, InvestmentFigure.SignedCount));
        var second = totals.Single(t => t.UnitId == t02);
        Assert.Equal((0m, 200m), (second.SignedAmount, second.FundsInPlace));
        Assert.Equal([t01], (await Db.Service<InvestmentService>(Reporter(t01)).TotalsAsync(Year)).Select(t => t.UnitId));
    }

    [Fact]
    public async Task The_office_applies_funds_in_place_to_a_leaf_as_authoritative_values_from_the_ledger()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        var year = DemoCounty.CurrentYear;
        var t01 = await ResultServiceTests.UnitIdAsync(Db, "T01");
        long leaf, category;
        await using (var db = await Db.ContextAsync())
        {
            category = await db.UnitCategories.Where(c => c.Year == year && c.Code == "TOWN-A").Select(c => c.Id).SingleAsync();
            leaf = await db.Indicators.Where(i => i.CategoryId == category && i.Code == "C1").Select(i => i.Id).SingleAsync();
        }
        var office = Db.Service<InvestmentService>(Office);
        Assert.True((await office.SaveLeadAsync(year, Lead(t01, null, "１,５００"))).Ok);
        Assert.Equal(Outcome.Forbidden, (await Db.Service<InvestmentService>(Reporter(t01)).ApplyAsync(year, leaf, InvestmentFigure.FundsInPlace)).Error);
        var applied = await office.ApplyAsync(year, leaf, InvestmentFigure.FundsInPlace);
        Assert.True(applied.Ok, applied.Error);

        var grid = await Db.Service<TargetService>(Office).GridAsync(category);
        var rows = grid.Where(r => r.IndicatorId == leaf).ToList();
        Assert.Equal(applied.Value, rows.Count);
        var mine = rows.Single(r => r.UnitId == t01);
        Assert.Equal((1500m, DataSource.InvestmentLedger, "招商引资台账"), (mine.AuthoritativeActual!.Value, mine.AuthoritativeSource!.Value, mine.Counted.Source));
        Assert.All(rows.Where(r => r.UnitId != t01), r => Assert.Equal(0m, r.AuthoritativeActual));

        // A graded leaf takes no figure.
        long graded;
        await using (var db = await Db.ContextAsync())
        {
            graded = await db.Indicators.Where(i => i.CategoryId == category && i.Code == "D2").Select(i => i.Id).SingleAsync();
        }
        Assert.Contains("不能应用台账数据", (await office.ApplyAsync(year, graded, InvestmentFigure.FundsInPlace)).Error, StringComparison.Ordinal);
    }
}

public sealed class SqliteInvestmentServiceTests() : InvestmentServiceTests(DatabaseProvider.Sqlite);

public sealed class PostgresInvestmentServiceTests() : InvestmentServiceTests(DatabaseProvider.Postgres);
