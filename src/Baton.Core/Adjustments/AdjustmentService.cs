using Baton.Core.Accounts;
using Baton.Core.Indicators;
using Baton.Core.Years;
using Baton.Scoring.Results;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Adjustments;

public sealed record AdjustmentRow(
    long Id, long UnitId, string UnitCode, string UnitName, AdjustmentKind Kind, decimal Points, string Reason, string? MaxGrade,
    EvidenceInfo? Evidence, string EnteredBy, DateTime EnteredAt, string? ApprovedBy, DateTime? ApprovedAt, long Version);

/// <summary>A unit an event may be registered for.</summary>
public sealed record AdjustmentSubject(long Id, string Code, string Name);

/// <summary>A new event; <c>EvidenceHash</c> is what <see cref="EvidenceService.UploadAsync"/> returned, required for vetoes and grade caps.</summary>
public sealed record AdjustmentInput(long UnitId, AdjustmentKind Kind, decimal Points, string Reason, string? MaxGrade, string? EvidenceHash);

/// <summary>
/// Bonuses, deductions, vetoes and grade caps (加减分、一票否决、等次封顶). The office or a lead unit's
/// reviewer enters an event, a veto or cap always with its evidence; the office approves it, never the
/// person who entered it; nobody enters or approves an event of their own unit; only approved events
/// count in the results. Unit-scoped users see their own unit's events.
/// </summary>
public sealed class AdjustmentService(IDbContextFactory<BatonDbContext> dbFactory, CurrentUser user)
{
    public bool MayEnter => user.IsInAnyRole(Roles.Office, Roles.LeadReviewer);

    public bool MayApprove => user.IsInRole(Roles.Office);

    /// <summary>Nobody registers or approves an event about the unit they belong to.</summary>
    public bool IsOwnUnit(long unitId) => user.UnitId == unitId;

    /// <summary>The units the user may register events for in <paramref name="year"/>: every appraised unit but their own.</summary>
    public async Task<IReadOnlyList<AdjustmentSubject>> SubjectsAsync(int year, CancellationToken ct = default)
    {
        if (!MayEnter)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var own = user.UnitId ?? -1;
        return await db.CategoryMemberships.AsNoTracking().Where(m => m.Year == year && m.UnitId != own)
            .Join(db.Units, m => m.UnitId, u => u.Id, (m, u) => u).OrderBy(u => u.Code)
            .Select(u => new AdjustmentSubject(u.Id, u.Code, u.Name)).ToListAsync(ct);
    }

    /// <summary>May approve this event now: the office, not its author, not for their own unit, not yet approved.</summary>
    public bool MayApproveEvent(AdjustmentRow row) =>
        MayApprove && row.ApprovedBy is null && !string.Equals(row.EnteredBy, user.UserName, StringComparison.Ordinal) && !IsOwnUnit(row.UnitId);

    /// <summary>The events awaiting the user's approval (the adjustments page's "待我审核" and the home page's to-do).</summary>
    public async Task<IReadOnlyList<AdjustmentRow>> AwaitingApprovalAsync(int year, CancellationToken ct = default) =>
        MayApprove ? [.. (await ListAsync(year, ct)).Where(MayApproveEvent)] : [];

    public async Task<IReadOnlyList<AdjustmentRow>> ListAsync(int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var own = user.UnitId ?? -1;
        var all = user.SeesAllUnits;
        var byMe = user.IsInRole(Roles.LeadReviewer) ? user.UserName : null;
        var rows = await db.AdjustmentEvents.AsNoTracking().Where(a => a.Year == year && (all || a.UnitId == own || a.EnteredBy == byMe))
            .Join(db.Units, a => a.UnitId, u => u.Id, (a, u) => new { Event = a, u.Code, u.Name })
            .ToListAsync(ct);
        var hashes = rows.Select(r => r.Event.EvidenceHash).OfType<string>().Distinct().ToList();
        var files = await db.EvidenceFiles.AsNoTracking().Where(f => hashes.Contains(f.Hash))
            .ToDictionaryAsync(f => f.Hash, f => new EvidenceInfo(f.Hash, f.FileName, f.ContentType, f.Size, f.UploadedAt), ct);
        return [.. rows.OrderByDescending(r => r.Event.Id).Select(r => new AdjustmentRow(r.Event.Id, r.Event.UnitId, r.Code, r.Name, r.Event.Kind, r.Event.Points,
            r.Event.Reason, r.Event.MaxGrade, r.Event.EvidenceHash is { } hash ? files.GetValueOrDefault(hash) : null,
            r.Event.EnteredBy, r.Event.EnteredAt, r.Event.ApprovedBy, r.Event.ApprovedAt, r.Event.Version))];
    }

