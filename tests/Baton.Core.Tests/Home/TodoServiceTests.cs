using Baton.Core.Accounts;
using Baton.Core.Home;
using Baton.Core.Ratings;
using Baton.Core.Tests.Results;
using Baton.Core.Units;
using Baton.Scoring.Ratings;

namespace Baton.Core.Tests.Home;

public abstract class TodoServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    [Fact]
    public async Task Each_person_sees_their_own_to_dos()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        // The demo's 2025 is final with its rounds closed; a 2026 round awaits the account "rater".
        var rounds = Db.Service<RatingRoundService>(Office);
        var round = await rounds.CreateAsync(new RoundInput(2026, RatingKind.DeputyRating, "2026年度两代表一委员评议", RatingScale.Grades, "好|较好|一般|差",
            null, 90, AnchoringRule.None, []));
        Assert.True(round.Ok, round.Error);
        Assert.True((await rounds.AddAccountRaterAsync(round.Value, "rater")).Ok);
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
