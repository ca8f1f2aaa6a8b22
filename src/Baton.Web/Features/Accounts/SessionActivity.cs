using System.Collections.Concurrent;
using System.Security.Claims;
using Baton.Core.Accounts;

namespace Baton.Web.Features.Accounts;

/// <summary>
/// The last time each sign-in session did something, whether by an HTTP request or inside a live
/// Blazor circuit. The server ends a session idle for longer than the security policy allows,
/// so the idle timeout holds even while a browser tab keeps its circuit open.
/// </summary>
public sealed class SessionActivity(TimeProvider clock, SecurityPolicy policy)
{
    public const string SessionClaim = "baton:sid";

    private readonly ConcurrentDictionary<string, DateTimeOffset> _last = new(StringComparer.Ordinal);

    public static string? SessionOf(ClaimsPrincipal? principal) => principal?.FindFirst(SessionClaim)?.Value;

    public void Touch(string? session)
    {
        if (session is not null)
        {
            _last[session] = clock.GetUtcNow();
        }
    }

    /// <summary>True when the session has been idle too long. <paramref name="issued"/> stands in after a restart.</summary>
    public bool IsIdle(string? session, DateTimeOffset? issued)
    {
        if (session is null)
        {
            return true;
        }
        var last = _last.TryGetValue(session, out var seen) ? seen : issued ?? DateTimeOffset.MinValue;
        return clock.GetUtcNow() - last > TimeSpan.FromMinutes(policy.Current.IdleTimeoutMinutes);
    }

    public void End(string? session)
    {
        if (session is not null)
        {
            _last.TryRemove(session, out _);
        }
    }
}
