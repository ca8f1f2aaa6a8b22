using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Years;

/// <summary>What may happen to a year's data; <see cref="YearGate"/> says in which states.</summary>
public enum YearActivity
{
    /// <summary>Indicator tree, rules, category settings and weights (指标体系).</summary>
    EditIndicators,

    /// <summary>Which units are appraised in which category this year (考核类别成员).</summary>
    EditMembership,

    /// <summary>Target values and monthly plans (目标值).</summary>
    SetTargets,

    /// <summary>A unit's own reported values and evidence (进度填报).</summary>
    ReportProgress,

    /// <summary>Lead units' and the office's review, and authoritative values (审核、权威数据).</summary>
    ReviewProgress,

    /// <summary>Rating rounds set up: created, their settings, rated units, raters, conflicts and links (设置评议轮次).</summary>
    SetUpRatings,

    /// <summary>Raters submit their forms; rounds are reminded and reopened (评议).</summary>
    Rate,

    /// <summary>Rating rounds closed and calibrated into the overall score (结束评议、评分校准).</summary>
    Calibrate,

    /// <summary>Bonuses, deductions, vetoes, caps and hand-entered component scores (加减分).</summary>
    Adjust,

    /// <summary>The office computes a result snapshot (计分).</summary>
    Compute,

    /// <summary>Results published: public notice, bulletins, decisions (发布).</summary>
    Publish,

    /// <summary>Unit heads file appeals and the office decides them (申诉).</summary>
    Appeal,

    /// <summary>The office issues a unit's targets (下达), freezing them.</summary>
    IssueTargets,

    /// <summary>The unit head confirms the unit's responsibility letter (目标责任书签收确认).</summary>
    ConfirmLetter,

    /// <summary>Issued targets changed through a request the office approves or rejects (目标调整申请).</summary>
    RequestTargetChange,

    /// <summary>A unit's own users read their results (单位查看结果); the office, leaders and overseers always may.</summary>
    UnitSeesResults,

    /// <summary>The office sets the year's early-warning thresholds (预警设置), up to the end of daily appraisal.</summary>
    SetUpWarnings,

    /// <summary>Survey campaigns set up: questionnaire, units asked about, sampling frame, quotas, schedule, web links (设置满意度调查).</summary>
    SetUpSurveys,

    /// <summary>Phone calls made and web answers taken (开展满意度调查).</summary>
    ConductSurveys,

    /// <summary>Inspections planned and carried out, their findings and proposed deductions recorded (督查).</summary>
    Inspect,

    /// <summary>Rectification findings recorded, rectified, verified and overseen (整改台账); rectification goes on after the results.</summary>
    KeepLedger,

    /// <summary>Accountability records (问责) that become deductions in scoring.</summary>
    HoldAccountable,
}

/// <summary>
/// The year gate (DESIGN.md §3): one table, state → permitted activities. Every service asks it before it
/// changes a year's data, and every page asks it before it offers a button, so the two cannot disagree.
/// </summary>
public static class YearGate
{
    private static readonly Dictionary<YearState, YearActivity[]> s_permitted = new()
    {
        // Rounds are planned with the indicator system; raters submit only while the year is in progress.
        // Targets are issued unit by unit while the year is drafted; the year moves on once every unit's are.
        [YearState.Draft] = [YearActivity.EditIndicators, YearActivity.EditMembership, YearActivity.SetTargets, YearActivity.SetUpRatings,
            YearActivity.IssueTargets, YearActivity.ConfirmLetter, YearActivity.SetUpWarnings, YearActivity.SetUpSurveys],
        // Targets are frozen once issued; later changes go through change requests.
        [YearState.TargetsIssued] = [YearActivity.SetUpRatings, YearActivity.IssueTargets, YearActivity.ConfirmLetter, YearActivity.RequestTargetChange, YearActivity.SetUpWarnings, YearActivity.SetUpSurveys],
        [YearState.InProgress] = [YearActivity.ConfirmLetter, YearActivity.RequestTargetChange, YearActivity.ReportProgress, YearActivity.ReviewProgress, YearActivity.SetUpRatings, YearActivity.Rate,
            YearActivity.Calibrate, YearActivity.Adjust, YearActivity.Compute, YearActivity.SetUpWarnings, YearActivity.SetUpSurveys, YearActivity.ConductSurveys,
            YearActivity.Inspect, YearActivity.KeepLedger, YearActivity.HoldAccountable],
        // Year-end inputs are locked to units; the office and lead units finish review, calibration and adjustments.
        [YearState.Scoring] = [YearActivity.ReviewProgress, YearActivity.Calibrate, YearActivity.Adjust, YearActivity.Compute, YearActivity.KeepLedger,
            YearActivity.HoldAccountable],
        // Findings are followed to verified closure after the results too; accountability deducts only before they are computed.
        [YearState.PublicNotice] = [YearActivity.Compute, YearActivity.Publish, YearActivity.Appeal, YearActivity.UnitSeesResults, YearActivity.KeepLedger],
        [YearState.Final] = [YearActivity.Publish, YearActivity.UnitSeesResults, YearActivity.KeepLedger],
        [YearState.Archived] = [YearActivity.UnitSeesResults],
    };

