using Baton.Core.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Units;

public sealed record UnitRow(
    long Id, string Code, string Name, UnitKind Kind, string? CategoryCode, string? CategoryName,
    string? LeaderName, string? LeaderPost, DateOnly? LeaderSince, bool IsRetired, long Version);

public sealed record UnitInput(string Code, string Name, UnitKind Kind, string? CategoryCode);

public sealed record LeaderInput(string Name, string Post, DateOnly Since);

public sealed record LeaderRow(long Id, string Name, string Post, DateOnly Since, DateOnly? Until, long Version);

public sealed record CategoryRow(long Id, int Year, string Code, string Name, UnitKind Kind, int Units, long Version);

/// <summary>
/// Units (towns and departments), their categories per year and their leaders. Unit-scoped users see
/// only their own unit; only the office and the system administrator change anything. Units with
/// history are retired, never deleted.
/// </summary>
public sealed partial class UnitService(IDbContextFactory<BatonDbContext> dbFactory, CurrentUser user)
{
    public bool MayManage => user.MayManageUnits;

    public async Task<IReadOnlyList<UnitRow>> ListAsync(int year, bool includeRetired = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Rows(db, year, includeRetired, only: null).ToListAsync(ct);
    }

    public async Task<UnitRow?> GetAsync(long id, int year, CancellationToken ct = default)
    {
        if (!user.MaySee(id))
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Rows(db, year, includeRetired: true, only: id).SingleOrDefaultAsync(ct);
    }

    private IQueryable<UnitRow> Rows(BatonDbContext db, int year, bool includeRetired, long? only)
    {
        var units = db.Units.AsNoTracking();
        if (only is { } id)
        {
            units = units.Where(u => u.Id == id);
        }
        if (!user.SeesAllUnits)
        {
            var own = user.UnitId ?? -1;
            units = units.Where(u => u.Id == own);
        }
        if (!includeRetired)
        {
            units = units.Where(u => u.RetiredAt == null);
        }
        return from u in units
               let category = (from m in db.CategoryMemberships
                               join c in db.UnitCategories on m.CategoryId equals c.Id
                               where m.Year == year && m.UnitId == u.Id
                               select c).FirstOrDefault()
               let leader = u.Leaders.Where(l => l.Until == null).OrderByDescending(l => l.Since).FirstOrDefault()
               orderby u.Kind == UnitKind.Town ? 0 : 1, u.Code
               select new UnitRow(u.Id, u.Code, u.Name, u.Kind, category!.Code, category.Name,
                   leader!.Name, leader.Post, leader == null ? null : leader.Since, u.RetiredAt != null, u.Version);
    }

    public async Task<IReadOnlyList<CategoryRow>> CategoriesAsync(int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.UnitCategories.AsNoTracking().Where(c => c.Year == year).OrderBy(c => c.Kind).ThenBy(c => c.Code)
            .Select(c => new CategoryRow(c.Id, c.Year, c.Code, c.Name, c.Kind, db.CategoryMemberships.Count(m => m.CategoryId == c.Id), c.Version))
            .ToListAsync(ct);
    }

    /// <summary>The category of the user's own unit in <paramref name="year"/>, where pages open for a unit-scoped user; null for county-wide users.</summary>
    public async Task<long?> OwnCategoryIdAsync(int year, CancellationToken ct = default)
    {
        if (user.SeesAllUnits || user.UnitId is not { } unitId)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CategoryMemberships.Where(m => m.Year == year && m.UnitId == unitId).Select(m => (long?)m.CategoryId).SingleOrDefaultAsync(ct);
    }

