using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Baton.Core.Accounts;
using Baton.Core.Indicators;
using Baton.Core.Years;
using Baton.Scoring.Indicators;
using Baton.Scoring.Results;
using Microsoft.EntityFrameworkCore;
using EngineSnapshot = Baton.Scoring.Results.ResultSnapshot;

namespace Baton.Core.Results;

public sealed record SnapshotRow(long Id, int Year, string Hash, string InputsHash, string ResultHash, string RuleVersion, DateTime CreatedAt, string CreatedBy, int Units);

public sealed record ComponentRow(string Code, string Name, decimal Weight, decimal Score, bool HandEntered, bool Missing);

public sealed record RankingRow(
    long UnitId, string UnitCode, string UnitName, int Rank, decimal Overall, decimal IndicatorScore, decimal Bonus, decimal Deduction,
    string Grade, bool Vetoed, bool Capped, decimal Award, IReadOnlyList<ComponentRow> Components)
{
    /// <summary>Codes of the weighted components the unit had no value for (empty when complete; a snapshot is stored only when complete).</summary>
    public IReadOnlyList<string> Missing => [.. Components.Where(c => c.Missing).Select(c => c.Code)];
}

public sealed record RankingCategory(string Code, string Name, IReadOnlyList<RankingRow> Units);

public sealed record Ranking(SnapshotRow Snapshot, IReadOnlyList<RankingCategory> Categories);

/// <summary>How sure a unit's place is (see <see cref="RankBootstrap"/>): 90% rank interval and grade probabilities.</summary>
public sealed record UncertaintyRow(
    long UnitId, int LowerRank, int UpperRank, IReadOnlyDictionary<string, double> GradeProbabilities,
    string? BoundaryGrade, double ProbabilityOfBetterGrade, bool CannotBeToldApart);

/// <summary>A year's rank uncertainty: each unit's row, the rounds resampled, and the components held at their published values.</summary>
public sealed record UncertaintyReport(IReadOnlyList<UncertaintyRow> Units, IReadOnlyList<ResampledRound> Resampled, IReadOnlyList<HeldComponent> Held, int Replicates)
{
    /// <summary>What was resampled and what was held fixed, and why, as the results page says it.</summary>
    public string Description
    {
        get
        {
            var resampled = Resampled.Count == 0
                ? "没有可重抽的评议轮次，各单位名次不随抽样变化。"
                : "重抽并重新校准的评议轮次：" + string.Join("、", Resampled.GroupBy(r => (r.RoundName, r.Model)).Select(g =>
                    $"{g.Key.RoundName}（{g.Key.Model}）" + (g.Max(r => r.Fallbacks) > 0 ? $"，其中 {g.Max(r => r.Fallbacks)} 次重抽无法校准、沿用公布值" : ""))) + "。";
            var held = Held.Count == 0 ? "" : "按公布值固定、不参与重抽的考核构成：" + string.Join("；", Held.Select(h => $"{h.Name}——{h.Reason}")) + "。";
            return resampled + held + "加分、减分、一票否决和等次封顶按核定结果计，不重抽。";
        }
    }
}

/// <summary>A unit whose category weighs components no source gave it (DESIGN.md §5.2): the year cannot be computed until they exist.</summary>
public sealed record MissingComponentRow(long UnitId, string UnitCode, string UnitName, string CategoryCode, string CategoryName, IReadOnlyList<string> Codes, IReadOnlyList<string> Names);

/// <summary>
/// Results (DESIGN.md §5): takes the year's inputs as <see cref="SnapshotLoader"/> assembles them, refuses a
/// year with problems or missing components, scores it with <see cref="ScoringEngine"/>, stores a
/// <see cref="ResultSnapshot"/> and reads results back. Only the office computes; the office, leaders and
/// overseers read everything; a unit's own users read only their own unit, and only from 结果公示 on (the year gate's
/// <see cref="YearActivity.UnitSeesResults"/>). Hand-entered component scores are <see cref="ComponentScoreService"/>'s.
/// </summary>
public sealed class ResultService(IDbContextFactory<BatonDbContext> dbFactory, CurrentUser user)
{
    public bool MayCompute => user.IsInRole(Roles.Office);

