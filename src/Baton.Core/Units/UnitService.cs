using Baton.Core.Accounts;
using Baton.Core.Years;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Units;

public sealed record UnitRow(
    long Id, string Code, string Name, UnitKind Kind, string? CategoryCode, string? CategoryName,
    long? LeaderPersonId, string? LeaderName, string? LeaderNote, string? LeaderPost, DateOnly? LeaderSince, bool IsRetired, long Version);

/// <summary>A unit as typed on the units page; <see cref="Code"/> is normalised (<see cref="Unit.NormaliseCode"/>) before use.</summary>
public sealed record UnitInput(string Code, string Name, UnitKind Kind, string? CategoryCode);

public sealed record CategoryRow(long Id, int Year, string Code, string Name, UnitKind Kind, int Units, long Version);

/// <summary>
/// Units (towns and departments), their categories per year and their leaders. Unit-scoped users see
/// only their own unit; only the office and the system administrator change anything. Units with
/// history are retired, never deleted. A unit itself is not bound to a year; which category it is
/// appraised in for a year is, and the year gate (<see cref="YearActivity.EditMembership"/>) is asked
/// before any membership or category of a year changes.
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

    /// <summary>The id of the unit with <paramref name="code"/> (normalised first, as every code is), or null.</summary>
    public async Task<long?> IdOfCodeAsync(string code, CancellationToken ct = default)
    {
        var normalised = Unit.NormaliseCode(code);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = await db.Units.Where(u => u.Code == normalised).Select(u => (long?)u.Id).SingleOrDefaultAsync(ct);
        return id is { } found && user.MaySee(found) ? id : null;
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
                   leader == null ? null : leader.PersonId, leader!.Person!.Name, leader.Person.Note, leader.Post,
                   leader == null ? null : leader.Since, u.RetiredAt != null, u.Version);
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
        if (await YearGate.RefusalAsync(db, year, YearActivity.EditMembership, ct) is { } refusal)
        {
            return Outcome.Fail(refusal);
        }
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
        // Published results and documents of the year name their categories.
        if (await YearGate.RefusalAsync(db, category.Year, YearActivity.EditMembership, ct) is { } refusal)
        {
            return Outcome.Fail(refusal);
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
        var (error, code, category) = await CheckAsync(db, year, input, exceptId: null, ct);
        if (error is not null)
        {
            return Outcome.Fail<long>(error);
        }
        if (category is not null && await YearGate.RefusalAsync(db, year, YearActivity.EditMembership, ct) is { } refusal)
        {
            return Outcome.Fail<long>(refusal);
        }
        var unit = new Unit { Code = code, Name = input.Name.Trim(), Kind = input.Kind };
        if (category is not null)
        {
            unit.Memberships.Add(new CategoryMembership { Year = year, CategoryId = category.Id });
        }
        db.ActAs(user).Units.Add(unit);
        await db.SaveChangesAsync(ct);
        return unit.Id;
    }

    public async Task<Outcome> UpdateAsync(long id, long version, int year, UnitInput input, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail(Outcome.Forbidden);
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
        var (error, code, category) = await CheckAsync(db, year, input, exceptId: id, ct);
        if (error is not null)
        {
            return Outcome.Fail(error);
        }
        var membership = await db.CategoryMemberships.SingleOrDefaultAsync(m => m.Year == year && m.UnitId == unit.Id, ct);
        if (membership?.CategoryId != category?.Id)
        {
            if (await YearGate.RefusalAsync(db, year, YearActivity.EditMembership, ct) is { } refusal)
            {
                return Outcome.Fail(refusal);
            }
            if (membership is not null && category is null)
            {
                db.CategoryMemberships.Remove(membership);
            }
            else if (membership is not null)
            {
                membership.CategoryId = category!.Id;
            }
            else
            {
                db.CategoryMemberships.Add(new CategoryMembership { Year = year, UnitId = unit.Id, CategoryId = category!.Id });
            }
        }
        unit.Code = code;
        unit.Name = input.Name.Trim();
        unit.Kind = input.Kind;
        await db.ActAs(user).SaveChangesAsync(ct);
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

    private static async Task<(string? Error, string Code, UnitCategory? Category)> CheckAsync(
        BatonDbContext db, int year, UnitInput input, long? exceptId, CancellationToken ct)
    {
        var code = Unit.NormaliseCode(input.Code);
        var name = input.Name?.Trim() ?? "";
        if (code.Length is 0 or > 32)
        {
            return ("单位代码必须填写，且不超过 32 个字符。", code, null);
        }
        if (name.Length is 0 or > 100)
        {
            return ("单位名称必须填写，且不超过 100 个字符。", code, null);
        }
        if (await db.Units.AnyAsync(u => u.Code == code && u.Id != exceptId, ct))
        {
            return ($"单位代码「{code}」已被其他单位使用。", code, null);
        }
        if (string.IsNullOrWhiteSpace(input.CategoryCode))
        {
            return (null, code, null);
        }
        var category = await db.UnitCategories.SingleOrDefaultAsync(c => c.Year == year && c.Code == input.CategoryCode.Trim(), ct);
        if (category is null)
        {
            return ($"{year} 年度没有代码为「{input.CategoryCode.Trim()}」的考核类别。", code, null);
        }
        if (category.Kind != input.Kind)
        {
            return ($"考核类别「{category.Name}」只收{Unit.KindName(category.Kind)}，与单位类型不符。", code, null);
        }
        return (null, code, category);
    }
}
