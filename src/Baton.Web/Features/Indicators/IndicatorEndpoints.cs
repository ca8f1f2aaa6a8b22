using Baton.Core;
using Baton.Core.Adjustments;
using Baton.Core.Indicators;
using Baton.Core.Results;
using Baton.Core.Targets;
using Baton.Web.Features.Accounts;

namespace Baton.Web.Features.Indicators;

/// <summary>
/// File downloads of the appraisal features: indicator system, targets, ranking and evidence. One
/// place for the four features' endpoints; each group carries its page's policy and the service
/// narrows unit-scoped users to their own unit.
/// </summary>
public static class IndicatorEndpoints
{
    public static void MapIndicatorEndpoints(this IEndpointRouteBuilder app)
    {
        var indicators = app.MapGroup("/api/indicators").RequireAuthorization(Policies.IndicatorsRead);
        indicators.MapGet("/template.xlsx", () => Excel(s => IndicatorService.WriteTemplate(s), "指标体系导入模板.xlsx")).RequireAuthorization(Policies.IndicatorsManage);
        indicators.MapGet("/export.xlsx", async (int year, IndicatorService service, CancellationToken ct) =>
            await ExcelAsync(s => service.WriteExportAsync(year, s, ct), $"指标体系-{year}.xlsx"));

        var targets = app.MapGroup("/api/targets").RequireAuthorization(Policies.TargetsRead);
        targets.MapGet("/template.xlsx", () => Excel(s => TargetService.WriteTargetTemplate(s), "目标值导入模板.xlsx"));
        targets.MapGet("/statistics-template.xlsx", () => Excel(s => TargetService.WriteStatisticsTemplate(s), "统计局数据导入模板.xlsx"));
        targets.MapGet("/export.xlsx", async (int year, TargetService service, CancellationToken ct) =>
            await ExcelAsync(s => service.WriteExportAsync(year, s, ct), $"目标值与完成值-{year}.xlsx"));

        var evidence = app.MapGroup("/api/evidence").RequireAuthorization(Policies.AdjustmentsRead);
        evidence.MapGet("/{hash}", async (string hash, EvidenceService service, CancellationToken ct) =>
            await service.OpenAsync(hash, ct) is { } file ? Results.File(file.Content, file.ContentType, file.FileName) : Results.NotFound());

        var results = app.MapGroup("/api/results").RequireAuthorization(Policies.ResultsRead);
        results.MapGet("/ranking.xlsx", async (int year, string? category, ResultService service, CancellationToken ct) =>
            await service.RankingAsync(year, category, ct) is { } ranking
                ? Excel(s => ResultService.WriteRankingExcel(ranking, s), $"考核结果-{year}.xlsx")
                : Results.NotFound());
    }

    private static IResult Excel(Action<Stream> write, string name)
    {
        var buffer = new MemoryStream();
        write(buffer);
        buffer.Position = 0;
        return Results.File(buffer, ExcelSheet.ContentType, name);
    }

    private static async Task<IResult> ExcelAsync(Func<Stream, Task> write, string name)
    {
        var buffer = new MemoryStream();
        await write(buffer);
        buffer.Position = 0;
        return Results.File(buffer, ExcelSheet.ContentType, name);
    }
}
