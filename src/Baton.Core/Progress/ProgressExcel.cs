using System.Globalization;
using Baton.Core.Accounts;
using Baton.Core.Targets;
using Baton.Core.Units;
using Baton.Core.Years;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Progress;

/// <summary>What an import of a month's reports did.</summary>
public sealed record ProgressImportResult(int Rows, bool AlreadyImported);

/// <summary>
/// Excel import of a month's reports (MiniExcel, through <see cref="ExcelSheet"/>): a unit's reporter or head imports the unit's
/// reports, which await the head's confirmation like entered ones; a lead unit's reviewer imports its own figures for the
/// indicators it leads across the units it appraises, which count as reviewed by it (已审核). All or nothing, in one transaction;
/// formula cells are refused; every error names the row and the column; the same file twice changes nothing.
/// </summary>
public sealed partial class ProgressService
{
    public const string ColumnUnit = "单位代码";
    public const string ColumnIndicator = "指标编码";
    public const string ColumnValue = "累计完成值";
    public const string ColumnNarrative = "工作进展";
    public const string ColumnExplanation = "下降说明";

    public static void WriteTemplate(Stream stream) =>
        ExcelSheet.Write(stream, [ColumnUnit, ColumnIndicator, ColumnValue, ColumnNarrative, ColumnExplanation],
            [["T01", "B2", 16.5, "完成项目征地", ""]], "月度进度");

    /// <summary>True when the user imports as a lead unit (its figures across units) rather than as a unit (its own reports).</summary>
    public bool ImportsAsLead => user.IsInRole(Roles.LeadReviewer) && !user.IsInAnyRole(Roles.UnitReporter, Roles.UnitHead);

