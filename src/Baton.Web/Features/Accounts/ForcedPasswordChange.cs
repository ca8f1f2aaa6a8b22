namespace Baton.Web.Features.Accounts;

/// <summary>Sends a person whose password was set by an administrator to change it before anything else.</summary>
public sealed class ForcedPasswordChange(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (context.User.HasClaim(CurrentUserFactory.MustChangePasswordClaim, "true")
            && !path.StartsWithSegments("/account", StringComparison.Ordinal)
            && !path.StartsWithSegments("/_framework", StringComparison.Ordinal)
            && !path.StartsWithSegments("/_content", StringComparison.Ordinal)
            && !path.StartsWithSegments("/login", StringComparison.Ordinal)
            && Path.GetExtension(path.Value) is null or "")
        {
            context.Response.Redirect("/account/change-password");
            return Task.CompletedTask;
        }
        return next(context);
    }
}
