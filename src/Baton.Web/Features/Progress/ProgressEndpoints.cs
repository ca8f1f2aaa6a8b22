using Baton.Core.Progress;
using Baton.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Baton.Web.Features.Progress;

/// <summary>Progress files: the template of a month's import.</summary>
public static class ProgressEndpoints
{
    public static void MapProgressEndpoints(this IEndpointRouteBuilder app)
    {
        var progress = app.MapGroup("/api/progress").RequireAuthorization(Policies.ProgressRead);
        progress.MapGet("/template.xlsx", Template);
    }

    private static FileContentHttpResult Template() => ExcelDownload.File("月度进度导入模板.xlsx", ProgressService.WriteTemplate);
}
