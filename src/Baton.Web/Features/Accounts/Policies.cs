using Baton.Core.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Baton.Web.Features.Accounts;

/// <summary>Who may open which feature (DESIGN.md §1). Services check the unit again on every call.</summary>
public static class Policies
{
    public const string UnitsRead = "Units.Read";
    public const string UnitsManage = "Units.Manage";
    public const string AuditRead = "Audit.Read";
    public const string YearsManage = "Years.Manage";
    public const string AccountsManage = "Accounts.Manage";
    public const string SecurityManage = "Security.Manage";
    public const string RatingsRead = "Ratings.Read";
    public const string RatingsSubmit = "Ratings.Submit";
    public const string IndicatorsRead = "Indicators.Read";
    public const string IndicatorsManage = "Indicators.Manage";
    public const string TargetsRead = "Targets.Read";
    public const string ProgressRead = "Progress.Read";
    public const string AdjustmentsRead = "Adjustments.Read";
    public const string ResultsRead = "Results.Read";
    public const string ProjectsRead = "Projects.Read";
    public const string WarningsRead = "Warnings.Read";
    public const string InvestmentRead = "Investment.Read";
    public const string CityTargetsRead = "CityTargets.Read";
    public const string NegotiationsRead = "Negotiations.Read";

    /// <summary>The roles each policy admits; the authorization-matrix test reads the same table.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> RolesOf = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [UnitsRead] = [Roles.Admin, Roles.Office, Roles.Overseer, Roles.Leader, Roles.LeadReviewer, Roles.UnitReporter, Roles.UnitHead],
        [UnitsManage] = [Roles.Admin, Roles.Office],
        // 等保: the audit trail is read by the audit administrator, not by the system administrator.
        [AuditRead] = [Roles.Auditor, Roles.Office, Roles.Overseer],
        [YearsManage] = [Roles.Office],
        [AccountsManage] = [Roles.Admin],
        [SecurityManage] = [Roles.SecurityAdmin],
        // Rounds and calibration reports; only the office changes them (checked again in the services).
        [RatingsRead] = [Roles.Office, Roles.Overseer, Roles.Leader],
        [RatingsSubmit] = [Roles.Rater],
        // Indicators, targets, adjustments and results: services narrow unit-scoped users to their own unit.
        [IndicatorsRead] = [Roles.Admin, Roles.Office, Roles.Overseer, Roles.Leader, Roles.LeadReviewer, Roles.UnitReporter, Roles.UnitHead],
        [IndicatorsManage] = [Roles.Office],
        [TargetsRead] = [Roles.Office, Roles.Overseer, Roles.Leader, Roles.LeadReviewer, Roles.UnitReporter, Roles.UnitHead],
        [ProgressRead] = [Roles.Office, Roles.Overseer, Roles.Leader, Roles.LeadReviewer, Roles.UnitReporter, Roles.UnitHead],
        [AdjustmentsRead] = [Roles.Office, Roles.Overseer, Roles.Leader, Roles.LeadReviewer, Roles.UnitReporter, Roles.UnitHead],
        [ResultsRead] = [Roles.Office, Roles.Overseer, Roles.Leader, Roles.LeadReviewer, Roles.UnitReporter, Roles.UnitHead],
        // Key projects and investment attraction: services narrow unit-scoped users to their own unit's (and cooperating) projects.
        // Early warnings: the service narrows lead units to the indicators they lead and units to their own.
        [WarningsRead] = [Roles.Office, Roles.Overseer, Roles.Leader, Roles.LeadReviewer, Roles.UnitReporter, Roles.UnitHead],
        [ProjectsRead] = [Roles.Office, Roles.Overseer, Roles.Leader, Roles.LeadReviewer, Roles.UnitReporter, Roles.UnitHead],
        [InvestmentRead] = [Roles.Office, Roles.Overseer, Roles.Leader, Roles.LeadReviewer, Roles.UnitReporter, Roles.UnitHead],
        // The city's targets for the county; negotiation of targets, where a unit's reporter and head answer for their own unit.
        [CityTargetsRead] = [Roles.Office, Roles.Overseer, Roles.Leader],
        [NegotiationsRead] = [Roles.Office, Roles.Overseer, Roles.Leader, Roles.UnitReporter, Roles.UnitHead],
    };

    public static void Add(AuthorizationOptions options)
    {
        foreach (var (name, roles) in RolesOf)
        {
            options.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles));
        }
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
