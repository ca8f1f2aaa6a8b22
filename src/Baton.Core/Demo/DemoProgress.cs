using System.Text;
using Baton.Core.Adjustments;
using Baton.Core.Indicators;
using Baton.Core.Progress;
using Baton.Core.Targets;
using Baton.Core.Units;
using Baton.Scoring.Progress;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Demo;

/// <summary>
/// The demo county's daily appraisal in 2026 (日常考核): month plans for the targets that add up over the year, and
/// the monthly progress reports from January to October (and the first of November's) as they went through the
/// reporter, the unit head and the lead unit. Most units are on plan; a few lag behind, a few report late, one
/// department has not reported October, two reports are returned with the reviewer's comment, and some of the last
/// ones still wait for the head's confirmation or the lead unit's review. The story is written up to
/// <see cref="DemoCounty.StoryEnd"/>; the stored data is what had happened by the clock's now, so the demo makes sense
/// on whatever day it is loaded (tests load it on a fake clock in March).
/// </summary>
internal static class DemoProgress
{
    // First: the fields below read it while they are initialised.
    private static readonly TimeSpan s_beijing = TimeSpan.FromHours(8);

    // Which leaves of each kind of unit are planned by month (the ones that add up over the year), and how.
    private static readonly Dictionary<(UnitKind Kind, string Code), PlanProfile> s_planned = new()
    {
        [(UnitKind.Town, "A1")] = PlanProfile.Linear,        // 地区生产总值
        [(UnitKind.Town, "A2")] = PlanProfile.FrontLoaded,   // 一般公共预算收入: taxes come early
        [(UnitKind.Town, "A3")] = PlanProfile.Linear,        // 规上工业增加值
        [(UnitKind.Town, "B1")] = PlanProfile.BackLoaded,    // 固定资产投资: building picks up after spring
        [(UnitKind.Town, "C1")] = PlanProfile.BackLoaded,    // 招商引资到位资金: funds follow the contracts
        [(UnitKind.Town, "D1")] = PlanProfile.Linear,        // 空气质量优良天数
        [(UnitKind.Department, "A2")] = PlanProfile.BackLoaded,  // 市考任务完成 (项)
        [(UnitKind.Department, "B1")] = PlanProfile.Linear,      // 招商引资任务
    };

    /// <summary>Units whose whole year lags behind plan (进度滞后).</summary>
    private static readonly HashSet<string> s_lagging = ["T10", "D08", "D16"];

    /// <summary>Units that often report after the due day (迟报).</summary>
    private static readonly HashSet<string> s_late = ["T06", "D05", "D14", "D22"];

    /// <summary>The department that has not reported October at all (缺报).</summary>
    public const string MissingOctober = "D29";

    /// <summary>The two October reports the lead unit returned (已退回), with the reviewer's comment.</summary>
    public static readonly IReadOnlyList<(string Unit, string Leaf, string Comment)> Returned =
    [
        ("T01", "B2", "10 月项目建设进度与县发改局重点项目台账不符（城关镇现代物流园主体尚未封顶），请核对后重新报送。"),
        ("T07", "A3", "规上工业增加值累计数与县统计局 10 月快报数不一致，请按统计局口径核对后重新报送。"),
    ];

    /// <summary>A report of October confirmed by the head on 4 November that the lead unit has not reviewed yet (审核超期).</summary>
    private static readonly (string Unit, string Leaf) s_unreviewed = ("T04", "C1");

    /// <summary>
    /// 城关镇's February report on its key projects (县级重点项目建设进度) waited for the supervisor's monthly report and
    /// came in on 23 March: until then the office's dashboard shows the target behind and its report missing.
    /// </summary>
    public static readonly (string Unit, string Leaf, DateTime SubmittedAt) LateFebruary = ("T01", "B2", Beijing(DemoCounty.CurrentYear, 3, 23, 10, 0));

    /// <summary>Units that have already reported November (due 5 December), waiting for the head's confirmation.</summary>
    private static readonly HashSet<string> s_earlyNovember = ["T02", "T05", "D03"];

    private sealed record Planned(Target Target, string UnitCode, UnitKind Kind, Indicator Leaf, string? LeadCode, decimal[] Plan);

    private sealed record Step(DateTime SubmittedAt, DateTime? SignedOffAt, DateTime? ReviewedAt, bool Returned);

