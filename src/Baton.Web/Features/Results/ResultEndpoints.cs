using Baton.Core.Results;
using Baton.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

// Not Baton.Web.Features.Results: that namespace would hide Microsoft.AspNetCore.Http.Results for the whole app.
namespace Baton.Web.Features.ResultPages;

/// <summary>The ranking as Excel, the same table the results page shows.</summary>
public static class ResultEndpoints
{
    public static void MapResultEndpoints(this IEndpointRouteBuilder app)
    {
        var results = app.MapGroup("/api/results").RequireAuthorization(Policies.ResultsRead);
        results.MapGet("/ranking.xlsx", RankingAsync);
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> RankingAsync(int year, string? category, ResultService service, CancellationToken ct) =>
        await service.RankingAsync(year, category, ct) is { } ranking
            ? ExcelDownload.File($"考核结果-{year}.xlsx", s => ResultService.WriteRankingExcel(ranking, s))
            : TypedResults.NotFound();
}
