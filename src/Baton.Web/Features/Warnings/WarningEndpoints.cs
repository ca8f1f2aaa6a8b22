using Baton.Core.Warnings;
using Baton.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Baton.Web.Features.Warnings;

/// <summary>The warnings as Excel: the same rows the warnings page shows the user, as of the day it chose.</summary>
public static class WarningEndpoints
{
    public static void MapWarningEndpoints(this IEndpointRouteBuilder app)
    {
        var warnings = app.MapGroup("/api/warnings").RequireAuthorization(Policies.WarningsRead);
        warnings.MapGet("/warnings.xlsx", ExcelAsync);
    }

    private static async Task<Results<FileContentHttpResult, BadRequest<string>>> ExcelAsync(int year, DateOnly? asOf, long? category, WarningService service, CancellationToken ct) =>
        await service.ReportAsync(year, asOf, category, ct) is { Ok: true } report
            ? ExcelDownload.File($"预警-{year}-{report.Value!.AsOf:yyyyMMdd}.xlsx", s => WarningService.WriteExcel(report.Value, s))
            : TypedResults.BadRequest("无法导出预警：年度或统计日有误。");
}
