using Baton.Core.Accounts;
using Baton.Core.Adjustments;
using Baton.Core.Years;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Targets;

/// <summary>An issued target someone may propose to change, as the proposal form lists it.</summary>
public sealed record ChangeableTarget(long TargetId, long UnitId, string UnitCode, string UnitName, string IndicatorCode, string IndicatorName, string? Measure, decimal? Value);

/// <summary>One change request as the queue and the history show it.</summary>
public sealed record ChangeRequestRow(
    long Id, long TargetId, long UnitId, string UnitName, string IndicatorCode, string IndicatorName, decimal? CurrentValue, decimal ProposedValue,
    string Reason, EvidenceInfo? Evidence, string ProposedBy, DateTime ProposedAt, ChangeDecision Decision, string? DecidedBy, DateTime? DecidedAt,
    string? DecisionReason, long Version);

/// <summary>
/// Change requests for issued targets (目标调整申请). After issuance a target changes only here: the unit's reporter or
/// head (for its own unit) or the office proposes a new value with a reason and, where there is one, evidence; the
/// office approves it — the target takes the value in the same transaction, both rows audited — or rejects it with a
/// reason, changing nothing. One request per target is open at a time; every request stays in the target's history.
/// </summary>
public sealed class TargetChangeService(IDbContextFactory<BatonDbContext> dbFactory, CurrentUser user)
{
    public bool MayDecide => user.IsInRole(Roles.Office);

    /// <summary>May propose for <paramref name="unitId"/>: the office, or the unit's own reporter or head.</summary>
    public bool MayPropose(long unitId) =>
        user.IsInRole(Roles.Office) || (user.IsInAnyRole(Roles.UnitReporter, Roles.UnitHead) && user.UnitId == unitId);

    /// <summary>The year's targets with a value that the user may propose to change, by unit and indicator.</summary>
    public async Task<IReadOnlyList<ChangeableTarget>> TargetsAsync(int year, CancellationToken ct = default)
    {
        if (!user.IsInAnyRole(Roles.Office, Roles.UnitReporter, Roles.UnitHead))
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var own = user.IsInRole(Roles.Office) ? (long?)null : user.UnitId ?? -1;
        var rows = await (from t in db.Targets.AsNoTracking()
                          where t.Year == year && t.Value != null && (own == null || t.UnitId == own)
                          join u in db.Units.AsNoTracking() on t.UnitId equals u.Id
                          join i in db.Indicators.AsNoTracking() on t.IndicatorId equals i.Id
                          select new ChangeableTarget(t.Id, u.Id, u.Code, u.Name, i.Code, i.Name, i.Measure, t.Value)).ToListAsync(ct);
        return [.. rows.OrderBy(r => r.UnitCode, StringComparer.Ordinal).ThenBy(r => r.IndicatorCode, StringComparer.Ordinal)];
    }

