using System.Net;
using Baton.Core.Demo;
using Baton.Web.Features.Accounts;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Web.Tests;

/// <summary>
/// Every page and endpoint, taken from the app's own route table, must declare who may use it, and
/// must refuse anonymous users and every role its policy does not admit. A new page without a policy
/// fails here.
/// </summary>
public sealed class AuthorizationMatrixTests : IClassFixture<AuthorizationMatrixTests.App>
{
    public sealed class App : IAsyncLifetime
    {
        public BatonWebFactory Factory { get; } = new();

        public Dictionary<string, HttpClient> Clients { get; } = new(StringComparer.Ordinal);

        public async Task InitializeAsync()
        {
            await Factory.StartAsync();
            foreach (var account in DemoCounty.Accounts)
            {
                Clients[account.UserName] = await Factory.SignedInAsync(account.UserName);
            }
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    private readonly App _app;

    public AuthorizationMatrixTests(App app) => _app = app;

    // Deliberately open to anyone: signing in, the pages shown when something goes wrong, and the
    // external deputies' rating form behind a single-use link (the token is the credential).
    private static readonly HashSet<string> AnonymousRoutes = new(StringComparer.Ordinal)
    {
        "/login", "/account/login", "/not-found", "/error", "/r/{Token}", "/r/{token}/submit",
    };

    // Open to every signed-in person whatever the role.
    private static readonly HashSet<string> SignedInRoutes = new(StringComparer.Ordinal)
    {
        "/", "/access-denied", "/account/change-password", "/account/logout",
    };

    private sealed record Route(string Pattern, string Method, string? Policy, bool Anonymous);

    private List<Route> Routes()
    {
        var sources = _app.Factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var routes = new List<Route>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (IsFramework(pattern, endpoint))
            {
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var policy = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            foreach (var method in methods.Distinct())
            {
                routes.Add(new Route(pattern, method, policy, anonymous));
            }
        }
        return routes.DistinctBy(r => (r.Pattern, r.Method)).ToList();
    }

    // Static files and Blazor's own plumbing: not pages.
    private static bool IsFramework(string pattern, Endpoint endpoint) =>
        pattern.StartsWith("/_framework", StringComparison.Ordinal)
        || pattern.StartsWith("/_blazor", StringComparison.Ordinal)
        || pattern.StartsWith("/_content", StringComparison.Ordinal)
        || pattern.Contains(":file}", StringComparison.Ordinal)
        || endpoint.Metadata.Any(m => m.GetType().Name.Contains("StaticAsset", StringComparison.Ordinal))
        || Path.HasExtension(pattern) && !pattern.StartsWith("/api", StringComparison.Ordinal);

    private static string Concrete(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, "\\{[^}]+\\}", m => m.Value.Contains(":long", StringComparison.Ordinal) || m.Value.Contains(":int", StringComparison.Ordinal) ? "1" : "x");

    [Fact]
    public void Route_table_is_found()
    {
        var patterns = Routes().Select(r => r.Pattern).ToList();
        Assert.Contains("/units", patterns);
        Assert.Contains("/audit", patterns);
        Assert.Contains("/years", patterns);
        Assert.Contains("/login", patterns);
    }

    [Fact]
    public void Every_route_declares_who_may_use_it()
    {
        var undeclared = Routes()
            .Where(r => !(r.Anonymous && AnonymousRoutes.Contains(r.Pattern))
                        && !(r.Policy is null && SignedInRoutes.Contains(r.Pattern))
                        && (r.Policy is null || !Policies.RolesOf.ContainsKey(r.Policy)))
            .Select(r => $"{r.Method} {r.Pattern}" + (r.Anonymous ? " (anonymous)" : ""))
            .ToList();
        Assert.True(undeclared.Count == 0,
            "These routes have no policy from Policies.RolesOf (or are anonymous without being listed): " + string.Join(", ", undeclared));
    }

    [Fact]
    public async Task Anonymous_users_are_sent_to_sign_in_everywhere_else()
    {
        var client = _app.Factory.Anonymous();
        foreach (var route in Routes().Where(r => !AnonymousRoutes.Contains(r.Pattern)))
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(route.Method), Concrete(route.Pattern)));
            // Refused means refused by authorization: a 400 (say, a missing antiforgery token) proves nothing about who may enter.
            var refused = response.StatusCode == HttpStatusCode.Unauthorized
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/login", StringComparison.Ordinal));
            Assert.True(refused, $"{route.Method} {route.Pattern} answered {(int)response.StatusCode} to an anonymous user");
        }
    }

    [Fact]
    public async Task Each_role_opens_exactly_the_pages_its_policies_admit()
    {
        var problems = new List<string>();
        foreach (var route in Routes().Where(r => r.Method == "GET" && r.Policy is not null))
        {
            var admitted = Policies.RolesOf[route.Policy!];
            foreach (var account in DemoCounty.Accounts)
            {
                var response = await _app.Clients[account.UserName].GetAsync(Concrete(route.Pattern));
                var allowed = admitted.Contains(account.Role);
                var denied = Denied(response);
                if (allowed && denied)
                {
                    problems.Add($"{account.UserName} refused at {route.Pattern}");
                }
                if (!allowed && !denied)
                {
                    problems.Add($"{account.UserName} ({account.Role}) got {(int)response.StatusCode} at {route.Pattern}, policy {route.Policy}");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static bool Denied(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/access-denied", StringComparison.Ordinal));

    [Fact]
    public async Task Each_role_is_refused_every_post_its_policies_do_not_admit()
    {
        var posts = Routes().Where(r => r.Method == "POST" && r.Policy is not null).ToList();
        Assert.Contains(posts, r => r.Pattern == "/units");
        var problems = new List<string>();
        foreach (var account in DemoCounty.Accounts)
        {
            var client = _app.Clients[account.UserName];
            // A valid token of this person's session, so that a refusal is the authorization's, not the antiforgery check's.
            var token = await BatonWebFactory.AntiforgeryTokenAsync(client, "/");
            foreach (var route in posts)
            {
                var response = await client.PostAsync(Concrete(route.Pattern),
                    new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
                var allowed = Policies.RolesOf[route.Policy!].Contains(account.Role);
                if (!allowed && !Denied(response))
                {
                    problems.Add($"{account.UserName} ({account.Role}) got {(int)response.StatusCode} for POST {route.Pattern}, policy {route.Policy}");
                }
                if (allowed && Denied(response))
                {
                    problems.Add($"{account.UserName} refused POST {route.Pattern}");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Audit_trail_is_closed_to_the_system_administrator()
    {
        var response = await _app.Clients["admin"].GetAsync("/audit");
        Assert.Contains("/access-denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _app.Clients["auditor"].GetAsync("/audit")).StatusCode);
    }

    [Fact]
    public async Task Unit_users_see_only_their_own_unit()
    {
        var all = await _app.Clients["office"].GetFromJsonAsync<List<UnitJson>>("/api/units");
        Assert.True(all!.Count > 40);
        var town1 = all.Single(u => u.Code == "T01");
        var town2 = all.Single(u => u.Code == "T02");

        var own = await _app.Clients["reporter"].GetFromJsonAsync<List<UnitJson>>("/api/units");
        Assert.Equal(["T01"], own!.Select(u => u.Code));
        Assert.Equal(HttpStatusCode.OK, (await _app.Clients["reporter"].GetAsync($"/api/units/{town1.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Clients["reporter"].GetAsync($"/api/units/{town2.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Clients["head"].GetAsync($"/api/units/{town2.Id}")).StatusCode);

        var page = await _app.Clients["reporter"].GetStringAsync("/units");
        Assert.Contains("城关镇", page, StringComparison.Ordinal);
        Assert.DoesNotContain("东河镇", page, StringComparison.Ordinal);
    }

    private sealed record UnitJson(long Id, string Code, string Name);
}
