using Baton.Core.Indicators;
using Baton.Core.Years;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Targets;

public sealed partial class TargetService
{
    /// <summary>
    /// The office applies figures from another feature's ledger (e.g. the investment-attraction ledger) to one leaf's
    /// targets as authoritative actual values with their source named, all or nothing: every unit appraised on the
    /// leaf gets its figure, a unit missing from <paramref name="values"/> gets 0 (the ledger is complete: nothing
    /// recorded is nothing done). Like <see cref="SetAuthoritativeAsync"/> it completes pending reviews.
    /// </summary>
    /// <returns>The number of targets set.</returns>
    public async Task<Outcome<int>> ApplyAuthoritativeAsync(
        int year, long indicatorId, IReadOnlyDictionary<long, decimal> values, DataSource source, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail<int>(Outcome.Forbidden);
        }
        if (values.Values.Any(v => v < 0))
        {
            return Outcome.Fail<int>("实际完成值不能为负。");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var leaf = await db.Indicators.AsNoTracking().SingleOrDefaultAsync(i => i.Id == indicatorId && i.Year == year && !i.IsGroup, ct);
        if (leaf is null)
        {
            return Outcome.Fail<int>(Outcome.NotFound);
        }
        if (!NeedsReport(leaf.Rule))
        {
            return Outcome.Fail<int>($"指标「{leaf.Name}」的计分规则不使用实际完成值（等次、扣分等），不能应用台账数据。");
        }
        if (await YearGate.RefusalAsync(db, year, YearActivity.ReviewProgress, ct) is { } state)
        {
            return Outcome.Fail<int>(state);
        }
        var units = await db.CategoryMemberships.Where(m => m.Year == year && m.CategoryId == leaf.CategoryId).Select(m => m.UnitId).ToListAsync(ct);
        if (user.UnitId is { } own && units.Contains(own))
        {
            return Outcome.Fail<int>("不能审核或评定本单位的指标，请由县考核办其他人员应用。");
        }
        var existing = await db.Targets.Where(t => t.IndicatorId == indicatorId).ToDictionaryAsync(t => t.UnitId, ct);
        foreach (var unit in units)
        {
            if (!existing.TryGetValue(unit, out var target))
            {
                target = new Target { Year = year, UnitId = unit, IndicatorId = indicatorId };
                db.Targets.Add(target);
            }
            target.AuthoritativeActual = values.GetValueOrDefault(unit);
            target.AuthoritativeSource = source;
            target.ApprovedBy = user.UserName;
            if (target.Status == ReportStatus.SignedOff)
            {
                target.Status = ReportStatus.Approved;
            }
        }
        await db.ActAs(user).SaveChangesAsync(ct);
        return units.Count;
    }
}