    public async Task<Outcome<long>> CreateAsync(int year, AdjustmentInput input, CancellationToken ct = default)
    {
        if (!MayEnter)
        {
            return Outcome.Fail<long>(Outcome.Forbidden);
        }
        if (IsOwnUnit(input.UnitId))
        {
            return Outcome.Fail<long>("不能登记本单位的加减分事项，请由县考核办或其他牵头部门登记。");
        }
        if (string.IsNullOrWhiteSpace(input.Reason) || input.Reason.Trim().Length > 500)
        {
            return Outcome.Fail<long>("请填写事由（不超过 500 个字符）。");
        }
        if (input.Kind is AdjustmentKind.Bonus or AdjustmentKind.Deduction ? input.Points is <= 0 or > 100 : input.Points != 0)
        {
            return Outcome.Fail<long>(input.Kind is AdjustmentKind.Bonus or AdjustmentKind.Deduction
                ? "加分、减分的分值须大于 0 且不超过 100（减分也填正数）。"
                : "一票否决和等次封顶不计分值，分值应为 0。");
        }
        if (input.EvidenceHash is null && input.Kind is AdjustmentKind.Veto or AdjustmentKind.GradeCap)
        {
            return Outcome.Fail<long>($"{AdjustmentEvent.KindName(input.Kind)}须附佐证材料（如事故通报、处理决定），请先上传。");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var file = input.EvidenceHash is { } hash ? await EvidenceService.FindAsync(db, user, hash, ct) : null;
        if (input.EvidenceHash is not null && file is null)
        {
            return Outcome.Fail<long>("佐证材料引用无效，请重新上传。");
        }
        if (await YearGate.RefusalAsync(db, year, YearActivity.Adjust, ct) is { } state)
        {
            return Outcome.Fail<long>(state);
        }
        var categoryId = await db.CategoryMemberships.Where(m => m.Year == year && m.UnitId == input.UnitId).Select(m => (long?)m.CategoryId).SingleOrDefaultAsync(ct);
        if (categoryId is null)
        {
            return Outcome.Fail<long>(input.UnitId == 0 ? "请选择单位。" : "该单位本年度不参加考核（没有考核类别）。");
        }
        string? maxGrade = null;
        if (input.Kind == AdjustmentKind.GradeCap)
        {
            var settings = await db.CategorySettings.AsNoTracking().SingleOrDefaultAsync(s => s.CategoryId == categoryId, ct) ?? RuleSpec.DefaultSettings(categoryId.Value);
            var grades = RuleSpec.Grades(settings).Select(g => g.Name).ToList();
            maxGrade = input.MaxGrade?.Trim();
            if (maxGrade is null || !grades.Contains(maxGrade))
            {
                return Outcome.Fail<long>($"请选择封顶的最高等次（{string.Join("、", grades)}）。");
            }
        }
        var entity = new AdjustmentEvent
        {
            Year = year,
            UnitId = input.UnitId,
            Kind = input.Kind,
            Points = input.Points,
            Reason = input.Reason.Trim(),
            MaxGrade = maxGrade,
            EvidenceHash = file?.Hash,
            EvidenceName = file?.FileName,
            EnteredBy = user.UserName,
            EnteredAt = db.UtcNow,
        };
        db.ActAs(user).AdjustmentEvents.Add(entity);
        await db.SaveChangesAsync(ct);
        return entity.Id;
    }

    /// <summary>Approves an event: the office, and never the person who entered it.</summary>
    public async Task<Outcome> ApproveAsync(long id, long version, CancellationToken ct = default)
    {
        if (!MayApprove)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await db.AdjustmentEvents.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (entity is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        if (entity.Version != version)
        {
            return Outcome.Fail(Outcome.Conflict);
        }
        if (entity.IsApproved)
        {
            return Outcome.Fail("该事项已审核通过。");
        }
        if (string.Equals(entity.EnteredBy, user.UserName, StringComparison.Ordinal))
        {
            return Outcome.Fail("录入人不能审核自己录入的事项，请由考核办其他人员审核。");
        }
        if (IsOwnUnit(entity.UnitId))
        {
            return Outcome.Fail("不能审核本单位的事项，请由考核办其他人员审核。");
        }
        if (await YearGate.RefusalAsync(db, entity.Year, YearActivity.Adjust, ct) is { } state)
        {
            return Outcome.Fail(state);
        }
        entity.ApprovedBy = user.UserName;
        entity.ApprovedAt = db.UtcNow;
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>Withdraws an event not yet approved: its author or the office.</summary>
    public async Task<Outcome> DeleteAsync(long id, long version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entity = await db.AdjustmentEvents.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (entity is null || !(user.IsInRole(Roles.Office) || (MayEnter && entity.EnteredBy == user.UserName)))
        {
            return Outcome.Fail(entity is null ? Outcome.NotFound : Outcome.Forbidden);
        }
        if (entity.Version != version)
        {
            return Outcome.Fail(Outcome.Conflict);
        }
        if (entity.IsApproved)
        {
            return Outcome.Fail("已审核通过的事项不能撤回。");
        }
        if (await YearGate.RefusalAsync(db, entity.Year, YearActivity.Adjust, ct) is { } state)
        {
            return Outcome.Fail(state);
        }
        db.ActAs(user).AdjustmentEvents.Remove(entity);
        await db.SaveChangesAsync(ct);
        return Outcome.Success;
    }
}
