using System.Globalization;
using System.Text.Json;
using Baton.Core.Accounts;
using Baton.Core.Audit;
using Baton.Core.Documents;
using Baton.Core.Results;
using Baton.Core.Years;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Targets;

/// <summary>One unit's issuance and letter as the issuance page shows it; <see cref="IssuedAt"/> is null while not issued.</summary>
public sealed record IssuanceRow(
    long UnitId, string UnitCode, string UnitName, string CategoryName, string? Leader, int Targets,
    DateTime? IssuedAt, string? IssuedBy, string? CountySignatory, DateTime? ConfirmedAt, string? ConfirmedBy, long Version)
{
    public bool Issued => IssuedAt is not null;
}

/// <summary>
/// Issuance (下达) and responsibility letters (目标责任书). The office issues one unit's targets, or every unit's
/// at once, while the year gate permits: from then on <see cref="TargetService"/> refuses to change them and they
/// change only through an approved <see cref="TargetChangeRequest"/>; the year moves to 目标已下达 only when every
/// unit's are issued (<see cref="YearPreconditions"/>). A unit is issued only when its targets are complete: the
/// same validation the year's transition runs, narrowed to the unit. Each issued unit's letter is a Word file
/// for the office and the unit; the unit head confirms it in Baton (签收确认).
/// </summary>
public sealed class TargetIssuanceService(IDbContextFactory<BatonDbContext> dbFactory, CurrentUser user)
{
    public const string WithdrawAction = "targets.withdraw";

    public bool MayIssue => user.IsInRole(Roles.Office);

