using System.CommandLine;
using Baton.Cli.Accounts;
using Baton.Cli.Audit;
using Baton.Cli.Demo;
using Baton.Core;
using Baton.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Cli;

/// <summary>The verbs of the <c>baton</c> command and the options every verb shares.</summary>
internal static class CliHost
{
    public static readonly Option<string?> DbOption = new("--db")
    {
        Description = "SQLite 数据库文件路径（覆盖 Database:Path）",
        HelpName = "文件",
        Recursive = true,
    };

    public static readonly Option<string?> ProviderOption = new("--provider")
    {
        Description = "数据库类型：Sqlite 或 Postgres（覆盖 Database:Provider）",
        HelpName = "Sqlite|Postgres",
        Recursive = true,
    };

    /// <summary>The <c>baton</c> command with every verb, its shared options and its Chinese help.</summary>
    public static RootCommand Root()
    {
        var root = new RootCommand("baton — 目标责任考核管理系统的命令行工具");
        root.Options.Add(DbOption);
        root.Options.Add(ProviderOption);
        foreach (var command in Commands())
        {
            root.Subcommands.Add(command);
        }
        ChineseHelp.Install(root);
        return root;
    }

    /// <summary>Every verb, one line per feature.</summary>
    public static IEnumerable<Command> Commands()
    {
        yield return DatabaseCommands.Migrate();
        yield return DemoCommands.Seed();
        yield return UserCommands.Create();
        yield return AuditCommands.Create();
        yield return Indicators.WeightsCommand.Create();
        yield return Ratings.CalibrateCommand.Create();
        yield return Results.ScoreCommand.Create();
        yield return Surveys.SurveyCommands.Create();
        yield return Warnings.WarningsCommand.Create();
        yield return Years.YearCommands.Create();
    }

    /// <summary>
    /// The services a verb that touches the database needs, configured from the same keys as the web app
    /// (appsettings.json beside the tool, environment variables such as <c>Database__Path</c>), then the options.
    /// Verbs act as <see cref="CurrentUser.System"/>.
    /// </summary>
    public static ServiceProvider Services(ParseResult parse)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (parse.GetValue(DbOption) is { Length: > 0 } db)
        {
            overrides["Database:Path"] = db;
            overrides["Database:Provider"] = "Sqlite";
        }
        if (parse.GetValue(ProviderOption) is { Length: > 0 } provider)
        {
            overrides["Database:Provider"] = provider;
        }
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBaton(BatonDatabase.FromConfiguration(configuration));
        services.AddSingleton(CurrentUser.System);
        services.AddIdentityCore<BatonUser>(BatonServices.ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<BatonDbContext>()
            .AddPasswordValidator<PolicyPasswordValidator>();
        return services.BuildServiceProvider();
    }

    /// <summary>Applies pending migrations and reads the security policy: every verb on the database starts here.</summary>
    public static async Task<ServiceProvider> OpenAsync(ParseResult parse, CancellationToken ct)
    {
        var services = Services(parse);
        var factory = services.GetRequiredService<IDbContextFactory<BatonDbContext>>();
        await services.GetRequiredService<BatonDatabase>().MigrateAsync(factory, ct);
        await services.GetRequiredService<SecurityPolicy>().LoadAsync(factory, ct);
        return services;
    }
}
