using Baton.Core.Units;
using Baton.Core.Years;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Tests.Units;

public abstract class UnitServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const int Year = 2026;

    private async Task<UnitService> OfficeWithCategoriesAsync()
    {
        Assert.True((await Db.Service<YearService>(Office).CreateAsync(Year, null)).Ok);
        var units = Db.Service<UnitService>(Office);
        Assert.True((await units.CreateCategoryAsync(Year, "TOWN-A", "镇一类", UnitKind.Town)).Ok);
        Assert.True((await units.CreateCategoryAsync(Year, "DEPT-ECON", "经济部门", UnitKind.Department)).Ok);
        return units;
    }

    [Fact]
    public async Task Office_creates_a_unit_in_a_category()
    {
        var units = await OfficeWithCategoriesAsync();
        var created = await units.CreateAsync(Year, new UnitInput("T01", "城关镇", UnitKind.Town, "TOWN-A"));
        Assert.True(created.Ok, created.Error);
        var row = Assert.Single(await units.ListAsync(Year));
        Assert.Equal(("T01", "城关镇", "TOWN-A"), (row.Code, row.Name, row.CategoryCode));
    }

    [Fact]
    public async Task Duplicate_code_is_refused_with_a_message()
    {
        var units = await OfficeWithCategoriesAsync();
        await units.CreateAsync(Year, new UnitInput("T01", "城关镇", UnitKind.Town, null));
        var again = await units.CreateAsync(Year, new UnitInput("T01", "东河镇", UnitKind.Town, null));
        Assert.False(again.Ok);
        Assert.Contains("T01", again.Error, StringComparison.Ordinal);
        Assert.Single(await units.ListAsync(Year));
    }

    [Fact]
    public async Task Codes_typed_in_another_width_case_or_with_spaces_are_the_same_code()
    {
        var units = await OfficeWithCategoriesAsync();
        var id = (await units.CreateAsync(Year, new UnitInput(" ｔ０１", "城关镇", UnitKind.Town, null))).Value;
        Assert.Equal("T01", (await units.GetAsync(id, Year))!.Code);
        var again = await units.CreateAsync(Year, new UnitInput("t 01", "东河镇", UnitKind.Town, null));
        Assert.Contains("「T01」已被其他单位使用", again.Error, StringComparison.Ordinal);
        Assert.True((await units.UpdateAsync(id, 0, Year, new UnitInput("Ｔ０１", "城关镇", UnitKind.Town, null))).Ok);
        Assert.Equal("T01", (await units.GetAsync(id, Year))!.Code);
        Assert.Equal(["T01", "X06"], new[] { "T01", "Ｘ０６" }.Select(Unit.NormaliseCode));
    }

    [Fact]
    public async Task Category_membership_of_a_final_year_cannot_change_but_the_unit_can_be_renamed()
    {
        var units = await OfficeWithCategoriesAsync();
        var id = (await units.CreateAsync(Year, new UnitInput("T01", "城关镇", UnitKind.Town, "TOWN-A"))).Value;
        await UnitImportTests.SetStateAsync(Db, Year, YearState.Final);

        var moved = await units.UpdateAsync(id, 0, Year, new UnitInput("T01", "城关镇", UnitKind.Town, null));
        Assert.Contains("此阶段不能调整考核类别中的单位", moved.Error, StringComparison.Ordinal);
        var created = await units.CreateAsync(Year, new UnitInput("T02", "东河镇", UnitKind.Town, "TOWN-A"));
        Assert.Contains("此阶段不能调整考核类别中的单位", created.Error, StringComparison.Ordinal);
        Assert.Contains("此阶段不能调整考核类别中的单位", (await units.CreateCategoryAsync(Year, "TOWN-C", "镇三类", UnitKind.Town)).Error, StringComparison.Ordinal);
        var category = (await units.CategoriesAsync(Year)).Single(c => c.Code == "TOWN-A");
        Assert.Contains("此阶段不能调整考核类别中的单位", (await units.RenameCategoryAsync(category.Id, category.Version, "重点镇")).Error, StringComparison.Ordinal);

        Assert.True((await units.UpdateAsync(id, 0, Year, new UnitInput("T01", "城关街道", UnitKind.Town, "TOWN-A"))).Ok);
        var row = (await units.GetAsync(id, Year))!;
        Assert.Equal(("城关街道", "TOWN-A"), (row.Name, row.CategoryCode));
        Assert.True((await units.CreateAsync(Year, new UnitInput("T02", "东河镇", UnitKind.Town, null))).Ok);
    }

    [Fact]
    public async Task Category_of_the_other_kind_is_refused()
    {
        var units = await OfficeWithCategoriesAsync();
        var outcome = await units.CreateAsync(Year, new UnitInput("D01", "发改局", UnitKind.Department, "TOWN-A"));
        Assert.False(outcome.Ok);
        Assert.Empty(await units.ListAsync(Year));
    }

    [Fact]
    public async Task Unit_scoped_user_sees_only_and_cannot_change_their_unit()
    {
        var units = await OfficeWithCategoriesAsync();
        var own = (await units.CreateAsync(Year, new UnitInput("T01", "城关镇", UnitKind.Town, "TOWN-A"))).Value;
        var other = (await units.CreateAsync(Year, new UnitInput("T02", "东河镇", UnitKind.Town, null))).Value;

        var reporter = Db.Service<UnitService>(Reporter(own));
        Assert.Equal(["T01"], (await reporter.ListAsync(Year)).Select(u => u.Code));
        Assert.Equal((await units.CategoriesAsync(Year)).Single(c => c.Code == "TOWN-A").Id, await reporter.OwnCategoryIdAsync(Year));
        Assert.Null(await units.OwnCategoryIdAsync(Year));
        Assert.Null(await reporter.GetAsync(other, Year));
        Assert.Empty(await reporter.LeadersAsync(other));
        var update = await reporter.UpdateAsync(own, 0, Year, new UnitInput("T01", "改名", UnitKind.Town, null));
        Assert.Equal(Outcome.Forbidden, update.Error);
        Assert.False((await reporter.RetireAsync(other, 0, "无")).Ok);
    }

    [Fact]
    public async Task Stale_version_is_a_conflict()
    {
        var units = await OfficeWithCategoriesAsync();
        var id = (await units.CreateAsync(Year, new UnitInput("T01", "城关镇", UnitKind.Town, null))).Value;
        Assert.True((await units.UpdateAsync(id, 0, Year, new UnitInput("T01", "城关镇（新）", UnitKind.Town, "TOWN-A"))).Ok);
        var stale = await units.UpdateAsync(id, 0, Year, new UnitInput("T01", "旧名", UnitKind.Town, null));
        Assert.Equal(Outcome.Conflict, stale.Error);
        Assert.Equal("城关镇（新）", (await units.GetAsync(id, Year))!.Name);
    }

    [Fact]
    public async Task Retired_unit_keeps_its_history_and_needs_a_reason()
    {
        var units = await OfficeWithCategoriesAsync();
        var id = (await units.CreateAsync(Year, new UnitInput("T01", "城关镇", UnitKind.Town, null))).Value;
        Assert.False((await units.RetireAsync(id, 0, " ")).Ok);
        Assert.True((await units.RetireAsync(id, 0, "撤并入东河镇")).Ok);
        Assert.Empty(await units.ListAsync(Year));
        Assert.True(Assert.Single(await units.ListAsync(Year, includeRetired: true)).IsRetired);
    }

    [Fact]
    public async Task New_leader_ends_the_previous_term()
    {
        var units = await OfficeWithCategoriesAsync();
        var id = (await units.CreateAsync(Year, new UnitInput("T01", "城关镇", UnitKind.Town, null))).Value;
        Assert.True((await units.SetLeaderAsync(id, new LeaderInput(PersonPick.New("张三"), "镇党委书记", new DateOnly(2021, 5, 1)))).Ok);
        Assert.False((await units.SetLeaderAsync(id, new LeaderInput(PersonPick.New("李四"), "镇党委书记", new DateOnly(2020, 1, 1)))).Ok);
        Assert.True((await units.SetLeaderAsync(id, new LeaderInput(PersonPick.New("李四"), "镇党委书记", new DateOnly(2025, 9, 1)))).Ok);
        var leaders = await units.LeadersAsync(id);
        Assert.Equal(["李四", "张三"], leaders.Select(l => l.Name));
        Assert.Equal(new DateOnly(2025, 9, 1), leaders[1].Until);
        Assert.Equal("李四", (await units.GetAsync(id, Year))!.LeaderName);
    }

    [Fact]
    public async Task Leader_record_can_be_corrected_and_category_renamed()
    {
        var units = await OfficeWithCategoriesAsync();
        var id = (await units.CreateAsync(Year, new UnitInput("T01", "城关镇", UnitKind.Town, "TOWN-A"))).Value;
        await units.SetLeaderAsync(id, new LeaderInput(PersonPick.New("张山"), "镇党委书记", new DateOnly(2021, 5, 1)));
        var leader = Assert.Single(await units.LeadersAsync(id));
        Assert.True((await units.CorrectPersonAsync(leader.PersonId, leader.PersonVersion, new PersonInput("张三", null))).Ok);
        Assert.Equal(Outcome.Conflict, (await units.CorrectPersonAsync(leader.PersonId, leader.PersonVersion, new PersonInput("张四", null))).Error);
        Assert.Equal("张三", (await units.GetAsync(id, Year))!.LeaderName);
        var corrected = await units.CorrectLeaderAsync(leader.Id, leader.Version, new LeaderInput(PersonPick.Existing(leader.PersonId), "镇长", new DateOnly(2021, 6, 1)));
        Assert.True(corrected.Ok, corrected.Error);
        Assert.Equal(Outcome.Conflict, (await units.CorrectLeaderAsync(leader.Id, leader.Version, new LeaderInput(PersonPick.Existing(leader.PersonId), "镇长", new DateOnly(2021, 7, 1)))).Error);
        var row = (await units.GetAsync(id, Year))!;
        Assert.Equal(("张三", "镇长", new DateOnly(2021, 6, 1)), (row.LeaderName, row.LeaderPost, row.LeaderSince));

        var category = (await units.CategoriesAsync(Year)).Single(c => c.Code == "TOWN-A");
        Assert.False((await units.RenameCategoryAsync(category.Id, category.Version, " ")).Ok);
        Assert.True((await units.RenameCategoryAsync(category.Id, category.Version, "重点镇")).Ok);
        Assert.Equal("重点镇", (await units.GetAsync(id, Year))!.CategoryName);
        Assert.Equal(Outcome.Forbidden, (await Db.Service<UnitService>(Reporter(id)).RenameCategoryAsync(category.Id, category.Version + 1, "x")).Error);
    }

    [Fact]
    public async Task Every_change_is_audited_with_before_and_after()
    {
        var units = await OfficeWithCategoriesAsync();
        var id = (await units.CreateAsync(Year, new UnitInput("T01", "城关镇", UnitKind.Town, null))).Value;
        await units.UpdateAsync(id, 0, Year, new UnitInput("T01", "城关街道", UnitKind.Town, null));
        await using var db = await Db.ContextAsync();
        var update = await db.AuditEntries.SingleAsync(a => a.EntityType == "Unit" && a.Action == "update");
        Assert.Equal("office", update.Actor);
        Assert.Contains("城关镇", update.Before, StringComparison.Ordinal);
        Assert.Contains("城关街道", update.After, StringComparison.Ordinal);
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), update.EntityId);
    }
}

public sealed class SqliteUnitServiceTests() : UnitServiceTests(DatabaseProvider.Sqlite);

public sealed class PostgresUnitServiceTests() : UnitServiceTests(DatabaseProvider.Postgres);
