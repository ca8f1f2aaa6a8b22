using System.Security.Claims;
using Baton.Core.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Baton.Web.Features.Accounts;

/// <summary>Sign-in, sign-out and the password change: plain form posts, so they can set the cookie.</summary>
public static class AccountEndpoints
{
    public const string SignInRateLimit = "sign-in";

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // Form-bound parameters make the framework check the antiforgery token of the first and the last.
        app.MapPost("/account/login", SignInAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimit);
        app.MapPost("/account/logout", SignOutAsync).WithMetadata(new PermittedBeforePasswordChangeAttribute());
        app.MapPost(ForcedPasswordChange.ChangePasswordPath, ChangePasswordAsync).WithMetadata(new PermittedBeforePasswordChangeAttribute());
    }

    private static async Task<RedirectHttpResult> SignInAsync(
        [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl, HttpContext http,
        SignInManager<BatonUser> signIn, SessionActivity activity, AccountService accounts)
    {
        userName = userName?.Trim() ?? "";
        var address = http.Connection.RemoteIpAddress?.ToString();
        accounts.ActAsSigningIn(userName);
        var check = await accounts.CheckSignInAsync(userName, password ?? "", http.RequestAborted);
        if (check.Account is not { } user)
        {
            await accounts.RecordSignInAsync("login.failed", userName, null, check.Reason, address, http.RequestAborted);
            var error = check.Verdict switch { SignInVerdict.Disabled => "disabled", SignInVerdict.LockedOut => "locked", _ => "invalid" };
            var back = IsLocal(returnUrl) ? "&returnUrl=" + Uri.EscapeDataString(returnUrl!) : "";
            return TypedResults.Redirect($"/login?error={error}&user={Uri.EscapeDataString(userName)}{back}");
        }

        var session = Guid.NewGuid().ToString("N");
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, SessionClaims(user, session));
        activity.Touch(session);
        await accounts.RecordSignInAsync("login.success", userName, user.Id, check.Reason, address, http.RequestAborted);
        return TypedResults.LocalRedirect(user.MustChangePassword ? ForcedPasswordChange.ChangePasswordPath : IsLocal(returnUrl) ? returnUrl! : "/");
    }

    // Nothing is bound from the form here, so the token is checked by hand: a forged post must not sign anyone out.
    private static async Task<Results<RedirectHttpResult, BadRequest>> SignOutAsync(
        HttpContext http, IAntiforgery antiforgery, SignInManager<BatonUser> signIn, SessionActivity activity, AccountService accounts)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.BadRequest();
        }
        activity.End(SessionActivity.SessionOf(http.User));
        var userName = http.User.Identity?.Name ?? "";
        accounts.ActAsSigningIn(userName);
        await accounts.RecordSignInAsync("logout", userName, signIn.UserManager.GetUserId(http.User), null, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/login");
    }

    private static async Task<RedirectHttpResult> ChangePasswordAsync(
        [FromForm] string? currentPassword, [FromForm] string? newPassword, [FromForm] string? confirmPassword,
        HttpContext http, AccountService accounts, SignInManager<BatonUser> signIn, SessionActivity activity)
    {
        var outcome = await accounts.ChangeOwnPasswordAsync(currentPassword ?? "", newPassword ?? "", confirmPassword ?? "");
        if (!outcome.Ok)
        {
            return TypedResults.LocalRedirect($"{ForcedPasswordChange.ChangePasswordPath}?error={Uri.EscapeDataString(outcome.Error!)}");
        }
        // Sign in again without the forced-change claim, keeping the session.
        var user = await signIn.UserManager.GetUserAsync(http.User);
        var session = SessionActivity.SessionOf(http.User) ?? Guid.NewGuid().ToString("N");
        await signIn.SignInWithClaimsAsync(user!, isPersistent: false, SessionClaims(user!, session));
        activity.Touch(session);
        return TypedResults.LocalRedirect("/?password-changed=1");
    }

    /// <summary>Claims added to Identity's own (name, roles, security stamp) for one sign-in session.</summary>
    private static List<Claim> SessionClaims(BatonUser user, string session)
    {
        List<Claim> claims = [new(SessionActivity.SessionClaim, session), new(CurrentUserFactory.DisplayNameClaim, user.DisplayName)];
        if (user.UnitId is { } unit)
        {
            claims.Add(new Claim(CurrentUserFactory.UnitClaim, unit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (user.MustChangePassword)
        {
            claims.Add(new Claim(CurrentUserFactory.MustChangePasswordClaim, "true"));
        }
        return claims;
    }

    /// <summary>
    /// A path on this site: one slash, not two or a backslash (another host), and no control character
    /// (a tab or line break would make the redirect fail or split the header).
    /// </summary>
    internal static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/'
        && (url.Length == 1 || url[1] is not ('/' or '\\'))
        && !url.Any(char.IsControl);
}
