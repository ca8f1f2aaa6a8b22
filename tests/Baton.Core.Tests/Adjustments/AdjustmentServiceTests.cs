using Baton.Core.Accounts;
using Baton.Core.Adjustments;
using Baton.Core.Demo;
using Baton.Core.Tests.Results;
using Baton.Core.Years;
using Baton.Scoring.Results;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Tests.Adjustments;

public abstract class AdjustmentServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const int Year = DemoCounty.CurrentYear;

    [Fact]
    public async Task Entered_events_need_another_office_member_to_approve()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        var unit = await ResultServiceTests.UnitIdAsync(Db, "T03");
        var office = Db.Service<AdjustmentService>(Office);
        var evidence = await Db.Service<EvidenceService>(Office).UploadAsync(new MemoryStream("验收通报"u8.ToArray()), "通报.pdf", "application/pdf");
        Assert.True(evidence.Ok, evidence.Error);
        Assert.Equal(64, evidence.Value!.Hash.Length);
        var created = await office.CreateAsync(Year, new AdjustmentInput(unit, AdjustmentKind.Bonus, 1.5m, "获评省级示范", null, evidence.Value.Hash));
        Assert.True(created.Ok, created.Error);
        Assert.Contains("不能审核自己", (await office.ApproveAsync(created.Value, 0)).Error, StringComparison.Ordinal);

        var second = Db.Service<AdjustmentService>(new CurrentUser("office2", [Roles.Office], null));
        Assert.True((await second.ApproveAsync(created.Value, 0)).Ok);
        var row = (await second.ListAsync(Year)).Single(a => a.Id == created.Value);
        Assert.Equal(("office", "office2"), (row.EnteredBy, row.ApprovedBy));
        Assert.Equal(("通报.pdf", "application/pdf", 12L), (row.Evidence!.FileName, row.Evidence.ContentType, row.Evidence.Size));
        var file = await Db.Service<EvidenceService>(new CurrentUser("office2", [Roles.Office], null)).OpenAsync(evidence.Value.Hash);
        Assert.NotNull(file);
        await file.Content.DisposeAsync();
        Assert.False((await office.DeleteAsync(created.Value, 1)).Ok);
    }

    [Fact]
    public async Task Bad_input_and_wrong_role_are_refused()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        var unit = await ResultServiceTests.UnitIdAsync(Db, "T03");
        var other = await ResultServiceTests.UnitIdAsync(Db, "T04");
        var office = Db.Service<AdjustmentService>(Office);
        var evidence = (await Db.Service<EvidenceService>(Office).UploadAsync(new MemoryStream("信访通报"u8.ToArray()), "信访通报.docx", null)).Value!.Hash;
        Assert.False((await office.CreateAsync(Year, new AdjustmentInput(unit, AdjustmentKind.Deduction, 0m, "x", null, null))).Ok);
        Assert.False((await office.CreateAsync(Year, new AdjustmentInput(unit, AdjustmentKind.Bonus, 1m, " ", null, null))).Ok);
        Assert.False((await office.CreateAsync(Year, new AdjustmentInput(unit, AdjustmentKind.GradeCap, 0m, "信访", "特优", evidence))).Ok);
        Assert.Contains("佐证材料引用无效", (await office.CreateAsync(Year, new AdjustmentInput(unit, AdjustmentKind.Veto, 0m, "事故", null, "../../etc/passwd"))).Error, StringComparison.Ordinal);
        Assert.True((await office.CreateAsync(Year, new AdjustmentInput(unit, AdjustmentKind.GradeCap, 0m, "信访", "良好", evidence))).Ok);
        Assert.False((await office.CreateAsync(DemoCounty.PreviousYear, new AdjustmentInput(unit, AdjustmentKind.Bonus, 1m, "已定年度", null, null))).Ok);

        var reporter = Db.Service<AdjustmentService>(Reporter(unit));
        Assert.Equal(Outcome.Forbidden, (await reporter.CreateAsync(Year, new AdjustmentInput(unit, AdjustmentKind.Bonus, 1m, "自己加分", null, null))).Error);
        Assert.Single(await reporter.ListAsync(Year));
        Assert.Empty(await Db.Service<AdjustmentService>(Reporter(other)).ListAsync(Year));
    }

    [Fact]
    public async Task An_event_awaiting_approval_is_not_withdrawn_once_the_year_is_past_adjustments()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        var unit = await ResultServiceTests.UnitIdAsync(Db, "T03");
        var office = Db.Service<AdjustmentService>(Office);
        var created = await office.CreateAsync(Year, new AdjustmentInput(unit, AdjustmentKind.Bonus, 1m, "获评省级示范", null, null));
        Assert.True(created.Ok, created.Error);
        await using (var db = await Db.ContextAsync())
        {
            (await db.Years.SingleAsync(y => y.Year == Year)).State = YearState.PublicNotice;
            await db.SaveChangesAsync();
        }
        var refused = await office.DeleteAsync(created.Value, 0);
        Assert.Contains("此阶段不能登记或审批加减分事项", refused.Error, StringComparison.Ordinal);
        Assert.Single(await office.ListAsync(Year), a => a.Id == created.Value);
    }

    [Fact]
    public async Task Vetoes_and_caps_are_refused_without_evidence()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        var unit = await ResultServiceTests.UnitIdAsync(Db, "T03");
        var office = Db.Service<AdjustmentService>(Office);
        Assert.Equal("一票否决须附佐证材料（如事故通报、处理决定），请先上传。",
            (await office.CreateAsync(Year, new AdjustmentInput(unit, AdjustmentKind.Veto, 0m, "发生较大安全生产责任事故", null, null))).Error);
        Assert.Equal("等次封顶须附佐证材料（如事故通报、处理决定），请先上传。",
            (await office.CreateAsync(Year, new AdjustmentInput(unit, AdjustmentKind.GradeCap, 0m, "越级上访", "良好", null))).Error);
        var evidence = await Db.Service<EvidenceService>(Office).UploadAsync(new MemoryStream("事故调查报告"u8.ToArray()), "事故调查报告.pdf", "application/pdf");
        var veto = await office.CreateAsync(Year, new AdjustmentInput(unit, AdjustmentKind.Veto, 0m, "发生较大安全生产责任事故", null, evidence.Value!.Hash));
        Assert.True(veto.Ok, veto.Error);
        Assert.Equal("事故调查报告.pdf", (await office.ListAsync(Year)).Single(a => a.Id == veto.Value).Evidence!.FileName);
    }

    [Fact]
    public async Task Nobody_registers_or_approves_an_adjustment_of_their_own_unit()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        var lead = await ResultServiceTests.UnitIdAsync(Db, "D01");
        var town = await ResultServiceTests.UnitIdAsync(Db, "T03");
        var reviewer = Db.Service<AdjustmentService>(new CurrentUser("reviewer", [Roles.LeadReviewer], lead));
        // The lead department chooses among every appraised unit but its own.
        var subjects = await reviewer.SubjectsAsync(Year);
        Assert.Contains(subjects, u => u.Id == town);
        Assert.DoesNotContain(subjects, u => u.Id == lead);
        Assert.Empty(await Db.Service<AdjustmentService>(Reporter(town)).SubjectsAsync(Year));
        var own = await reviewer.CreateAsync(Year, new AdjustmentInput(lead, AdjustmentKind.Bonus, 1m, "本局获省级表彰", null, null));
        Assert.Contains("不能登记本单位", own.Error, StringComparison.Ordinal);
        var other = await reviewer.CreateAsync(Year, new AdjustmentInput(town, AdjustmentKind.Deduction, 1m, "督查发现项目进度滞后", null, null));
        Assert.True(other.Ok, other.Error);

        // An office member who belongs to a unit does not approve that unit's events; another office member does.
        var entered = await Db.Service<AdjustmentService>(Office).CreateAsync(Year, new AdjustmentInput(lead, AdjustmentKind.Bonus, 1m, "获省级表彰", null, null));
        Assert.True(entered.Ok, entered.Error);
        var officeOfLead = Db.Service<AdjustmentService>(new CurrentUser("office2", [Roles.Office], lead));
        Assert.Contains("不能审核本单位", (await officeOfLead.ApproveAsync(entered.Value, 0)).Error, StringComparison.Ordinal);
        Assert.Contains("不能登记本单位", (await officeOfLead.CreateAsync(Year, new AdjustmentInput(lead, AdjustmentKind.Bonus, 1m, "再次表彰", null, null))).Error, StringComparison.Ordinal);
        Assert.True((await Db.Service<AdjustmentService>(new CurrentUser("office3", [Roles.Office], null)).ApproveAsync(entered.Value, 0)).Ok);
    }
}

public sealed class SqliteAdjustmentServiceTests() : AdjustmentServiceTests(DatabaseProvider.Sqlite);

public sealed class PostgresAdjustmentServiceTests() : AdjustmentServiceTests(DatabaseProvider.Postgres);
