using System.Reflection;
using Baton.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace Baton.Web.Tests.Features;

/// <summary>The authorization matrix, read from the pages themselves: no routable page without a decision.</summary>
public sealed class PageAuthorizationTests
{
    private static IEnumerable<Type> Pages() =>
        typeof(Policies).Assembly.GetTypes().Where(t => t.GetCustomAttributes<RouteAttribute>().Any());

    [Fact]
    public void Every_page_declares_a_policy_or_allows_anonymous_access()
    {
        var undecided = Pages().Where(t => t.GetCustomAttribute<AuthorizeAttribute>() is null && t.GetCustomAttribute<AllowAnonymousAttribute>() is null)
            .Select(t => t.FullName).ToList();
        Assert.Empty(undecided);
    }

    [Fact]
    public void Every_declared_policy_is_in_the_roles_table()
    {
        var policies = Pages().Select(t => t.GetCustomAttribute<AuthorizeAttribute>()?.Policy).OfType<string>().Distinct();
        Assert.All(policies, p => Assert.True(Policies.RolesOf.ContainsKey(p), p));
    }

    [Theory]
    [InlineData("/indicators", Policies.IndicatorsRead)]
    [InlineData("/targets", Policies.TargetsRead)]
    [InlineData("/adjustments", Policies.AdjustmentsRead)]
    [InlineData("/results", Policies.ResultsRead)]
    [InlineData("/results/{Year:int}/{UnitId:long}", Policies.ResultsRead)]
    public void Appraisal_pages_carry_their_policy(string route, string policy)
    {
        var page = Assert.Single(Pages(), t => t.GetCustomAttributes<RouteAttribute>().Any(r => r.Template == route));
        Assert.Equal(policy, page.GetCustomAttribute<AuthorizeAttribute>()!.Policy);
    }

    [Fact]
    public void Only_the_office_manages_the_indicator_system_and_the_auditor_reads_no_results()
    {
        Assert.Equal(["Office"], Policies.RolesOf[Policies.IndicatorsManage]);
        Assert.DoesNotContain("Auditor", Policies.RolesOf[Policies.ResultsRead]);
        Assert.DoesNotContain("Rater", Policies.RolesOf[Policies.TargetsRead]);
    }
}
