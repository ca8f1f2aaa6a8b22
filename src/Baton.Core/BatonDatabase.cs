using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Core;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where the database is and how to open it, from configuration: <c>Database:Provider</c>
/// (<c>Sqlite</c>, the default, or <c>Postgres</c>), <c>Database:Path</c> for the SQLite file
/// (default <c>~/.local/share/baton/baton.db</c>) and <c>ConnectionStrings:Postgres</c>.
/// The web app and the CLI read the same keys.
/// </summary>
public sealed record BatonDatabase(DatabaseProvider Provider, string ConnectionString)
{
    public const string SqliteMigrationsAssembly = "Baton.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Baton.Migrations.Postgres";

    /// <summary>
    /// How long a SQLite writer waits for another one (an import, a backup) to finish before it gives up: SQLite has
    /// one writer at a time, and a sign-in during an import must wait for it, not fail with "database is locked".
    /// </summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    public static string DefaultSqlitePath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "baton", "baton.db");

    public static BatonDatabase FromConfiguration(IConfiguration configuration)
    {
        var providerName = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(providerName) || providerName.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var path = configuration["Database:Path"];
            return Sqlite(string.IsNullOrWhiteSpace(path) ? DefaultSqlitePath : path);
        }
        if (providerName.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = configuration.GetConnectionString("Postgres");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Postgres is empty.");
            }
            return new BatonDatabase(DatabaseProvider.Postgres, connectionString);
        }
        throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{providerName}'.");
    }

    public static BatonDatabase Sqlite(string path)
    {
        var full = Path.GetFullPath(path.StartsWith('~') ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..] : path);
        // Default Timeout bounds how long a command keeps retrying while another connection writes; see BusyTimeout.
        return new BatonDatabase(DatabaseProvider.Sqlite,
            new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = (int)BusyTimeout.TotalSeconds }.ToString());
    }

    /// <summary>Configures EF Core for this database, with the migrations assembly of its provider.</summary>
    public void Configure(DbContextOptionsBuilder options)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            options.UseSqlite(ConnectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly))
                .AddInterceptors(SqlitePragmas.Instance);
        }
        else
        {
            options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly));
        }
    }

    /// <summary>Registers the context factory (for feature services) and a scoped context (for Identity).</summary>
    public void AddTo(IServiceCollection services)
    {
        services.AddDbContextFactory<BatonDbContext>(Configure);
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<BatonDbContext>>().CreateDbContext());
    }

    /// <summary>Creates the SQLite folder if needed and applies pending migrations.</summary>
    public async Task MigrateAsync(IDbContextFactory<BatonDbContext> factory, CancellationToken ct = default)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            if (file != ":memory:" && Path.GetDirectoryName(file) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        if (Provider == DatabaseProvider.Sqlite)
        {
            // WAL is a property of the file and survives; synchronous=FULL is set per connection below.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    public override string ToString() => Provider == DatabaseProvider.Sqlite
        ? $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}"
        : "PostgreSQL";

    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout="
                + ((int)BusyTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture) + ";";
            command.ExecuteNonQuery();
        }
    }
}
