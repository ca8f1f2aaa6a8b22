using Baton.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Baton.Core.Tests;

/// <summary>
/// A fresh, migrated database for one test: a temporary SQLite file, or a new database in the
/// PostgreSQL cluster that <c>./scripts/test</c> starts (BATON_TEST_POSTGRES). Without that cluster
/// the PostgreSQL tests fail; they never skip.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqliteFile;
    private readonly string? _postgresName;
    private readonly string? _adminConnection;

    public BatonDatabase Database { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    private ServiceProvider? _services;

    private TestDatabase(BatonDatabase database, string? sqliteFile, string? postgresName, string? adminConnection)
    {
        Database = database;
        _sqliteFile = sqliteFile;
        _postgresName = postgresName;
        _adminConnection = adminConnection;
    }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        TestDatabase test;
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"baton-test-{Guid.NewGuid():N}.db");
            test = new TestDatabase(BatonDatabase.Sqlite(file), file, null, null);
        }
        else
        {
            var admin = Environment.GetEnvironmentVariable("BATON_TEST_POSTGRES");
            if (string.IsNullOrWhiteSpace(admin))
            {
                throw new InvalidOperationException(
                    "BATON_TEST_POSTGRES is not set: run the tests with ./scripts/test, which starts a throw-away PostgreSQL.");
            }
            var name = $"baton_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync();
            }
            var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
            test = new TestDatabase(new BatonDatabase(DatabaseProvider.Postgres, builder.ConnectionString), null, name, admin);
        }
        await test.Database.MigrateAsync(test.Factory);
        await test.Services.GetRequiredService<SecurityPolicy>().LoadAsync(test.Factory);
        return test;
    }

    public ServiceProvider Services => _services ??= Build();

    public IDbContextFactory<BatonDbContext> Factory => Services.GetRequiredService<IDbContextFactory<BatonDbContext>>();

    /// <summary>A feature service acting for <paramref name="user"/>, in a scope of its own (services it depends on act for the same user).</summary>
    public T Service<T>(CurrentUser user) where T : notnull
    {
        var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<ScopeUser>().User = user;
        return ActivatorUtilities.CreateInstance<T>(scope.ServiceProvider, user);
    }

    /// <summary>Who the scope's <see cref="CurrentUser"/> is, as the web host takes it from the request.</summary>
    private sealed class ScopeUser
    {
        public CurrentUser User { get; set; } = CurrentUser.Anonymous;
    }

    public async Task<BatonDbContext> ContextAsync() => await Factory.CreateDbContextAsync();

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddBaton(Database);
        services.AddScoped<ScopeUser>();
        services.AddScoped(sp => sp.GetRequiredService<ScopeUser>().User);
        services.AddIdentityCore<BatonUser>(BatonServices.ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<BatonDbContext>()
            .AddPasswordValidator<PolicyPasswordValidator>();
        return services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_sqliteFile + suffix);
            }
        }
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_adminConnection);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>
/// Base of every service test: the same test class runs once on SQLite and once on PostgreSQL
/// (see the two sealed subclasses beside each test class).
/// </summary>
public abstract class DatabaseTest(DatabaseProvider provider) : IAsyncLifetime
{
    protected TestDatabase Db { get; private set; } = null!;

    protected static readonly CurrentUser Office = new("office", [Roles.Office], null);
    protected static readonly CurrentUser Admin = new("admin", [Roles.Admin], null);
    protected static readonly CurrentUser SecurityAdmin = new("secadmin", [Roles.SecurityAdmin], null);
    protected static readonly CurrentUser Auditor = new("auditor", [Roles.Auditor], null);

    protected static CurrentUser Reporter(long unitId) => new("reporter", [Roles.UnitReporter], unitId);

    public async Task InitializeAsync() => Db = await TestDatabase.CreateAsync(provider);

    public async Task DisposeAsync() => await Db.DisposeAsync();
}
