using System.Collections.Concurrent;
using System.Data.Common;
using Baton.Core.Units;
using Baton.Core.Years;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static Baton.Core.Tests.Units.UnitImportTests;

namespace Baton.Core.Tests.Units;

/// <summary>A units import is one bulk transaction, and other writers wait for it (issue 7, §5.11).</summary>
public abstract class UnitImportLoadTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const int Year = 2026;

    /// <summary>Counts the commands a context runs and the saves it makes.</summary>
    internal sealed class Counter : DbCommandInterceptor, ISaveChangesInterceptor
    {
        public int Selects;
        public int Saves;

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Count(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count(command);
            return ValueTask.FromResult(result);
        }

        private void Count(DbCommand command)
        {
            if (command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.Increment(ref Selects);
            }
        }

        public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Saves);
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>Contexts on the test's database with extra interceptors, for a service built directly on them.</summary>
    internal sealed class InterceptedFactory(TestDatabase test, params IInterceptor[] interceptors) : IDbContextFactory<BatonDbContext>
    {
        public BatonDbContext CreateDbContext()
        {
            var options = new DbContextOptionsBuilder<BatonDbContext>();
            test.Database.Configure(options);
            options.AddInterceptors(interceptors);
            return new BatonDbContext(options.Options, test.Services.GetRequiredService<TimeProvider>());
        }
    }

    internal static MemoryStream Towns(int count, int from = 1) => Sheet(UnitService.Columns,
        [.. Enumerable.Range(from, count).Select(i => new[] { $"U{i:0000}", $"测试镇{i:0000}", "镇", "TOWN-A", $"测试人员{i:0000}", "镇党委书记", "2023-06-01", "" })]);

    private async Task<UnitService> DraftYearAsync()
    {
        Assert.True((await Db.Service<YearService>(Office).CreateAsync(Year, null)).Ok);
        var units = Db.Service<UnitService>(Office);
        Assert.True((await units.CreateCategoryAsync(Year, "TOWN-A", "镇一类", UnitKind.Town)).Ok);
        return units;
    }

    [Fact]
    public async Task An_import_saves_once_and_looks_nothing_up_row_by_row()
    {
        await DraftYearAsync();
        var small = new Counter();
        var imported = await new UnitService(new InterceptedFactory(Db, small), Office).ImportAsync(Year, Towns(10), "small.xlsx");
        Assert.True(imported.Ok, imported.Error);
        var large = new Counter();
        imported = await new UnitService(new InterceptedFactory(Db, large), Office).ImportAsync(Year, Towns(200, from: 11), "large.xlsx");
        Assert.True(imported.Ok, imported.Error);
        Assert.Equal(200, imported.Value!.Created);

        Assert.Equal(small.Saves, large.Saves);
        Assert.Equal(small.Selects, large.Selects);
        await using var db = await Db.ContextAsync();
        Assert.Equal(210, await db.Units.CountAsync());
        Assert.Equal(210, await db.CategoryMemberships.CountAsync(m => m.Year == Year));
        Assert.Equal(210, await db.UnitLeaders.CountAsync(l => l.Until == null));
    }
}

public sealed class SqliteUnitImportLoadTests() : UnitImportLoadTests(DatabaseProvider.Sqlite)
{
    /// <summary>Holds the import inside its transaction, with the write lock taken, until released; logs what happens in order.</summary>
    private sealed class Held(ConcurrentQueue<string> log, string name, TaskCompletionSource begins, TaskCompletionSource? holding = null, Task? release = null)
        : DbCommandInterceptor, IDbTransactionInterceptor
    {
        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (holding is not null && command.CommandText.Contains("INSERT INTO \"Units\"", StringComparison.Ordinal) && holding.TrySetResult())
            {
                log.Enqueue(name + " holds the write lock");
                await release!;
            }
            return result;
        }

        public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
            InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            log.Enqueue(name + " begins");
            begins.TrySetResult();
            return ValueTask.FromResult(result);
        }

        public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
            CancellationToken cancellationToken = default)
        {
            log.Enqueue(name + " has begun");
            return ValueTask.FromResult(result);
        }

        // Logged before COMMIT is sent: once it is, the waiting writer may take the lock and log before this thread would.
        public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result,
            CancellationToken cancellationToken = default)
        {
            log.Enqueue(name + " commits");
            return ValueTask.FromResult(result);
        }
    }

    [Fact]
    public async Task A_write_during_an_import_waits_for_it_instead_of_failing()
    {
        Assert.True((await Db.Service<YearService>(Office).CreateAsync(2026, null)).Ok);
        Assert.True((await Db.Service<UnitService>(Office).CreateCategoryAsync(2026, "TOWN-A", "镇一类", UnitKind.Town)).Ok);
        var log = new ConcurrentQueue<string>();
        var importBegins = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var importHolds = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var signInBegins = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var import = new UnitService(new InterceptedFactory(Db, new Held(log, "import", importBegins, importHolds, release.Task)), Office)
            .ImportAsync(2026, Towns(300), "units.xlsx");
        await importHolds.Task;

        // A sign-in writes its audit entry the same way: a save of its own, here while the import holds SQLite's one write lock.
        var signIn = Task.Run(async () =>
        {
            await using var db = new InterceptedFactory(Db, new Held(log, "sign-in", signInBegins)).CreateDbContext();
            db.AuditEvent("login.success", "BatonUser", "u-1", null, "127.0.0.1");
            await db.SaveChangesAsync();
        });
        await signInBegins.Task;
        release.SetResult();

        var imported = await import;
        await signIn;
        Assert.True(imported.Ok, imported.Error);
        var order = log.ToList();
        Assert.Equal(["import begins", "import has begun", "import holds the write lock"], order.Take(3));
        Assert.True(order.IndexOf("sign-in begins") < order.IndexOf("import commits"), string.Join(" → ", order));
        Assert.True(order.IndexOf("import commits") < order.IndexOf("sign-in has begun"), string.Join(" → ", order));
        await using var check = await Db.ContextAsync();
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.Action == "login.success"));
        Assert.Equal(300, await check.Units.CountAsync());
    }

    [Fact]
    public async Task Sqlite_connections_wait_thirty_seconds_for_another_writer()
    {
        await using var db = await Db.ContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA busy_timeout";
        Assert.Equal(30_000L, Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(30, command.CommandTimeout);
    }
}

public sealed class PostgresUnitImportLoadTests() : UnitImportLoadTests(DatabaseProvider.Postgres);
