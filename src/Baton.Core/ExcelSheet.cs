using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using MiniExcelLibs;

namespace Baton.Core;

/// <summary>One data row of an imported sheet: its Excel row number and its cells by header.</summary>
public sealed record ExcelRow(int Number, IReadOnlyDictionary<string, string> Cells)
{
    public string this[string column] => Cells.TryGetValue(column, out var value) ? value : "";
}

/// <summary>An uploaded sheet: its content hash (to recognise the same file imported twice) and its data rows.</summary>
public sealed record ExcelUpload(string Hash, IReadOnlyList<ExcelRow> Rows);

/// <summary>
/// Reads and writes the simple tables Baton imports and exports (one header row, then data) with
/// MiniExcel. An .xlsx is a zip: it is checked for size and entry count before it is opened, and
/// text that looks like a formula is written as text.
/// </summary>
public static class ExcelSheet
{
    public const long MaxFileBytes = 20 * 1024 * 1024;
    private const long MaxUnpackedBytes = 200 * 1024 * 1024;
    private const int MaxEntries = 2000;

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// Reads an uploaded file for an import: hashes it, reads the first sheet, and refuses a file that is not a
    /// usable .xlsx, lacks a column, or has no data rows, with a Chinese message.
    /// </summary>
    public static async Task<Outcome<ExcelUpload>> UploadAsync(Stream file, IReadOnlyCollection<string> requiredColumns, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var hash = Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
        buffer.Position = 0;
        var read = Read(buffer, requiredColumns);
        if (!read.Ok)
        {
            return Outcome.Fail<ExcelUpload>(read.Error!);
        }
        return read.Value!.Count == 0 ? Outcome.Fail<ExcelUpload>("文件中没有数据行。") : new ExcelUpload(hash, read.Value);
    }

    /// <summary>Reads the first sheet. Returns a Chinese message when the file is not a usable .xlsx or lacks a column.</summary>
    public static Outcome<IReadOnlyList<ExcelRow>> Read(Stream stream, IReadOnlyCollection<string> requiredColumns)
    {
        using var buffer = new MemoryStream();
        try
        {
            stream.CopyTo(buffer);
        }
        catch (IOException)
        {
            return Outcome.Fail<IReadOnlyList<ExcelRow>>("文件读取失败，请重新上传。");
        }
        if (buffer.Length > MaxFileBytes)
        {
            return Outcome.Fail<IReadOnlyList<ExcelRow>>($"文件超过 {MaxFileBytes / 1024 / 1024} MB，请拆分后导入。");
        }
        if (ZipProblem(buffer) is { } problem)
        {
            return Outcome.Fail<IReadOnlyList<ExcelRow>>(problem);
        }
        buffer.Position = 0;
        List<ExcelRow> rows = [];
        try
        {
            var columns = MiniExcel.GetColumns(buffer, useHeaderRow: true, excelType: ExcelType.XLSX)
                .Select(c => c?.Trim() ?? "").ToList();
            var missing = requiredColumns.Where(c => !columns.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                return Outcome.Fail<IReadOnlyList<ExcelRow>>(
                    $"缺少列：{string.Join("、", missing.Select(m => $"「{m}」"))}。请使用下载的模板，第一行为列名。");
            }
            buffer.Position = 0;
            var number = 1;
            foreach (IDictionary<string, object?> row in MiniExcel.Query(buffer, useHeaderRow: true, excelType: ExcelType.XLSX))
            {
                number++;
                var cells = row.ToDictionary(kv => kv.Key.Trim(), kv => Text(kv.Value), StringComparer.Ordinal);
                if (cells.Values.All(v => v.Length == 0))
                {
                    continue;
                }
                rows.Add(new ExcelRow(number, cells));
            }
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException or FormatException
                                   or System.Xml.XmlException or ArgumentException or NotSupportedException or KeyNotFoundException)
        {
            return Outcome.Fail<IReadOnlyList<ExcelRow>>("文件不是有效的 Excel 工作簿（.xlsx），请用下载的模板填写后再导入。");
        }
        return rows;
    }

    /// <summary>
    /// Writes one sheet with the given header order. MiniExcel writes every string as a text cell, never a
    /// formula, so user text starting with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> stays text (a test holds it to that).
    /// </summary>
    public static void Write(Stream stream, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows, string sheetName = "Sheet1")
    {
        var data = rows.Select(r =>
        {
            var map = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Count; i++)
            {
                map[headers[i]] = i < r.Count ? r[i] : null;
            }
            return map;
        });
        var header = headers.ToDictionary(h => h, h => (object?)null, StringComparer.Ordinal);
        // An empty table still gets its header row.
        stream.SaveAs(data.Any() ? data : [header], sheetName: sheetName, excelType: ExcelType.XLSX,
            printHeader: true);
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s.Trim(),
        DateTime d => d.TimeOfDay == TimeSpan.Zero
            ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double d => d.ToString("0.############", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()?.Trim() ?? "",
    };

    private static string? ZipProblem(MemoryStream buffer)
    {
        buffer.Position = 0;
        try
        {
            using var zip = new ZipArchive(buffer, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxEntries || zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes)
            {
                return "文件解压后过大，不像是正常的考核表格，已拒绝。";
            }
            if (zip.GetEntry("xl/workbook.xml") is null)
            {
                return "文件不是有效的 Excel 工作簿（.xlsx），请用下载的模板填写后再导入。";
            }
        }
        catch (InvalidDataException)
        {
            return "文件不是有效的 Excel 工作簿（.xlsx），请用下载的模板填写后再导入。";
        }
        return null;
    }
}