    /// <summary>Proposes <paramref name="proposedValue"/> for an issued target; <paramref name="evidence"/> is an uploaded file's hash or null.</summary>
    public async Task<Outcome<long>> ProposeAsync(long targetId, decimal proposedValue, string reason, string? evidence, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            return Outcome.Fail<long>("请填写调整原因（不超过 500 个字符），说明为何需要调整目标。");
        }
        if (proposedValue < 0)
        {
            return Outcome.Fail<long>("目标值不能为负。");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await db.Targets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == targetId, ct);
        if (target is null || !user.MaySee(target.UnitId))
        {
            return Outcome.Fail<long>(Outcome.NotFound);
        }
        if (!MayPropose(target.UnitId))
        {
            return Outcome.Fail<long>(Outcome.Forbidden);
        }
        if (await YearGate.RefusalAsync(db, target.Year, YearActivity.RequestTargetChange, ct) is { } state)
        {
            return Outcome.Fail<long>(state);
        }
        if (target.Value == proposedValue)
        {
            return Outcome.Fail<long>("申请的目标值与现行目标值相同。");
        }
        if (await db.TargetChangeRequests.AnyAsync(r => r.TargetId == targetId && r.Decision == ChangeDecision.Pending, ct))
        {
            return Outcome.Fail<long>("该目标已有一项待审批的调整申请，请等待考核办审批后再提出。");
        }
        if (evidence is not null && await EvidenceService.FindAsync(db, user, evidence, ct) is null)
        {
            return Outcome.Fail<long>("佐证材料引用无效，请重新上传。");
        }
        var request = new TargetChangeRequest
        {
            Year = target.Year, TargetId = target.Id, UnitId = target.UnitId, IndicatorId = target.IndicatorId, CurrentValue = target.Value,
            ProposedValue = proposedValue, Reason = reason.Trim(), Evidence = evidence, ProposedBy = user.UserName, ProposedAt = db.UtcNow,
        };
        db.ActAs(user).TargetChangeRequests.Add(request);
        await db.SaveChangesAsync(ct);
        return request.Id;
    }

    /// <summary>The office approves a pending request: the target takes the proposed value in the same transaction.</summary>
    public Task<Outcome> ApproveAsync(long requestId, string? comment, long version, CancellationToken ct = default) =>
        DecideAsync(requestId, ChangeDecision.Approved, comment, version, ct);

    /// <summary>The office rejects a pending request with a reason; the target is unchanged.</summary>
    public Task<Outcome> RejectAsync(long requestId, string reason, long version, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(reason)
            ? Task.FromResult(Outcome.Fail("请填写驳回原因，申请单位据此了解为何不予调整。"))
            : DecideAsync(requestId, ChangeDecision.Rejected, reason, version, ct);

    private async Task<Outcome> DecideAsync(long requestId, ChangeDecision decision, string? comment, long version, CancellationToken ct)
    {
        if (!MayDecide)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (text is { Length: > 500 })
        {
            return Outcome.Fail("审批意见不超过 500 个字符。");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.TargetChangeRequests.SingleOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        if (await YearGate.RefusalAsync(db, request.Year, YearActivity.RequestTargetChange, ct) is { } state)
        {
            return Outcome.Fail(state);
        }
        if (request.Decision != ChangeDecision.Pending)
        {
            return Outcome.Fail($"该申请已{TargetChangeRequest.DecisionName(request.Decision)}。");
        }
        if (request.Version != version)
        {
            return Outcome.Fail(Outcome.Conflict);
        }
        if (decision == ChangeDecision.Approved)
        {
            var target = await db.Targets.SingleAsync(t => t.Id == request.TargetId, ct);
            if (target.Value != request.CurrentValue)
            {
                return Outcome.Fail("提出申请后目标值已有变化，请驳回本申请，由单位按现行目标值重新申请。");
            }
            target.Value = request.ProposedValue;
        }
        request.Decision = decision;
        request.DecidedBy = user.UserName;
        request.DecidedAt = db.UtcNow;
        request.DecisionReason = text;
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>How many of the year's change requests await the user's decision: all pending ones for the office, none for anyone else.</summary>
    public async Task<int> AwaitingDecisionAsync(int year, CancellationToken ct = default)
    {
        if (!MayDecide)
        {
            return 0;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.TargetChangeRequests.CountAsync(r => r.Year == year && r.Decision == ChangeDecision.Pending, ct);
    }

    /// <summary>
    /// The year's requests the user may see, newest first: all for the office and county readers, the unit's own for
    /// unit users. <paramref name="targetId"/> narrows to one target's history, <paramref name="pendingOnly"/> to the queue.
    /// </summary>
    public async Task<IReadOnlyList<ChangeRequestRow>> ListAsync(int year, long? targetId = null, bool pendingOnly = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var requests = db.TargetChangeRequests.AsNoTracking().Where(r => r.Year == year);
        if (!user.SeesAllUnits)
        {
            var own = user.UnitId ?? -1;
            requests = requests.Where(r => r.UnitId == own);
        }
        if (targetId is { } id)
        {
            requests = requests.Where(r => r.TargetId == id);
        }
        if (pendingOnly)
        {
            requests = requests.Where(r => r.Decision == ChangeDecision.Pending);
        }
        var rows = await (from r in requests
                          join u in db.Units.AsNoTracking() on r.UnitId equals u.Id
                          join i in db.Indicators.AsNoTracking() on r.IndicatorId equals i.Id
                          select new { Request = r, Unit = u.Name, IndicatorCode = i.Code, Indicator = i.Name }).ToListAsync(ct);
        var hashes = rows.Select(r => r.Request.Evidence).OfType<string>().Distinct().ToList();
        var files = await db.EvidenceFiles.AsNoTracking().Where(f => hashes.Contains(f.Hash))
            .ToDictionaryAsync(f => f.Hash, f => new EvidenceInfo(f.Hash, f.FileName, f.ContentType, f.Size, f.UploadedAt), ct);
        return [.. rows.OrderByDescending(r => r.Request.ProposedAt).ThenByDescending(r => r.Request.Id).Select(x =>
        {
            var r = x.Request;
            return new ChangeRequestRow(r.Id, r.TargetId, r.UnitId, x.Unit, x.IndicatorCode, x.Indicator, r.CurrentValue, r.ProposedValue, r.Reason,
                r.Evidence is { } h ? files.GetValueOrDefault(h) : null, r.ProposedBy, r.ProposedAt, r.Decision, r.DecidedBy, r.DecidedAt, r.DecisionReason, r.Version);
        })];
    }
}
