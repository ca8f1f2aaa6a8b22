using Baton.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Baton.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for PostgreSQL (no server needed).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<BatonDbContext>
{
    public BatonDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<BatonDbContext>();
        new BatonDatabase(DatabaseProvider.Postgres, "Host=localhost;Database=baton_design").Configure(options);
        return new BatonDbContext(options.Options, TimeProvider.System);
    }
}