    /// <summary>Every unit of the year the user may see, with its issuance and letter confirmation, by unit code.</summary>
    public async Task<IReadOnlyList<IssuanceRow>> StatusAsync(int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await (from m in db.CategoryMemberships.AsNoTracking()
                           where m.Year == year
                           join u in db.Units.AsNoTracking() on m.UnitId equals u.Id
                           join c in db.UnitCategories.AsNoTracking() on m.CategoryId equals c.Id
                           select new { u.Id, u.Code, u.Name, Category = c.Name }).ToListAsync(ct);
        units = [.. units.Where(u => user.MaySee(u.Id)).OrderBy(u => u.Code, StringComparer.Ordinal)];
        var ids = units.Select(u => u.Id).ToList();
        var issued = await db.TargetIssuances.AsNoTracking().Where(i => i.Year == year && ids.Contains(i.UnitId)).ToDictionaryAsync(i => i.UnitId, ct);
        var leaders = await LeadersAsync(db, ids, ct);
        var counts = await db.Targets.AsNoTracking().Where(t => t.Year == year && ids.Contains(t.UnitId))
            .GroupBy(t => t.UnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return [.. units.Select(u =>
        {
            var i = issued.GetValueOrDefault(u.Id);
            return new IssuanceRow(u.Id, u.Code, u.Name, u.Category, leaders.GetValueOrDefault(u.Id), counts.GetValueOrDefault(u.Id),
                i?.IssuedAt, i?.IssuedBy, i?.CountySignatory, i?.ConfirmedAt, i?.ConfirmedBy, i?.Version ?? 0);
        })];
    }

    /// <summary>
    /// Issues <paramref name="unitId"/>'s targets, or (null) those of every unit not yet issued, all or nothing:
    /// a unit whose targets are incomplete is refused with what to fix. <paramref name="countySignatory"/> is the
    /// county leader who signs the letters (optional). Returns how many units were issued.
    /// </summary>
    public async Task<Outcome<int>> IssueAsync(int year, long? unitId, string? countySignatory, CancellationToken ct = default)
    {
        if (!MayIssue)
        {
            return Outcome.Fail<int>(Outcome.Forbidden);
        }
        var signatory = string.IsNullOrWhiteSpace(countySignatory) ? null : countySignatory.Trim();
        if (signatory is { Length: > 100 })
        {
            return Outcome.Fail<int>("县领导签字人不超过 100 个字符。");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await YearGate.RefusalAsync(db, year, YearActivity.IssueTargets, ct) is { } state)
        {
            return Outcome.Fail<int>(state);
        }
        var members = await db.CategoryMemberships.AsNoTracking().Where(m => m.Year == year)
            .Join(db.Units, m => m.UnitId, u => u.Id, (m, u) => new { u.Id, u.Code, u.Name }).ToListAsync(ct);
        var issued = await IssuedUnitsAsync(db, year, ct);
        var wanted = members.Where(m => unitId is null ? !issued.Contains(m.Id) : m.Id == unitId).OrderBy(m => m.Code, StringComparer.Ordinal).ToList();
        if (unitId is not null && wanted.Count == 0)
        {
            return Outcome.Fail<int>(Outcome.NotFound);
        }
        if (unitId is { } one && issued.Contains(one))
        {
            return Outcome.Fail<int>($"「{wanted[0].Name}」的目标已下达。");
        }
        if (wanted.Count == 0)
        {
            return Outcome.Fail<int>($"{year} 年度所有单位的目标均已下达。");
        }
        // The year's validation names units as 单位“名称”; problems naming no unit (the indicator system's) block every unit.
        var problems = await ResultService.ValidateYearAsync(db, year, ct);
        var blocking = problems.Where(p => !p.Contains("单位“", StringComparison.Ordinal)
            || wanted.Any(w => p.Contains($"单位“{w.Name}”", StringComparison.Ordinal))).ToList();
        if (blocking.Count > 0)
        {
            return Outcome.Fail<int>(ResultService.Problems("目标尚不完整，不能下达", blocking) + "\n请在「目标与完成值」页面补齐后再下达。");
        }
        foreach (var unit in wanted)
        {
            db.TargetIssuances.Add(new TargetIssuance { Year = year, UnitId = unit.Id, IssuedAt = db.UtcNow, IssuedBy = user.UserName, CountySignatory = signatory });
        }
        await db.ActAs(user).SaveChangesAsync(ct);
        return wanted.Count;
    }

    /// <summary>
    /// Withdraws a unit's issuance (撤回下达) while targets may still be set, so that the office can correct them;
    /// the letter's confirmation goes with it. The reason is in the audit trail.
    /// </summary>
    public async Task<Outcome> WithdrawAsync(int year, long unitId, string reason, long version, CancellationToken ct = default)
    {
        if (!MayIssue)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            return Outcome.Fail("请填写撤回原因（不超过 500 个字符）。");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await YearGate.RefusalAsync(db, year, YearActivity.SetTargets, ct) is { } state)
        {
            return Outcome.Fail(state);
        }
        var issuance = await db.TargetIssuances.SingleOrDefaultAsync(i => i.Year == year && i.UnitId == unitId, ct);
        if (issuance is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        if (issuance.Version != version)
        {
            return Outcome.Fail(Outcome.Conflict);
        }
        db.ActAs(user).TargetIssuances.Remove(issuance);
        db.AuditEvent(WithdrawAction, nameof(TargetIssuance), issuance.Id.ToString(CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(new { Year = year, UnitId = unitId, Reason = reason.Trim() }, AuditChain.JsonOptions));
        await db.SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>How many of the year's issued letters await the user's confirmation: the unit head's own unit's, if not yet confirmed (0 or 1).</summary>
    public async Task<int> LettersToConfirmAsync(int year, CancellationToken ct = default)
    {
        if (!user.IsInRole(Roles.UnitHead) || user.UnitId is not { } own)
        {
            return 0;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.TargetIssuances.CountAsync(i => i.Year == year && i.UnitId == own && i.ConfirmedAt == null, ct);
    }

    /// <summary>The unit head confirms the unit's letter (签收确认); nobody else may, and only once.</summary>
    public async Task<Outcome> ConfirmLetterAsync(int year, long unitId, long version, CancellationToken ct = default)
    {
        if (!(user.IsInRole(Roles.UnitHead) && user.UnitId == unitId))
        {
            return Outcome.Fail("只有本单位负责人才能签收确认本单位的目标责任书。");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await YearGate.RefusalAsync(db, year, YearActivity.ConfirmLetter, ct) is { } state)
        {
            return Outcome.Fail(state);
        }
        var issuance = await db.TargetIssuances.SingleOrDefaultAsync(i => i.Year == year && i.UnitId == unitId, ct);
        if (issuance is null)
        {
            return Outcome.Fail("本单位的目标尚未下达，没有可确认的目标责任书。");
        }
        if (issuance.ConfirmedAt is not null)
        {
            return Outcome.Fail($"目标责任书已由 {issuance.ConfirmedBy} 签收确认。");
        }
        if (issuance.Version != version)
        {
            return Outcome.Fail(Outcome.Conflict);
        }
        issuance.ConfirmedAt = db.UtcNow;
        issuance.ConfirmedBy = user.UserName;
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>Writes an issued unit's responsibility letter (Word) for the office, county readers and the unit's own users.</summary>
    public async Task<Outcome<string>> WriteLetterAsync(int year, long unitId, Stream output, CancellationToken ct = default)
    {
        if (!user.MaySee(unitId))
        {
            return Outcome.Fail<string>(Outcome.NotFound);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var letter = await ResponsibilityLetter.LoadAsync(db, year, unitId, ct);
        if (letter is null)
        {
            return Outcome.Fail<string>("该单位的目标尚未下达，下达后才有目标责任书。");
        }
        DocxWriter.Write(letter.Document(), output);
        return $"{year}年度目标管理责任书-{letter.UnitName}.docx";
    }

    /// <summary>The units of <paramref name="year"/> whose targets are issued, hence frozen.</summary>
    internal static async Task<HashSet<long>> IssuedUnitsAsync(BatonDbContext db, int year, CancellationToken ct) =>
        [.. await db.TargetIssuances.AsNoTracking().Where(i => i.Year == year).Select(i => i.UnitId).ToListAsync(ct)];

    /// <summary>Each unit's current principal leader (一把手), "name（post）".</summary>
    internal static async Task<Dictionary<long, string>> LeadersAsync(BatonDbContext db, IReadOnlyList<long> unitIds, CancellationToken ct) =>
        (await db.UnitLeaders.AsNoTracking().Where(l => l.Until == null && unitIds.Contains(l.UnitId))
            .Select(l => new { l.UnitId, l.Person!.Name, l.Post }).ToListAsync(ct))
        .GroupBy(l => l.UnitId).ToDictionary(g => g.Key, g => $"{g.First().Name}（{g.First().Post}）");
}
