using Baton.Core.Accounts;
using Baton.Core.Adjustments;
using Baton.Core.Audit;
using Baton.Core.Demo;
using Baton.Core.Home;
using Baton.Core.Ratings;
using Baton.Core.Indicators;
using Baton.Core.Investment;
using Baton.Core.Projects;
using Baton.Core.Planning;
using Baton.Core.Progress;
using Baton.Core.Results;
using Baton.Core.Targets;
using Baton.Core.Units;
using Baton.Core.Warnings;
using Baton.Core.Years;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Baton.Core;

/// <summary>What both hosts (web app and CLI) register: the database, the clock, the security policy and the feature services.</summary>
public static class BatonServices
{
    /// <summary>Registers everything except <see cref="CurrentUser"/> and Identity, which each host sets up its own way.</summary>
    public static IServiceCollection AddBaton(this IServiceCollection services, BatonDatabase database)
    {
        database.AddTo(services);
        services.AddSingleton(database);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SecurityPolicy>();
        services.AddSingleton<SignInDecoy>();
        // Keys in the database (DESIGN.md §7): sign-in cookies and stored phone numbers survive a restart and read the same on every node.
        services.AddDataProtection().SetApplicationName("Baton").PersistKeysToDbContext<BatonDbContext>();
        services.AddSingleton<PhoneNumbers>();
        services.AddScoped<UnitService>();
        services.AddScoped<YearService>();
        services.AddScoped<AuditService>();
        services.AddSingleton<AuditMaintenance>();
        services.AddScoped<AccountService>();
        services.AddScoped<DisplayNames>();
        services.AddScoped<TodoService>();
        services.AddScoped<RatingRoundService>();
        services.AddScoped<RatingFormService>();
        services.AddScoped<CalibrationService>();
        services.AddScoped<DemoCounty>();
        services.AddScoped<IndicatorService>();
        services.AddScoped<ScoringSettingsService>();
        services.AddScoped<TargetService>();
        services.AddScoped<SuperiorTargetService>();
        services.AddScoped<NegotiationService>();
        services.AddScoped<TargetIssuanceService>();
        services.AddScoped<TargetChangeService>();
        services.AddScoped<ProgressService>();
        services.AddScoped<AdjustmentService>();
        services.AddScoped<EvidenceService>();
        services.AddScoped<ProjectService>();
        services.AddScoped<InvestmentService>();
        services.AddScoped<WarningService>();
        services.AddSingleton<WarningHistory>();
        services.AddScoped<ResultService>();
        services.AddScoped<ComponentScoreService>();
        services.AddScoped<SyntheticProvince>();
        services.AddSingleton(sp => EvidenceStore.For(database, sp.GetService<IConfiguration>()?["Evidence:Path"]));
        return services;
    }

    /// <summary>Identity options shared by both hosts: the real password rules are <see cref="PolicyPasswordValidator"/>'s.</summary>
    public static void ConfigureIdentity(IdentityOptions options)
    {
        options.Password.RequiredLength = 1;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 1;
        options.User.RequireUniqueEmail = false;
        options.Lockout.AllowedForNewUsers = true;
    }
}