    public async Task<Outcome> CreateCategoryAsync(int year, string code, string name, UnitKind kind, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        code = code?.Trim() ?? "";
        name = name?.Trim() ?? "";
        if (code.Length is 0 or > 32 || name.Length is 0 or > 100)
        {
            return Outcome.Fail("类别代码（不超过 32 个字符）和类别名称（不超过 100 个字符）都必须填写。");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.UnitCategories.AnyAsync(c => c.Year == year && c.Code == code, ct))
        {
            return Outcome.Fail($"{year} 年度已有代码为「{code}」的类别。");
        }
        db.ActAs(user).UnitCategories.Add(new UnitCategory { Year = year, Code = code, Name = name, Kind = kind });
        await db.SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>Renames a category; its code stays, since imports and last year's copy refer to it.</summary>
    public async Task<Outcome> RenameCategoryAsync(long id, long version, string name, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        name = name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            return Outcome.Fail("类别名称必须填写，且不超过 100 个字符。");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var category = await db.UnitCategories.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (category is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        if (category.Version != version)
        {
            return Outcome.Fail(Outcome.Conflict);
        }
        category.Name = name;
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    public async Task<Outcome<long>> CreateAsync(int year, UnitInput input, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail<long>(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (error, category) = await CheckAsync(db, year, input, exceptId: null, ct);
        if (error is not null)
        {
            return Outcome.Fail<long>(error);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var unit = new Unit { Code = input.Code.Trim(), Name = input.Name.Trim(), Kind = input.Kind };
        db.ActAs(user).Units.Add(unit);
        await db.SaveChangesAsync(ct);
        if (category is not null)
        {
            db.CategoryMemberships.Add(new CategoryMembership { Year = year, UnitId = unit.Id, CategoryId = category.Id });
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return unit.Id;
    }

    public async Task<Outcome> UpdateAsync(long id, long version, int year, UnitInput input, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        if (unit.Version != version)
        {
            return Outcome.Fail(Outcome.Conflict);
        }
        var (error, category) = await CheckAsync(db, year, input, exceptId: id, ct);
        if (error is not null)
        {
            return Outcome.Fail(error);
        }
        unit.Code = input.Code.Trim();
        unit.Name = input.Name.Trim();
        unit.Kind = input.Kind;
        await SetCategoryAsync(db, year, unit.Id, category, ct);
        await db.ActAs(user).SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Outcome.Success;
    }

    public async Task<Outcome> RetireAsync(long id, long version, string? reason, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Outcome.Fail("请填写撤销原因（如机构改革、合并）。");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        if (unit.Version != version)
        {
            return Outcome.Fail(Outcome.Conflict);
        }
        if (unit.IsRetired)
        {
            return Outcome.Fail($"「{unit.Name}」已经撤销。");
        }
        unit.RetiredAt = db.UtcNow;
        unit.RetiredReason = reason.Trim();
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    public async Task<IReadOnlyList<LeaderRow>> LeadersAsync(long unitId, CancellationToken ct = default)
    {
        if (!user.MaySee(unitId))
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.UnitLeaders.AsNoTracking().Where(l => l.UnitId == unitId).OrderByDescending(l => l.Since)
            .Select(l => new LeaderRow(l.Id, l.Name, l.Post, l.Since, l.Until, l.Version)).ToListAsync(ct);
    }

    /// <summary>Records a new principal leader; the previous one's term ends the day the new one starts.</summary>
    public async Task<Outcome> SetLeaderAsync(long unitId, LeaderInput input, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        if (LeaderError(input) is { } error)
        {
            return Outcome.Fail(error);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Units.AnyAsync(u => u.Id == unitId, ct))
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        var current = await db.UnitLeaders.Where(l => l.UnitId == unitId && l.Until == null).ToListAsync(ct);
        if (current.Any(l => l.Since >= input.Since))
        {
            return Outcome.Fail("新任一把手的任职时间应晚于现任一把手的任职时间。");
        }
        ReplaceLeader(db, unitId, current, input);
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>Corrects a recorded leader (a misspelt name, a wrong date); a new leader is <see cref="SetLeaderAsync"/>.</summary>
    public async Task<Outcome> CorrectLeaderAsync(long leaderId, long version, LeaderInput input, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        if (LeaderError(input) is { } error)
        {
            return Outcome.Fail(error);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var leader = await db.UnitLeaders.SingleOrDefaultAsync(l => l.Id == leaderId, ct);
        if (leader is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        if (leader.Version != version)
        {
            return Outcome.Fail(Outcome.Conflict);
        }
        if (leader.Until is { } until && input.Since >= until)
        {
            return Outcome.Fail("任职日期应早于离任日期。");
        }
        leader.Name = input.Name.Trim();
        leader.Post = input.Post.Trim();
        leader.Since = input.Since;
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    internal static string? LeaderError(LeaderInput input) =>
        string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 50 ? "一把手姓名必须填写，且不超过 50 个字符。"
        : string.IsNullOrWhiteSpace(input.Post) || input.Post.Trim().Length > 100 ? "一把手职务必须填写，且不超过 100 个字符。"
        : null;

    internal static void ReplaceLeader(BatonDbContext db, long unitId, List<UnitLeader> current, LeaderInput input)
    {
        foreach (var leader in current)
        {
            leader.Until = input.Since;
        }
        db.UnitLeaders.Add(new UnitLeader { UnitId = unitId, Name = input.Name.Trim(), Post = input.Post.Trim(), Since = input.Since });
    }

    private static async Task<(string? Error, UnitCategory? Category)> CheckAsync(
        BatonDbContext db, int year, UnitInput input, long? exceptId, CancellationToken ct)
    {
        var code = input.Code?.Trim() ?? "";
        var name = input.Name?.Trim() ?? "";
        if (code.Length is 0 or > 32)
        {
            return ("单位代码必须填写，且不超过 32 个字符。", null);
        }
        if (name.Length is 0 or > 100)
        {
            return ("单位名称必须填写，且不超过 100 个字符。", null);
        }
        if (await db.Units.AnyAsync(u => u.Code == code && u.Id != exceptId, ct))
        {
            return ($"单位代码「{code}」已被其他单位使用。", null);
        }
        if (string.IsNullOrWhiteSpace(input.CategoryCode))
        {
            return (null, null);
        }
        var category = await db.UnitCategories.SingleOrDefaultAsync(c => c.Year == year && c.Code == input.CategoryCode.Trim(), ct);
        if (category is null)
        {
            return ($"{year} 年度没有代码为「{input.CategoryCode.Trim()}」的考核类别。", null);
        }
        if (category.Kind != input.Kind)
        {
            return ($"考核类别「{category.Name}」只收{Unit.KindName(category.Kind)}，与单位类型不符。", null);
        }
        return (null, category);
    }

    internal static async Task SetCategoryAsync(BatonDbContext db, int year, long unitId, UnitCategory? category, CancellationToken ct)
    {
        var membership = await db.CategoryMemberships.SingleOrDefaultAsync(m => m.Year == year && m.UnitId == unitId, ct);
        if (category is null)
        {
            if (membership is not null)
            {
                db.CategoryMemberships.Remove(membership);
            }
        }
        else if (membership is null)
        {
            db.CategoryMemberships.Add(new CategoryMembership { Year = year, UnitId = unitId, CategoryId = category.Id });
        }
        else
        {
            membership.CategoryId = category.Id;
        }
    }
}
