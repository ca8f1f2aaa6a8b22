using Baton.Core.Targets;
using Baton.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Baton.Web.Features.Targets;

/// <summary>Target files: the two import templates and the year's targets and actual values; the service narrows unit users to their unit.</summary>
public static class TargetEndpoints
{
    public static void MapTargetEndpoints(this IEndpointRouteBuilder app)
    {
        var targets = app.MapGroup("/api/targets").RequireAuthorization(Policies.TargetsRead);
        targets.MapGet("/template.xlsx", TargetTemplate);
        targets.MapGet("/statistics-template.xlsx", StatisticsTemplate);
        targets.MapGet("/export.xlsx", ExportAsync);
    }

    private static FileContentHttpResult TargetTemplate() =>
        ExcelDownload.File("目标值导入模板.xlsx", TargetService.WriteTargetTemplate);

    private static FileContentHttpResult StatisticsTemplate() =>
        ExcelDownload.File("统计局数据导入模板.xlsx", TargetService.WriteStatisticsTemplate);

    private static Task<FileContentHttpResult> ExportAsync(int year, TargetService service, CancellationToken ct) =>
        ExcelDownload.FileAsync($"目标值与完成值-{year}.xlsx", s => service.WriteExportAsync(year, s, ct));
}
