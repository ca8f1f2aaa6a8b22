using System.Globalization;
using Baton.Core.Accounts;
using Baton.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Years;

public sealed record YearRow(long Id, int Year, string Name, YearState State, bool IsCurrent, long Version);

public sealed record TransitionRow(YearState From, YearState To, string Reason, string By, DateTime At);

/// <summary>A recorded waiver; <see cref="Item"/> names what was waived as a person reads it.</summary>
public sealed record WaiverRow(long Id, WaiverItemKind Kind, string Key, string Item, string Reason, string By, DateTime At);

/// <summary>An item the office waives (see <see cref="MissingItem"/>).</summary>
public sealed record WaiverInput(WaiverItemKind Kind, string Key);

/// <summary>The appraisal year and its lifecycle (DESIGN.md §4): one step at a time, each with a reason, audited.</summary>
public sealed class YearService(IDbContextFactory<BatonDbContext> dbFactory, CurrentUser user)
{
    public bool MayManage => user.IsInRole(Roles.Office);

    public async Task<IReadOnlyList<YearRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Years.AsNoTracking().OrderByDescending(y => y.Year)
            .Select(y => new YearRow(y.Id, y.Year, y.Name, y.State, y.IsCurrent, y.Version)).ToListAsync(ct);
    }

    public async Task<YearRow?> CurrentAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Years.AsNoTracking().Where(y => y.IsCurrent)
            .Select(y => new YearRow(y.Id, y.Year, y.Name, y.State, y.IsCurrent, y.Version)).SingleOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<TransitionRow>> HistoryAsync(long yearId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.YearTransitions.AsNoTracking().Where(t => t.YearId == yearId).OrderByDescending(t => t.Id)
            .Select(t => new TransitionRow(t.From, t.To, t.Reason, t.By, t.At)).ToListAsync(ct);
    }

    /// <summary>Opens a new year in <see cref="YearState.Draft"/>.</summary>
    public async Task<Outcome<YearRow>> CreateAsync(int year, string? name, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail<YearRow>(Outcome.Forbidden);
        }
        if (year is < 2000 or > 2100)
        {
            return Outcome.Fail<YearRow>("年度应在 2000 至 2100 之间。");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Years.AnyAsync(y => y.Year == year, ct))
        {
            return Outcome.Fail<YearRow>($"{year} 年度已存在。");
        }
        var entity = new AppraisalYear
        {
            Year = year,
            Name = string.IsNullOrWhiteSpace(name) ? $"{year}年度目标责任考核" : name.Trim(),
            State = YearState.Draft,
            IsCurrent = !await db.Years.AnyAsync(ct),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ActAs(user).Years.Add(entity);
        await db.SaveChangesAsync(ct);
        await CopyCategoriesAsync(db, year, ct);
        await transaction.CommitAsync(ct);
        return new YearRow(entity.Id, entity.Year, entity.Name, entity.State, entity.IsCurrent, entity.Version);
    }

    /// <summary>
    /// A new year starts from the categories of the latest earlier year and the same units in them
    /// (retired units left out), which the office then adjusts; most units keep their category.
    /// </summary>
    private static async Task CopyCategoriesAsync(BatonDbContext db, int year, CancellationToken ct)
    {
        var source = await db.UnitCategories.Where(c => c.Year < year).MaxAsync(c => (int?)c.Year, ct);
        if (source is null)
        {
            return;
        }
        var categories = await db.UnitCategories.AsNoTracking().Where(c => c.Year == source).ToListAsync(ct);
        var copies = categories.ToDictionary(c => c.Id, c => new UnitCategory { Year = year, Code = c.Code, Name = c.Name, Kind = c.Kind });
        db.UnitCategories.AddRange(copies.Values);
        await db.SaveChangesAsync(ct);
        var memberships = await (from m in db.CategoryMemberships
                                 join u in db.Units on m.UnitId equals u.Id
                                 where m.Year == source && u.RetiredAt == null
                                 select new { m.UnitId, m.CategoryId }).ToListAsync(ct);
        db.CategoryMemberships.AddRange(memberships.Select(m => new CategoryMembership { Year = year, UnitId = m.UnitId, CategoryId = copies[m.CategoryId].Id }));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// What the year still needs before it can move to <paramref name="to"/> (see <see cref="YearPreconditions"/>),
    /// the same list <see cref="TransitionAsync"/> refuses with; empty when it may move, and for a step back.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<MissingItem>>> MissingAsync(long yearId, YearState to, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail<IReadOnlyList<MissingItem>>(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var year = await db.Years.AsNoTracking().SingleOrDefaultAsync(y => y.Id == yearId, ct);
        if (year is null)
        {
            return Outcome.Fail<IReadOnlyList<MissingItem>>(Outcome.NotFound);
        }
        return await YearPreconditions.MissingAsync(db, year, to, ct);
    }

    /// <summary>The waivers recorded for the year, newest first (the office's page).</summary>
    public async Task<IReadOnlyList<WaiverRow>> WaiversAsync(long yearId, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var year = await db.Years.Where(y => y.Id == yearId).Select(y => (int?)y.Year).SingleOrDefaultAsync(ct);
        var waivers = await db.YearWaivers.AsNoTracking().Where(w => w.Year == year).OrderByDescending(w => w.Id).ToListAsync(ct);
        var rounds = await db.RatingRounds.AsNoTracking().Where(r => r.Year == year).ToDictionaryAsync(r => r.Id.ToString(CultureInfo.InvariantCulture), r => r.Name, ct);
        var reports = waivers.Where(w => w.ItemKind == WaiverItemKind.OutstandingReport)
            .Select(w => w.ItemKey.Split(':')).Select(k => (Unit: long.Parse(k[0], CultureInfo.InvariantCulture), Indicator: long.Parse(k[1], CultureInfo.InvariantCulture))).ToList();
        var unitIds = reports.Select(r => r.Unit).Distinct().ToList();
        var indicatorIds = reports.Select(r => r.Indicator).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var indicators = await db.Indicators.AsNoTracking().Where(i => indicatorIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Code + " " + i.Name, ct);
        string Item(YearWaiver w)
        {
            if (w.ItemKind == WaiverItemKind.OpenRound)
            {
                return $"评议轮次「{rounds.GetValueOrDefault(w.ItemKey) ?? w.ItemKey}」";
            }
            var key = w.ItemKey.Split(':');
            var (unit, indicator) = (long.Parse(key[0], CultureInfo.InvariantCulture), long.Parse(key[1], CultureInfo.InvariantCulture));
            return $"「{units.GetValueOrDefault(unit)}」的指标「{indicators.GetValueOrDefault(indicator)}」的完成值";
        }
        return waivers.Select(w => new WaiverRow(w.Id, w.ItemKind, w.ItemKey, Item(w), w.Reason, w.By, w.At)).ToList();
    }

    /// <summary>
    /// Records the office's waiver, with one reason, of items that keep the year from its next step (an open
    /// round, an outstanding report): only items the year's next step lists as missing and waivable.
    /// </summary>
    public async Task<Outcome> WaiveAsync(long yearId, IReadOnlyCollection<WaiverInput> items, string? reason, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            return Outcome.Fail("请填写豁免理由（不超过 500 个字符）。");
        }
        if (items.Count == 0)
        {
            return Outcome.Fail("请选择要豁免的事项。");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var year = await db.Years.AsNoTracking().SingleOrDefaultAsync(y => y.Id == yearId, ct);
        if (year is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        var waivable = (await YearPreconditions.MissingAsync(db, year, year.State + 1, ct))
            .Where(m => m.WaivableAs is not null).ToDictionary(m => (m.WaivableAs!.Value, m.Key!));
        var unknown = items.Where(i => !waivable.ContainsKey((i.Kind, i.Key))).ToList();
        if (unknown.Count > 0)
        {
            return Outcome.Fail($"有 {unknown.Count} 项不是 {year.Year} 年度推进到下一阶段尚未满足、可以豁免的条件（可能已处理或已豁免），请刷新后重试。");
        }
        db.ActAs(user).YearWaivers.AddRange(items.DistinctBy(i => (i.Kind, i.Key)).Select(i => new YearWaiver
        {
            Year = year.Year, ItemKind = i.Kind, ItemKey = i.Key, Reason = reason.Trim(), By = user.UserName, At = db.UtcNow,
        }));
        await db.SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>
    /// Moves the year one step forward or back. Both directions need a reason; going forward needs the step's
    /// preconditions (<see cref="MissingAsync"/>), going back is the office's correction.
    /// </summary>
    public async Task<Outcome> TransitionAsync(long yearId, long version, YearState to, string? reason, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Outcome.Fail("请填写变更原因。");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var year = await db.Years.SingleOrDefaultAsync(y => y.Id == yearId, ct);
        if (year is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        if (year.Version != version)
        {
            return Outcome.Fail(Outcome.Conflict);
        }
        if (!Enum.IsDefined(to) || Math.Abs((int)to - (int)year.State) != 1)
        {
            return Outcome.Fail($"年度只能逐步变更：当前为「{AppraisalYear.StateName(year.State)}」，不能直接变为「{AppraisalYear.StateName(to)}」。");
        }
        var missing = await YearPreconditions.MissingAsync(db, year, to, ct);
        if (missing.Count > 0)
        {
            return Outcome.Fail(YearPreconditions.Refusal(year, to, missing));
        }
        db.ActAs(user).YearTransitions.Add(new YearTransition
        {
            YearId = year.Id,
            From = year.State,
            To = to,
            Reason = reason.Trim(),
            By = user.UserName,
            At = db.UtcNow,
        });
        year.State = to;
        await db.SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>Makes <paramref name="yearId"/> the year the office works on.</summary>
    public async Task<Outcome> SetCurrentAsync(long yearId, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var years = await db.Years.ToListAsync(ct);
        if (years.All(y => y.Id != yearId))
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        foreach (var year in years)
        {
            year.IsCurrent = year.Id == yearId;
        }
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }
}
