using Microsoft.AspNetCore.Diagnostics;

namespace Baton.Web.Components;

/// <summary>
/// The error page and the status pages are shown by re-running the failed request at their own path,
/// with the failed request's method. A re-run form post would be handled as that page's form (and
/// throw again on the antiforgery check that refused it the first time), so the person would get no
/// page at all; the re-run is made a plain GET instead.
/// </summary>
public sealed class ErrorPagesAsGet(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if ((context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerPathFeature>() is not null)
            && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Request.Method = HttpMethods.Get;
        }
        return next(context);
    }
}
