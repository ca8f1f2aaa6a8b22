using Baton.Core.Accounts;
using Baton.Core.Demo;
using Baton.Core.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Core.Tests;

public abstract class MigrationTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    [Fact]
    public async Task Migrations_match_the_model()
    {
        await using var db = await Db.ContextAsync();
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run dotnet ef migrations add for both providers.");
    }

    [Fact]
    public async Task Demo_county_is_deterministic_and_complete()
    {
        await Db.Services.CreateScope().ServiceProvider.GetRequiredService<DemoCounty>().SeedAsync();
        await using var db = await Db.ContextAsync();
        var towns = await db.Units.CountAsync(u => u.Kind == UnitKind.Town);
        var departments = await db.Units.CountAsync(u => u.Kind == UnitKind.Department);
        Assert.InRange(towns, 10, 14);
        Assert.InRange(departments, 30, 40);
        Assert.Equal(2, await db.UnitCategories.Where(c => c.Year == DemoCounty.CurrentYear && c.Kind == UnitKind.Town).CountAsync());
        Assert.Equal(4, await db.UnitCategories.Where(c => c.Year == DemoCounty.CurrentYear && c.Kind == UnitKind.Department).CountAsync());
        Assert.Equal(DemoCounty.Accounts.Count + DemoRatings.Accounts.Count, await db.Users.CountAsync());
        Assert.Equal(Roles.All.Count, DemoCounty.Accounts.Select(a => a.Role).Distinct().Count());
        var leaders = await db.UnitLeaders.OrderBy(l => l.UnitId).Select(l => l.Person!.Name + l.Since).ToListAsync();
        var ratings = await db.RatingEntries.OrderBy(e => e.Id).Select(e => e.Score).ToListAsync();
        Assert.NotEmpty(ratings);

        await using var again = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await again.Services.CreateScope().ServiceProvider.GetRequiredService<DemoCounty>().SeedAsync();
        await using var other = await again.ContextAsync();
        Assert.Equal(leaders, await other.UnitLeaders.OrderBy(l => l.UnitId).Select(l => l.Person!.Name + l.Since).ToListAsync());
        Assert.Equal(ratings, await other.RatingEntries.OrderBy(e => e.Id).Select(e => e.Score).ToListAsync());
    }
}

public sealed class SqliteMigrationTests() : MigrationTests(DatabaseProvider.Sqlite);

public sealed class PostgresMigrationTests() : MigrationTests(DatabaseProvider.Postgres);
