using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Baton.Core.Accounts;
using Baton.Core.Indicators;
using Baton.Core.Targets;
using Baton.Core.Years;
using Baton.Scoring.Indicators;
using Baton.Scoring.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using EngineSnapshot = Baton.Scoring.Results.ResultSnapshot;

namespace Baton.Core.Results;

public sealed record SnapshotRow(long Id, int Year, string Hash, string InputsHash, string ResultHash, string RuleVersion, DateTime CreatedAt, string CreatedBy, int Units);

public sealed record ComponentRow(string Code, string Name, decimal Weight, decimal Score, bool HandEntered, bool Missing);

public sealed record RankingRow(
    long UnitId, string UnitCode, string UnitName, int Rank, decimal Overall, decimal IndicatorScore, decimal Bonus, decimal Deduction,
    string Grade, bool Vetoed, bool Capped, decimal Award, IReadOnlyList<ComponentRow> Components);

public sealed record RankingCategory(string Code, string Name, IReadOnlyList<RankingRow> Units);

public sealed record Ranking(SnapshotRow Snapshot, IReadOnlyList<RankingCategory> Categories);

/// <summary>How sure a unit's place is (see <see cref="RankBootstrap"/>): 90% rank interval and grade probabilities.</summary>
public sealed record UncertaintyRow(
    long UnitId, int LowerRank, int UpperRank, IReadOnlyDictionary<string, double> GradeProbabilities,
    string? BoundaryGrade, double ProbabilityOfBetterGrade, bool CannotBeToldApart);

public sealed record ComponentScoreRow(long Id, long UnitId, string UnitCode, string UnitName, string Code, decimal Score, decimal FullScore, string EnteredBy, string? Note, long Version);

