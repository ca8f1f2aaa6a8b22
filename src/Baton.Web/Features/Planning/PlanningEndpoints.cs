using Baton.Core.Planning;
using Baton.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Baton.Web.Features.Planning;

/// <summary>Planning files: the city targets' import template and the year's negotiation record; the service narrows unit users to their unit.</summary>
public static class PlanningEndpoints
{
    public static void MapPlanningEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/city-targets").RequireAuthorization(Policies.CityTargetsRead)
            .MapGet("/template.xlsx", CityTemplate);
        app.MapGroup("/api/negotiations").RequireAuthorization(Policies.NegotiationsRead)
            .MapGet("/export.xlsx", ExportAsync);
    }

    private static FileContentHttpResult CityTemplate() =>
        ExcelDownload.File("市考任务导入模板.xlsx", SuperiorTargetService.WriteTemplate);

    private static Task<FileContentHttpResult> ExportAsync(int year, NegotiationService service, CancellationToken ct) =>
        ExcelDownload.FileAsync($"目标征求意见记录-{year}.xlsx", s => service.WriteExportAsync(year, s, ct));
}
