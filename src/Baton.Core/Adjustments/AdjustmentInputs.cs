using Baton.Scoring.Results;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Adjustments;

/// <summary>
/// The adjustments feature's loader for the snapshot (DESIGN.md §3, the snapshot seam): the year's approved
/// bonuses, deductions, vetoes and caps, by unit, with their evidence and approver. Unapproved events never count.
/// </summary>
internal static class AdjustmentInputs
{
    public static async Task<ILookup<long, Adjustment>> LoadAsync(BatonDbContext db, int year, CancellationToken ct) =>
        (await db.AdjustmentEvents.AsNoTracking().Where(a => a.Year == year && a.ApprovedBy != null).OrderBy(a => a.Id).ToListAsync(ct))
            .ToLookup(a => a.UnitId, a => new Adjustment(a.Kind, a.Points, a.Reason)
            {
                MaxGrade = a.MaxGrade,
                Evidence = a.EvidenceHash,
                EnteredBy = a.EnteredBy,
                ApprovedBy = a.ApprovedBy,
            });
}
