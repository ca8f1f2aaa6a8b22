using Baton.Core.Accounts;
using Baton.Core.Indicators;
using Baton.Core.Years;
using Baton.Scoring.Results;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Results;

public sealed record ComponentScoreRow(long Id, long UnitId, string UnitCode, string UnitName, string Code, decimal Score, decimal FullScore, string EnteredBy, string? Note, long Version);

/// <summary>
/// Hand-entered component scores (手工录入): the office enters a unit's score on a provided component
/// (e.g. satisfaction until surveys exist); the results and the trace mark it as hand-entered, and a
/// calibrated or surveyed value of the same component takes precedence (<see cref="ComponentSources"/>).
/// Only the office enters; everyone who sees a unit sees its entries.
/// </summary>
public sealed class ComponentScoreService(IDbContextFactory<BatonDbContext> dbFactory, CurrentUser user)
{
    public bool MayEnter => user.IsInRole(Roles.Office);

    public async Task<IReadOnlyList<ComponentScoreRow>> ListAsync(int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var own = user.UnitId ?? -1;
        var all = user.SeesAllUnits;
        return await db.ComponentScores.AsNoTracking().Where(c => c.Year == year && (all || c.UnitId == own))
            .Join(db.Units, c => c.UnitId, u => u.Id, (c, u) => new { c, u })
            .OrderBy(x => x.u.Code).ThenBy(x => x.c.Code)
            .Select(x => new ComponentScoreRow(x.c.Id, x.c.UnitId, x.u.Code, x.u.Name, x.c.Code, x.c.Score, x.c.FullScore, x.c.EnteredBy, x.c.Note, x.c.Version))
            .ToListAsync(ct);
    }

    /// <summary>Enters (or corrects) a hand-entered component score; the office only, marked as hand-entered in the results.</summary>
    public async Task<Outcome> SetAsync(int year, long unitId, string code, decimal score, decimal fullScore, string? note, CancellationToken ct = default)
    {
        if (!MayEnter)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        if (fullScore <= 0 || score < 0 || score > fullScore)
        {
            return Outcome.Fail("分数须在 0 到满分之间，满分须大于 0。");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await YearGate.RefusalAsync(db, year, YearActivity.Adjust, ct) is { } state)
        {
            return Outcome.Fail(state);
        }
        var categoryId = await db.CategoryMemberships.Where(m => m.Year == year && m.UnitId == unitId).Select(m => (long?)m.CategoryId).SingleOrDefaultAsync(ct);
        if (categoryId is null)
        {
            return Outcome.Fail("该单位在本年度没有考核类别。");
        }
        var category = await db.CategorySettings.AsNoTracking().SingleOrDefaultAsync(s => s.CategoryId == categoryId, ct) ?? RuleSpec.DefaultSettings(categoryId.Value);
        var component = RuleSpec.Components(category).FirstOrDefault(c => c.Code == code && !c.FromIndicators);
        if (component is null)
        {
            return Outcome.Fail($"该单位所在类别没有可手工录入的考核构成“{code}”。");
        }
        var row = await db.ComponentScores.SingleOrDefaultAsync(c => c.Year == year && c.UnitId == unitId && c.Code == code, ct);
        if (row is null)
        {
            row = new ComponentScore { Year = year, UnitId = unitId, Code = code, EnteredBy = user.UserName };
            db.ComponentScores.Add(row);
        }
        row.Score = score;
        row.FullScore = fullScore;
        row.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        row.EnteredBy = user.UserName;
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>
    /// This feature's loader for the snapshot (DESIGN.md §3, the snapshot seam): every hand-entered component
    /// score of the year, by unit, as <see cref="ComponentOrigin.HandEntered"/> candidates.
    /// </summary>
    internal static async Task<ILookup<long, SourcedComponent>> InputsAsync(BatonDbContext db, int year, CancellationToken ct) =>
        (await db.ComponentScores.AsNoTracking().Where(c => c.Year == year).OrderBy(c => c.UnitId).ThenBy(c => c.Code).ToListAsync(ct))
            .ToLookup(c => c.UnitId, c => new SourcedComponent(ComponentOrigin.HandEntered,
                new ComponentValue(c.Code, c.Score, c.FullScore) { HandEntered = true, EnteredBy = c.EnteredBy, Note = c.Note }));
}
