using Baton.Core.Adjustments;
using Baton.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Baton.Web.Features.Adjustments;

/// <summary>Evidence files (佐证材料) by content hash, for those who may read adjustments.</summary>
public static class EvidenceEndpoints
{
    public static void MapEvidenceEndpoints(this IEndpointRouteBuilder app)
    {
        var evidence = app.MapGroup("/api/evidence").RequireAuthorization(Policies.AdjustmentsRead);
        evidence.MapGet("/{hash}", DownloadAsync);
    }

    private static async Task<Results<FileStreamHttpResult, NotFound>> DownloadAsync(string hash, EvidenceService service, CancellationToken ct) =>
        await service.OpenAsync(hash, ct) is { } file
            ? TypedResults.File(file.Content, file.ContentType, file.FileName)
            : TypedResults.NotFound();
}
