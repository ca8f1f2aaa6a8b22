using System.Globalization;
using Baton.Core.Indicators;
using Baton.Core.Results;
using Baton.Core.Targets;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Years;

/// <summary>
/// One precondition of a transition that is not met, as a person reads it (Chinese). When the office may
/// waive it instead (<see cref="YearWaiver"/>), <see cref="WaivableAs"/> and <see cref="Key"/> name the item.
/// </summary>
public sealed record MissingItem(string Text, WaiverItemKind? WaivableAs = null, string? Key = null);

/// <summary>
/// What a year needs before it moves one step forward (DESIGN.md §4). The years page lists these before
/// the office presses the button, and <see cref="YearService.TransitionAsync"/> refuses with the same list.
/// Going back needs no precondition: it is the office's correction, with a reason.
/// </summary>
internal static class YearPreconditions
{
    public static async Task<List<MissingItem>> MissingAsync(BatonDbContext db, AppraisalYear year, YearState to, CancellationToken ct)
    {
        if (to != year.State + 1)
        {
            return [];
        }
        return to switch
        {
            // Zero or missing targets and incomplete rules are errors at setup, not at scoring time (DESIGN.md §5.1).
            YearState.TargetsIssued => [.. (await ResultService.ValidateYearAsync(db, year.Year, ct)).Select(p => new MissingItem(p)),
                .. await UnissuedAsync(db, year.Year, ct)],
            YearState.Scoring => await LeavingInProgressAsync(db, year.Year, ct),
            // Results are shown, and later fixed, only as a snapshot of the data as they are now. Appeals do not
            // exist yet, so 结果已定 asks nothing about them; it will need every appeal decided.
            YearState.PublicNotice or YearState.Final => await CurrentSnapshotAsync(db, year.Year, ct),
            _ => [],
        };
    }

    /// <summary>The Chinese refusal of a transition, one missing item per line.</summary>
    public static string Refusal(AppraisalYear year, YearState to, IReadOnlyList<MissingItem> missing) =>
        $"{year.Year} 年度不能推进到「{AppraisalYear.StateName(to)}」，尚有 {missing.Count} 项条件未满足"
        + (missing.Any(m => m.WaivableAs is not null) ? "（可结束评议、补报数据，或由考核办在「考核年度」页面逐项记录豁免及理由）" : "")
        + "：\n" + string.Join("\n", missing.Select(m => m.Text));

