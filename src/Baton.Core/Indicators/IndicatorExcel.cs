using System.Globalization;
using Baton.Core.Units;
using Baton.Scoring.Indicators;
using Baton.Scoring.Planning;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Indicators;

public sealed record IndicatorImportResult(int Categories, int Indicators, bool AlreadyImported);

/// <summary>Excel export and import of a year's whole indicator system (all categories).</summary>
public sealed partial class IndicatorService
{
    public const string ColumnCategory = "类别代码";
    public const string ColumnCode = "指标编码";
    public const string ColumnParent = "上级编码";
    public const string ColumnName = "指标名称";
    public const string ColumnType = "类型";
    public const string ColumnPoints = "分值";
    public const string ColumnWeight = "权重";
    public const string ColumnRule = "计分规则";
    public const string ColumnParameters = "规则参数";
    public const string ColumnLead = "牵头考核部门代码";
    public const string ColumnSource = "数据来源";
    public const string ColumnMeasure = "计量单位";
    public const string ColumnEvidence = "需要佐证";
    public const string ColumnOrder = "排序";
    public const string ColumnIndicatorType = "指标类型";

    public static readonly IReadOnlyList<string> Columns =
        [ColumnCategory, ColumnCode, ColumnParent, ColumnName, ColumnType, ColumnPoints, ColumnWeight, ColumnRule, ColumnParameters, ColumnLead, ColumnSource, ColumnMeasure, ColumnEvidence, ColumnOrder, ColumnIndicatorType];

    private static readonly string[] s_required = [ColumnCategory, ColumnCode, ColumnParent, ColumnName, ColumnType, ColumnPoints, ColumnRule];

    public static void WriteTemplate(Stream stream) =>
        ExcelSheet.Write(stream, Columns,
        [
            ["TOWN-A", "A", "", "经济发展", "分组", "", "", "", "", "", "", "", "否", "1"],
            ["TOWN-A", "A1", "A", "地区生产总值", "指标", "8", "", "完成率", "{\"floor\":0.5,\"cap\":1.1}", "D11", "统计局", "万元", "否", "1", "总量"],
            ["TOWN-A", "A2", "A", "河长制工作", "指标", "5", "", "定性评价", "", "D09", "牵头部门", "", "是", "2", "质量效益"],
        ], "指标体系");

