using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Baton.Core;
using Baton.Core.Accounts;
using Baton.Core.Units;
using Baton.Core.Years;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Benchmarks.Units;

/// <summary>
/// The office imports a units file of <see cref="Rows"/> new units into a fresh SQLite database (a draft
/// year with one town category): every row creates a unit, its category membership and its leader.
/// Each iteration starts from an empty, migrated database, so the same file imports as new every time.
/// It runs in process: an iteration takes seconds, and BenchmarkDotNet's own rebuild of the project outlasts its
/// build timeout on the shared two-core machine.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessMonitoring))]
public class UnitImportBenchmark
{
    private sealed class InProcessMonitoring : ManualConfig
    {
        public InProcessMonitoring() => AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: true)));
    }

    private const int Year = 2026;
    private static readonly CurrentUser s_office = new("office", [Roles.Office], null);

    private byte[] file = [];
    private string path = "";
    private ServiceProvider services = null!;
    private UnitService units = null!;

    [Params(1_000, 3_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        using var buffer = new MemoryStream();
        ExcelSheet.Write(buffer, UnitService.Columns, Enumerable.Range(1, Rows).Select(i => (IReadOnlyList<object?>)
        [
            $"U{i:0000}", $"测试镇{i:0000}", "镇", "TOWN-A", $"测试人员{i:0000}", "镇党委书记", "2023-06-01",
        ]), "单位");
        file = buffer.ToArray();
    }

    [IterationSetup]
    public void CreateDatabase() => CreateDatabaseAsync().GetAwaiter().GetResult();

    private async Task CreateDatabaseAsync()
    {
        path = Path.Combine(Path.GetTempPath(), $"baton-bench-{Guid.NewGuid():N}.db");
        var collection = new ServiceCollection();
        collection.AddLogging();
        var database = BatonDatabase.Sqlite(path);
        collection.AddBaton(database);
        collection.AddIdentityCore<BatonUser>(BatonServices.ConfigureIdentity).AddRoles<IdentityRole>().AddEntityFrameworkStores<BatonDbContext>();
        services = collection.BuildServiceProvider();
        await database.MigrateAsync(services.GetRequiredService<IDbContextFactory<BatonDbContext>>());
        await ActivatorUtilities.CreateInstance<YearService>(services, s_office).CreateAsync(Year, null);
        units = ActivatorUtilities.CreateInstance<UnitService>(services, s_office);
        await units.CreateCategoryAsync(Year, "TOWN-A", "镇一类", UnitKind.Town);
    }

    [Benchmark]
    public async Task<int> ImportNewUnits()
    {
        var outcome = await units.ImportAsync(Year, new MemoryStream(file), "units.xlsx");
        if (!outcome.Ok)
        {
            throw new InvalidOperationException(outcome.Error);
        }
        return outcome.Value!.Created;
    }

    [IterationCleanup]
    public void DeleteDatabase()
    {
        services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }
}
