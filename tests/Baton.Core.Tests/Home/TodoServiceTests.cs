using Baton.Core.Accounts;
using Baton.Core.Home;
using Baton.Core.Tests.Results;
using Baton.Core.Units;

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
}

public sealed class SqliteTodoServiceTests() : TodoServiceTests(DatabaseProvider.Sqlite);

public sealed class PostgresTodoServiceTests() : TodoServiceTests(DatabaseProvider.Postgres);
