using Baton.Core.Indicators;
using Baton.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Baton.Web.Features.Indicators;

/// <summary>The indicator system's files: the import template (office) and the year's export.</summary>
public static class IndicatorEndpoints
{
    public static void MapIndicatorEndpoints(this IEndpointRouteBuilder app)
    {
        var indicators = app.MapGroup("/api/indicators").RequireAuthorization(Policies.IndicatorsRead);
        indicators.MapGet("/template.xlsx", Template).RequireAuthorization(Policies.IndicatorsManage);
        indicators.MapGet("/export.xlsx", ExportAsync);
    }

    private static FileContentHttpResult Template() =>
        ExcelDownload.File("指标体系导入模板.xlsx", IndicatorService.WriteTemplate);

    private static Task<FileContentHttpResult> ExportAsync(int year, IndicatorService service, CancellationToken ct) =>
        ExcelDownload.FileAsync($"指标体系-{year}.xlsx", s => service.WriteExportAsync(year, s, ct));
}
