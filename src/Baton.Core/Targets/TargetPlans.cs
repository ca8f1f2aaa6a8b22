using System.Globalization;
using Baton.Core.Accounts;
using Baton.Core.Years;
using Baton.Scoring.Progress;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Targets;

/// <summary>
/// A unit target's month plan and responsible person as the letters, the progress page and the warnings read them.
/// <paramref name="Months"/> holds the cumulative planned value of each planned month (index 0 is January); it is empty
/// when the target has no plan, and shorter than 12 only for plans entered before profiles existed.
/// </summary>
public sealed record UnitMonthPlan(
    long TargetId, long IndicatorId, string IndicatorCode, string IndicatorName, string? Measure, decimal? Value,
    PlanProfile? Profile, IReadOnlyList<decimal> Months, ResponsiblePerson? Responsible, long Version)
{
    /// <summary>The cumulative plan of <paramref name="month"/> (1–12), or null when that month is not planned.</summary>
    public decimal? PlannedFor(int month) => month >= 1 && month <= Months.Count ? Months[month - 1] : null;
}

/// <summary>
/// The office's change of one unit target's month plan and responsible person. <paramref name="Custom"/> is read only
/// for <see cref="PlanProfile.Custom"/>; <paramref name="Responsible"/> null clears it; <paramref name="Version"/> is the
/// target's version as read.
/// </summary>
public sealed record MonthPlanEdit(
    long UnitId, long IndicatorId, PlanProfile Profile, IReadOnlyList<decimal>? Custom, ResponsiblePerson? Responsible, long Version);

public sealed partial class TargetService
{
    /// <summary>Display names of the month-plan profiles.</summary>
    public static string ProfileName(PlanProfile profile) => profile switch
    {
        PlanProfile.Linear => "均衡推进",
        PlanProfile.FrontLoaded => "前快后稳",
        PlanProfile.BackLoaded => "前稳后快",
        _ => "自定义",
    };

    /// <summary>
    /// The month plans and responsible persons of every target of <paramref name="unitId"/> in <paramref name="year"/>, in
    /// indicator order: the one read of month plans for responsibility letters, the progress page and warnings. Empty when
    /// the user may not see the unit.
    /// </summary>
    public async Task<IReadOnlyList<UnitMonthPlan>> MonthPlanAsync(int year, long unitId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await MonthPlansAsync(db, user, year, unitId, ct);
    }

    internal static async Task<IReadOnlyList<UnitMonthPlan>> MonthPlansAsync(BatonDbContext db, CurrentUser user, int year, long unitId, CancellationToken ct)
    {
        var rows = await db.Targets.AsNoTracking().Where(t => t.Year == year && t.UnitId == unitId)
            .Join(db.Indicators, t => t.IndicatorId, i => i.Id, (t, i) => new { Target = t, Leaf = i })
            .Where(x => !x.Leaf.IsGroup)
            .OrderBy(x => x.Leaf.Order).ThenBy(x => x.Leaf.Code)
            .ToListAsync(ct);
        rows = [.. rows.Where(r => user.MaySee(unitId) || (user.IsInRole(Roles.LeadReviewer) && r.Leaf.LeadUnitId == user.UnitId))];
        var ids = rows.Select(r => r.Target.Id).ToList();
        var months = (await db.MonthlyPlans.AsNoTracking().Where(p => ids.Contains(p.TargetId)).OrderBy(p => p.Month).ToListAsync(ct))
            .ToLookup(p => p.TargetId);
        return [.. rows.Select(r => new UnitMonthPlan(r.Target.Id, r.Leaf.Id, r.Leaf.Code, r.Leaf.Name, r.Leaf.Measure, r.Target.Value,
            r.Target.PlanProfile, [.. months[r.Target.Id].Select(p => p.Value)], r.Target.Responsible, r.Target.Version))];
    }