    public async Task WriteExportAsync(int year, Stream stream, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var categories = await db.UnitCategories.AsNoTracking().Where(c => c.Year == year).ToDictionaryAsync(c => c.Id, c => c.Code, ct);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Code, ct);
        var rows = await db.Indicators.AsNoTracking().Where(i => i.Year == year).ToListAsync(ct);
        var codes = rows.ToDictionary(r => r.Id, r => r.Code);
        ExcelSheet.Write(stream, Columns, rows
            .OrderBy(r => categories[r.CategoryId], StringComparer.Ordinal).ThenBy(r => r.ParentId is null ? 0 : 1).ThenBy(r => r.Order).ThenBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => (IReadOnlyList<object?>)
            [
                categories[r.CategoryId], r.Code, r.ParentId is { } p ? codes[p] : "", r.Name, r.IsGroup ? "分组" : "指标",
                r.IsGroup ? "" : r.Points.ToString(CultureInfo.InvariantCulture), r.Weight?.ToString(CultureInfo.InvariantCulture) ?? "",
                r.IsGroup ? "" : RuleSpec.KindName(r.Rule), r.RuleParameters ?? "", r.LeadUnitId is { } l ? units[l] : "",
                RuleSpec.SourceName(r.Source), r.Measure ?? "", r.EvidenceRequired ? "是" : "否", r.Order.ToString(CultureInfo.InvariantCulture),
                r.Type is { } type ? IndicatorBalance.Name(type) : "",
            ]), "指标体系");
    }

    /// <summary>
    /// Replaces the indicator systems of the categories named in the file, all or nothing: any bad row
    /// refuses the file with a message naming each row and column. A category whose indicators already
    /// carry targets is not replaced.
    /// </summary>
    public async Task<Outcome<IndicatorImportResult>> ImportAsync(int year, Stream file, string fileName, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail<IndicatorImportResult>(Outcome.Forbidden);
        }
        var upload = await ExcelSheet.UploadAsync(file, s_required, ct);
        if (!upload.Ok)
        {
            return Outcome.Fail<IndicatorImportResult>(upload.Error!);
        }
        var (hash, rows) = upload.Value!;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await DraftErrorAsync(db, year, ct) is { } draft)
        {
            return Outcome.Fail<IndicatorImportResult>(draft);
        }
        var kind = $"indicators-{year}";
        if (await db.Imports.AnyAsync(i => i.Kind == kind && i.FileHash == hash, ct))
        {
            return new IndicatorImportResult(0, 0, AlreadyImported: true);
        }
        var categories = await db.UnitCategories.AsNoTracking().Where(c => c.Year == year).ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, ct);
        var departments = await db.Units.AsNoTracking().Where(u => u.Kind == UnitKind.Department).ToDictionaryAsync(u => u.Code, u => u.Id, StringComparer.Ordinal, ct);
        var errors = new List<string>();
        var parsed = new List<(ExcelRow Row, UnitCategory Category, IndicatorInput Input, string? Parent)>();
        var firstRow = new Dictionary<(string, string), (int Row, bool IsGroup)>();
        foreach (var row in rows)
        {
            if (row[ColumnCode].Length > 0 && categories.ContainsKey(row[ColumnCategory]))
            {
                firstRow.TryAdd((row[ColumnCategory], row[ColumnCode]), (row.Number, row[ColumnType] == "分组"));
            }
        }
        foreach (var row in rows)
        {
            var before = errors.Count;
            void Bad(string column, string message) => errors.Add($"第 {row.Number} 行「{column}」：{message}");
            if (!categories.TryGetValue(row[ColumnCategory], out var category))
            {
                Bad(ColumnCategory, $"{year} 年度没有代码为「{row[ColumnCategory]}」的考核类别。");
            }
            var code = row[ColumnCode];
            if (code.Length is 0 or > 32)
            {
                Bad(ColumnCode, "必须填写，且不超过 32 个字符。");
            }
            else if (category is not null && firstRow.TryGetValue((category.Code, code), out var first) && first.Row != row.Number)
            {
                Bad(ColumnCode, $"「{code}」与第 {first.Row} 行重复。");
            }
            if (row[ColumnName].Length is 0 or > 200)
            {
                Bad(ColumnName, "必须填写，且不超过 200 个字符。");
            }
            var isGroup = row[ColumnType] switch { "分组" => true, "指标" => false, _ => (bool?)null };
            if (isGroup is null)
            {
                Bad(ColumnType, $"应填「分组」或「指标」，而不是「{row[ColumnType]}」。");
            }
            var parent = row[ColumnParent];
            if (parent.Length > 0 && category is not null && (!firstRow.TryGetValue((category.Code, parent), out var p) || !p.IsGroup))
            {
                Bad(ColumnParent, $"本类别中没有分组指标「{parent}」。");
            }
            decimal points = 0;
            if (isGroup == false)
            {
                var (value, problem) = row.ReadNumber(ColumnPoints, allowThousands: false);
                if (problem is not null || value is null)
                {
                    Bad(ColumnPoints, problem ?? "不能为空。");
                }
                points = value ?? 0;
            }
            decimal? weight = null;
            if (row[ColumnWeight].Length > 0)
            {
                var (w, problem) = row.ReadNumber(ColumnWeight, allowThousands: false);
                if (problem is not null)
                {
                    Bad(ColumnWeight, problem);
                }
                else if (w is >= 0 and <= 1)
                {
                    weight = w;
                }
                else
                {
                    Bad(ColumnWeight, "应为 0 到 1 之间的数（如 0.3 表示 30%），不设权重则留空。");
                }
            }
            var rule = RuleKind.None;
            if (isGroup == false)
            {
                if (RuleSpec.ParseKind(row[ColumnRule]) is { } k)
                {
                    rule = k;
                }
                else
                {
                    Bad(ColumnRule, $"「{row[ColumnRule]}」不是计分规则；可填：{string.Join("、", Enum.GetValues<RuleKind>().Where(r => r != RuleKind.None).Select(RuleSpec.KindName))}。");
                }
            }
            long? lead = null;
            if (row[ColumnLead].Length > 0)
            {
                if (departments.TryGetValue(Unit.NormaliseCode(row[ColumnLead]), out var leadId))
                {
                    lead = leadId;
                }
                else
                {
                    Bad(ColumnLead, $"没有代码为「{row[ColumnLead]}」的部门。");
                }
            }
            var source = RuleSpec.ParseSource(row[ColumnSource]);
            if (source is null)
            {
                Bad(ColumnSource, "应填「单位自报」「统计局」或「牵头部门」。");
            }
            var order = 0;
            var (orderValue, orderProblem) = row.ReadNumber(ColumnOrder, allowThousands: false);
            if (orderProblem is not null)
            {
                Bad(ColumnOrder, orderProblem);
            }
            else if (orderValue is { } o)
            {
                if (o != decimal.Truncate(o) || o is < int.MinValue or > int.MaxValue)
                {
                    Bad(ColumnOrder, "应为整数。");
                }
                else
                {
                    order = (int)o;
                }
            }
            IndicatorType? indicatorType = null;
            if (row[ColumnIndicatorType].Length > 0)
            {
                indicatorType = Enum.GetValues<IndicatorType>().Select(t => (IndicatorType?)t).FirstOrDefault(t => IndicatorBalance.Name(t) == row[ColumnIndicatorType]);
                if (indicatorType is null)
                {
                    Bad(ColumnIndicatorType, "应填「总量」「结构」或「质量效益」，不分类则留空。");
                }
            }
            if (errors.Count > before || category is null)
            {
                continue;
            }
            var parameters = row[ColumnParameters].Length == 0 && rule != RuleKind.None ? RuleSpec.Serialize(RuleSpec.Defaults(rule)) : row[ColumnParameters];
            var input = new IndicatorInput(category.Id, null, code, row[ColumnName], isGroup!.Value, points, weight, rule, parameters, lead, source!.Value,
                row[ColumnMeasure], row[ColumnEvidence] == "是", order, indicatorType);
            if (!input.IsGroup)
            {
                var (ps, parseError) = RuleSpec.Parse(input.RuleParameters);
                var (leafRule, ruleError) = ps is null ? (null, parseError) : RuleSpec.ToLeafRule(rule, ps);
                if (leafRule is null)
                {
                    Bad(ColumnParameters, ruleError!);
                    continue;
                }
                foreach (var message in IndicatorValidation.ValidateRule(new IndicatorLeaf(code, input.Name, points, leafRule)))
                {
                    Bad(ColumnParameters, message);
                }
            }
            parsed.Add((row, category, input, parent.Length == 0 ? null : parent));
        }
        if (errors.Count > 0)
        {
            return Outcome.Fail<IndicatorImportResult>($"文件有 {errors.Count} 处错误，未导入任何数据：\n" + string.Join("\n", errors));
        }

        var replaced = parsed.Select(p => p.Category.Id).Distinct().ToList();
        if (await db.Targets.AnyAsync(t => db.Indicators.Any(i => i.Id == t.IndicatorId && replaced.Contains(i.CategoryId)), ct))
        {
            return Outcome.Fail<IndicatorImportResult>("文件涉及的考核类别已录入单位目标值，不能整体替换指标体系；请先清除目标值或逐项修改。");
        }
        if (await db.SuperiorTargetLinks.AnyAsync(l => db.Indicators.Any(i => i.Id == l.IndicatorId && replaced.Contains(i.CategoryId)), ct)
            || await db.TargetNegotiations.AnyAsync(n => db.Indicators.Any(i => i.Id == n.IndicatorId && replaced.Contains(i.CategoryId)), ct))
        {
            return Outcome.Fail<IndicatorImportResult>("文件涉及的考核类别有指标已关联市考任务或有目标征求意见记录，不能整体替换指标体系；请逐项修改。");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ActAs(user);
        var existing = await db.Indicators.Where(i => replaced.Contains(i.CategoryId)).ToListAsync(ct);
        foreach (var level in Levels(existing).Reverse())
        {
            db.Indicators.RemoveRange(level);
            await db.SaveChangesAsync(ct);
        }
        var created = new Dictionary<(long, string), Indicator>();
        var pending = parsed;
        while (pending.Count > 0)
        {
            var ready = pending.Where(p => p.Parent is null || created.ContainsKey((p.Category.Id, p.Parent))).ToList();
            if (ready.Count == 0)
            {
                await transaction.RollbackAsync(ct);
                return Outcome.Fail<IndicatorImportResult>("文件中的上级编码形成了循环，未导入任何数据：\n"
                    + string.Join("\n", pending.Select(p => $"第 {p.Row.Number} 行「{ColumnParent}」：「{p.Parent}」")));
            }
            foreach (var (_, category, input, parent) in ready)
            {
                var entity = new Indicator { Year = year, CategoryId = category.Id, Code = "", Name = "" };
                Apply(entity, input with { ParentId = parent is null ? null : created[(category.Id, parent)].Id });
                db.Indicators.Add(entity);
                created[(category.Id, entity.Code)] = entity;
            }
            await db.SaveChangesAsync(ct);
            pending = pending.Except(ready).ToList();
        }
        db.Imports.Add(new ImportRecord { Kind = kind, FileHash = hash, FileName = Path.GetFileName(fileName), By = user.UserName, At = db.UtcNow, Rows = rows.Count });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new IndicatorImportResult(replaced.Count, parsed.Count, AlreadyImported: false);
    }
}
