using Baton.Core;
using Baton.Core.Units;
using Baton.Core.Years;
using Baton.Web.Features.Accounts;

namespace Baton.Web.Features.Units;

/// <summary>Unit files and data for other programs: the import template, the Excel export, the JSON list.</summary>
public static class UnitEndpoints
{
    public static void MapUnitEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/units").RequireAuthorization(Policies.UnitsRead);
        api.MapGet("/template.xlsx", () => Results.Stream(s =>
        {
            UnitService.WriteTemplate(s);
            return Task.CompletedTask;
        }, ExcelSheet.ContentType, "单位导入模板.xlsx")).RequireAuthorization(Policies.UnitsManage);
        api.MapGet("/export.xlsx", async (int? year, UnitService units, YearService years, CancellationToken ct) =>
        {
            var y = year ?? (await years.CurrentAsync(ct))?.Year ?? 0;
            var buffer = new MemoryStream();
            await units.WriteExportAsync(y, buffer, ct);
            buffer.Position = 0;
            return Results.File(buffer, ExcelSheet.ContentType, $"考核单位-{y}.xlsx");
        });
        api.MapGet("/", async (int? year, UnitService units, YearService years, CancellationToken ct) =>
            Results.Ok(await units.ListAsync(year ?? (await years.CurrentAsync(ct))?.Year ?? 0, includeRetired: true, ct)));
        api.MapGet("/{id:long}", async (long id, int? year, UnitService units, YearService years, CancellationToken ct) =>
            await units.GetAsync(id, year ?? (await years.CurrentAsync(ct))?.Year ?? 0, ct) is { } unit ? Results.Ok(unit) : Results.NotFound());
    }
}
