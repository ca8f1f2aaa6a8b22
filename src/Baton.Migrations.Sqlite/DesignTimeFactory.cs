using Baton.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Baton.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for SQLite.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<BatonDbContext>
{
    public BatonDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<BatonDbContext>();
        BatonDatabase.Sqlite(Path.Combine(Path.GetTempPath(), "baton-design.db")).Configure(options);
        return new BatonDbContext(options.Options, TimeProvider.System);
    }
}
