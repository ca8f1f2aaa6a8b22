using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml;
using MiniExcelLibs;

namespace Baton.Core;

/// <summary>One data row of an imported sheet: its Excel row number and its cells by header.</summary>
public sealed record ExcelRow(int Number, IReadOnlyDictionary<string, string> Cells)
{
    public string this[string column] => Cells.TryGetValue(column, out var value) ? value : "";

    /// <summary>
    /// The cell read as a number by the one import rule (<see cref="ImportText.TryParseNumber"/>): null without a
    /// problem when the cell is empty, null with a Chinese problem (the caller adds row and column) when it is not a
    /// number or could be read more than one way.
    /// </summary>
    public (decimal? Value, string? Problem) ReadNumber(string column, bool allowThousands = true)
    {
        var text = this[column];
        if (text.Length == 0)
        {
            return (null, null);
        }
        return ImportText.TryParseNumber(text, allowThousands, out var value, out var problem) ? (value, null) : (null, problem);
    }
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
    private const int MaxListed = 50;
    private const string NotAWorkbook = "文件不是有效的 Excel 工作簿（.xlsx），请用下载的模板填写后再导入。";

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

    /// <summary>
    /// Reads the first sheet: row 1 holds the column names, every later row that is not blank is a data row, numbered
    /// as Excel numbers it. Returns a Chinese message when the file is not a usable .xlsx, the sheet is empty, a column
    /// is missing or named twice, or a cell holds a formula (imports take values, never what a formula last computed).
    /// </summary>
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
        List<IDictionary<string, object?>> raw;
        List<(int Row, string Column)> formulas;
        try
        {
            formulas = FormulaCells(buffer);
            buffer.Position = 0;
            // Without a header row MiniExcel keys cells by column letter and yields every row from row 1, blank rows
            // included, so the position in this list is the Excel row number less one.
            raw = [.. MiniExcel.Query(buffer, useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>()];
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException or FormatException
                                   or XmlException or ArgumentException or NotSupportedException or KeyNotFoundException)
        {
            return Outcome.Fail<IReadOnlyList<ExcelRow>>(NotAWorkbook);
        }
        var required = string.Join("", requiredColumns.Select(c => $"「{c}」"));
        if (raw.All(r => r.Values.All(v => Text(v).Length == 0)))
        {
            return Outcome.Fail<IReadOnlyList<ExcelRow>>($"工作表是空的：第一行应为列名 {required}，从第二行起每行一条数据。请使用下载的模板。");
        }
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (letter, value) in raw[0])
        {
            var name = Text(value);
            if (name.Length == 0)
            {
                continue;
            }
            if (!named.Add(name))
            {
                return Outcome.Fail<IReadOnlyList<ExcelRow>>($"第一行的列名「{name}」出现了两次，无法判断用哪一列。请删去多余的一列后再导入。");
            }
            headers[letter] = name;
        }
        var missing = requiredColumns.Where(c => !named.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            return Outcome.Fail<IReadOnlyList<ExcelRow>>(
                $"缺少列：{string.Join("、", missing.Select(m => $"「{m}」"))}。请使用下载的模板，第一行为列名。");
        }
        if (formulas.Count > 0)
        {
            var lines = formulas.Take(MaxListed).Select(f =>
                $"第 {f.Row} 行{(headers.TryGetValue(f.Column, out var name) ? $"「{name}」" : $" {f.Column} 列")}是公式，请粘贴为数值后重新导入。");
            return Outcome.Fail<IReadOnlyList<ExcelRow>>($"文件中有 {formulas.Count} 个公式单元格，未导入任何数据：\n" + string.Join("\n", lines)
                + (formulas.Count > MaxListed ? $"\n……另有 {formulas.Count - MaxListed} 个。" : ""));
        }
        List<ExcelRow> rows = [];
        for (var i = 1; i < raw.Count; i++)
        {
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (letter, name) in headers)
            {
                cells[name] = raw[i].TryGetValue(letter, out var value) ? Text(value) : "";
            }
            if (cells.Values.Any(v => v.Length > 0))
            {
                rows.Add(new ExcelRow(i + 1, cells));
            }
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
                return NotAWorkbook;
            }
        }
        catch (InvalidDataException)
        {
            return NotAWorkbook;
        }
        return null;
    }

    private static readonly XmlReaderSettings s_xml = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };

    /// <summary>
    /// The cells of the first sheet that hold a formula, by row and column letter, in sheet order. MiniExcel reads a
    /// formula cell as the result Excel cached beside it, so the sheet XML is read here for its <c>&lt;f&gt;</c>
    /// elements; an array or data-table formula fills every cell of its <c>ref</c> range.
    /// </summary>
    private static List<(int Row, string Column)> FormulaCells(MemoryStream buffer)
    {
        buffer.Position = 0;
        using var zip = new ZipArchive(buffer, ZipArchiveMode.Read, leaveOpen: true);
        var sheet = zip.GetEntry(FirstSheetPath(zip)) ?? throw new InvalidDataException("The workbook names no readable first sheet.");
        var found = new SortedSet<(int Row, int Column)>();
        using var reader = XmlReader.Create(sheet.Open(), s_xml);
        int row = 0, column = 0;
        string? cell = null;
        while (reader.Read() && found.Count < MaxFormulaCells)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            switch (reader.LocalName)
            {
                case "row":
                    row = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : row + 1;
                    column = 0;
                    break;
                case "c":
                    cell = reader.GetAttribute("r");
                    column = cell is not null && ParseReference(cell) is { } at ? at.Column : column + 1;
                    break;
                case "f":
                    found.Add((row, column));
                    if (reader.GetAttribute("ref") is { } range && range.Split(':') is [var from, var to]
                        && ParseReference(from) is { } start && ParseReference(to) is { } end)
                    {
                        for (var y = start.Row; y <= end.Row && found.Count < MaxFormulaCells; y++)
                        {
                            for (var x = start.Column; x <= end.Column && found.Count < MaxFormulaCells; x++)
                            {
                                found.Add((y, x));
                            }
                        }
                    }
                    break;
            }
        }
        return [.. found.Select(f => (f.Row, ColumnLetters(f.Column)))];
    }

    private const int MaxFormulaCells = 10_000;

    /// <summary>The zip path of the workbook's first sheet, through workbook.xml and its relationships.</summary>
    private static string FirstSheetPath(ZipArchive zip)
    {
        const string fallback = "xl/worksheets/sheet1.xml";
        string? id = null;
        using (var workbook = XmlReader.Create(zip.GetEntry("xl/workbook.xml")!.Open(), s_xml))
        {
            while (workbook.Read())
            {
                if (workbook.NodeType == XmlNodeType.Element && workbook.LocalName == "sheet")
                {
                    id = workbook.GetAttribute("id", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
                    break;
                }
            }
        }
        if (id is null || zip.GetEntry("xl/_rels/workbook.xml.rels") is not { } relations)
        {
            return fallback;
        }
        using var rels = XmlReader.Create(relations.Open(), s_xml);
        while (rels.Read())
        {
            if (rels.NodeType == XmlNodeType.Element && rels.LocalName == "Relationship" && rels.GetAttribute("Id") == id
                && rels.GetAttribute("Target") is { Length: > 0 } target)
            {
                return target.StartsWith('/') ? target[1..] : "xl/" + target;
            }
        }
        return fallback;
    }

    /// <summary>"B12" → row 12, column 2; null when it is not a cell reference.</summary>
    private static (int Row, int Column)? ParseReference(string reference)
    {
        var letters = 0;
        var column = 0;
        while (letters < reference.Length && char.IsAsciiLetterUpper(reference[letters]) && letters < 3)
        {
            column = column * 26 + reference[letters] - 'A' + 1;
            letters++;
        }
        return letters > 0 && int.TryParse(reference.AsSpan(letters), NumberStyles.None, CultureInfo.InvariantCulture, out var row) ? (row, column) : null;
    }

    private static string ColumnLetters(int column)
    {
        var letters = "";
        for (; column > 0; column = (column - 1) / 26)
        {
            letters = (char)('A' + (column - 1) % 26) + letters;
        }
        return letters;
    }
}
