using Baton.Core.Indicators;
using Baton.Core.Units;
using Baton.Core.Years;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Targets;

public sealed record TargetImportResult(int Rows, bool AlreadyImported);

/// <summary>Excel export of targets and actual values; import of targets and of the statistics bureau's actual values.</summary>
public sealed partial class TargetService
{
    public const string ColumnUnit = "单位代码";
    public const string ColumnUnitName = "单位名称";
    public const string ColumnIndicator = "指标编码";
    public const string ColumnIndicatorName = "指标名称";
    public const string ColumnMeasure = "计量单位";
    public const string ColumnTarget = "目标值";
    public const string ColumnPlan = "月度计划（累计，分号分隔）";
    public const string ColumnReported = "单位自报值";
    public const string ColumnActual = "实际值";
    public const string ColumnSource = "核定值来源";

    public static readonly IReadOnlyList<string> ExportColumns =
        [ColumnUnit, ColumnUnitName, ColumnIndicator, ColumnIndicatorName, ColumnMeasure, ColumnTarget, ColumnPlan, ColumnReported, ColumnActual, ColumnSource];

    public static void WriteTargetTemplate(Stream stream) =>
        ExcelSheet.Write(stream, [ColumnUnit, ColumnIndicator, ColumnTarget, ColumnPlan], [["T01", "A1", 1200, ""], ["T01", "A2", "", "10;20;30;40;50;60;70;80;90;100;110;120"]], "目标值");

    public static void WriteStatisticsTemplate(Stream stream) =>
        ExcelSheet.Write(stream, [ColumnUnit, ColumnIndicator, ColumnActual], [["T01", "A1", 1234.5]], "统计数据");

