using Baton.Core.Accounts;
using Baton.Core.Adjustments;
using Baton.Core.Planning;
using Baton.Core.Progress;
using Baton.Core.Ratings;
using Baton.Core.Targets;
using Baton.Core.Years;
using Baton.Core.Warnings;
using Baton.Scoring.Warnings;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Home;

/// <summary>One thing the signed-in person should do, with the page where it is done.</summary>
public sealed record Todo(string Title, string Link);

/// <summary>
/// The home page's to-do list: what each role has open now in the current year. Each item is counted with the
/// same service method that shows the list on its page, so the count and the page cannot disagree.
/// </summary>
public sealed class TodoService(
    IDbContextFactory<BatonDbContext> dbFactory, CurrentUser user, TargetService targets, AdjustmentService adjustments,
    RatingRoundService rounds, RatingFormService forms, WarningService warnings, TargetIssuanceService issuance, TargetChangeService changes,
    NegotiationService negotiations, ProgressService progress)
{
    public async Task<IReadOnlyList<Todo>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var todos = new List<Todo>();
        var year = await db.Years.AsNoTracking().SingleOrDefaultAsync(y => y.IsCurrent, ct);
        if (user.IsInRole(Roles.Office))
        {
            if (year is null)
            {
                todos.Add(new Todo("尚未建立考核年度，请先新建年度。", "/years"));
            }
            else
            {
                var active = db.Units.Where(u => u.RetiredAt == null);
                var uncategorised = await active.CountAsync(u => !db.CategoryMemberships.Any(m => m.Year == year.Year && m.UnitId == u.Id), ct);
                if (uncategorised > 0)
                {
                    todos.Add(new Todo($"{uncategorised} 个单位尚未分配 {year.Year} 年度考核类别。", "/units"));
                }
                var leaderless = await active.CountAsync(u => !u.Leaders.Any(l => l.Until == null), ct);
                if (leaderless > 0)
                {
                    todos.Add(new Todo($"{leaderless} 个单位尚未登记一把手。", "/units"));
                }
            }
        }
        if (user.IsInRole(Roles.SecurityAdmin))
        {
            var now = db.Clock.GetUtcNow();
            var locked = (await db.Users.AsNoTracking().Where(u => u.LockoutEnd != null).Select(u => u.LockoutEnd).ToListAsync(ct))
                .Count(end => end > now);
            if (locked > 0)
            {
                todos.Add(new Todo($"{locked} 个账号因连续输错密码被锁定，请核实后处理。", "/security"));
            }
        }
        if (user.IsInRole(Roles.Auditor))
        {
            var since = db.UtcNow.AddDays(-1);
            var failed = await db.AuditEntries.CountAsync(a => a.Action == "login.failed" && a.At >= since, ct);
            if (failed > 0)
            {
                todos.Add(new Todo($"最近 24 小时有 {failed} 次登录失败，请查阅。", "/audit"));
            }
        }
        if (user.IsInRole(Roles.Rater))
        {
            // Only rounds whose year takes submissions now (the year gate) are something to do.
            var states = await db.Years.AsNoTracking().ToDictionaryAsync(y => y.Year, y => y.State, ct);
            var pending = (await forms.MyRoundsAsync(ct)).Count(r => !r.IsClosed && r.SubmittedAt is null && YearGate.Permits(states[r.Year], YearActivity.Rate));
            if (pending > 0)
            {
                todos.Add(new Todo($"有 {pending} 份评议待填写。", "/ratings/my"));
            }
        }
        if (year is not null)
        {
            await AppraisalTodosAsync(year, todos, ct);
            await DailyTodosAsync(year, todos, ct);
        }
        if (user.IsUnitScoped && user.UnitId is { } unitId
            && !await db.UnitLeaders.AnyAsync(l => l.UnitId == unitId && l.Until == null, ct))
        {
            todos.Add(new Todo("本单位尚未登记一把手，请联系县考核办。", "/units"));
        }
        if (year is not null && await warnings.UnseenAsync(year.Year, ct) is > 0 and var unseen)
        {
            todos.Add(new Todo($"有 {unseen} 条新的预警您尚未查看。", "/warnings"));
        }
        return todos;
    }

    /// <summary>The daily appraisal's to-dos (issuance, negotiation, monthly progress), each only while the year gate permits doing it.</summary>
    private async Task DailyTodosAsync(AppraisalYear year, List<Todo> todos, CancellationToken ct)
    {
        bool Permits(YearActivity activity) => YearGate.Permits(year.State, activity);
        if (Permits(YearActivity.SetTargets) && await negotiations.AwaitingAnswerAsync(year.Year, ct) is > 0 and var answers)
        {
            todos.Add(user.IsInRole(Roles.Office)
                ? new Todo($"{answers} 项目标征求意见有单位提出异议，待您处理。", "/negotiations")
                : new Todo($"县考核办征求本单位对 {answers} 项目标的意见，待答复。", "/negotiations"));
        }
        if (Permits(YearActivity.ConfirmLetter) && await issuance.LettersToConfirmAsync(year.Year, ct) is > 0)
        {
            todos.Add(new Todo($"本单位 {year.Year} 年度目标责任书已下达，待您签收确认。", "/targets/issuance"));
        }
        if (Permits(YearActivity.RequestTargetChange) && await changes.AwaitingDecisionAsync(year.Year, ct) is > 0 and var requests)
        {
            todos.Add(new Todo($"{requests} 项目标调整申请待审批。", "/targets/changes"));
        }
        if (Permits(YearActivity.ReportProgress))
        {
            if (await progress.CountAsync(year.Year, ProgressWork.AwaitingConfirmation, ct) is > 0 and var confirm)
            {
                todos.Add(new Todo($"本单位有 {confirm} 份月度进度待您确认。", "/progress"));
            }
            if (user.IsInRole(Roles.UnitReporter))
            {
                if (await progress.CountAsync(year.Year, ProgressWork.Returned, ct) is > 0 and var returned)
                {
                    todos.Add(new Todo($"本单位有 {returned} 份月度进度被退回，请按退回意见修改后重新提交。", "/progress"));
                }
                if (await progress.DueAsync(year.Year, ct) is { } due)
                {
                    if (due is { Month: { } month, Deadline: { } deadline, Unsubmitted: > 0 })
                    {
                        todos.Add(new Todo($"{month} 月进度还有 {due.Unsubmitted} 项未报送，截止 {deadline:yyyy-MM-dd}。", $"/progress?month={month}"));
                    }
                    if (due.Overdue > 0)
                    {
                        todos.Add(new Todo($"{EarlyWarnings.MonthsText(due.OverdueMonths)}共 {due.Overdue} 份月度进度逾期未报送，请尽快补报。",
                            $"/progress?month={due.OverdueMonths[0]}"));
                    }
                }
            }
        }
        if (Permits(YearActivity.ReviewProgress) && await progress.CountAsync(year.Year, ProgressWork.AwaitingReview, ct) is > 0 and var review)
        {
            todos.Add(new Todo($"有 {review} 份月度进度待您审核（本部门牵头的指标）。", "/progress?queue=1"));
        }
    }

    private async Task AppraisalTodosAsync(AppraisalYear year, List<Todo> todos, CancellationToken ct)
    {
        // Values are reported, signed off and reviewed only while the year gate permits it.
        var reporting = YearGate.Permits(year.State, YearActivity.ReportProgress);
        var reviewing = YearGate.Permits(year.State, YearActivity.ReviewProgress);
        if (user.IsInRole(Roles.Office))
        {
            var awaiting = (await adjustments.AwaitingApprovalAsync(year.Year, ct)).Count;
            if (awaiting > 0)
            {
                todos.Add(new Todo($"{awaiting} 项加减分、一票否决或等次封顶事项待审核。", "/adjustments?pending=1"));
            }
            var lacking = (await rounds.ListAsync(year.Year, ct)).Count(r => !r.IsClosed && r.Raters == 0);
            if (lacking > 0)
            {
                todos.Add(new Todo($"{lacking} 个评议轮次尚未添加评议人。", "/ratings"));
            }
            if (reviewing)
            {
                var units = (await targets.WorkAsync(year.Year, TargetWork.Unreported, ct)).Select(r => r.UnitId).Distinct().Count();
                if (units > 0)
                {
                    todos.Add(new Todo($"{units} 个单位有完成值尚未填报。", $"/targets?work={TargetWork.Unreported}"));
                }
            }
        }
        if (user.IsInRole(Roles.UnitReporter) && reporting)
        {
            var unreported = (await targets.WorkAsync(year.Year, TargetWork.Unreported, ct)).Count;
            if (unreported > 0)
            {
                todos.Add(new Todo($"本单位有 {unreported} 项完成值待填报。", $"/targets?work={TargetWork.Unreported}"));
            }
            var returned = (await targets.WorkAsync(year.Year, TargetWork.Returned, ct)).Count;
            if (returned > 0)
            {
                todos.Add(new Todo($"本单位有 {returned} 项填报被退回，请按退回原因修改。", $"/targets?work={TargetWork.Returned}"));
            }
        }
        if (user.IsInRole(Roles.UnitHead) && reporting)
        {
            var signOff = (await targets.WorkAsync(year.Year, TargetWork.AwaitingSignOff, ct)).Count;
            if (signOff > 0)
            {
                todos.Add(new Todo($"本单位有 {signOff} 项填报待您确认。", $"/targets?work={TargetWork.AwaitingSignOff}"));
            }
        }
        if (user.IsInRole(Roles.LeadReviewer) && reviewing)
        {
            var review = (await targets.WorkAsync(year.Year, TargetWork.AwaitingReview, ct)).Count;
            if (review > 0)
            {
                todos.Add(new Todo($"有 {review} 项填报待您审核（本部门牵头的指标）。", $"/targets?work={TargetWork.AwaitingReview}"));
            }
        }
    }
}
