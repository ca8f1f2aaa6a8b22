using Baton.Core.Accounts;
using Baton.Core.Years;
using Baton.Scoring.Planning;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Planning;

/// <summary>A county leaf a superior target is decomposed through.</summary>
public sealed record LinkedLeaf(long IndicatorId, string Code, string Name, long CategoryId, string CategoryName);

/// <summary>
/// A unit counted in a superior target's decomposition: its share when it carries one (lead or cooperating), the
/// figure its share suggests, and its current target on the linked leaf of its category.
/// </summary>
public sealed record UnitPart(long UnitId, string UnitCode, string UnitName, long? IndicatorId, bool? IsLead, decimal? Share, decimal? Suggested, decimal? Target);

public sealed record SuperiorTargetRow(
    long Id, int Year, string Code, string Name, string? Measure, decimal CityValue, IndicatorType Type, decimal? CityPoints,
    Aggregation Aggregation, decimal Margin, string? Note, long Version, IReadOnlyList<LinkedLeaf> Leaves, IReadOnlyList<UnitPart> Units,
    DecompositionCheck Check);

public sealed record SuperiorTargetInput(
    int Year, string Code, string Name, string? Measure, decimal CityValue, IndicatorType Type, decimal? CityPoints,
    Aggregation Aggregation, decimal Margin, string? Note, IReadOnlyList<long> IndicatorIds);

public sealed record ShareInput(long UnitId, bool IsLead, decimal Share);

public sealed record CityStandingRow(long Id, string Period, DateOnly AsOf, decimal? Score, int? Rank, int? RankOf, string? Note, long Version);

public sealed record CityStandingInput(string Period, DateOnly AsOf, decimal? Score, int? Rank, int? RankOf, string? Note);

/// <summary>The balance of indicator types in one category's leaves (or, with no category, in the city's targets by their points).</summary>
public sealed record CategoryBalance(long? CategoryId, string Name, IReadOnlyList<TypeBalance> Types);

/// <summary>
/// The city's appraisal of the county (市考任务): its targets for the county, their decomposition to units and the
/// check of the units' targets against the city's figure, the balance of indicator types, and the county's standing
/// in the city's appraisal over the year. The office changes them, targets only while the year gate permits setting
/// targets; the office, leaders and overseers read them all, a unit only the targets it carries a share of.
/// </summary>
public sealed partial class SuperiorTargetService(IDbContextFactory<BatonDbContext> dbFactory, CurrentUser user)
{
    /// <summary>Places the suggested figures are rounded to.</summary>
    public const int Decimals = 4;

    public bool MayManage => user.IsInRole(Roles.Office);

    public static string AggregationName(Aggregation aggregation) => aggregation switch
    {
        Aggregation.SumEquals => "合计等于",
        Aggregation.AtLeast => "合计不低于",
        Aggregation.AtMost => "合计不高于",
        _ => "不校核",
    };

