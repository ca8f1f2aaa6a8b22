using Baton.Core.Adjustments;
using Baton.Core.Indicators;
using Baton.Core.Progress;
using Baton.Core.Ratings;
using Baton.Core.Targets;
using Baton.Scoring.Results;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Results;

/// <summary>
/// The snapshot seam (DESIGN.md §3): assembles a year's scoring inputs from one loader per feature that feeds
/// scoring — indicators (<see cref="IndicatorInputs"/>), targets and actual values (<see cref="TargetInputs"/>), approved monthly progress (<see cref="ProgressInputs"/>),
/// adjustments (<see cref="AdjustmentInputs"/>), calibrated ratings (<see cref="RatingInputs"/>) and
/// hand-entered component scores (<see cref="ComponentScoreService.InputsAsync"/>). Which of several values of
/// a component counts is <see cref="ComponentSources.Resolve"/>'s rule, not this class's. A new feature that
/// feeds scoring adds its loader here.
/// </summary>
internal static class SnapshotLoader
{
    public static async Task<SnapshotInputs> LoadAsync(BatonDbContext db, int year, CancellationToken ct)
    {
        var settings = await db.YearSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Year == year, ct) ?? new YearSettings { Year = year };
        var system = await IndicatorInputs.LoadAsync(db, year, ct);
        var progress = await ProgressInputs.LoadAsync(db, year, ct);
        var values = await TargetInputs.LoadAsync(db, year, system.LeafCodes, progress, ct);
        var adjustments = await AdjustmentInputs.LoadAsync(db, year, ct);
        var rated = await RatingInputs.LoadAsync(db, year, ct);
        var entered = await ComponentScoreService.InputsAsync(db, year, ct);

        var members = await db.CategoryMemberships.AsNoTracking().Where(m => m.Year == year)
            .Join(db.Units, m => m.UnitId, u => u.Id, (m, u) => new { m.UnitId, m.CategoryId, u.Code, u.Name })
            .OrderBy(m => m.Code)
            .ToListAsync(ct);
        var units = new List<UnitData>(members.Count);
        foreach (var m in members)
        {
            if (!system.CategoryCodes.TryGetValue(m.CategoryId, out var category))
            {
                continue;
            }
            var components = ComponentSources.Resolve(rated[m.UnitId].Concat(entered[m.UnitId]));
            units.Add(new UnitData(m.Code, m.Name, category,
                values.GetValueOrDefault(m.UnitId) ?? [],
                components.IsEmpty ? null : [.. components],
                adjustments[m.UnitId].ToList() is { Count: > 0 } adj ? adj : null));
        }
        return new SnapshotInputs(year, settings.AwardBudget, settings.Decimals, settings.RuleVersion, system.Categories, units);
    }
}
