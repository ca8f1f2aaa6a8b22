using System.Globalization;
using Baton.Core.Documents;
using Baton.Core.Indicators;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Targets;

/// <summary>
/// A unit's responsibility letter (目标管理责任书) as data: the unit, its principal leader (一把手), each leaf with its
/// points, target and month plan, the approved changes since issuance, the signatories and the date of issuance.
/// <see cref="Document"/> lays it out for <see cref="DocxWriter"/>.
/// </summary>
internal sealed record ResponsibilityLetter(
    int Year, string UnitName, string? Leader, string? LeaderName, string? CountySignatory, DateOnly IssuedOn,
    IReadOnlyList<ResponsibilityLetter.Line> Lines, IReadOnlyList<ResponsibilityLetter.Change> Changes)
{
    internal sealed record Line(string Code, string Name, decimal Points, string Target, string MonthPlan);

    internal sealed record Change(string Indicator, decimal? From, decimal To, string Reason, DateOnly ApprovedOn);

    /// <summary>The letter of an issued unit, or null when its targets are not issued.</summary>
    public static async Task<ResponsibilityLetter?> LoadAsync(BatonDbContext db, int year, long unitId, CancellationToken ct)
    {
        var issuance = await db.TargetIssuances.AsNoTracking().SingleOrDefaultAsync(i => i.Year == year && i.UnitId == unitId, ct);
        if (issuance is null)
        {
            return null;
        }
        var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Id == unitId, ct);
        var leader = await db.UnitLeaders.AsNoTracking().Where(l => l.UnitId == unitId && l.Until == null)
            .Select(l => new { l.Person!.Name, l.Post }).FirstOrDefaultAsync(ct);
        var categoryId = await db.CategoryMemberships.AsNoTracking().Where(m => m.Year == year && m.UnitId == unitId).Select(m => m.CategoryId).SingleAsync(ct);
        var leaves = await db.Indicators.AsNoTracking().Where(i => i.CategoryId == categoryId && !i.IsGroup)
            .OrderBy(i => i.Order).ThenBy(i => i.Code).ToListAsync(ct);
        var targets = await db.Targets.AsNoTracking().Where(t => t.Year == year && t.UnitId == unitId).ToListAsync(ct);
        var plans = await MonthPlansAsync(db, targets, ct);
        var byLeaf = targets.ToDictionary(t => t.IndicatorId);
        var lines = leaves.Select(l =>
        {
            var target = byLeaf.GetValueOrDefault(l.Id);
            return new Line(l.Code, l.Name, l.Points, TargetText(l, target), target is null ? "" : plans.GetValueOrDefault(target.Id) ?? "");
        }).ToList();
        var names = leaves.ToDictionary(l => l.Id, l => $"{l.Code} {l.Name}");
        var changes = (await db.TargetChangeRequests.AsNoTracking().Where(r => r.Year == year && r.UnitId == unitId && r.Decision == ChangeDecision.Approved)
                .OrderBy(r => r.DecidedAt).ThenBy(r => r.Id).ToListAsync(ct))
            .Select(r => new Change(names.GetValueOrDefault(r.IndicatorId, ""), r.CurrentValue, r.ProposedValue, r.Reason, BeijingDate(r.DecidedAt!.Value)))
            .ToList();
        return new ResponsibilityLetter(year, unit.Name, leader is null ? null : $"{leader.Name}（{leader.Post}）", leader?.Name, issuance.CountySignatory,
            BeijingDate(issuance.IssuedAt), lines, changes);
    }

    /// <summary>
    /// The month plan of each target as the letter prints it, by target id: the cumulative planned value of each
    /// month (<see cref="MonthlyPlan"/>), one quarter per line so that twelve months stay readable in a table cell.
    /// </summary>
    private static async Task<Dictionary<long, string>> MonthPlansAsync(BatonDbContext db, IReadOnlyList<Target> targets, CancellationToken ct)
    {
        var ids = targets.Select(t => t.Id).ToList();
        var rows = await db.MonthlyPlans.AsNoTracking().Where(p => ids.Contains(p.TargetId)).OrderBy(p => p.Month).ToListAsync(ct);
        return rows.GroupBy(p => p.TargetId).ToDictionary(g => g.Key, g => string.Join("\n",
            g.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Month}月 {RuleSpec.Num(p.Value)}")).Chunk(3).Select(q => string.Join("，", q))));
    }

    private static string TargetText(Indicator leaf, Target? target) => leaf.Rule switch
    {
        RuleKind.Graded => "由牵头部门评定等次",
        RuleKind.Veto or RuleKind.GradeCap or RuleKind.Deduction or RuleKind.BonusPerItem => RuleSpec.KindName(leaf.Rule),
        RuleKind.TimeProgress => "按月度计划",
        _ => target?.Value is { } value ? RuleSpec.Num(value) + (leaf.Measure is { Length: > 0 } m ? " " + m : "") : "",
    };

    private static DateOnly BeijingDate(DateTime utc) => DateOnly.FromDateTime(utc.AddHours(8));

    private static string Num(decimal? value) => value is { } v ? RuleSpec.Num(v) : "（空）";

    public OfficialDocument Document()
    {
        var body = new List<DocumentBlock>
        {
            new DocumentParagraph($"为全面完成{Year}年度目标任务，把任务细化到月、责任落实到人，县人民政府与{UnitName}签订本责任书。"),
            new DocumentHeading(1, "一、责任单位和责任人"),
            new DocumentParagraph($"责任单位：{UnitName}。主要负责人（一把手）：{Leader ?? "（未登记）"}。主要负责人对本单位目标任务的完成负总责。"),
            new DocumentHeading(1, "二、目标任务"),
            new DocumentParagraph($"{UnitName}{Year}年度承担以下目标任务，月度计划为截至当月的累计值。"),
            new DocumentTable(["序号", "指标", "分值", "目标值", "月度计划（累计）"],
                [.. Lines.Select((l, i) => (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture), $"{l.Code} {l.Name}", RuleSpec.Num(l.Points), l.Target, l.MonthPlan])])
            {
                Widths = [6, 30, 8, 16, 40],
            },
            new DocumentHeading(1, "三、考核与奖惩"),
            new DocumentParagraph("县考核办按月调度进度，年终按考核办法计分、排名和评定等次，考核结果与目标奖、干部选拔任用挂钩。"),
            new DocumentHeading(1, "四、目标调整"),
            new DocumentParagraph("目标下达后原则上不作调整；确需调整的，由责任单位提出申请并附佐证材料，经县考核办批准后生效。"),
        };
        if (Changes.Count > 0)
        {
            body.Add(new DocumentTable(["指标", "原目标值", "调整后", "调整原因", "批准日期"],
                [.. Changes.Select(c => (IReadOnlyList<string>)[c.Indicator, Num(c.From), RuleSpec.Num(c.To), c.Reason, DocumentSignature.ChineseDate(c.ApprovedOn)])])
            {
                Widths = [28, 12, 12, 30, 18],
            });
        }
        body.Add(new DocumentParagraph("本责任书一式两份，县考核办和责任单位各执一份，自签订之日起生效。"));
        return new OfficialDocument($"{Year}年度目标管理责任书", body)
        {
            Signature = new DocumentSignature(
            [
                new Signatory(["县人民政府（盖章）", $"县领导（签字）：{CountySignatory ?? ""}"]),
                new Signatory([$"{UnitName}（盖章）", $"主要负责人（签字）：{LeaderName ?? ""}"]),
            ], IssuedOn),
        };
    }
}
