using Baton.Core.Years;
using Baton.Scoring.Planning;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Planning;

public sealed record SuperiorTargetImportResult(int Rows, bool AlreadyImported);

/// <summary>Import of the city's targets from the city's Excel, and its template.</summary>
public sealed partial class SuperiorTargetService
{
    public const string ColumnCode = "任务编码";
    public const string ColumnName = "任务名称";
    public const string ColumnMeasure = "计量单位";
    public const string ColumnCityValue = "市下达目标值";
    public const string ColumnType = "指标类型";
    public const string ColumnPoints = "市考分值";
    public const string ColumnAggregation = "校核方式";
    public const string ColumnMargin = "抬高幅度（%）";
    public const string ColumnLeaves = "对应县级指标编码";
    public const string ColumnNote = "备注";

    public static readonly IReadOnlyList<string> Columns =
        [ColumnCode, ColumnName, ColumnMeasure, ColumnCityValue, ColumnType, ColumnPoints, ColumnAggregation, ColumnMargin, ColumnLeaves, ColumnNote];

    private static readonly string[] s_required = [ColumnCode, ColumnName, ColumnCityValue, ColumnType];

    public static void WriteTemplate(Stream stream) =>
        ExcelSheet.Write(stream, Columns,
        [
            ["SK01", "地区生产总值", "亿元", "120", "总量", "10", "合计不低于", "5", "A1", "市考核办下达"],
            ["SK02", "规上工业增加值占比", "%", "35", "结构", "8", "不校核", "", "", ""],
            ["SK03", "万元GDP能耗下降", "%", "3", "质量效益", "6", "合计不高于", "", "", ""],
        ], "市考任务");

    private static Aggregation? ParseAggregation(string text) => text.Length == 0
        ? Aggregation.None
        : Enum.GetValues<Aggregation>().Select(a => (Aggregation?)a).FirstOrDefault(a => AggregationName(a!.Value) == text);

    private static IndicatorType? ParseType(string text) =>
        Enum.GetValues<IndicatorType>().Select(t => (IndicatorType?)t).FirstOrDefault(t => IndicatorBalance.Name(t) == text);

    /// <summary>
    /// Imports the city's targets for a year, all or nothing: rows are matched by task code (an existing task is
    /// updated, so the same file twice changes nothing), the linked county leaves are named by code (a code names the
    /// same-coded leaf in every category of the year). Shares already given stay.
    /// </summary>
    public async Task<Outcome<SuperiorTargetImportResult>> ImportAsync(int year, Stream file, string fileName, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail<SuperiorTargetImportResult>(Outcome.Forbidden);
        }
        var upload = await ExcelSheet.UploadAsync(file, s_required, ct);
        if (!upload.Ok)
        {
            return Outcome.Fail<SuperiorTargetImportResult>(upload.Error!);
        }
        var (hash, rows) = upload.Value!;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await YearGate.RefusalAsync(db, year, YearActivity.SetTargets, ct) is { } refusal)
        {
            return Outcome.Fail<SuperiorTargetImportResult>(refusal);
        }
        var kind = $"superior-targets-{year}";
        if (await db.Imports.AnyAsync(i => i.Kind == kind && i.FileHash == hash, ct))
        {
            return new SuperiorTargetImportResult(0, AlreadyImported: true);
        }
        var leaves = await LeavesAsync(db, year, ct);
        var leavesByCode = leaves.ToLookup(l => l.Value.Code, l => l.Key, StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var parsed = new List<SuperiorTargetInput>();
        foreach (var row in rows)
        {
            var before = errors.Count;
            void Bad(string column, string message) => errors.Add($"第 {row.Number} 行「{column}」：{message}");
            var code = ImportText.ToHalfWidth(row[ColumnCode]).Trim();
            if (code.Length == 0)
            {
                Bad(ColumnCode, "不能为空。");
            }
            else if (seen.TryGetValue(code, out var first))
            {
                Bad(ColumnCode, $"「{code}」与第 {first} 行重复。");
            }
            else
            {
                seen[code] = row.Number;
            }
            var (value, valueProblem) = row.ReadNumber(ColumnCityValue);
            if (valueProblem is not null)
            {
                Bad(ColumnCityValue, valueProblem);
            }
            else if (value is null)
            {
                Bad(ColumnCityValue, "不能为空。");
            }
            var type = ParseType(row[ColumnType]);
            if (type is null)
            {
                Bad(ColumnType, $"「{row[ColumnType]}」不是指标类型；应填「总量」「结构」或「质量效益」。");
            }
            var (points, pointsProblem) = row.ReadNumber(ColumnPoints, allowThousands: false);
            if (pointsProblem is not null)
            {
                Bad(ColumnPoints, pointsProblem);
            }
            var aggregation = ParseAggregation(row[ColumnAggregation]);
            if (aggregation is null)
            {
                Bad(ColumnAggregation, $"「{row[ColumnAggregation]}」不是校核方式；应填{string.Join("、", Enum.GetValues<Aggregation>().Select(a => $"「{AggregationName(a)}」"))}，留空为不校核。");
            }
            var (margin, marginProblem) = row.ReadNumber(ColumnMargin, allowThousands: false);
            if (marginProblem is not null)
            {
                Bad(ColumnMargin, marginProblem);
            }
            var linked = new List<long>();
            foreach (var leafCode in ImportText.ToHalfWidth(row[ColumnLeaves]).Split(['、', ';', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var found = leavesByCode[leafCode].ToList();
                if (found.Count == 0)
                {
                    Bad(ColumnLeaves, $"{year} 年度没有编码为「{leafCode}」的末级指标。");
                }
                linked.AddRange(found);
            }
            if (errors.Count > before)
            {
                continue;
            }
            var input = new SuperiorTargetInput(year, code, row[ColumnName], row[ColumnMeasure], value!.Value, type!.Value, points, aggregation!.Value,
                (margin ?? 0) / 100, row[ColumnNote], linked);
            if (Check(input, leaves) is { } problem)
            {
                errors.Add($"第 {row.Number} 行：{problem}");
                continue;
            }
            parsed.Add(input);
        }
        if (errors.Count > 0)
        {
            return Outcome.Fail<SuperiorTargetImportResult>($"文件有 {errors.Count} 处错误，未导入任何数据：\n" + string.Join("\n", errors));
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ActAs(user);
        var existing = await db.SuperiorTargets.Where(t => t.Year == year).ToDictionaryAsync(t => t.Code, StringComparer.Ordinal, ct);
        var saved = new List<(SuperiorTarget Entity, IReadOnlyList<long> Leaves)>();
        foreach (var input in parsed)
        {
            if (!existing.TryGetValue(input.Code, out var entity))
            {
                entity = new SuperiorTarget { Year = year, Code = "", Name = "" };
                db.SuperiorTargets.Add(entity);
            }
            Apply(entity, input);
            saved.Add((entity, input.IndicatorIds));
        }
        await db.SaveChangesAsync(ct);
        foreach (var (entity, linked) in saved)
        {
            await ReplaceLinksAsync(db, entity.Id, linked, ct);
        }
        db.Imports.Add(new ImportRecord { Kind = kind, FileHash = hash, FileName = Path.GetFileName(fileName), By = user.UserName, At = db.UtcNow, Rows = rows.Count });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new SuperiorTargetImportResult(parsed.Count, AlreadyImported: false);
    }
}