    public async Task<IReadOnlyList<SuperiorTargetRow>> ListAsync(int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var targets = await db.SuperiorTargets.AsNoTracking().Where(t => t.Year == year).OrderBy(t => t.Code).ToListAsync(ct);
        var ids = targets.Select(t => t.Id).ToList();
        var leaves = await (from l in db.SuperiorTargetLinks.AsNoTracking()
                            where ids.Contains(l.SuperiorTargetId)
                            join i in db.Indicators on l.IndicatorId equals i.Id
                            join c in db.UnitCategories on i.CategoryId equals c.Id
                            orderby c.Code, i.Code
                            select new { l.SuperiorTargetId, Leaf = new LinkedLeaf(i.Id, i.Code, i.Name, c.Id, c.Name) }).ToListAsync(ct);
        var shares = await db.SuperiorTargetShares.AsNoTracking().Where(s => ids.Contains(s.SuperiorTargetId)).ToListAsync(ct);
        var members = await (from m in db.CategoryMemberships.AsNoTracking()
                             where m.Year == year
                             join u in db.Units on m.UnitId equals u.Id
                             select new Member(u.Id, u.Code, u.Name, m.CategoryId)).ToListAsync(ct);
        var leafIds = leaves.Select(l => l.Leaf.IndicatorId).Distinct().ToList();
        var values = await db.Targets.AsNoTracking().Where(t => leafIds.Contains(t.IndicatorId))
            .ToDictionaryAsync(t => (t.UnitId, t.IndicatorId), t => t.Value, ct);
        var rows = new List<SuperiorTargetRow>();
        foreach (var t in targets)
        {
            var own = leaves.Where(l => l.SuperiorTargetId == t.Id).Select(l => l.Leaf).ToList();
            var leafOf = own.ToDictionary(l => l.CategoryId, l => l.IndicatorId);
            var ownShares = shares.Where(s => s.SuperiorTargetId == t.Id).ToList();
            var required = Decomposition.Required(t.CityValue, t.Aggregation, t.Margin) ?? t.CityValue;
            var suggested = ownShares.Count > 0 && Decomposition.Problem([.. ownShares.Select(ToShare)]) is null
                ? Decomposition.Allocate(required, [.. ownShares.Select(ToShare)], Decimals)
                : new Dictionary<long, decimal>();
            // The units that carry the target: those given a share, or (before any share is given) every unit appraised on a linked leaf.
            var counted = (ownShares.Count > 0
                ? ownShares.Select(s => members.Where(m => m.Id == s.UnitId).OrderByDescending(m => leafOf.ContainsKey(m.CategoryId)).FirstOrDefault()).OfType<Member>()
                : members.Where(m => leafOf.ContainsKey(m.CategoryId))).ToList();
            var parts = counted.OrderBy(c => c.Code, StringComparer.Ordinal).Select(c =>
            {
                var leaf = leafOf.TryGetValue(c.CategoryId, out var l) ? l : (long?)null;
                var share = ownShares.FirstOrDefault(s => s.UnitId == c.Id);
                return new UnitPart(c.Id, c.Code, c.Name, leaf, share?.IsLead, share?.Share,
                    suggested.TryGetValue(c.Id, out var s) ? s : null, leaf is { } id ? values.GetValueOrDefault((c.Id, id)) : null);
            }).OrderByDescending(p => p.IsLead == true).ToList();
            var check = Decomposition.Check(t.CityValue, t.Aggregation, t.Margin, [.. parts.Select(p => p.Target)]);
            rows.Add(new SuperiorTargetRow(t.Id, t.Year, t.Code, t.Name, t.Measure, t.CityValue, t.Type, t.CityPoints, t.Aggregation, t.Margin, t.Note,
                t.Version, own, parts, check));
        }
        if (user.SeesAllUnits)
        {
            return rows;
        }
        return [.. rows.Where(r => r.Units.Any(u => u.UnitId == user.UnitId && u.Share is not null))];
    }

    private sealed record Member(long Id, string Code, string Name, long CategoryId);

    private static UnitShare ToShare(SuperiorTargetShare s) => new(s.UnitId, s.IsLead, s.Share);

