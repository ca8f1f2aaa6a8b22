using Baton.Core.Tests.Results;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Tests.Demo;

public abstract class DemoSecretsTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private static async Task<(HashSet<string> Stamps, HashSet<string> Tokens, int Raters)> SecretsAsync(TestDatabase db)
    {
        await using var context = await db.ContextAsync();
        var stamps = await context.Users.Select(u => u.SecurityStamp!).ToListAsync();
        stamps.AddRange(await context.Users.Select(u => u.ConcurrencyStamp!).ToListAsync());
        var tokens = await context.RatingRaters.Where(r => r.TokenHash != null).Select(r => r.TokenHash!).ToListAsync();
        return ([.. stamps], [.. tokens], tokens.Count);
    }

    [Fact]
    public async Task Two_installs_of_the_demo_with_the_same_seed_share_no_link_token_or_security_stamp()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        await using var other = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await ResultServiceTests.SeedDemoAsync(other);

        var here = await SecretsAsync(Db);
        var there = await SecretsAsync(other);
        // Every link and account has its own secret, and none repeats across the two installs.
        Assert.True(here.Raters > 20, $"{here.Raters} link raters");
        Assert.Equal(here.Raters, here.Tokens.Count);
        Assert.Empty(here.Tokens.Intersect(there.Tokens));
        Assert.Empty(here.Stamps.Intersect(there.Stamps));
        Assert.All(here.Stamps, s => Assert.Equal(32, s.Length));

        // The data themselves are the same: the seed still decides everything that is not a secret.
        await using var a = await Db.ContextAsync();
        await using var b = await other.ContextAsync();
        Assert.Equal(await a.RatingEntries.OrderBy(e => e.Id).Select(e => e.Score).ToListAsync(), await b.RatingEntries.OrderBy(e => e.Id).Select(e => e.Score).ToListAsync());
    }
}

public sealed class SqliteDemoSecretsTests() : DemoSecretsTests(DatabaseProvider.Sqlite);

public sealed class PostgresDemoSecretsTests() : DemoSecretsTests(DatabaseProvider.Postgres);
