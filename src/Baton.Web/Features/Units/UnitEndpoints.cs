using Baton.Core.Units;
using Baton.Core.Years;
using Baton.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Baton.Web.Features.Units;

/// <summary>Unit files and data for other programs: the import template, the Excel export, the JSON list.</summary>
public static class UnitEndpoints
{
    public static void MapUnitEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/units").RequireAuthorization(Policies.UnitsRead);
        api.MapGet("/template.xlsx", Template).RequireAuthorization(Policies.UnitsManage);
        api.MapGet("/export.xlsx", ExportAsync);
        api.MapGet("/", ListAsync);
        api.MapGet("/{id:long}", GetAsync);
    }

    private static FileContentHttpResult Template() =>
        ExcelDownload.File("单位导入模板.xlsx", UnitService.WriteTemplate);

    private static async Task<FileContentHttpResult> ExportAsync(int? year, UnitService units, YearService years, CancellationToken ct)
    {
        var y = await YearOrCurrentAsync(year, years, ct);
        return await ExcelDownload.FileAsync($"考核单位-{y}.xlsx", s => units.WriteExportAsync(y, s, ct));
    }

    private static async Task<Ok<IReadOnlyList<UnitRow>>> ListAsync(int? year, UnitService units, YearService years, CancellationToken ct) =>
        TypedResults.Ok(await units.ListAsync(await YearOrCurrentAsync(year, years, ct), includeRetired: true, ct));

    private static async Task<Results<Ok<UnitRow>, NotFound>> GetAsync(long id, int? year, UnitService units, YearService years, CancellationToken ct) =>
        await units.GetAsync(id, await YearOrCurrentAsync(year, years, ct), ct) is { } unit ? TypedResults.Ok(unit) : TypedResults.NotFound();

    private static async Task<int> YearOrCurrentAsync(int? year, YearService years, CancellationToken ct) =>
        year ?? (await years.CurrentAsync(ct))?.Year ?? 0;
}