    /// <summary>
    /// Sets a unit target's month plan from a profile (<see cref="MonthlyPlans.Build"/>) and its responsible person (责任人),
    /// while the year gate permits setting targets. A formula profile needs the target's value; a responsible person's
    /// account, when named, must belong to the unit.
    /// </summary>
    public async Task<Outcome> SetMonthPlanAsync(int year, MonthPlanEdit edit, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await YearGate.RefusalAsync(db, year, YearActivity.SetTargets, ct) is { } state)
        {
            return Outcome.Fail(state);
        }
        var target = await db.Targets.SingleOrDefaultAsync(t => t.Year == year && t.UnitId == edit.UnitId && t.IndicatorId == edit.IndicatorId, ct);
        if (target is null)
        {
            return Outcome.Fail("请先设定该单位该指标的目标值，再分解到月。");
        }
        if (target.Version != edit.Version)
        {
            return Outcome.Fail(Outcome.Conflict);
        }
        var leaf = await db.Indicators.AsNoTracking().SingleAsync(i => i.Id == edit.IndicatorId, ct);
        // A time-progress leaf may have no year target of its own: its custom plan's December is the target.
        var yearTarget = edit.Profile == PlanProfile.Custom ? target.Value ?? (edit.Custom is { Count: > 0 } custom ? custom[^1] : 0m) : target.Value;
        if (yearTarget is null)
        {
            return Outcome.Fail($"「{leaf.Name}」没有全年目标值，只能自定义各月累计值。");
        }
        var plan = MonthlyPlans.Build(edit.Profile, yearTarget.Value, edit.Custom);
        if (!plan.Ok)
        {
            return Outcome.Fail($"「{leaf.Name}」：{plan.Problem}");
        }
        if (edit.Responsible is { } person)
        {
            var name = person.Name?.Trim() ?? "";
            var account = string.IsNullOrWhiteSpace(person.UserName) ? null : person.UserName.Trim();
            if (account is not null)
            {
                var owner = await db.Users.AsNoTracking().Where(u => u.UserName == account).Select(u => new { u.UnitId, u.DisplayName }).SingleOrDefaultAsync(ct);
                if (owner is null || owner.UnitId != edit.UnitId)
                {
                    return Outcome.Fail($"账号「{account}」不存在或不属于该单位，责任人的账号须是本单位的账号。");
                }
                name = name.Length == 0 ? owner.DisplayName : name;
            }
            if (name.Length is 0 or > 50 || person.Post?.Trim().Length > 100)
            {
                return Outcome.Fail("请填写责任人姓名（不超过 50 个字符），职务不超过 100 个字符。");
            }
            target.ResponsibleName = name;
            target.ResponsiblePost = string.IsNullOrWhiteSpace(person.Post) ? null : person.Post.Trim();
            target.ResponsibleUser = account;
        }
        else
        {
            (target.ResponsibleName, target.ResponsiblePost, target.ResponsibleUser) = (null, null, null);
        }
        await ReplacePlanAsync(db, target, plan.Months, edit.Profile, ct);
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>"a;b;c" of each target's plan, January first, in invariant form without trailing zeros.</summary>
    internal static async Task<Dictionary<long, string>> PlanTextsAsync(BatonDbContext db, IQueryable<long> targetIds, CancellationToken ct)
    {
        var rows = await db.MonthlyPlans.AsNoTracking().Where(p => targetIds.Contains(p.TargetId))
            .Select(p => new { p.TargetId, p.Month, p.Value }).ToListAsync(ct);
        return rows.GroupBy(r => r.TargetId).ToDictionary(g => g.Key, g => PlanText(g.OrderBy(r => r.Month).Select(r => r.Value)));
    }

    /// <summary>One form for every provider: PostgreSQL returns numeric(20,6) with its six places, SQLite as stored.</summary>
    internal static string Number(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    internal static string PlanText(IEnumerable<decimal> months) => string.Join(';', months.Select(Number));

    /// <summary>Replaces the target's plan with the grid's or import's "a;b;c" (null: no plan); true when it changed.</summary>
    internal static async Task<bool> ReplacePlanTextAsync(BatonDbContext db, Target target, string? plan, CancellationToken ct)
    {
        var months = plan is null ? [] : ReadPlan(plan).Months!;
        var current = target.Id == 0 ? [] : await db.MonthlyPlans.Where(p => p.TargetId == target.Id).OrderBy(p => p.Month).Select(p => p.Value).ToListAsync(ct);
        if (current.SequenceEqual(months))
        {
            return false;
        }
        await ReplacePlanAsync(db, target, months, months.Count == 0 ? null : PlanProfile.Custom, ct);
        return true;
    }

    private static async Task ReplacePlanAsync(BatonDbContext db, Target target, IReadOnlyList<decimal> months, PlanProfile? profile, CancellationToken ct)
    {
        if (target.Id != 0)
        {
            db.MonthlyPlans.RemoveRange(await db.MonthlyPlans.Where(p => p.TargetId == target.Id).ToListAsync(ct));
        }
        for (var m = 0; m < months.Count; m++)
        {
            db.MonthlyPlans.Add(new MonthlyPlan { Target = target, Month = m + 1, Value = months[m] });
        }
        target.PlanProfile = profile;
        if (target.Id != 0)
        {
            // The plan's rows hang off the target: a new plan is a change of the target, so its version moves.
            db.Entry(target).Property(t => t.PlanProfile).IsModified = true;
        }
    }
}