    /// <summary>
    /// Reads a monthly plan (cumulative values, 月度计划): months are separated by semicolons (half- or full-width), each
    /// month a number by the import rule, so a comma may only group thousands. A plan with commas and no semicolon is
    /// refused: "100,200,300" could be three months or one figure, and no one should have to guess which.
    /// </summary>
    internal static (IReadOnlyList<decimal>? Months, string? Problem) ReadPlan(string plan)
    {
        var text = ImportText.ToHalfWidth(plan);
        if (!text.Contains(';', StringComparison.Ordinal) && text.Contains(',', StringComparison.Ordinal))
        {
            return (null, $"月度计划「{plan.Trim()}」有歧义：各月之间请用分号分隔（如 10;25;40），逗号只能作千位分隔符。");
        }
        var parts = text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length > 12)
        {
            return (null, "月度计划最多 12 个月。");
        }
        var months = new List<decimal>(parts.Length);
        foreach (var part in parts)
        {
            if (!ImportText.TryParseNumber(part, allowThousands: true, out var month, out var problem))
            {
                return (null, $"月度计划第 {months.Count + 1} 个月：{problem}（各月累计值用分号分隔，如 10;25;40）");
            }
            if (month < 0)
            {
                return (null, $"月度计划第 {months.Count + 1} 个月「{part}」不能为负。");
            }
            if (months.Count > 0 && month < months[^1])
            {
                return (null, "月度计划是累计值，后一个月不能小于前一个月。");
            }
            months.Add(month);
        }
        return (months, null);
    }

    /// <summary>Every visible target of the year with its reported and authoritative values.</summary>
    public async Task WriteExportAsync(int year, Stream stream, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var categories = await db.UnitCategories.AsNoTracking().Where(c => c.Year == year).OrderBy(c => c.Code).Select(c => c.Id).ToListAsync(ct);
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var category in categories)
        {
            foreach (var r in await GridAsync(category, ct))
            {
                rows.Add([r.UnitCode, r.UnitName, r.IndicatorCode, r.IndicatorName, r.Measure, r.Value, r.MonthlyPlan, r.ReportedActual, r.AuthoritativeActual,
                    r.AuthoritativeSource is { } s ? RuleSpec.SourceName(s) : null]);
            }
        }
        ExcelSheet.Write(stream, ExportColumns, rows, "目标值");
    }

    /// <summary>Imports targets, all or nothing; rows are matched by unit code and indicator code, so the same data twice changes nothing.</summary>
    public Task<Outcome<TargetImportResult>> ImportTargetsAsync(int year, Stream file, string fileName, CancellationToken ct = default) =>
        ImportAsync(year, file, fileName, statistics: false, ct);

    /// <summary>Imports the statistics bureau's actual values as authoritative figures, all or nothing.</summary>
    public Task<Outcome<TargetImportResult>> ImportStatisticsAsync(int year, Stream file, string fileName, CancellationToken ct = default) =>
        ImportAsync(year, file, fileName, statistics: true, ct);

    private async Task<Outcome<TargetImportResult>> ImportAsync(int year, Stream file, string fileName, bool statistics, CancellationToken ct)
    {
        if (!MayManage)
        {
            return Outcome.Fail<TargetImportResult>(Outcome.Forbidden);
        }
        var kind = statistics ? $"statistics-{year}" : $"targets-{year}";
        var upload = await ExcelSheet.UploadAsync(file, statistics ? [ColumnUnit, ColumnIndicator, ColumnActual] : [ColumnUnit, ColumnIndicator, ColumnTarget], ct);
        if (!upload.Ok)
        {
            return Outcome.Fail<TargetImportResult>(upload.Error!);
        }
        var (hash, rows) = upload.Value!;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var state = statistics
            ? await YearGate.RefusalAsync(db, year, YearActivity.ReviewProgress, ct)
            : await YearGate.RefusalAsync(db, year, YearActivity.SetTargets, ct);
        if (state is not null)
        {
            return Outcome.Fail<TargetImportResult>(state);
        }
        if (await db.Imports.AnyAsync(i => i.Kind == kind && i.FileHash == hash, ct))
        {
            return new TargetImportResult(0, AlreadyImported: true);
        }
        var context = await ContextAsync(db, year, ct);
        var issued = statistics ? [] : await TargetIssuanceService.IssuedUnitsAsync(db, year, ct);
        var errors = new List<string>();
        var seen = new Dictionary<(long, long), int>();
        var parsed = new List<(long Unit, Indicator Leaf, decimal? Value, string? Plan)>();
        foreach (var row in rows)
        {
            void Bad(string column, string message) => errors.Add($"第 {row.Number} 行「{column}」：{message}");
            var unitCode = Unit.NormaliseCode(row[ColumnUnit]);
            if (!context.UnitByCode.TryGetValue(unitCode, out var unitId))
            {
                Bad(ColumnUnit, unitCode.Length == 0 ? "不能为空。" : $"{year} 年度没有参加考核的单位「{row[ColumnUnit]}」。");
                continue;
            }
            if (issued.Contains(unitId))
            {
                Bad(ColumnUnit, IssuedRefusal);
                continue;
            }
            if (!context.LeafByCode.TryGetValue((context.CategoryOf[unitId], row[ColumnIndicator]), out var leaf))
            {
                Bad(ColumnIndicator, $"单位所在考核类别没有末级指标「{row[ColumnIndicator]}」。");
                continue;
            }
            if (seen.TryGetValue((unitId, leaf.Id), out var first))
            {
                Bad(ColumnIndicator, $"与第 {first} 行重复（同一单位同一指标）。");
                continue;
            }
            seen[(unitId, leaf.Id)] = row.Number;
            var column = statistics ? ColumnActual : ColumnTarget;
            var (value, notNumber) = row.ReadNumber(column);
            if (notNumber is not null)
            {
                Bad(column, notNumber);
                continue;
            }
            if (value is null && statistics)
            {
                Bad(column, "不能为空。");
                continue;
            }
            var plan = statistics ? null : row[ColumnPlan];
            var problem = statistics ? (value < 0 ? "实际值不能为负。" : null) : CheckTarget(value, plan);
            if (problem is not null)
            {
                Bad(statistics || value < 0 ? column : ColumnPlan, problem);
                continue;
            }
            if (!statistics && value is null && string.IsNullOrWhiteSpace(plan))
            {
                Bad(ColumnTarget, "目标值和月度计划不能都为空。");
                continue;
            }
            parsed.Add((unitId, leaf, value, NormalisePlan(plan)));
        }
        if (errors.Count > 0)
        {
            return Outcome.Fail<TargetImportResult>($"文件有 {errors.Count} 处错误，未导入任何数据：\n" + string.Join("\n", errors));
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ActAs(user);
        var existing = await db.Targets.Where(t => t.Year == year).ToDictionaryAsync(t => (t.UnitId, t.IndicatorId), ct);
        foreach (var (unit, leaf, value, plan) in parsed)
        {
            if (!existing.TryGetValue((unit, leaf.Id), out var target))
            {
                target = new Target { Year = year, UnitId = unit, IndicatorId = leaf.Id };
                db.Targets.Add(target);
            }
            if (statistics)
            {
                target.AuthoritativeActual = value;
                target.AuthoritativeSource = DataSource.StatisticsBureau;
                target.ApprovedBy = user.UserName;
            }
            else
            {
                target.Value = value;
                await ReplacePlanTextAsync(db, target, plan, ct);
            }
        }
        db.Imports.Add(new ImportRecord { Kind = kind, FileHash = hash, FileName = Path.GetFileName(fileName), By = user.UserName, At = db.UtcNow, Rows = rows.Count });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new TargetImportResult(parsed.Count, AlreadyImported: false);
    }
}
