using Baton.Core.Results;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Indicators;

/// <summary>A year's indicator systems as the snapshot takes them, and the ids the other loaders need.</summary>
/// <param name="Categories">Every category of the year that has units or indicators, by code, with its settings and tree.</param>
/// <param name="CategoryCodes">Category id → code, for those categories.</param>
/// <param name="LeafCodes">Leaf indicator id → code (within its category), for the targets' loader.</param>
internal sealed record IndicatorSystem(List<CategoryData> Categories, Dictionary<long, string> CategoryCodes, Dictionary<long, string> LeafCodes);

/// <summary>
/// The indicators feature's loader for the snapshot (DESIGN.md §3, the snapshot seam): the year's categories,
/// their scoring settings (components, grades, caps) and indicator trees, as plain data.
/// </summary>
internal static class IndicatorInputs
{
    public static async Task<IndicatorSystem> LoadAsync(BatonDbContext db, int year, CancellationToken ct)
    {
        var categories = await db.UnitCategories.AsNoTracking().Where(c => c.Year == year).OrderBy(c => c.Code).ToListAsync(ct);
        var categoryIds = categories.Select(c => c.Id).ToList();
        var settings = await db.CategorySettings.AsNoTracking().Where(s => categoryIds.Contains(s.CategoryId)).ToDictionaryAsync(s => s.CategoryId, ct);
        var leadNames = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var nodes = await db.Indicators.AsNoTracking().Where(i => i.Year == year).ToListAsync(ct);
        var codeOf = nodes.ToDictionary(n => n.Id, n => n.Code);
        var memberCategories = (await db.CategoryMemberships.AsNoTracking().Where(m => m.Year == year).Select(m => m.CategoryId).Distinct().ToListAsync(ct)).ToHashSet();
        var nodesByCategory = nodes.ToLookup(n => n.CategoryId);

        var data = new List<CategoryData>();
        var codes = new Dictionary<long, string>();
        foreach (var c in categories)
        {
            // A category with neither units nor indicators is not part of the year's appraisal.
            if (!memberCategories.Contains(c.Id) && !nodesByCategory[c.Id].Any())
            {
                continue;
            }
            codes[c.Id] = c.Code;
            var s = settings.GetValueOrDefault(c.Id) ?? RuleSpec.DefaultSettings(c.Id);
            data.Add(new CategoryData(c.Code, c.Name, s.TotalPoints, s.BonusCap, s.DeductionCap, s.AwardBase, s.TieBreak,
                RuleSpec.ToComponents(s), RuleSpec.ToGradePolicy(s),
                [.. nodesByCategory[c.Id].Select(n => new NodeData(n.Code, n.Name, n.ParentId is { } p ? codeOf[p] : null, n.IsGroup, n.Points, n.Weight,
                    n.Rule, n.RuleParameters, n.Measure, n.LeadUnitId is { } lead ? leadNames[lead] : null, n.Order))]));
        }
        return new IndicatorSystem(data, codes, nodes.Where(n => !n.IsGroup).ToDictionary(n => n.Id, n => n.Code));
    }
}
