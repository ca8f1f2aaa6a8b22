using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Baton.Core;
using Baton.Core.Accounts;
using Baton.Core.Demo;
using Baton.Core.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Benchmarks.Results;

/// <summary>
/// The results page's 「排名把握度」 for the real demo county 示范县 2025, end to end: read the latest
/// snapshot's inputs and the calibrated rounds' ratings from SQLite, then 1,000 bootstrap replicates of
/// the whole overall score (<see cref="ResultService.UncertaintyAsync"/>).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class DemoCountyUncertaintyBenchmark
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"baton-bench-{Guid.NewGuid():N}.db");
    private ServiceProvider services = null!;
    private ResultService results = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        var database = BatonDatabase.Sqlite(path);
        collection.AddBaton(database);
        collection.AddIdentityCore<BatonUser>(BatonServices.ConfigureIdentity).AddRoles<IdentityRole>().AddEntityFrameworkStores<BatonDbContext>();
        services = collection.BuildServiceProvider();
        await database.MigrateAsync(services.GetRequiredService<IDbContextFactory<BatonDbContext>>());
        await services.CreateScope().ServiceProvider.GetRequiredService<DemoCounty>().SeedAsync();
        results = ActivatorUtilities.CreateInstance<ResultService>(services, new CurrentUser("office", [Roles.Office], null));
    }

    [Benchmark]
    public async Task<int> ThousandReplicatesOfTheDemoCounty()
    {
        var outcome = await results.UncertaintyAsync(DemoCounty.PreviousYear);
        return outcome.Value!.Units.Count;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }
}