    public static async Task SeedAsync(BatonDbContext db, Random random, Dictionary<string, Unit> units, EvidenceStore evidence, DateTime now, CancellationToken ct)
    {
        var year = DemoCounty.CurrentYear;
        var codes = units.Values.ToDictionary(u => u.Id, u => (u.Code, u.Kind));
        var leaves = await db.Indicators.Where(i => i.Year == year && !i.IsGroup).ToDictionaryAsync(i => i.Id, ct);
        var targets = await db.Targets.Where(t => t.Year == year).OrderBy(t => t.Id).ToListAsync(ct);
        var existing = (await db.MonthlyPlans.Where(p => p.Target!.Year == year).Select(p => new { p.TargetId, p.Month, p.Value }).ToListAsync(ct))
            .ToLookup(p => p.TargetId);

        // Month plans: the profile of the leaf, over the year's target; time-progress leaves keep their custom plan.
        var planned = new List<Planned>();
        foreach (var target in targets)
        {
            var leaf = leaves[target.IndicatorId];
            var (unitCode, kind) = codes[target.UnitId];
            var lead = leaf.LeadUnitId is { } l ? codes[l].Code : null;
            if (leaf.Rule == RuleKind.TimeProgress)
            {
                planned.Add(new Planned(target, unitCode, kind, leaf, lead, [.. existing[target.Id].OrderBy(p => p.Month).Select(p => p.Value)]));
                continue;
            }
            if (target.Value is not { } value || !s_planned.TryGetValue((kind, leaf.Code), out var profile))
            {
                continue;
            }
            var plan = MonthlyPlans.Build(profile, value, decimals: 0);
            target.PlanProfile = profile;
            for (var m = 0; m < plan.Months.Length; m++)
            {
                db.MonthlyPlans.Add(new MonthlyPlan { TargetId = target.Id, Month = m + 1, Value = plan.Months[m] });
            }
            planned.Add(new Planned(target, unitCode, kind, leaf, lead, [.. plan.Months]));
        }
        await db.SaveChangesAsync(ct);

        // Each unit reports all its targets of a month together; the head confirms the same day or the next; the lead
        // unit reviews one to four days later. Every draw is made whatever the clock says, so the story is the same.
        var paces = new Dictionary<long, decimal>();
        foreach (var p in planned)
        {
            // The weather, not the town, decides most of the good-air days: they stay near plan everywhere.
            paces[p.Target.Id] = p.Leaf.Code == "D1" && p.Kind == UnitKind.Town ? 0.95m + (0.08m * (decimal)random.NextDouble())
                : s_lagging.Contains(p.UnitCode) ? 0.72m + (0.2m * (decimal)random.NextDouble())
                : random.Next(25) == 0 ? 0.6m + (0.25m * (decimal)random.NextDouble()) : 0.94m + (0.14m * (decimal)random.NextDouble());
        }
        var schedule = new Dictionary<(string Unit, int Month), (DateTime Submitted, DateTime SignedOff)>();
        foreach (var unit in units.Values.OrderBy(u => u.Code, StringComparer.Ordinal))
        {
            for (var month = 1; month <= 11; month++)
            {
                var late = s_late.Contains(unit.Code) && random.Next(5) < 2;
                var day = late ? 6 + random.Next(7) : 2 + random.Next(4);
                var submitted = Beijing(year, month + 1, day, 9 + random.Next(8), random.Next(60));
                schedule[(unit.Code, month)] = (submitted, submitted.AddHours(random.Next(2) == 0 ? 2 + random.Next(5) : 20 + random.Next(4)));
            }
        }

        var reports = new List<(Planned Planned, int Month, decimal Value, Step Step)>();
        foreach (var p in planned)
        {
            var pace = paces[p.Target.Id];
            var previous = 0m;
            var decimals = p.Leaf.Rule == RuleKind.TimeProgress ? 1 : 0;
            for (var month = 1; month <= 11; month++)
            {
                var noise = 0.97m + (0.06m * (decimal)random.NextDouble());
                var value = Math.Max(previous, Math.Round(p.Plan[month - 1] * pace * noise, decimals, MidpointRounding.AwayFromZero));
                if (p.Leaf.Rule == RuleKind.TimeProgress)
                {
                    value = Math.Min(100m, value);
                }
                previous = value;
                var reviewDays = 1 + random.Next(4);
                if (month == 10 && p.UnitCode == MissingOctober)
                {
                    continue;
                }
                if (month == 11 && !s_earlyNovember.Contains(p.UnitCode))
                {
                    continue;
                }
                var (submitted, signedOff) = month == 11 ? (Beijing(year, 11, 30, 16, 0), (DateTime?)null)
                    : month == 2 && (p.UnitCode, p.Leaf.Code) == (LateFebruary.Unit, LateFebruary.Leaf) ? (LateFebruary.SubmittedAt, LateFebruary.SubmittedAt.AddHours(3))
                    : schedule[(p.UnitCode, month)];
                var returned = month == 10 && Returned.Any(r => r.Unit == p.UnitCode && r.Leaf == p.Leaf.Code);
                DateTime? reviewed = month == 11 || (month == 10 && (p.UnitCode, p.Leaf.Code) == s_unreviewed) ? null : signedOff!.Value.AddDays(reviewDays);
                reports.Add((p, month, value, new Step(submitted, signedOff, reviewed, returned)));
            }
        }

        // What had happened by now: a report submitted later does not exist yet; one confirmed or reviewed later waits for that step.
        var stored = new List<(ProgressReport Report, Planned Planned)>();
        foreach (var (p, month, value, step) in reports.Where(r => r.Step.SubmittedAt <= now))
        {
            var signedOff = step.SignedOffAt <= now ? step.SignedOffAt : null;
            var reviewed = signedOff is not null && step.ReviewedAt <= now ? step.ReviewedAt : null;
            var reviewer = p.LeadCode == "D01" && p.UnitCode != "D01" ? "reviewer" : "office";
            var report = new ProgressReport
            {
                Year = year, TargetId = p.Target.Id, UnitId = p.Target.UnitId, IndicatorId = p.Target.IndicatorId, Month = month, Value = value,
                Narrative = Narrative(p, month, paces[p.Target.Id]), Status = reviewed is not null ? (step.Returned ? ReportStatus.Returned : ReportStatus.Approved)
                    : signedOff is not null ? ReportStatus.SignedOff : ReportStatus.Entered,
                SubmittedBy = "reporter", SubmittedAt = step.SubmittedAt, FirstSubmittedAt = step.SubmittedAt,
                SignedOffBy = signedOff is null ? null : "head", SignedOffAt = signedOff,
                ReviewedBy = reviewed is null ? null : reviewer, ReviewedAt = reviewed,
                ReturnComment = reviewed is not null && step.Returned ? Returned.Single(r => r.Unit == p.UnitCode && r.Leaf == p.Leaf.Code).Comment : null,
            };
            db.ProgressReports.Add(report);
            stored.Add((report, p));
        }
        await db.SaveChangesAsync(ct);

        // 城关镇 and 北塬镇 attach their monthly project-progress notes to the project indicator (县级重点项目建设进度).
        foreach (var (report, p) in stored.Where(s => s.Planned.Leaf.Code == "B2" && s.Planned.UnitCode is "T01" or "T05"))
        {
            var name = $"{units[p.UnitCode].Name}{report.Month}月重点项目推进情况.txt";
            var text = $"{units[p.UnitCode].Name}{year}年{report.Month}月重点项目推进情况\n\n截至{report.Month}月底，县级重点项目建设累计完成年度计划的{report.Value}%。"
                + "本月召开项目推进调度会一次，协调解决用地、用电等问题，现场照片和监理月报另存项目台账。\n";
            var bytes = Encoding.UTF8.GetBytes(text);
            using var content = new MemoryStream(bytes);
            var saved = await evidence.SaveAsync(content, ct);
            var hash = saved.Ok ? saved.Value! : throw new InvalidOperationException("The demo's evidence cannot be stored: " + saved.Error);
            db.EvidenceFiles.Add(new EvidenceFile
            {
                Hash = hash, FileName = name, ContentType = "text/plain", Size = bytes.Length, UploadedBy = "reporter", UploadedAt = report.SubmittedAt!.Value,
            });
            db.ProgressEvidence.Add(new ProgressEvidence { ReportId = report.Id, Hash = hash });
        }
        await db.SaveChangesAsync(ct);
    }

    private static string Narrative(Planned p, int month, decimal pace) => (p.Leaf.Code, pace) switch
    {
        (_, < 0.9m) when month >= 6 => $"{month} 月进度滞后于计划，主要受项目资金到位慢、企业订单减少影响，已制定赶超措施，力争四季度追回进度。",
        ("B2", _) => $"{month} 月重点项目按节点推进，完成月度形象进度。",
        ("D1", _) => $"{month} 月开展扬尘治理和秸秆禁烧巡查，空气质量优良天数按计划累计。",
        ("A2", _) when p.Kind == UnitKind.Department => $"{month} 月推进市考任务，按计划完成阶段性工作。",
        _ => $"{month} 月按计划推进，数据来源于统计报表和业务台账。",
    };

    /// <summary>A Beijing wall-clock time as the UTC time it is stored in.</summary>
    private static DateTime Beijing(int year, int month, int day, int hour, int minute) =>
        DateTime.SpecifyKind(new DateTime(year, month, day, hour, minute, 0) - s_beijing, DateTimeKind.Utc);
}