    public static bool Permits(YearState state, YearActivity activity) => s_permitted[state].Contains(activity);

    /// <summary>The states in which <paramref name="activity"/> is permitted, in lifecycle order.</summary>
    public static IReadOnlyList<YearState> StatesFor(YearActivity activity) =>
        [.. Enum.GetValues<YearState>().Where(s => Permits(s, activity))];

    /// <summary>Why <paramref name="activity"/> may not happen in <paramref name="state"/> (Chinese), or null when it may.</summary>
    public static string? Refusal(int year, YearState state, YearActivity activity)
    {
        if (Permits(state, activity))
        {
            return null;
        }
        var states = StatesFor(activity);
        return $"{year} 年度当前为「{AppraisalYear.StateName(state)}」，此阶段不能{ActivityName(activity)}"
            + (states.Count == 0 ? "。" : $"（允许的阶段：{string.Join("、", states.Select(AppraisalYear.StateName))}）。");
    }

    /// <summary>Asks the gate for <paramref name="year"/> as stored in <paramref name="db"/>; a missing year is refused too.</summary>
    public static async Task<string?> RefusalAsync(BatonDbContext db, int year, YearActivity activity, CancellationToken ct)
    {
        var state = await db.Years.Where(y => y.Year == year).Select(y => (YearState?)y.State).SingleOrDefaultAsync(ct);
        return state is null ? $"{year} 年度不存在。" : Refusal(year, state.Value, activity);
    }

    public static string ActivityName(YearActivity activity) => activity switch
    {
        YearActivity.EditIndicators => "修改指标体系",
        YearActivity.EditMembership => "调整考核类别中的单位",
        YearActivity.SetTargets => "设定目标值",
        YearActivity.ReportProgress => "填报进度和完成值",
        YearActivity.ReviewProgress => "审核填报或录入权威数据",
        YearActivity.SetUpRatings => "设置评议轮次",
        YearActivity.Rate => "提交评分、催办或重新开启评议",
        YearActivity.Calibrate => "结束评议或校准评分",
        YearActivity.Adjust => "登记或审批加减分事项",
        YearActivity.Compute => "计算得分",
        YearActivity.Publish => "发布结果",
        YearActivity.Appeal => "提出或处理申诉",
        YearActivity.IssueTargets => "下达目标",
        YearActivity.ConfirmLetter => "签收确认目标责任书",
        YearActivity.RequestTargetChange => "申请或审批目标调整",
        YearActivity.UnitSeesResults => "向被考核单位显示结果",
        YearActivity.SetUpWarnings => "修改预警设置",
        YearActivity.SetUpSurveys => "设置满意度调查",
        YearActivity.ConductSurveys => "开展满意度调查",
        YearActivity.Inspect => "开展督查",
        YearActivity.KeepLedger => "登记或办理整改事项",
        YearActivity.HoldAccountable => "登记问责",
        _ => activity.ToString(),
    };
}