    /// <summary>Creates (id null) or updates a superior target with its linked leaves.</summary>
    public async Task<Outcome<long>> SaveAsync(long? id, long version, SuperiorTargetInput input, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail<long>(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await YearGate.RefusalAsync(db, input.Year, YearActivity.SetTargets, ct) is { } refusal)
        {
            return Outcome.Fail<long>(refusal);
        }
        SuperiorTarget? entity = null;
        if (id is { } existing)
        {
            entity = await db.SuperiorTargets.SingleOrDefaultAsync(t => t.Id == existing && t.Year == input.Year, ct);
            if (entity is null)
            {
                return Outcome.Fail<long>(Outcome.NotFound);
            }
            if (entity.Version != version)
            {
                return Outcome.Fail<long>(Outcome.Conflict);
            }
        }
        var code = input.Code?.Trim() ?? "";
        if (await db.SuperiorTargets.AnyAsync(t => t.Year == input.Year && t.Code == code && t.Id != (id ?? 0), ct))
        {
            return Outcome.Fail<long>($"市考任务编码「{code}」在 {input.Year} 年度已被使用。");
        }
        var leaves = await LeavesAsync(db, input.Year, ct);
        if (Check(input, leaves) is { } problem)
        {
            return Outcome.Fail<long>(problem);
        }
        if (entity is null)
        {
            entity = new SuperiorTarget { Year = input.Year, Code = "", Name = "" };
            db.SuperiorTargets.Add(entity);
        }
        db.ActAs(user);
        Apply(entity, input);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await ReplaceLinksAsync(db, entity.Id, input.IndicatorIds, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return entity.Id;
    }

    private static async Task<Dictionary<long, (string Code, long CategoryId)>> LeavesAsync(BatonDbContext db, int year, CancellationToken ct) =>
        await db.Indicators.AsNoTracking().Where(i => i.Year == year && !i.IsGroup).ToDictionaryAsync(i => i.Id, i => (i.Code, i.CategoryId), ct);

    private static void Apply(SuperiorTarget entity, SuperiorTargetInput input)
    {
        entity.Code = input.Code.Trim();
        entity.Name = input.Name.Trim();
        entity.Measure = string.IsNullOrWhiteSpace(input.Measure) ? null : input.Measure.Trim();
        entity.CityValue = input.CityValue;
        entity.Type = input.Type;
        entity.CityPoints = input.CityPoints;
        entity.Aggregation = input.Aggregation;
        entity.Margin = input.Aggregation is Aggregation.AtLeast or Aggregation.AtMost ? input.Margin : 0;
        entity.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
    }

    private static async Task ReplaceLinksAsync(BatonDbContext db, long superiorTargetId, IReadOnlyList<long> indicatorIds, CancellationToken ct)
    {
        var links = await db.SuperiorTargetLinks.Where(l => l.SuperiorTargetId == superiorTargetId).ToListAsync(ct);
        db.SuperiorTargetLinks.RemoveRange(links.Where(l => !indicatorIds.Contains(l.IndicatorId)));
        foreach (var leaf in indicatorIds.Distinct().Where(i => links.All(l => l.IndicatorId != i)))
        {
            db.SuperiorTargetLinks.Add(new SuperiorTargetLink { SuperiorTargetId = superiorTargetId, IndicatorId = leaf });
        }
    }

    /// <summary>What is wrong with a superior target as entered (Chinese), or null; <paramref name="leaves"/> are the year's leaves.</summary>
    private static string? Check(SuperiorTargetInput input, Dictionary<long, (string Code, long CategoryId)> leaves)
    {
        if ((input.Code?.Trim() ?? "").Length is 0 or > 32)
        {
            return "市考任务编码必须填写，且不超过 32 个字符。";
        }
        if ((input.Name?.Trim() ?? "").Length is 0 or > 200)
        {
            return "市考任务名称必须填写，且不超过 200 个字符。";
        }
        if (input.Measure?.Trim().Length > 20)
        {
            return "计量单位不超过 20 个字符。";
        }
        if (!Enum.IsDefined(input.Type))
        {
            return "请选择指标类型（总量、结构或质量效益）。";
        }
        if (input.CityPoints is < 0 or > 1000)
        {
            return "市考分值须在 0 到 1000 之间，没有则留空。";
        }
        if (input.Margin is < 0 or > 1)
        {
            return "抬高幅度须在 0% 到 100% 之间。";
        }
        if (input.Note?.Trim().Length > 500)
        {
            return "备注不超过 500 个字符。";
        }
        if (input.IndicatorIds.Any(i => !leaves.ContainsKey(i)))
        {
            return $"关联的县级指标须是 {input.Year} 年度的末级指标。";
        }
        if (input.IndicatorIds.Distinct().GroupBy(i => leaves[i].CategoryId).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return $"同一考核类别只能关联一个县级指标（{string.Join("、", twice.Select(i => leaves[i].Code))} 属于同一类别）。";
        }
        return null;
    }

    /// <summary>The superior target to change, tracked, or why it may not be changed (not found, the year gate, a stale version).</summary>
    private static async Task<(SuperiorTarget? Entity, string? Refused)> EditableAsync(BatonDbContext db, long id, long version, CancellationToken ct)
    {
        var entity = await db.SuperiorTargets.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (entity is null)
        {
            return (null, Outcome.NotFound);
        }
        if (await YearGate.RefusalAsync(db, entity.Year, YearActivity.SetTargets, ct) is { } refusal)
        {
            return (null, refusal);
        }
        return entity.Version != version ? (null, Outcome.Conflict) : (entity, null);
    }

    /// <summary>Deletes a superior target that no negotiation refers to, with its links and shares.</summary>
    public async Task<Outcome> DeleteAsync(long id, long version, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (entity, refused) = await EditableAsync(db, id, version, ct);
        if (entity is null)
        {
            return Outcome.Fail(refused!);
        }
        if (await db.TargetNegotiations.AnyAsync(n => n.SuperiorTargetId == id, ct))
        {
            return Outcome.Fail($"「{entity.Name}」已有向市里协调的记录，不能删除。");
        }
        db.ActAs(user);
        db.SuperiorTargetLinks.RemoveRange(await db.SuperiorTargetLinks.Where(l => l.SuperiorTargetId == id).ToListAsync(ct));
        db.SuperiorTargetShares.RemoveRange(await db.SuperiorTargetShares.Where(s => s.SuperiorTargetId == id).ToListAsync(ct));
        db.SuperiorTargets.Remove(entity);
        await db.SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>
    /// Replaces the units carrying a superior target: one lead unit and any cooperating units, the shares adding up to
    /// 100%, each unit appraised on one of the target's linked leaves (so that it can hold a target), all or nothing.
    /// </summary>
    public async Task<Outcome> SetSharesAsync(long id, long version, IReadOnlyList<ShareInput> shares, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (entity, refused) = await EditableAsync(db, id, version, ct);
        if (entity is null)
        {
            return Outcome.Fail(refused!);
        }
        if (Decomposition.Problem([.. shares.Select(s => new UnitShare(s.UnitId, s.IsLead, s.Share))]) is { } problem)
        {
            return Outcome.Fail(problem);
        }
        var linkedCategories = await db.SuperiorTargetLinks.Where(l => l.SuperiorTargetId == id)
            .Join(db.Indicators, l => l.IndicatorId, i => i.Id, (l, i) => i.CategoryId).ToListAsync(ct);
        var unitIds = shares.Select(s => s.UnitId).ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        if (units.Count != unitIds.Count)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        var appraised = await db.CategoryMemberships.AsNoTracking().Where(m => m.Year == entity.Year && unitIds.Contains(m.UnitId) && linkedCategories.Contains(m.CategoryId))
            .Select(m => m.UnitId).ToListAsync(ct);
        var outside = unitIds.Where(u => !appraised.Contains(u)).Select(u => units[u]).ToList();
        if (outside.Count > 0)
        {
            return Outcome.Fail($"{string.Join("、", outside)}所在考核类别没有与此市考任务关联的县级指标，无法承担目标；请先在任务中关联该类别的指标。");
        }
        db.ActAs(user);
        db.SuperiorTargetShares.RemoveRange(await db.SuperiorTargetShares.Where(s => s.SuperiorTargetId == id).ToListAsync(ct));
        foreach (var s in shares)
        {
            db.SuperiorTargetShares.Add(new SuperiorTargetShare { SuperiorTargetId = id, UnitId = s.UnitId, IsLead = s.IsLead, Share = s.Share });
        }
        // The shares are part of the target's decomposition: saving them moves its version, so two people cannot overwrite each other.
        db.Entry(entity).State = EntityState.Modified;
        await db.SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>The balance of indicator types per category of the year, and of the city's targets by their points.</summary>
    public async Task<IReadOnlyList<CategoryBalance>> BalanceAsync(int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var categories = await db.UnitCategories.AsNoTracking().Where(c => c.Year == year).OrderBy(c => c.Code).ToListAsync(ct);
        var leaves = await db.Indicators.AsNoTracking().Where(i => i.Year == year && !i.IsGroup).Select(i => new { i.CategoryId, i.Type, i.Points }).ToListAsync(ct);
        var city = await db.SuperiorTargets.AsNoTracking().Where(t => t.Year == year).Select(t => new { t.Type, t.CityPoints }).ToListAsync(ct);
        var rows = new List<CategoryBalance>();
        if (city.Count > 0)
        {
            rows.Add(new CategoryBalance(null, "市考任务", IndicatorBalance.Of(city.Select(c => ((IndicatorType?)c.Type, c.CityPoints ?? 0)))));
        }
        rows.AddRange(categories.Select(c => new CategoryBalance(c.Id, c.Name,
            IndicatorBalance.Of(leaves.Where(l => l.CategoryId == c.Id).Select(l => (l.Type, l.Points))))));
        return rows;
    }

    /// <summary>The county's standing in the city's appraisal, period by period.</summary>
    public async Task<IReadOnlyList<CityStandingRow>> StandingAsync(int year, CancellationToken ct = default)
    {
        if (!user.SeesAllUnits)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CityStandings.AsNoTracking().Where(s => s.Year == year).OrderBy(s => s.AsOf)
            .Select(s => new CityStandingRow(s.Id, s.Period, s.AsOf, s.Score, s.Rank, s.RankOf, s.Note, s.Version)).ToListAsync(ct);
    }

    /// <summary>
    /// Records (id null) or corrects the city's score and rank of the county for a period. This is the city's record of
    /// the county, which feeds no unit's score, so it is kept whatever the county's year is doing.
    /// </summary>
    public async Task<Outcome<long>> SaveStandingAsync(int year, long? id, long version, CityStandingInput input, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail<long>(Outcome.Forbidden);
        }
        var period = input.Period?.Trim() ?? "";
        if (period.Length is 0 or > 40)
        {
            return Outcome.Fail<long>("期次必须填写（如 一季度、上半年、全年），且不超过 40 个字符。");
        }
        if (input.Score is null && input.Rank is null)
        {
            return Outcome.Fail<long>("请填写市里的考核得分或排名。");
        }
        if (input.Rank is < 1 || input.RankOf is < 1 || (input.Rank is { } rank && input.RankOf is { } of && rank > of))
        {
            return Outcome.Fail<long>("排名须为正整数，且不大于参加排名的县（市、区）数。");
        }
        if (input.AsOf.Year != year && input.AsOf.Year != year + 1)
        {
            return Outcome.Fail<long>($"截至日期应在 {year} 年或 {year + 1} 年初（年度结果）。");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Years.AnyAsync(y => y.Year == year, ct))
        {
            return Outcome.Fail<long>($"{year} 年度不存在。");
        }
        if (await db.CityStandings.AnyAsync(s => s.Year == year && s.Period == period && s.Id != (id ?? 0), ct))
        {
            return Outcome.Fail<long>($"{year} 年度已登记过「{period}」的市考结果，请修改该条。");
        }
        CityStanding? entity;
        if (id is { } existing)
        {
            entity = await db.CityStandings.SingleOrDefaultAsync(s => s.Id == existing && s.Year == year, ct);
            if (entity is null)
            {
                return Outcome.Fail<long>(Outcome.NotFound);
            }
            if (entity.Version != version)
            {
                return Outcome.Fail<long>(Outcome.Conflict);
            }
        }
        else
        {
            entity = new CityStanding { Year = year, Period = period };
            db.CityStandings.Add(entity);
        }
        entity.Period = period;
        entity.AsOf = input.AsOf;
        entity.Score = input.Score;
        entity.Rank = input.Rank;
        entity.RankOf = input.RankOf;
        entity.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim()[..Math.Min(500, input.Note.Trim().Length)];
        await db.ActAs(user).SaveChangesAsync(ct);
        return entity.Id;
    }
}
