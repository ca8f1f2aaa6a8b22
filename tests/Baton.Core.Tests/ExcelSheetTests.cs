using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Baton.Core.Tests.Units;

namespace Baton.Core.Tests;

public class ExcelSheetTests
{
    private static readonly string[] s_columns = ["单位代码", "目标值"];

    /// <summary>A workbook MiniExcel wrote, with its first sheet's XML rewritten (to add what Excel saves and MiniExcel never writes).</summary>
    internal static MemoryStream Patched(MemoryStream workbook, Func<string, string> patch)
    {
        var patched = new MemoryStream();
        workbook.Position = 0;
        using (var source = new ZipArchive(workbook, ZipArchiveMode.Read, leaveOpen: true))
        using (var target = new ZipArchive(patched, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                var text = reader.ReadToEnd();
                using var writer = new StreamWriter(target.CreateEntry(entry.FullName).Open(), new UTF8Encoding(false));
                writer.Write(entry.FullName == "xl/worksheets/sheet1.xml" ? patch(text) : text);
            }
        }
        patched.Position = 0;
        return patched;
    }

    [Fact]
    public void Formula_like_text_is_written_as_text()
    {
        using var stream = UnitImportTests.Sheet(["单位名称"], ["=HYPERLINK(\"http://x\")"]);
        using var zip = new ZipArchive(stream);
        using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var xml = reader.ReadToEnd();
        Assert.DoesNotContain("<f>", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<x:f>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Formula_cell_with_a_cached_result_is_refused_naming_its_row_and_column()
    {
        // As Excel saves it: the formula and, beside it, the result it last computed.
        var sheet = Patched(UnitImportTests.Sheet(s_columns, ["T01", "5"], ["T02", "7"]), xml => Regex.Replace(xml,
            "<x:c r=\"B3\"[^>]*><x:v>7</x:v></x:c>", "<x:c r=\"B3\" s=\"2\"><x:f>B2+2</x:f><x:v>7</x:v></x:c>"));
        var upload = await ExcelSheet.UploadAsync(sheet, s_columns, default);
        Assert.False(upload.Ok);
        Assert.Contains("第 3 行「目标值」是公式，请粘贴为数值后重新导入", upload.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shared_and_array_formulas_are_refused_in_every_cell_they_fill()
    {
        var sheet = Patched(UnitImportTests.Sheet(s_columns, ["T01", "5"], ["T02", "7"], ["T03", "9"]), xml => Regex.Replace(Regex.Replace(xml,
            "<x:c r=\"B2\"[^>]*><x:v>5</x:v></x:c>", "<x:c r=\"B2\"><x:f t=\"array\" ref=\"B2:B3\">{5;7}</x:f><x:v>5</x:v></x:c>"),
            "<x:c r=\"A4\"[^>]*><x:v>T03</x:v></x:c>", "<x:c r=\"A4\" t=\"str\"><x:f t=\"shared\" si=\"0\"/><x:v>T03</x:v></x:c>"));
        var upload = await ExcelSheet.UploadAsync(sheet, s_columns, default);
        Assert.False(upload.Ok);
        Assert.Contains("第 2 行「目标值」是公式", upload.Error, StringComparison.Ordinal);
        Assert.Contains("第 3 行「目标值」是公式", upload.Error, StringComparison.Ordinal);
        Assert.Contains("第 4 行「单位代码」是公式", upload.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Header_row_alone_says_there_are_no_data_rows(bool asExcelSavesIt)
    {
        // Baton's own empty export writes a blank row under the header; Excel saves the header row and nothing else.
        var sheet = asExcelSavesIt
            ? Patched(UnitImportTests.Sheet(s_columns, ["T01", "5"]), xml => Regex.Replace(xml, "<x:row r=\"2\">.*?</x:row>", ""))
            : UnitImportTests.Sheet(s_columns);
        var upload = await ExcelSheet.UploadAsync(sheet, s_columns, default);
        Assert.Equal("文件中没有数据行。", upload.Error);
    }

    [Fact]
    public async Task Empty_sheet_names_the_header_row_it_needs()
    {
        var sheet = Patched(UnitImportTests.Sheet(s_columns, ["T01", "5"]), xml => Regex.Replace(xml, "<x:sheetData>.*</x:sheetData>", "<x:sheetData/>"));
        var upload = await ExcelSheet.UploadAsync(sheet, s_columns, default);
        Assert.False(upload.Ok);
        Assert.Contains("工作表是空的", upload.Error, StringComparison.Ordinal);
        Assert.Contains("「单位代码」", upload.Error, StringComparison.Ordinal);
        Assert.Contains("「目标值」", upload.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("不是有效的 Excel", upload.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_keep_their_excel_numbers_across_blank_rows()
    {
        var sheet = Patched(UnitImportTests.Sheet(s_columns, ["T01", "5"], ["T02", "7"]), xml => xml
            .Replace("<x:row r=\"3\">", "<x:row r=\"6\">", StringComparison.Ordinal)
            .Replace("r=\"A3\"", "r=\"A6\"", StringComparison.Ordinal).Replace("r=\"B3\"", "r=\"B6\"", StringComparison.Ordinal));
        var upload = await ExcelSheet.UploadAsync(sheet, s_columns, default);
        Assert.True(upload.Ok, upload.Error);
        Assert.Equal([2, 6], upload.Value!.Rows.Select(r => r.Number));
        Assert.Equal("T02", upload.Value.Rows[1]["单位代码"]);
    }

    [Fact]
    public async Task A_column_named_twice_is_refused()
    {
        var upload = await ExcelSheet.UploadAsync(UnitImportTests.Sheet(["单位代码", "目标值", "目标值 "], ["T01", "5", "6"]), s_columns, default);
        Assert.False(upload.Ok);
        Assert.Contains("「目标值」", upload.Error, StringComparison.Ordinal);
        Assert.Contains("两次", upload.Error, StringComparison.Ordinal);
    }
}
