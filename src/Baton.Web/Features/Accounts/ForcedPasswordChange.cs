namespace Baton.Web.Features.Accounts;

/// <summary>
/// Marks an endpoint a person may reach while their password must still be changed: the change-password
/// page and its post, sign-out, the error pages and the static files those pages load. Nothing else.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class PermittedBeforePasswordChangeAttribute : Attribute;

/// <summary>
/// Sends a person whose password was set by an administrator to change it before anything else.
/// Decided by the endpoint the request was routed to, never by the look of the path, so no data
/// download, API route or page slips through because its path ends in a file extension.
/// </summary>
public sealed class ForcedPasswordChange(RequestDelegate next)
{
    public const string ChangePasswordPath = "/account/change-password";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.User.HasClaim(CurrentUserFactory.MustChangePasswordClaim, "true")
            && context.GetEndpoint()?.Metadata.GetMetadata<PermittedBeforePasswordChangeAttribute>() is null)
        {
            context.Response.Redirect(ChangePasswordPath);
            return Task.CompletedTask;
        }
        return next(context);
    }
}
