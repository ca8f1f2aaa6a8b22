using System.IO.Compression;
using Baton.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Tests.Units;

public abstract class UnitImportTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const int Year = 2026;

    internal static MemoryStream Sheet(IReadOnlyList<string> headers, params string[][] rows)
    {
        var stream = new MemoryStream();
        ExcelSheet.Write(stream, headers, rows.Select(r => (IReadOnlyList<object?>)r));
        stream.Position = 0;
        return stream;
    }

    private static readonly string[] Good1 = ["T01", "城关镇", "镇", "TOWN-A", "张三", "镇党委书记", "2023-06-01"];
    private static readonly string[] Good2 = ["D01", "县发展和改革局", "部门", "DEPT-ECON", "李四", "局长", "2022-01-15"];

    private async Task<UnitService> ServiceAsync()
    {
        var units = Db.Service<UnitService>(Office);
        await units.CreateCategoryAsync(Year, "TOWN-A", "镇一类", UnitKind.Town);
        await units.CreateCategoryAsync(Year, "DEPT-ECON", "经济部门", UnitKind.Department);
        return units;
    }

    [Fact]
    public async Task Good_file_imports_units_categories_and_leaders()
    {
        var units = await ServiceAsync();
        var result = await units.ImportAsync(Year, Sheet(UnitService.Columns, Good1, Good2), "units.xlsx");
        Assert.True(result.Ok, result.Error);
        Assert.Equal(2, result.Value!.Created);
        var rows = await units.ListAsync(Year);
        Assert.Equal(["T01", "D01"], rows.Select(r => r.Code));
        Assert.Equal("张三", rows[0].LeaderName);
        Assert.Equal("DEPT-ECON", rows[1].CategoryCode);
    }

    [Fact]
    public async Task Same_file_twice_changes_nothing()
    {
        var units = await ServiceAsync();
        var bytes = Sheet(UnitService.Columns, Good1).ToArray();
        Assert.True((await units.ImportAsync(Year, new MemoryStream(bytes), "a.xlsx")).Ok);
        var again = await units.ImportAsync(Year, new MemoryStream(bytes), "a.xlsx");
        Assert.True(again.Value!.AlreadyImported);
        await using var db = await Db.ContextAsync();
        Assert.Equal(1, await db.Units.CountAsync());
        Assert.Equal(1, await db.UnitLeaders.CountAsync());
    }

    [Fact]
    public async Task Export_imports_back_unchanged()
    {
        var units = await ServiceAsync();
        await units.ImportAsync(Year, Sheet(UnitService.Columns, Good1, Good2), "a.xlsx");
        var before = await units.ListAsync(Year);
        using var export = new MemoryStream();
        await units.WriteExportAsync(Year, export);
        export.Position = 0;
        var result = await units.ImportAsync(Year, export, "export.xlsx");
        Assert.True(result.Ok, result.Error);
        Assert.Equal((0, 0), (result.Value!.Created, result.Value.Updated));
        Assert.Equal(before, await units.ListAsync(Year));
    }

    [Fact]
    public async Task Bad_rows_refuse_the_whole_file_naming_row_and_column()
    {
        var units = await ServiceAsync();
        var file = Sheet(UnitService.Columns,
            Good1,
            ["T01", "重复镇", "镇", "TOWN-A", "", "", ""],
            ["T03", "", "镇", "", "", "", ""],
            ["T04", "某镇", "村", "", "", "", ""],
            ["T05", "某镇", "镇", "NOPE", "", "", ""],
            ["T06", "某镇", "镇", "", "王五", "镇长", "去年"]);
        var result = await units.ImportAsync(Year, file, "bad.xlsx");
        Assert.False(result.Ok);
        Assert.Contains("第 3 行「单位代码」", result.Error, StringComparison.Ordinal);
        Assert.Contains("第 4 行「单位名称」", result.Error, StringComparison.Ordinal);
        Assert.Contains("第 5 行「单位类型」", result.Error, StringComparison.Ordinal);
        Assert.Contains("第 6 行「考核类别代码」", result.Error, StringComparison.Ordinal);
        Assert.Contains("第 7 行「任职日期」", result.Error, StringComparison.Ordinal);
        await using var db = await Db.ContextAsync();
        Assert.Equal(0, await db.Units.CountAsync());
    }

    [Fact]
    public async Task Retired_unit_is_not_brought_back_by_an_import()
    {
        var units = await ServiceAsync();
        var id = (await units.CreateAsync(Year, new UnitInput("T01", "城关镇", UnitKind.Town, null))).Value;
        await units.RetireAsync(id, 0, "撤并");
        var result = await units.ImportAsync(Year, Sheet(UnitService.Columns, Good1), "a.xlsx");
        Assert.Contains("第 2 行「单位代码」", result.Error, StringComparison.Ordinal);
        Assert.Empty(await units.ListAsync(Year));
    }

    [Fact]
    public async Task Missing_column_is_named()
    {
        var units = await ServiceAsync();
        var result = await units.ImportAsync(Year, Sheet(["单位代码", "单位名称"], ["T01", "城关镇"]), "a.xlsx");
        Assert.False(result.Ok);
        Assert.Contains("「单位类型」", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_that_is_not_a_workbook_is_refused()
    {
        var units = await ServiceAsync();
        var text = new MemoryStream("代码,名称\nT01,城关镇"u8.ToArray());
        var result = await units.ImportAsync(Year, text, "units.csv");
        Assert.False(result.Ok);
        Assert.Contains("xlsx", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zip_bomb_is_refused_before_it_is_opened()
    {
        var units = await ServiceAsync();
        var bomb = new MemoryStream();
        using (var zip = new ZipArchive(bomb, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("xl/workbook.xml");
            await using var big = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 300; i++)
            {
                await big.WriteAsync(zeros);
            }
        }
        bomb.Position = 0;
        var result = await units.ImportAsync(Year, bomb, "bomb.xlsx");
        Assert.False(result.Ok);
        Assert.Contains("过大", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reporter_cannot_import()
    {
        await ServiceAsync();
        var result = await Db.Service<UnitService>(Reporter(1)).ImportAsync(Year, Sheet(UnitService.Columns, Good1), "a.xlsx");
        Assert.Equal(Outcome.Forbidden, result.Error);
    }
}

public sealed class SqliteUnitImportTests() : UnitImportTests(DatabaseProvider.Sqlite);

public sealed class PostgresUnitImportTests() : UnitImportTests(DatabaseProvider.Postgres);