    /// <summary>Imports the reports of <paramref name="month"/> from the first sheet of an .xlsx.</summary>
    public async Task<Outcome<ProgressImportResult>> ImportMonthAsync(int year, int month, Stream file, string fileName, CancellationToken ct = default)
    {
        var lead = ImportsAsLead;
        if (user.UnitId is not { } own || !(lead || MayEnter))
        {
            return Outcome.Fail<ProgressImportResult>("只有单位填报员、单位负责人或牵头考核部门才能导入月度进度。");
        }
        if (month is < 1 or > 12)
        {
            return Outcome.Fail<ProgressImportResult>("月份须在 1 到 12 之间。");
        }
        if (new DateOnly(year, month, 1) > Today)
        {
            return Outcome.Fail<ProgressImportResult>($"{year} 年 {month} 月尚未开始，不能导入。");
        }
        var upload = await ExcelSheet.UploadAsync(file, [ColumnUnit, ColumnIndicator, ColumnValue], ct);
        if (!upload.Ok)
        {
            return Outcome.Fail<ProgressImportResult>(upload.Error!);
        }
        var (hash, rows) = upload.Value!;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await YearGate.RefusalAsync(db, year, lead ? YearActivity.ReviewProgress : YearActivity.ReportProgress, ct) is { } state)
        {
            return Outcome.Fail<ProgressImportResult>(state);
        }
        var kind = string.Create(CultureInfo.InvariantCulture, $"progress-{year}-{month}-{(lead ? "lead" : "unit")}-{own}");
        if (await db.Imports.AnyAsync(i => i.Kind == kind && i.FileHash == hash, ct))
        {
            return new ProgressImportResult(0, AlreadyImported: true);
        }
        var targets = await db.Targets.AsNoTracking().Where(t => t.Year == year)
            .Join(db.Units, t => t.UnitId, u => u.Id, (t, u) => new { t.Id, t.UnitId, t.IndicatorId, UnitCode = u.Code })
            .Join(db.Indicators, x => x.IndicatorId, i => i.Id, (x, i) => new { x.Id, x.UnitId, x.IndicatorId, x.UnitCode, i.Code, i.Name, i.LeadUnitId })
            .ToListAsync(ct);
        var byCode = targets.ToDictionary(t => (t.UnitCode, t.Code));
        var ids = targets.Select(t => t.Id).ToList();
        var existing = await db.ProgressReports.Where(r => r.Year == year && (r.Month == month || r.Month < month)).ToListAsync(ct);
        var errors = new List<string>();
        var seen = new Dictionary<long, int>();
        var parsed = new List<(long Target, long Unit, long Indicator, decimal Value, string? Narrative, string? Explanation)>();
        foreach (var row in rows)
        {
            void Bad(string column, string message) => errors.Add($"第 {row.Number} 行「{column}」：{message}");
            var unitCode = Unit.NormaliseCode(row[ColumnUnit]);
            var code = row[ColumnIndicator].Trim();
            if (!byCode.TryGetValue((unitCode, code), out var target))
            {
                Bad(unitCode.Length == 0 ? ColumnUnit : ColumnIndicator, unitCode.Length == 0 ? "不能为空。" : $"单位「{row[ColumnUnit]}」{year} 年度没有指标「{code}」的目标。");
                continue;
            }
            if (lead ? target.LeadUnitId != own || target.UnitId == own : target.UnitId != own)
            {
                Bad(lead ? ColumnIndicator : ColumnUnit, lead
                    ? target.UnitId == own ? "不能导入本单位的数据，请由县考核办审核。" : $"指标「{target.Name}」不由本单位牵头考核。"
                    : "只能导入本单位的月度进度。");
                continue;
            }
            if (seen.TryGetValue(target.Id, out var first))
            {
                Bad(ColumnIndicator, $"与第 {first} 行重复（同一单位同一指标）。");
                continue;
            }
            seen[target.Id] = row.Number;
            if (!ImportText.TryParseNumber(row[ColumnValue], allowThousands: true, out var value, out var problem))
            {
                Bad(ColumnValue, problem);
                continue;
            }
            if (value < 0)
            {
                Bad(ColumnValue, "累计完成值不能为负。");
                continue;
            }
            var narrative = row[ColumnNarrative].Trim() is { Length: > 0 } n ? n : null;
            var explanation = row[ColumnExplanation].Trim() is { Length: > 0 } x ? x : null;
            if (narrative?.Length > 2000)
            {
                Bad(ColumnNarrative, "不超过 2000 个字符。");
                continue;
            }
            if (explanation?.Length > 1000)
            {
                Bad(ColumnExplanation, "不超过 1000 个字符。");
                continue;
            }
            var previous = existing.Where(r => r.TargetId == target.Id && r.Month < month).MaxBy(r => r.Month);
            if (previous is not null && value < previous.Value && explanation is null)
            {
                Bad(ColumnExplanation, $"累计完成值 {TargetService.Number(value)} 低于 {previous.Month} 月的 {TargetService.Number(previous.Value)}，须填写说明。");
                continue;
            }
            var current = existing.SingleOrDefault(r => r.TargetId == target.Id && r.Month == month);
            if (!lead && current?.Status is ReportStatus.SignedOff or ReportStatus.Approved)
            {
                Bad(ColumnValue, $"{month} 月的月报已{(current.Status == ReportStatus.SignedOff ? "经单位负责人确认、提交审核" : "审核通过")}，不能再修改；如需更正，请联系牵头部门退回。");
                continue;
            }
            parsed.Add((target.Id, target.UnitId, target.IndicatorId, value, narrative, explanation));
        }
        if (errors.Count > 0)
        {
            return Outcome.Fail<ProgressImportResult>($"文件有 {errors.Count} 处错误，未导入任何数据：\n" + string.Join("\n", errors));
        }
        var now = db.UtcNow;
        foreach (var (targetId, unitId, indicatorId, value, narrative, explanation) in parsed)
        {
            var report = existing.SingleOrDefault(r => r.TargetId == targetId && r.Month == month);
            if (report is null)
            {
                report = new ProgressReport { Year = year, TargetId = targetId, UnitId = unitId, IndicatorId = indicatorId, Month = month };
                db.ProgressReports.Add(report);
            }
            report.Value = value;
            report.Narrative = narrative;
            report.Explanation = explanation;
            report.SubmittedBy = user.UserName;
            report.SubmittedAt = now;
            report.FirstSubmittedAt ??= now;
            if (lead)
            {
                report.Status = ReportStatus.Approved;
                report.ReviewedBy = user.UserName;
                report.ReviewedAt = now;
            }
            else
            {
                report.Status = ReportStatus.Entered;
                report.SignedOffBy = null;
                report.SignedOffAt = null;
            }
        }
        db.Imports.Add(new ImportRecord { Kind = kind, FileHash = hash, FileName = Path.GetFileName(fileName), By = user.UserName, At = now, Rows = rows.Count });
        await db.ActAs(user).SaveChangesAsync(ct);
        return new ProgressImportResult(parsed.Count, AlreadyImported: false);
    }
}
