using Baton.Core.Units;
using Baton.Core.Years;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Tests.Years;

public abstract class YearServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    [Fact]
    public async Task Year_moves_one_step_with_a_reason_and_is_audited()
    {
        var years = Db.Service<YearService>(Office);
        var year = (await years.CreateAsync(2026, null)).Value!;
        Assert.True(year.IsCurrent);
        Assert.Equal(YearState.Draft, year.State);

        Assert.False((await years.TransitionAsync(year.Id, year.Version, YearState.TargetsIssued, "")).Ok);
        Assert.False((await years.TransitionAsync(year.Id, year.Version, YearState.InProgress, "跳过")).Ok);
        Assert.True((await years.TransitionAsync(year.Id, year.Version, YearState.TargetsIssued, "目标已下达")).Ok);
        Assert.Equal(Outcome.Conflict, (await years.TransitionAsync(year.Id, year.Version, YearState.InProgress, "旧页面")).Error);

        var now = (await years.CurrentAsync())!;
        Assert.Equal(YearState.TargetsIssued, now.State);
        Assert.True((await years.TransitionAsync(now.Id, now.Version, YearState.Draft, "指标需调整")).Ok);
        var history = await years.HistoryAsync(year.Id);
        Assert.Equal(["指标需调整", "目标已下达"], history.Select(h => h.Reason));

        await using var db = await Db.ContextAsync();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(YearTransition)));
    }

    [Fact]
    public async Task New_year_starts_from_the_previous_years_categories()
    {
        var years = Db.Service<YearService>(Office);
        var units = Db.Service<UnitService>(Office);
        await years.CreateAsync(2025, null);
        await units.CreateCategoryAsync(2025, "TOWN-A", "镇一类", UnitKind.Town);
        var kept = (await units.CreateAsync(2025, new UnitInput("T01", "城关镇", UnitKind.Town, "TOWN-A"))).Value;
        var retired = (await units.CreateAsync(2025, new UnitInput("T02", "东河镇", UnitKind.Town, "TOWN-A"))).Value;
        await units.RetireAsync(retired, 0, "撤并");

        Assert.True((await years.CreateAsync(2026, null)).Ok);
        var categories = await units.CategoriesAsync(2026);
        Assert.Equal(["TOWN-A"], categories.Select(c => c.Code));
        Assert.Equal(1, categories[0].Units);
        Assert.Equal("TOWN-A", (await units.GetAsync(kept, 2026))!.CategoryCode);
    }

    [Fact]
    public async Task Only_the_office_changes_years()
    {
        var year = (await Db.Service<YearService>(Office).CreateAsync(2026, null)).Value!;
        var admin = Db.Service<YearService>(Admin);
        Assert.Equal(Outcome.Forbidden, (await admin.TransitionAsync(year.Id, year.Version, YearState.TargetsIssued, "x")).Error);
        Assert.Equal(Outcome.Forbidden, (await admin.CreateAsync(2027, null)).Error);
        Assert.Equal(Outcome.Forbidden, (await Db.Service<YearService>(Reporter(1)).SetCurrentAsync(year.Id)).Error);
    }

    [Fact]
    public async Task Switching_the_current_year_leaves_exactly_one_current()
    {
        var years = Db.Service<YearService>(Office);
        await years.CreateAsync(2025, null);
        var next = (await years.CreateAsync(2026, null)).Value!;
        Assert.False((await years.CreateAsync(2026, null)).Ok);
        Assert.True((await years.SetCurrentAsync(next.Id)).Ok);
        var all = await years.ListAsync();
        Assert.Equal([2026], all.Where(y => y.IsCurrent).Select(y => y.Year));
    }
}

public sealed class SqliteYearServiceTests() : YearServiceTests(DatabaseProvider.Sqlite);

public sealed class PostgresYearServiceTests() : YearServiceTests(DatabaseProvider.Postgres);
