using Baton.Core.Accounts;
using Baton.Core.Adjustments;
using Baton.Core.Demo;
using Baton.Core.Tests.Results;
using Baton.Scoring.Results;

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
        var evidence = await office.UploadEvidenceAsync(new MemoryStream("验收通报"u8.ToArray()));
        Assert.True(evidence.Ok, evidence.Error);
        Assert.Equal(64, evidence.Value!.Length);
        var created = await office.CreateAsync(Year, new AdjustmentInput(unit, AdjustmentKind.Bonus, 1.5m, "获评省级示范", null, evidence.Value, "通报.pdf"));
        Assert.True(created.Ok, created.Error);
        Assert.Contains("不能审核自己", (await office.ApproveAsync(created.Value, 0)).Error, StringComparison.Ordinal);

        var second = Db.Service<AdjustmentService>(new CurrentUser("office2", [Roles.Office], null));
        Assert.True((await second.ApproveAsync(created.Value, 0)).Ok);
        var row = (await second.ListAsync(Year)).Single(a => a.Id == created.Value);
        Assert.Equal(("office", "office2"), (row.EnteredBy, row.ApprovedBy));
        await using var file = await second.OpenEvidenceAsync(evidence.Value);
        Assert.NotNull(file);
        Assert.False((await office.DeleteAsync(created.Value, 1)).Ok);
    }

    [Fact]
    public async Task Bad_input_and_wrong_role_are_refused()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        var unit = await ResultServiceTests.UnitIdAsync(Db, "T03");
        var other = await ResultServiceTests.UnitIdAsync(Db, "T04");
        var office = Db.Service<AdjustmentService>(Office);
        Assert.False((await office.CreateAsync(Year, new AdjustmentInput(unit, AdjustmentKind.Deduction, 0m, "x", null, null, null))).Ok);
        Assert.False((await office.CreateAsync(Year, new AdjustmentInput(unit, AdjustmentKind.Bonus, 1m, " ", null, null, null))).Ok);
        Assert.False((await office.CreateAsync(Year, new AdjustmentInput(unit, AdjustmentKind.GradeCap, 0m, "信访", "特优", null, null))).Ok);
        Assert.False((await office.CreateAsync(Year, new AdjustmentInput(unit, AdjustmentKind.Veto, 0m, "事故", null, "../../etc/passwd", null))).Ok);
        Assert.True((await office.CreateAsync(Year, new AdjustmentInput(unit, AdjustmentKind.GradeCap, 0m, "信访", "良好", null, null))).Ok);
        Assert.False((await office.CreateAsync(DemoCounty.PreviousYear, new AdjustmentInput(unit, AdjustmentKind.Bonus, 1m, "已定年度", null, null, null))).Ok);

        var reporter = Db.Service<AdjustmentService>(Reporter(unit));
        Assert.Equal(Outcome.Forbidden, (await reporter.CreateAsync(Year, new AdjustmentInput(unit, AdjustmentKind.Bonus, 1m, "自己加分", null, null, null))).Error);
        Assert.Single(await reporter.ListAsync(Year));
        Assert.Empty(await Db.Service<AdjustmentService>(Reporter(other)).ListAsync(Year));
    }

    [Fact]
    public async Task Nobody_registers_or_approves_an_adjustment_of_their_own_unit()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        var lead = await ResultServiceTests.UnitIdAsync(Db, "D01");
        var town = await ResultServiceTests.UnitIdAsync(Db, "T03");
        var reviewer = Db.Service<AdjustmentService>(new CurrentUser("reviewer", [Roles.LeadReviewer], lead));
        var own = await reviewer.CreateAsync(Year, new AdjustmentInput(lead, AdjustmentKind.Bonus, 1m, "本局获省级表彰", null, null, null));
        Assert.Contains("不能登记本单位", own.Error, StringComparison.Ordinal);
        var other = await reviewer.CreateAsync(Year, new AdjustmentInput(town, AdjustmentKind.Deduction, 1m, "督查发现项目进度滞后", null, null, null));
        Assert.True(other.Ok, other.Error);

        // An office member who belongs to a unit does not approve that unit's events; another office member does.
        var entered = await Db.Service<AdjustmentService>(Office).CreateAsync(Year, new AdjustmentInput(lead, AdjustmentKind.Bonus, 1m, "获省级表彰", null, null, null));
        Assert.True(entered.Ok, entered.Error);
        var officeOfLead = Db.Service<AdjustmentService>(new CurrentUser("office2", [Roles.Office], lead));
        Assert.Contains("不能审核本单位", (await officeOfLead.ApproveAsync(entered.Value, 0)).Error, StringComparison.Ordinal);
        Assert.Contains("不能登记本单位", (await officeOfLead.CreateAsync(Year, new AdjustmentInput(lead, AdjustmentKind.Bonus, 1m, "再次表彰", null, null, null))).Error, StringComparison.Ordinal);
        Assert.True((await Db.Service<AdjustmentService>(new CurrentUser("office3", [Roles.Office], null)).ApproveAsync(entered.Value, 0)).Ok);
    }
}

public sealed class SqliteAdjustmentServiceTests() : AdjustmentServiceTests(DatabaseProvider.Sqlite);

public sealed class PostgresAdjustmentServiceTests() : AdjustmentServiceTests(DatabaseProvider.Postgres);
