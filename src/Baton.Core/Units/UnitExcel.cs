using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Units;

public sealed record UnitImportResult(int Created, int Updated, bool AlreadyImported);

/// <summary>Excel import and export of units, their category in a year and their current leader.</summary>
public sealed partial class UnitService
{
    public const string ColumnCode = "单位代码";
    public const string ColumnName = "单位名称";
    public const string ColumnKind = "单位类型";
    public const string ColumnCategory = "考核类别代码";
    public const string ColumnLeader = "一把手姓名";
    public const string ColumnPost = "一把手职务";
    public const string ColumnSince = "任职日期";

    public static readonly IReadOnlyList<string> Columns =
        [ColumnCode, ColumnName, ColumnKind, ColumnCategory, ColumnLeader, ColumnPost, ColumnSince];

    private static readonly string[] s_requiredColumns = [ColumnCode, ColumnName, ColumnKind, ColumnCategory];

    /// <summary>A template with the columns and two example rows.</summary>
    public static void WriteTemplate(Stream stream) =>
        ExcelSheet.Write(stream, Columns,
        [
            ["T01", "城关镇", "镇", "TOWN-A", "张三", "镇党委书记", "2023-06-01"],
            ["D01", "县发展和改革局", "部门", "DEPT-ECON", "李四", "局长", "2022-01-15"],
        ], "单位");

    public async Task WriteExportAsync(int year, Stream stream, CancellationToken ct = default)
    {
        var rows = await ListAsync(year, includeRetired: false, ct);
        ExcelSheet.Write(stream, Columns, rows.Select(u => (IReadOnlyList<object?>)
        [
            u.Code, u.Name, Unit.KindName(u.Kind), u.CategoryCode, u.LeaderName, u.LeaderPost,
            u.LeaderSince?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ]), "单位");
    }

    /// <summary>
    /// Imports units from an Excel file, all or nothing: any bad row refuses the whole file with a message
    /// naming each bad row and column. Units are matched by code, so importing the same data twice changes
    /// nothing; importing the very same file again is recognised by its hash.
    /// </summary>
    public async Task<Outcome<UnitImportResult>> ImportAsync(int year, Stream file, string fileName, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail<UnitImportResult>(Outcome.Forbidden);
        }
        var upload = await ExcelSheet.UploadAsync(file, s_requiredColumns, ct);
        if (!upload.Ok)
        {
            return Outcome.Fail<UnitImportResult>(upload.Error!);
        }
        var (hash, rows) = upload.Value!;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Imports.AnyAsync(i => i.Kind == "units" && i.FileHash == hash, ct))
        {
            return new UnitImportResult(0, 0, AlreadyImported: true);
        }
        var categories = await db.UnitCategories.Where(c => c.Year == year).ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, ct);
        var retired = (await db.Units.Where(u => u.RetiredAt != null).Select(u => u.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var errors = new List<string>();
        var firstRowOfCode = new Dictionary<string, int>(StringComparer.Ordinal);
        var parsed = new List<(ExcelRow Row, UnitKind Kind, UnitCategory? Category, LeaderInput? Leader)>();
        foreach (var row in rows)
        {
            void Bad(string column, string message) => errors.Add($"第 {row.Number} 行「{column}」：{message}");
            var code = row[ColumnCode];
            if (code.Length == 0)
            {
                Bad(ColumnCode, "不能为空。");
            }
            else if (code.Length > 32)
            {
                Bad(ColumnCode, "不能超过 32 个字符。");
            }
            else if (firstRowOfCode.TryGetValue(code, out var first))
            {
                Bad(ColumnCode, $"「{code}」与第 {first} 行重复。");
            }
            else if (retired.Contains(code))
            {
                Bad(ColumnCode, $"单位「{code}」已撤销，不能再导入；如需恢复请联系系统管理员。");
            }
            else
            {
                firstRowOfCode[code] = row.Number;
            }
            var name = row[ColumnName];
            if (name.Length == 0)
            {
                Bad(ColumnName, "不能为空。");
            }
            else if (name.Length > 100)
            {
                Bad(ColumnName, "不能超过 100 个字符。");
            }
            UnitKind? kind = row[ColumnKind] switch { "镇" or "乡镇" or "街道" => UnitKind.Town, "部门" => UnitKind.Department, _ => null };
            if (kind is null)
            {
                Bad(ColumnKind, $"应填「镇」或「部门」，而不是「{row[ColumnKind]}」。");
            }
            UnitCategory? category = null;
            var categoryCode = row[ColumnCategory];
            if (categoryCode.Length > 0)
            {
                if (!categories.TryGetValue(categoryCode, out category))
                {
                    Bad(ColumnCategory, $"{year} 年度没有代码为「{categoryCode}」的考核类别。");
                }
                else if (kind is not null && category.Kind != kind)
                {
                    Bad(ColumnCategory, $"类别「{category.Name}」只收{Unit.KindName(category.Kind)}，与单位类型不符。");
                }
            }
            LeaderInput? leader = null;
            var (leaderName, post, since) = (row[ColumnLeader], row[ColumnPost], row[ColumnSince]);
            if (leaderName.Length + post.Length + since.Length > 0)
            {
                if (!DateOnly.TryParseExact(since, ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var sinceDate))
                {
                    Bad(ColumnSince, $"应为日期，如 2023-06-01，而不是「{since}」。");
                }
                leader = new LeaderInput(leaderName, post, sinceDate);
                if (LeaderError(leader) is { } leaderError)
                {
                    Bad(leaderName.Length == 0 || leaderName.Length > 50 ? ColumnLeader : ColumnPost, leaderError);
                }
            }
            parsed.Add((row, kind ?? UnitKind.Town, category, leader));
        }
        if (errors.Count > 0)
        {
            return Outcome.Fail<UnitImportResult>($"文件有 {errors.Count} 处错误，未导入任何数据：\n" + string.Join("\n", errors));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ActAs(user);
        var existing = await db.Units.Include(u => u.Leaders).ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, ct);
        int created = 0, updated = 0;
        foreach (var (row, kind, category, leader) in parsed)
        {
            if (!existing.TryGetValue(row[ColumnCode], out var unit))
            {
                unit = new Unit { Code = row[ColumnCode], Name = row[ColumnName], Kind = kind };
                db.Units.Add(unit);
                await db.SaveChangesAsync(ct);
                created++;
            }
            else if (unit.Name != row[ColumnName] || unit.Kind != kind)
            {
                unit.Name = row[ColumnName];
                unit.Kind = kind;
                updated++;
            }
            await SetCategoryAsync(db, year, unit.Id, category, ct);
            var current = unit.Leaders.Where(l => l.Until == null).ToList();
            if (leader is not null && !current.Any(l => l.Name == leader.Name.Trim() && l.Post == leader.Post.Trim()))
            {
                if (current.Any(l => l.Since >= leader.Since))
                {
                    await transaction.RollbackAsync(ct);
                    return Outcome.Fail<UnitImportResult>(
                        $"文件有 1 处错误，未导入任何数据：\n第 {row.Number} 行「{ColumnSince}」：新任一把手的任职日期应晚于现任一把手的任职日期。");
                }
                ReplaceLeader(db, unit.Id, current, leader);
            }
        }
        db.Imports.Add(new ImportRecord { Kind = "units", FileHash = hash, FileName = Path.GetFileName(fileName), By = user.UserName, At = db.UtcNow, Rows = rows.Count });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new UnitImportResult(created, updated, AlreadyImported: false);
    }
}
