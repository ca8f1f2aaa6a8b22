using System.Security.Claims;
using Baton.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Baton.Web.Features.Accounts;

/// <summary>Sign-in, sign-out and the password change: plain form posts, so they can set the cookie.</summary>
public static class AccountEndpoints
{
    public const string SignInRateLimit = "sign-in";

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login", SignInAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimit);
        app.MapPost("/account/logout", SignOutAsync);
        app.MapPost("/account/change-password", ChangePasswordAsync);
    }

    private static async Task<IResult> SignInAsync(
        [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl, HttpContext http,
        SignInManager<BatonUser> signIn, SecurityPolicy policy, SessionActivity activity, AccountService accounts)
    {
        userName = userName?.Trim() ?? "";
        var address = http.Connection.RemoteIpAddress?.ToString();
        accounts.ActAsSigningIn(userName);
        var user = userName.Length == 0 ? null : await signIn.UserManager.FindByNameAsync(userName);

        async Task<IResult> Refuse(string error, string reason)
        {
            await accounts.RecordSignInAsync("login.failed", userName, user?.Id, reason, address, http.RequestAborted);
            return Results.Redirect($"/login?error={error}&user={Uri.EscapeDataString(userName)}{ReturnPart(returnUrl)}");
        }

        if (user is null)
        {
            return await Refuse("invalid", "unknown user");
        }
        if (user.IsDisabled)
        {
            return await Refuse("disabled", "disabled");
        }
        policy.Apply(signIn.UserManager.Options);
        var result = await signIn.CheckPasswordSignInAsync(user, password ?? "", lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return await Refuse("locked", "locked out");
        }
        if (!result.Succeeded)
        {
            return await Refuse("invalid", "wrong password");
        }

        var session = Guid.NewGuid().ToString("N");
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, SessionClaims(user, session));
        activity.Touch(session);
        await accounts.RecordSignInAsync("login.success", userName, user.Id, "ok", address, http.RequestAborted);
        return Results.LocalRedirect(user.MustChangePassword ? "/account/change-password" : LocalOrHome(returnUrl));
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, SignInManager<BatonUser> signIn, SessionActivity activity, AccountService accounts)
    {
        activity.End(SessionActivity.SessionOf(http.User));
        var userName = http.User.Identity?.Name ?? "";
        accounts.ActAsSigningIn(userName);
        await accounts.RecordSignInAsync("logout", userName, signIn.UserManager.GetUserId(http.User), null, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted);
        await signIn.SignOutAsync();
        return Results.LocalRedirect("/login");
    }

    private static async Task<IResult> ChangePasswordAsync(
        [FromForm] string? currentPassword, [FromForm] string? newPassword, [FromForm] string? confirmPassword,
        HttpContext http, AccountService accounts, SignInManager<BatonUser> signIn, SessionActivity activity)
    {
        var outcome = await accounts.ChangeOwnPasswordAsync(currentPassword ?? "", newPassword ?? "", confirmPassword ?? "");
        if (!outcome.Ok)
        {
            return Results.LocalRedirect($"/account/change-password?error={Uri.EscapeDataString(outcome.Error!)}");
        }
        // Sign in again without the forced-change claim, keeping the session.
        var user = await signIn.UserManager.GetUserAsync(http.User);
        var session = SessionActivity.SessionOf(http.User) ?? Guid.NewGuid().ToString("N");
        await signIn.SignInWithClaimsAsync(user!, isPersistent: false, SessionClaims(user!, session));
        activity.Touch(session);
        return Results.LocalRedirect("/?password-changed=1");
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

    private static string LocalOrHome(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/";

    private static string ReturnPart(string? returnUrl) =>
        string.IsNullOrEmpty(returnUrl) ? "" : "&returnUrl=" + Uri.EscapeDataString(LocalOrHome(returnUrl));
}