/// <summary>
/// Results (DESIGN.md §5): maps the year's entities to the engine's input, scores them with
/// <see cref="ScoringEngine"/>, stores a <see cref="ResultSnapshot"/> and reads results back. Only the
/// office computes; the office, leaders and overseers read everything; a unit's own users read only
/// their own unit.
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
        if (state == YearState.Draft)
        {
            return Outcome.Fail<SnapshotRow>($"{year} 年度尚在草拟指标阶段，目标下达后才能计分。");
        }
        var data = await LoadAsync(db, year, ct);
        // The stored inputs are compressed on the other core while the engine works.
        var inputsBlob = Task.Run(data.ToGzip, ct);
        var (input, problems) = data.ToYearInput();
        if (input is not null)
        {
            problems = IndicatorValidation.Validate(input);
        }
        if (problems.Count > 0)
        {
            return Outcome.Fail<SnapshotRow>(Problems("无法计分", problems));
        }
        var result = ScoringEngine.Score(input!);
        var engine = EngineSnapshot.Create(result);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(engine.InputsHash + "\n" + engine.ResultHash)));
        var existing = await db.ResultSnapshots.AsNoTracking().Where(s => s.Year == year && s.Hash == hash).Select(RowOf).SingleOrDefaultAsync(ct);
        if (existing is not null)
        {
            return existing;
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
            Units = input!.Units.Length,
            Inputs = await inputsBlob,
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
        return RowOf.Compile()(snapshot);
    }

    /// <summary>Checks that the year can leave Draft: its indicator systems, rules, settings and every unit's targets.</summary>
    internal static async Task<IReadOnlyList<string>> ValidateYearAsync(BatonDbContext db, int year, CancellationToken ct)
    {
        var data = await LoadAsync(db, year, ct);
        // The stored inputs are compressed on the other core while the engine works.
        var inputsBlob = Task.Run(data.ToGzip, ct);
        var (input, problems) = data.ToYearInput();
        return input is null ? problems : IndicatorValidation.Validate(input);
    }

    internal static string Problems(string title, IReadOnlyList<string> problems) =>
        $"{title}，有 {problems.Count} 个问题：\n" + string.Join("\n", problems.Take(50)) + (problems.Count > 50 ? $"\n……另有 {problems.Count - 50} 个问题" : "");

    public async Task<SnapshotRow?> LatestAsync(int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ResultSnapshots.AsNoTracking().Where(s => s.Year == year).OrderByDescending(s => s.Id).Select(RowOf).FirstOrDefaultAsync(ct);
    }

    /// <summary>The latest snapshot's ranking; unit-scoped users get only their own unit's row.</summary>
    public async Task<Ranking?> RankingAsync(int year, string? categoryCode = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var snapshot = await db.ResultSnapshots.AsNoTracking().Where(s => s.Year == year).OrderByDescending(s => s.Id).Select(RowOf).FirstOrDefaultAsync(ct);
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
            var own = user.UnitId ?? -1;
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

    /// <summary>The unit's full explanation from the latest snapshot, rebuilt by re-running the engine on the stored inputs.</summary>
    /// <summary>Bootstrap replicates and seed of the rank uncertainty: fixed, so the office sees the same answer every time.</summary>
    public const int UncertaintyReplicates = 1000;

    public const ulong UncertaintySeed = 2025;

    /// <summary>
    /// Rank uncertainty of the latest snapshot of <paramref name="year"/> (DESIGN.md §5.4): the raters of every
    /// calibrated rating round are resampled, each round recalibrated, and the whole overall score — ranks,
    /// grades, quotas — recomputed, <see cref="UncertaintyReplicates"/> times. Units whose grade the data
    /// cannot settle are flagged. Unit-scoped users get their own unit's row only.
    /// </summary>
    public async Task<Outcome<IReadOnlyList<UncertaintyRow>>> UncertaintyAsync(int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var snapshot = await db.ResultSnapshots.AsNoTracking().Where(s => s.Year == year).OrderByDescending(s => s.Id).FirstOrDefaultAsync(ct);
        if (snapshot is null)
        {
            return Outcome.Fail<IReadOnlyList<UncertaintyRow>>($"{year} 年度尚未计分。");
        }
        var (input, problems) = SnapshotInputs.FromGzip(snapshot.Inputs).ToYearInput();
        if (input is null)
        {
            return Outcome.Fail<IReadOnlyList<UncertaintyRow>>(Problems("无法重建计分输入", problems));
        }
        var codes = input.Categories.SelectMany(c => c.Components).Select(c => c.Code).Distinct().ToList();
        var rounds = await Ratings.CalibrationService.ResampledComponentsAsync(db, year, codes, ct);
        var ids = await db.SnapshotUnits.AsNoTracking().Where(u => u.SnapshotId == snapshot.Id).ToDictionaryAsync(u => u.UnitCode, u => u.UnitId, ct);
        var summary = await Task.Run(() => RankBootstrap.Run(input, rounds, UncertaintyReplicates, UncertaintySeed), ct);
        return summary.Where(u => user.MaySee(ids[u.UnitId]))
            .Select(u => new UncertaintyRow(ids[u.UnitId], u.LowerRank, u.UpperRank, u.GradeProbabilities, u.BoundaryGrade,
                u.ProbabilityOfBetterGrade, u.CannotBeToldApart))
            .ToList();
    }

    public async Task<Outcome<TraceNode>> TraceAsync(int year, long unitId, CancellationToken ct = default)
    {
        if (!user.MaySee(unitId))
        {
            return Outcome.Fail<TraceNode>(Outcome.NotFound);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var snapshot = await db.ResultSnapshots.AsNoTracking().Where(s => s.Year == year).OrderByDescending(s => s.Id).FirstOrDefaultAsync(ct);
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

    public async Task<IReadOnlyList<ComponentScoreRow>> ComponentScoresAsync(int year, CancellationToken ct = default)
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
    public async Task<Outcome> SetComponentScoreAsync(int year, long unitId, string code, decimal score, decimal fullScore, string? note, CancellationToken ct = default)
    {
        if (!MayCompute)
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

    private static readonly System.Linq.Expressions.Expression<Func<ResultSnapshot, SnapshotRow>> RowOf =
        s => new SnapshotRow(s.Id, s.Year, s.Hash, s.InputsHash, s.ResultHash, s.RuleVersion, s.CreatedAt, s.CreatedBy, s.Units);

    /// <summary>
    /// Every target and actual value of the year, by unit. This is the one large read (1.5 million rows for a
    /// province), so it goes through a data reader straight into <see cref="ValueData"/> rather than through
    /// EF's materializer and an intermediate list.
    /// </summary>
    private static async Task<Dictionary<long, List<ValueData>>> ValuesAsync(BatonDbContext db, int year, Dictionary<long, Indicator> leaves, CancellationToken ct)
    {
        var byUnit = new Dictionary<long, List<ValueData>>();
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(ct);
        }
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = "SELECT \"UnitId\", \"IndicatorId\", \"Value\", \"ReportedActual\", \"AuthoritativeActual\", \"AuthoritativeSource\", "
                + "\"Grade\", \"MonthlyPlan\", \"MonthlyActual\", \"Evidence\", \"ApprovedBy\", \"Status\" FROM \"Targets\" WHERE \"Year\" = @year";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@year";
            parameter.Value = year;
            command.Parameters.Add(parameter);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (!leaves.TryGetValue(reader.GetInt64(1), out var leaf))
                {
                    continue;
                }
                decimal? Number(int i) => reader.IsDBNull(i) ? null : reader.GetDecimal(i);
                string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
                // Which value counts, and why an unchecked report does not, is the target's rule.
                var counted = Target.Counted(leaf.Source, Number(3), Number(4), Text(5) is { } source ? Enum.Parse<DataSource>(source) : null,
                    Text(11) is { } status ? Enum.Parse<ReportStatus>(status) : ReportStatus.None);
                var unit = reader.GetInt64(0);
                if (!byUnit.TryGetValue(unit, out var list))
                {
                    byUnit[unit] = list = [];
                }
                list.Add(new ValueData(leaf.Code, Number(2), counted.Value, Text(6), Text(7), Text(8), counted.Source, Text(9), Text(10)));
            }
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        return byUnit;
    }

    /// <summary>Loads everything the engine needs for the year, with projections (no tracking).</summary>
    internal static async Task<SnapshotInputs> LoadAsync(BatonDbContext db, int year, CancellationToken ct)
    {
        var settings = await db.YearSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Year == year, ct) ?? new YearSettings { Year = year };
        var categories = await db.UnitCategories.AsNoTracking().Where(c => c.Year == year).OrderBy(c => c.Code).ToListAsync(ct);
        var categorySettings = await db.CategorySettings.AsNoTracking().Where(s => categories.Select(c => c.Id).Contains(s.CategoryId)).ToDictionaryAsync(s => s.CategoryId, ct);
        var unitCodes = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => (u.Code, u.Name), ct);
        var nodes = await db.Indicators.AsNoTracking().Where(i => i.Year == year).ToListAsync(ct);
        var codeOf = nodes.ToDictionary(n => n.Id, n => n.Code);
        var members = await db.CategoryMemberships.AsNoTracking().Where(m => m.Year == year).Select(m => new { m.UnitId, m.CategoryId }).ToListAsync(ct);
        var memberCategories = members.Select(m => m.CategoryId).ToHashSet();
        var nodesByCategory = nodes.ToLookup(n => n.CategoryId);

        var categoryData = new List<CategoryData>();
        var categoryCodes = new Dictionary<long, string>();
        foreach (var c in categories)
        {
            // A category with neither units nor indicators is not part of the year's appraisal.
            if (!memberCategories.Contains(c.Id) && !nodesByCategory[c.Id].Any())
            {
                continue;
            }
            categoryCodes[c.Id] = c.Code;
            var s = categorySettings.GetValueOrDefault(c.Id) ?? RuleSpec.DefaultSettings(c.Id);
            categoryData.Add(new CategoryData(c.Code, c.Name, s.TotalPoints, s.BonusCap, s.DeductionCap, s.AwardBase, s.TieBreak,
                RuleSpec.ToComponents(s), RuleSpec.ToGradePolicy(s),
                [.. nodesByCategory[c.Id].Select(n => new NodeData(n.Code, n.Name, n.ParentId is { } p ? codeOf[p] : null, n.IsGroup, n.Points, n.Weight,
                    n.Rule, n.RuleParameters, n.Measure, n.LeadUnitId is { } lead ? unitCodes[lead].Name : null, n.Order))]));
        }

        var valuesByUnit = await ValuesAsync(db, year, nodes.Where(n => !n.IsGroup).ToDictionary(n => n.Id), ct);
        var adjustments = (await db.AdjustmentEvents.AsNoTracking().Where(a => a.Year == year && a.ApprovedBy != null).ToListAsync(ct)).ToLookup(a => a.UnitId);
        var components = (await db.ComponentScores.AsNoTracking().Where(c => c.Year == year).ToListAsync(ct)).ToLookup(c => c.UnitId);
        // Calibrated ratings feed their components; a hand-entered value stands in only where no calibrated round rated the unit.
        var rated = await Ratings.CalibrationService.ComponentValuesAsync(db, year, ct);

        var units = new List<UnitData>(members.Count);
        foreach (var m in members)
        {
            if (!categoryCodes.TryGetValue(m.CategoryId, out var category))
            {
                continue;
            }
            var (code, name) = unitCodes[m.UnitId];
            units.Add(new UnitData(code, name, category,
                valuesByUnit.GetValueOrDefault(m.UnitId) ?? [],
                rated[m.UnitId]
                    .Concat(components[m.UnitId].Where(c => !rated[m.UnitId].Any(r => r.Code == c.Code))
                        .Select(c => new ComponentValue(c.Code, c.Score, c.FullScore) { HandEntered = true, EnteredBy = c.EnteredBy, Note = c.Note }))
                    .ToList() is { Count: > 0 } cs ? cs : null,
                adjustments[m.UnitId].Select(a => new Adjustment(a.Kind, a.Points, a.Reason)
                {
                    MaxGrade = a.MaxGrade,
                    Evidence = a.EvidenceHash,
                    EnteredBy = a.EnteredBy,
                    ApprovedBy = a.ApprovedBy,
                }).ToList() is { Count: > 0 } adj ? adj : null));
        }
        return new SnapshotInputs(year, settings.AwardBudget, settings.Decimals, settings.RuleVersion, categoryData, units);
    }
}
