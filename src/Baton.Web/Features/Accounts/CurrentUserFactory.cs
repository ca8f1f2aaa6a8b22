using System.Security.Claims;
using Baton.Core.Accounts;
using Microsoft.AspNetCore.Components.Authorization;

namespace Baton.Web.Features.Accounts;

/// <summary>Builds the <see cref="CurrentUser"/> that feature services act for, from the request or the circuit.</summary>
public static class CurrentUserFactory
{
    public const string UnitClaim = "baton:unit";
    public const string DisplayNameClaim = "baton:name";
    public const string MustChangePasswordClaim = "baton:must-change-password";

    public static CurrentUser FromPrincipal(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true || principal.Identity.Name is null)
        {
            return CurrentUser.Anonymous;
        }
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        long? unit = long.TryParse(principal.FindFirst(UnitClaim)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
        return new CurrentUser(principal.Identity.Name, roles, unit);
    }

    public static CurrentUser Create(IServiceProvider services)
    {
        var http = services.GetRequiredService<IHttpContextAccessor>().HttpContext;
        if (http is not null && !http.WebSockets.IsWebSocketRequest && !http.Request.Path.StartsWithSegments("/_blazor", StringComparison.Ordinal))
        {
            return FromPrincipal(http.User);
        }
        // Inside a live circuit the framework has set the state from the connection's cookie before any component exists.
        var state = services.GetRequiredService<AuthenticationStateProvider>().GetAuthenticationStateAsync();
        return state.IsCompletedSuccessfully ? FromPrincipal(state.GetAwaiter().GetResult().User) : FromPrincipal(http?.User);
    }
}
