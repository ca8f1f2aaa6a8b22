using System.Globalization;
using Baton.Core.Ratings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Baton.Web.Features.Ratings;

/// <summary>
/// The single-use link's form post (external deputies, no account): a plain form with antiforgery,
/// so it works on any phone without a circuit. Success redirects back to the form; a refusal renders
/// the form again with what the deputy typed and the Chinese message, and saves nothing.
/// </summary>
public static class RatingEndpoints
{
    public static void MapRatingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/r/{token}/submit", SubmitByLinkAsync).AllowAnonymous();
    }

    private static async Task<Results<RedirectHttpResult, RazorComponentResult<LinkRatingDocument>>> SubmitByLinkAsync(
        string token, IFormCollection form, RatingFormService ratings, CancellationToken ct)
    {
        var current = await ratings.FormByTokenAsync(token, ct);
        if (current is null)
        {
            return Render(token, null, "评议链接无效或已被重新发放，请联系县考核办。", StatusCodes.Status404NotFound);
        }
        var entries = Read(current, form);
        var outcome = await ratings.SubmitByTokenAsync(token, entries, ct);
        return outcome.Ok
            ? TypedResults.Redirect($"/r/{Uri.EscapeDataString(token)}?saved=1")
            : Render(token, WithInput(current, entries), outcome.Error, StatusCodes.Status400BadRequest);
    }

    private static RazorComponentResult<LinkRatingDocument> Render(string token, RatingForm? form, string? error, int status) =>
        new(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [nameof(LinkRatingDocument.Token)] = token,
            [nameof(LinkRatingDocument.Form)] = form,
            [nameof(LinkRatingDocument.Error)] = error,
        })
        { StatusCode = status };

    /// <summary>Field names: <c>u{unit}_c{k}</c> criterion k's score, <c>u{unit}_g</c> the grade's position (0 best), <c>u{unit}_r</c> the reason.</summary>
    public static string Field(long unitId, string part) => $"u{unitId.ToString(CultureInfo.InvariantCulture)}_{part}";

    internal static List<EntryInput> Read(RatingForm current, IFormCollection form)
    {
        var entries = new List<EntryInput>();
        foreach (var unit in current.Units)
        {
            var scores = current.Criteria.Select((_, k) => Number(form[Field(unit.UnitId, $"c{k}")])).ToList();
            int? grade = int.TryParse(form[Field(unit.UnitId, "g")], NumberStyles.Integer, CultureInfo.InvariantCulture, out var g) ? g : null;
            entries.Add(new EntryInput(unit.UnitId, scores, grade, form[Field(unit.UnitId, "r")].ToString()));
        }
        return entries;
    }

    private static double? Number(string? text) =>
        double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    private static RatingForm WithInput(RatingForm current, List<EntryInput> entries) =>
        current with
        {
            Units = current.Units.Select(u => entries.FirstOrDefault(e => e.UnitId == u.UnitId) is { } e
                ? u with { CriterionScores = e.CriterionScores, Grade = e.Grade, Reason = e.Reason }
                : u).ToList(),
        };
}