    /// <summary>Computes the year and stores a snapshot, or returns the stored one when inputs and results are identical.</summary>
    public async Task<Outcome<SnapshotRow>> ComputeAsync(int year, CancellationToken ct = default)
    {
        if (!MayCompute)
        {
            return Outcome.Fail<SnapshotRow>(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ComputeAsync(db, year, user, ct);
    }

    /// <summary>Computes and stores in <paramref name="db"/> (inside the caller's transaction when there is one).</summary>
    internal static async Task<Outcome<SnapshotRow>> ComputeAsync(BatonDbContext db, int year, CurrentUser user, CancellationToken ct)
    {
        var state = await db.Years.Where(y => y.Year == year).Select(y => (YearState?)y.State).SingleOrDefaultAsync(ct);
        if (state is null)
        {
            return Outcome.Fail<SnapshotRow>($"{year} 年度不存在。");
        }
        // A final year is only re-verified below (its published snapshot found identical, never replaced).
        if (state < YearState.Final && YearGate.Refusal(year, state.Value, YearActivity.Compute) is { } refusal)
        {
            return Outcome.Fail<SnapshotRow>(refusal);
        }
        var data = await SnapshotLoader.LoadAsync(db, year, ct);
        var (input, problems) = data.ToYearInput();
        if (input is not null)
        {
            problems = IndicatorValidation.Validate(input);
        }
        if (problems.Count > 0)
        {
            return Outcome.Fail<SnapshotRow>(Problems("无法计分", problems));
        }
        if (ScoringEngine.MissingComponents(input!) is { Length: > 0 } missing)
        {
            return Outcome.Fail<SnapshotRow>(MissingMessage(year, missing));
        }
        // The stored inputs are compressed on the other core while the engine works; both are awaited here.
        var scoring = Task.Run(() => ScoringEngine.Score(input!), ct);
        var compressing = Task.Run(data.ToGzip, ct);
        await Task.WhenAll(scoring, compressing);
        var result = await scoring;
        var inputsBlob = await compressing;
        var engine = EngineSnapshot.Create(result);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(engine.InputsHash + "\n" + engine.ResultHash)));
        var latest = await db.ResultSnapshots.AsNoTracking().LatestFirst(year).Select(s => new { s.Id, s.LastComputation }).FirstOrDefaultAsync(ct);
        var existing = await db.ResultSnapshots.Where(s => s.Year == year && s.Hash == hash).SingleOrDefaultAsync(ct);
        if (existing is not null)
        {
            if (existing.Id != latest!.Id)
            {
                existing.LastComputation = latest.LastComputation + 1;
                await db.ActAs(user).SaveChangesAsync(ct);
            }
            return ToRow(existing);
        }
        if (state >= YearState.Final)
        {
            // A final year's published snapshot may be recomputed (and found identical), never replaced.
            return Outcome.Fail<SnapshotRow>($"{year} 年度结果已确定，当前数据算出的结果与已发布的结果快照不同，不能重新计分；如需更正，请先将年度退回结果公示阶段并说明原因。");
        }

        using var canonical = new MemoryStream();
        using (var gzip = new GZipStream(canonical, CompressionLevel.Fastest, leaveOpen: true))
        {
            EngineSnapshot.WriteResults(result, gzip);
        }
        var snapshot = new ResultSnapshot
        {
            Year = year,
            Hash = hash,
            InputsHash = engine.InputsHash,
            ResultHash = engine.ResultHash,
            RuleVersion = engine.RuleVersion,
            CreatedAt = db.UtcNow,
            CreatedBy = user.UserName,
            LastComputation = (latest?.LastComputation ?? 0) + 1,
            Units = input!.Units.Length,
            Inputs = inputsBlob,
            CanonicalResults = canonical.ToArray(),
        };
        var unitIds = await db.CategoryMemberships.Where(m => m.Year == year)
            .Join(db.Units, m => m.UnitId, u => u.Id, (m, u) => new { u.Code, u.Id }).ToDictionaryAsync(u => u.Code, u => u.Id, StringComparer.Ordinal, ct);
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        db.ActAs(user).ResultSnapshots.Add(snapshot);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique (year, hash) index: someone stored the identical snapshot a moment ago.
            return Outcome.Fail<SnapshotRow>("结果快照未能保存：另一位用户可能刚刚完成了相同数据的计分，请刷新后查看。");
        }
        // The per-unit rows are a projection of the canonical results, whose hash the audited snapshot
        // row carries; they are bulk-inserted rather than audited one by one (10,000 units per province).
        var units = new List<SnapshotUnit>(snapshot.Units);
        foreach (var category in result.Categories)
        {
            foreach (var unit in category.Units)
            {
                units.Add(new SnapshotUnit
                {
                    SnapshotId = snapshot.Id,
                    UnitId = unitIds[unit.Id],
                    UnitCode = unit.Id,
                    UnitName = unit.Name,
                    CategoryCode = category.Code,
                    CategoryName = category.Name,
                    Rank = unit.Rank,
                    Overall = unit.Overall,
                    IndicatorScore = unit.IndicatorScore,
                    Bonus = unit.Bonus,
                    Deduction = unit.Deduction,
                    Grade = unit.Grade,
                    Vetoed = unit.Vetoed,
                    Capped = unit.Capped,
                    Award = unit.Award,
                    Components = RuleSpec.ToJson(unit.Components.Select(c => new ComponentRow(c.Code, c.Name, c.Weight, c.Score, c.HandEntered, c.Missing)).ToList()),
                });
            }
        }
        await BulkInsert.WriteAsync(db, units, ct, generatedIds: true);
        if (own is not null)
        {
            await own.CommitAsync(ct);
        }
        return ToRow(snapshot);
    }

    /// <summary>Checks that the year can leave Draft: its indicator systems, rules, settings and every unit's targets.</summary>
    internal static async Task<IReadOnlyList<string>> ValidateYearAsync(BatonDbContext db, int year, CancellationToken ct)
    {
        var (input, problems) = (await SnapshotLoader.LoadAsync(db, year, ct)).ToYearInput();
        return input is null ? problems : IndicatorValidation.Validate(input);
    }

    /// <summary>
    /// The inputs hash the year's data would give if computed now, to compare with a stored snapshot's
    /// <see cref="ResultSnapshot.InputsHash"/>; null when the data cannot be mapped to the engine's input.
    /// </summary>
    internal static async Task<string?> CurrentInputsHashAsync(BatonDbContext db, int year, CancellationToken ct)
    {
        var (input, _) = (await SnapshotLoader.LoadAsync(db, year, ct)).ToYearInput();
        return input is null ? null : EngineSnapshot.HashInputs(input);
    }

    /// <summary>
    /// Every unit of <paramref name="year"/> that lacks a weighted component, with the components' codes and
    /// names (DESIGN.md §5.2: listed before scoring, never a silent 0). Empty when the year is complete. Fails
    /// when the year does not exist or its inputs cannot be built (the problems are then listed instead).
    /// Unit-scoped users get their own unit only.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<MissingComponentRow>>> MissingComponentsAsync(int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Years.AnyAsync(y => y.Year == year, ct))
        {
            return Outcome.Fail<IReadOnlyList<MissingComponentRow>>($"{year} 年度不存在。");
        }
        var (input, problems) = (await SnapshotLoader.LoadAsync(db, year, ct)).ToYearInput();
        if (input is null)
        {
            return Outcome.Fail<IReadOnlyList<MissingComponentRow>>(Problems("无法计分", problems));
        }
        var ids = await db.CategoryMemberships.Where(m => m.Year == year)
            .Join(db.Units, m => m.UnitId, u => u.Id, (m, u) => new { u.Code, u.Id }).ToDictionaryAsync(u => u.Code, u => u.Id, StringComparer.Ordinal, ct);
        return ScoringEngine.MissingComponents(input)
            .GroupBy(m => (m.CategoryCode, m.UnitId))
            .Where(g => user.MaySee(ids[g.Key.UnitId]))
            .Select(g => new MissingComponentRow(ids[g.Key.UnitId], g.Key.UnitId, g.First().UnitName, g.Key.CategoryCode, g.First().CategoryName,
                [.. g.Select(m => m.ComponentCode)], [.. g.Select(m => m.ComponentName)]))
            .ToList();
    }

    /// <summary>
    /// The refusal for missing components, in Chinese: every (unit, component) pair, grouped by category and
    /// component so that a county reads one line per gap and a province stays readable.
    /// </summary>
    internal static string MissingMessage(int year, IReadOnlyList<MissingComponent> missing)
    {
        var units = missing.Select(m => m.UnitId).Distinct(StringComparer.Ordinal).Count();
        var lines = missing.GroupBy(m => (m.CategoryCode, m.CategoryName, m.ComponentCode, m.ComponentName))
            .Select(g => $"{g.Key.CategoryName}：缺“{g.Key.ComponentName}”（{g.Key.ComponentCode}）{g.Count()} 个单位——"
                + string.Join("、", g.Select(m => $"{m.UnitName}（{m.UnitId}）")));
        return $"{year} 年度有 {units} 个单位缺少考核构成得分，不能计分（没有来源的考核构成不能按 0 分计）：\n"
            + string.Join("\n", lines)
            + "\n请完成并校准相应的评议轮次，或由考核办手工录入并注明来源后再计分。";
    }

    internal static string Problems(string title, IReadOnlyList<string> problems) =>
        $"{title}，有 {problems.Count} 个问题：\n" + string.Join("\n", problems.Take(50)) + (problems.Count > 50 ? $"\n……另有 {problems.Count - 50} 个问题" : "");

    public async Task<SnapshotRow?> LatestAsync(int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ResultSnapshots.AsNoTracking().LatestFirst(year).Select(RowOf).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Why the signed-in user may not see <paramref name="year"/>'s results yet, or null when they may: a unit's own
    /// users see them from 结果公示 on (the year gate); the office, leaders and overseers always.
    /// </summary>
    public async Task<string?> HiddenReasonAsync(int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await HiddenAsync(db, year, ct);
    }

    private async Task<string?> HiddenAsync(BatonDbContext db, int year, CancellationToken ct) =>
        user.SeesAllUnits ? null : await YearGate.RefusalAsync(db, year, YearActivity.UnitSeesResults, ct);

    /// <summary>The latest snapshot's ranking; unit-scoped users get only their own unit's row, and only once results are public.</summary>
    public async Task<Ranking?> RankingAsync(int year, string? categoryCode = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await HiddenAsync(db, year, ct) is not null)
        {
            return null;
        }
        var snapshot = await db.ResultSnapshots.AsNoTracking().LatestFirst(year).Select(RowOf).FirstOrDefaultAsync(ct);
        return snapshot is null ? null : await RankingOfAsync(db, snapshot, categoryCode, ct);
    }

    /// <summary>The ranking of a given snapshot (e.g. the one just computed).</summary>
    public async Task<Ranking> RankingAsync(SnapshotRow snapshot, string? categoryCode = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await RankingOfAsync(db, snapshot, categoryCode, ct);
    }

    /// <summary>The ranking as an Excel sheet: one row per unit, one column per component name.</summary>
    public static void WriteRankingExcel(Ranking ranking, Stream stream)
    {
        var components = ranking.Categories.SelectMany(c => c.Units).SelectMany(u => u.Components).Select(c => c.Name).Distinct().ToList();
        List<string> headers = ["考核类别", "排名", "单位代码", "单位名称", "综合得分", .. components, "加分", "减分", "等次", "一票否决", "等次封顶", "目标奖（元）"];
        var rows = ranking.Categories.SelectMany(c => c.Units.Select(u => (IReadOnlyList<object?>)
        [
            c.Name, u.Rank, u.UnitCode, u.UnitName, u.Overall,
            .. components.Select(name => u.Components.FirstOrDefault(x => x.Name == name) is { } x ? (object?)x.Score : null),
            u.Bonus, u.Deduction, u.Grade, u.Vetoed ? "是" : "", u.Capped ? "是" : "", u.Award,
        ]));
        ExcelSheet.Write(stream, headers, rows, "考核结果");
    }

    internal async Task<Ranking> RankingOfAsync(BatonDbContext db, SnapshotRow snapshot, string? categoryCode, CancellationToken ct)
    {
        var query = db.SnapshotUnits.AsNoTracking().Where(u => u.SnapshotId == snapshot.Id);
        if (!string.IsNullOrEmpty(categoryCode))
        {
            query = query.Where(u => u.CategoryCode == categoryCode);
        }
        if (!user.SeesAllUnits)
        {
            var own = await HiddenAsync(db, snapshot.Year, ct) is null ? user.UnitId ?? -1 : -1;
            query = query.Where(u => u.UnitId == own);
        }
        var rows = await query.ToListAsync(ct);
        var categories = rows.GroupBy(r => (r.CategoryCode, r.CategoryName)).OrderBy(g => g.Key.CategoryCode, StringComparer.Ordinal)
            .Select(g => new RankingCategory(g.Key.CategoryCode, g.Key.CategoryName, g.OrderBy(r => r.Rank).ThenBy(r => r.UnitCode, StringComparer.Ordinal)
                .Select(r => new RankingRow(r.UnitId, r.UnitCode, r.UnitName, r.Rank, r.Overall, r.IndicatorScore, r.Bonus, r.Deduction, r.Grade, r.Vetoed, r.Capped, r.Award,
                    System.Text.Json.JsonSerializer.Deserialize<List<ComponentRow>>(r.Components, RuleSpec.Json) ?? []))
                .ToList()))
            .ToList();
        return new Ranking(snapshot, categories);
    }

    /// <summary>Bootstrap replicates and seed of the rank uncertainty: fixed, so the office sees the same answer every time.</summary>
    public const int UncertaintyReplicates = 1000;

    public const ulong UncertaintySeed = 2025;

    /// <summary>
    /// Rank uncertainty of the latest snapshot of <paramref name="year"/> (DESIGN.md §5.4): the raters of every
    /// calibrated rating round are resampled, each round recalibrated (numeric rounds with the additive model,
    /// grade rounds with the Rasch model), and the whole overall score — ranks, grades, quotas — recomputed,
    /// <see cref="UncertaintyReplicates"/> times. Units whose grade the data cannot settle are flagged; the
    /// report says which components were held at their published values and why. Unit-scoped users get their
    /// own unit's row only.
    /// </summary>
    public async Task<Outcome<UncertaintyReport>> UncertaintyAsync(int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await HiddenAsync(db, year, ct) is { } hidden)
        {
            return Outcome.Fail<UncertaintyReport>(hidden);
        }
        var snapshot = await db.ResultSnapshots.AsNoTracking().LatestFirst(year).FirstOrDefaultAsync(ct);
        if (snapshot is null)
        {
            return Outcome.Fail<UncertaintyReport>($"{year} 年度尚未计分。");
        }
        var (input, problems) = SnapshotInputs.FromGzip(snapshot.Inputs).ToYearInput();
        if (input is null)
        {
            return Outcome.Fail<UncertaintyReport>(Problems("无法重建计分输入", problems));
        }
        var codes = input.Categories.SelectMany(c => c.Components).Select(c => c.Code).Distinct().ToList();
        var rounds = await Ratings.RatingInputs.ResampledAsync(db, year, codes, ct);
        var ids = await db.SnapshotUnits.AsNoTracking().Where(u => u.SnapshotId == snapshot.Id).ToDictionaryAsync(u => u.UnitCode, u => u.UnitId, ct);
        var result = await Task.Run(() => RankBootstrap.Run(input, rounds, UncertaintyReplicates, UncertaintySeed), ct);
        var units = result.Units.Where(u => user.MaySee(ids[u.UnitId]))
            .Select(u => new UncertaintyRow(ids[u.UnitId], u.LowerRank, u.UpperRank, u.GradeProbabilities, u.BoundaryGrade,
                u.ProbabilityOfBetterGrade, u.CannotBeToldApart))
            .ToList();
        return new UncertaintyReport(units, result.Resampled, result.Held, result.Replicates);
    }

    /// <summary>The unit's full explanation from the latest snapshot, rebuilt by re-running the engine on the stored inputs.</summary>
    public async Task<Outcome<TraceNode>> TraceAsync(int year, long unitId, CancellationToken ct = default)
    {
        if (!user.MaySee(unitId))
        {
            return Outcome.Fail<TraceNode>(Outcome.NotFound);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await HiddenAsync(db, year, ct) is { } hidden)
        {
            return Outcome.Fail<TraceNode>(hidden);
        }
        var snapshot = await db.ResultSnapshots.AsNoTracking().LatestFirst(year).FirstOrDefaultAsync(ct);
        if (snapshot is null)
        {
            return Outcome.Fail<TraceNode>($"{year} 年度尚未计分。");
        }
        var code = await db.SnapshotUnits.Where(u => u.SnapshotId == snapshot.Id && u.UnitId == unitId).Select(u => u.UnitCode).SingleOrDefaultAsync(ct);
        if (code is null)
        {
            return Outcome.Fail<TraceNode>(Outcome.NotFound);
        }
        var (input, problems) = SnapshotInputs.FromGzip(snapshot.Inputs).ToYearInput();
        if (input is null)
        {
            return Outcome.Fail<TraceNode>(Problems("无法重建得分说明", problems));
        }
        return ScoringEngine.Score(input).Explain(code);
    }

    private static readonly System.Linq.Expressions.Expression<Func<ResultSnapshot, SnapshotRow>> RowOf =
        s => new SnapshotRow(s.Id, s.Year, s.Hash, s.InputsHash, s.ResultHash, s.RuleVersion, s.CreatedAt, s.CreatedBy, s.Units);

    private static readonly Func<ResultSnapshot, SnapshotRow> ToRow = RowOf.Compile();
}
