using Baton.Core.Accounts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;

namespace Baton.Web.Features.Accounts;

/// <summary>Counts every event a live circuit receives as activity of its sign-in session.</summary>
public sealed class ActivityCircuitHandler(AuthenticationStateProvider authentication, SessionActivity activity) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var state = await authentication.GetAuthenticationStateAsync();
            activity.Touch(SessionActivity.SessionOf(state.User));
            await next(context);
        };
}

/// <summary>
/// Re-checks a live circuit's sign-in every minute: it ends when the session has been idle past the
/// timeout, the account was disabled or locked, or its security stamp changed (password reset).
/// A circuit does not re-check the cookie by itself.
/// </summary>
public sealed class RevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopes, SessionActivity activity, IConfiguration configuration)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    /// <summary>The category of the line logged after each check, which browser tests wait for.</summary>
    public const string LogCategory = "Baton.Web.Features.Accounts.CircuitRevalidation";

    private readonly ILogger _logger = loggerFactory.CreateLogger(LogCategory);

    /// <summary>Once a minute unless <c>Security:CircuitRevalidationSeconds</c> says otherwise (browser tests use seconds).</summary>
    protected override TimeSpan RevalidationInterval =>
        TimeSpan.FromSeconds(configuration.GetValue("Security:CircuitRevalidationSeconds", 60));

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var valid = await IsStillValidAsync(authenticationState);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            _logger.LogDebug("Revalidated the circuit of {User}; still signed in: {Valid}", authenticationState.User.Identity?.Name, valid);
        }
        return valid;
    }

    private async Task<bool> IsStillValidAsync(AuthenticationState authenticationState)
    {
        var session = SessionActivity.SessionOf(authenticationState.User);
        if (activity.IsIdle(session, issued: null))
        {
            activity.End(session);
            return false;
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BatonUser>>();
        var user = await users.GetUserAsync(authenticationState.User);
        if (user is null || user.IsDisabled || await users.IsLockedOutAsync(user))
        {
            return false;
        }
        var stamp = authenticationState.User.FindFirst(users.Options.ClaimsIdentity.SecurityStampClaimType)?.Value;
        return !users.SupportsUserSecurityStamp || stamp == await users.GetSecurityStampAsync(user);
    }
}
