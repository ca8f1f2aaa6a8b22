using Baton.Core.Targets;
using Baton.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Baton.Web.Features.Targets;

/// <summary>Responsibility letters (目标责任书) as Word files; the service lets the office and county readers have any, a unit its own.</summary>
public static class IssuanceEndpoints
{
    public static void MapIssuanceEndpoints(this IEndpointRouteBuilder app)
    {
        var letters = app.MapGroup("/api/targets/letters").RequireAuthorization(Policies.TargetsRead);
        letters.MapGet("/{year:int}/{unitId:long}.docx", LetterAsync);
    }

    private static Task<Results<FileContentHttpResult, NotFound<string>>> LetterAsync(int year, long unitId, TargetIssuanceService service, CancellationToken ct) =>
        DocxDownload.FileAsync(s => service.WriteLetterAsync(year, unitId, s, ct));
}