    /// <summary>
    /// Leaving 考核进行中 locks the year-end inputs: every rating round of the year is closed, and every unit has
    /// a reported or authoritative value for every leaf of its category that takes one — or the office waived the item.
    /// </summary>
    private static async Task<List<MissingItem>> LeavingInProgressAsync(BatonDbContext db, int year, CancellationToken ct)
    {
        var waived = (await db.YearWaivers.AsNoTracking().Where(w => w.Year == year).Select(w => new { w.ItemKind, w.ItemKey }).ToListAsync(ct))
            .Select(w => (w.ItemKind, w.ItemKey)).ToHashSet();
        var missing = new List<MissingItem>();

        var rounds = await db.RatingRounds.AsNoTracking().Where(r => r.Year == year && !r.IsClosed).OrderBy(r => r.Id)
            .Select(r => new
            {
                r.Id,
                r.Name,
                Raters = db.RatingRaters.Count(x => x.RoundId == r.Id),
                Submitted = db.RatingRaters.Count(x => x.RoundId == r.Id && x.SubmittedAt != null),
            })
            .ToListAsync(ct);
        foreach (var round in rounds)
        {
            var key = round.Id.ToString(CultureInfo.InvariantCulture);
            if (!waived.Contains((WaiverItemKind.OpenRound, key)))
            {
                missing.Add(new MissingItem($"评议轮次「{round.Name}」尚未结束（已提交 {round.Submitted}/{round.Raters}）",
                    WaiverItemKind.OpenRound, key));
            }
        }

        // Vetoes and grade caps are events registered as adjustments: their leaves expect no value. Every other
        // leaf does — a count of 0 occurrences included — and the engine would otherwise score it 未报送 or as none.
        var outstanding = await (from m in db.CategoryMemberships.AsNoTracking()
                                 where m.Year == year
                                 join i in db.Indicators.AsNoTracking() on m.CategoryId equals i.CategoryId
                                 where i.Year == year && !i.IsGroup && i.Rule != RuleKind.None && i.Rule != RuleKind.Veto && i.Rule != RuleKind.GradeCap
                                 where !db.Targets.Any(t => t.UnitId == m.UnitId && t.IndicatorId == i.Id
                                     && ((i.Rule == RuleKind.Graded && t.Grade != null)
                                         || (i.Rule == RuleKind.TimeProgress && db.ProgressReports.Any(r => r.TargetId == t.Id && r.Status == ReportStatus.Approved))
                                         || (i.Rule != RuleKind.Graded && i.Rule != RuleKind.TimeProgress && (t.ReportedActual != null || t.AuthoritativeActual != null))))
                                 join u in db.Units.AsNoTracking() on m.UnitId equals u.Id
                                 select new { UnitId = u.Id, UnitCode = u.Code, UnitName = u.Name, IndicatorId = i.Id, IndicatorCode = i.Code, IndicatorName = i.Name })
                                .ToListAsync(ct);
        foreach (var item in outstanding.OrderBy(o => o.UnitCode, StringComparer.Ordinal).ThenBy(o => o.IndicatorCode, StringComparer.Ordinal))
        {
            var key = ReportKey(item.UnitId, item.IndicatorId);
            if (!waived.Contains((WaiverItemKind.OutstandingReport, key)))
            {
                missing.Add(new MissingItem($"「{item.UnitName}」（{item.UnitCode}）的指标「{item.IndicatorCode} {item.IndicatorName}」尚未报送完成值",
                    WaiverItemKind.OutstandingReport, key));
            }
        }
        return missing;
    }

    /// <summary>目标已下达 means every appraised unit's targets are issued (and so frozen): the units not yet issued.</summary>
    private static async Task<List<MissingItem>> UnissuedAsync(BatonDbContext db, int year, CancellationToken ct)
    {
        var units = await db.CategoryMemberships.AsNoTracking().Where(m => m.Year == year && !db.TargetIssuances.Any(i => i.Year == year && i.UnitId == m.UnitId))
            .Join(db.Units, m => m.UnitId, u => u.Id, (m, u) => new { u.Code, u.Name }).ToListAsync(ct);
        return [.. units.OrderBy(u => u.Code, StringComparer.Ordinal)
            .Select(u => new MissingItem($"「{u.Name}」（{u.Code}）的目标尚未下达：请在「目标下达与责任书」页面下达。"))];
    }

    public static string ReportKey(long unitId, long indicatorId) =>
        string.Create(CultureInfo.InvariantCulture, $"{unitId}:{indicatorId}");

    /// <summary>The latest snapshot (the one the pages show) must have been computed from the data as they are now.</summary>
    private static async Task<List<MissingItem>> CurrentSnapshotAsync(BatonDbContext db, int year, CancellationToken ct)
    {
        var latest = await db.ResultSnapshots.AsNoTracking().LatestFirst(year)
            .Select(s => new { s.Hash, s.InputsHash }).FirstOrDefaultAsync(ct);
        if (latest is null)
        {
            return [new MissingItem("尚未计算得分：请在「考核结果」页面计算得分，生成结果快照。")];
        }
        var current = await ResultService.CurrentInputsHashAsync(db, year, ct);
        if (current is null)
        {
            return [new MissingItem("当前数据无法计分：请在「考核结果」页面计算得分，按提示处理问题后重新计算。")];
        }
        return current == latest.InputsHash ? []
            : [new MissingItem($"最新的结果快照（{latest.Hash[..12]}）不是按当前数据计算的：计分后数据有变化，请在「考核结果」页面重新计算得分。")];
    }
}
