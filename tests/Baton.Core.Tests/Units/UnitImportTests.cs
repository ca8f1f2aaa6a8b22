using System.IO.Compression;
using Baton.Core.Units;
using Baton.Core.Years;
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
        Assert.True((await Db.Service<YearService>(Office).CreateAsync(Year, null)).Ok);
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

    internal static async Task SetStateAsync(TestDatabase test, int year, YearState state)
    {
        await using var db = await test.ContextAsync();
        Assert.Equal(1, await db.Years.Where(y => y.Year == year).ExecuteUpdateAsync(s => s.SetProperty(y => y.State, state)));
    }

    private async Task<long?> CategoryOfAsync(string code, int year = Year)
    {
        await using var db = await Db.ContextAsync();
        return await db.CategoryMemberships.Where(m => m.Year == year && db.Units.Any(u => u.Id == m.UnitId && u.Code == code))
            .Select(m => (long?)m.CategoryId).SingleOrDefaultAsync();
    }

    [Fact]
    public async Task Import_into_a_final_year_changes_no_category_membership_and_says_why()
    {
        var units = await ServiceAsync();
        Assert.True((await units.ImportAsync(Year, Sheet(UnitService.Columns, Good1), "a.xlsx")).Ok);
        var before = await CategoryOfAsync("T01");
        await SetStateAsync(Db, Year, YearState.Final);

        var result = await units.ImportAsync(Year, Sheet(UnitService.Columns, ["T01", "城关镇", "镇", "", "张三", "镇党委书记", "2023-06-01"]), "b.xlsx");
        Assert.False(result.Ok);
        Assert.Contains("第 2 行", result.Error, StringComparison.Ordinal);
        Assert.Contains("此阶段不能调整考核类别中的单位", result.Error, StringComparison.Ordinal);
        Assert.NotNull(before);
        Assert.Equal(before, await CategoryOfAsync("T01"));
    }

    [Fact]
    public async Task Unit_data_that_is_not_year_bound_still_imports_into_a_final_year()
    {
        var units = await ServiceAsync();
        Assert.True((await units.ImportAsync(Year, Sheet(UnitService.Columns, Good1), "a.xlsx")).Ok);
        await SetStateAsync(Db, Year, YearState.Final);

        var result = await units.ImportAsync(Year, Sheet(UnitService.Columns, ["T01", "城关街道", "镇", "TOWN-A", "张三", "镇党委书记", "2023-06-01"]), "b.xlsx");
        Assert.True(result.Ok, result.Error);
        var change = Assert.Single(result.Value!.Changes);
        Assert.Equal(UnitImportChangeKind.UnitUpdated, change.Kind);
        Assert.Contains("名称「城关镇」→「城关街道」", change.Text, StringComparison.Ordinal);
        Assert.Equal("城关街道", Assert.Single(await units.ListAsync(Year)).Name);
    }

    [Fact]
    public async Task Summary_reports_every_change_the_import_made()
    {
        var units = await ServiceAsync();
        await units.CreateCategoryAsync(Year, "TOWN-B", "镇二类", UnitKind.Town);
        Assert.True((await units.ImportAsync(Year, Sheet(UnitService.Columns,
            Good1, Good2, ["T02", "东河镇", "镇", "TOWN-A", "", "", ""]), "a.xlsx")).Ok);

        var result = await units.ImportAsync(Year, Sheet(UnitService.Columns,
            ["T01", "城关街道", "镇", "TOWN-B", "王五", "镇党委书记", "2025-09-01"],
            ["D01", "县发展和改革局", "部门", "", "", "", ""],
            ["T02", "东河镇", "镇", "TOWN-A", "", "", ""],
            ["T03", "西山镇", "镇", "TOWN-A", "", "", ""]), "b.xlsx");
        Assert.True(result.Ok, result.Error);
        var changes = result.Value!.Changes;
        Assert.Equal((1, 1), (result.Value.Created, result.Value.Updated));
        Assert.Contains(changes, c => c is { Kind: UnitImportChangeKind.UnitCreated, UnitCode: "T03", Row: 5 });
        Assert.Contains(changes, c => c.Kind == UnitImportChangeKind.UnitUpdated && c.UnitCode == "T01" && c.Text.Contains("城关街道", StringComparison.Ordinal));
        Assert.Contains(changes, c => c.Kind == UnitImportChangeKind.MembershipMoved && c.UnitCode == "T01"
            && c.Text.Contains($"{Year} 年度", StringComparison.Ordinal) && c.Text.Contains("镇一类", StringComparison.Ordinal) && c.Text.Contains("镇二类", StringComparison.Ordinal));
        Assert.Contains(changes, c => c.Kind == UnitImportChangeKind.MembershipRemoved && c.UnitCode == "D01");
        Assert.Contains(changes, c => c.Kind == UnitImportChangeKind.MembershipAdded && c.UnitCode == "T03");
        Assert.Contains(changes, c => c.Kind == UnitImportChangeKind.LeaderChanged && c.UnitCode == "T01"
            && c.Text.Contains("张三 → 王五", StringComparison.Ordinal));
        Assert.DoesNotContain(changes, c => c.UnitCode == "T02");
        Assert.Equal(6, changes.Count);
        Assert.Contains("新增 1 个单位", result.Value.Summary, StringComparison.Ordinal);
        Assert.Contains("更新 1 个单位", result.Value.Summary, StringComparison.Ordinal);
        Assert.Contains("一把手变更 1 个", result.Value.Summary, StringComparison.Ordinal);
        Assert.Contains($"{Year} 年度考核类别：加入 1 个、调整 1 个、移出 1 个", result.Value.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_that_matches_the_data_reports_that_nothing_changed()
    {
        var units = await ServiceAsync();
        Assert.True((await units.ImportAsync(Year, Sheet(UnitService.Columns, Good1), "a.xlsx")).Ok);
        var again = await units.ImportAsync(Year, Sheet(UnitService.Columns, Good1, ["", "", "", "", "", "", ""]), "b.xlsx");
        Assert.True(again.Ok, again.Error);
        Assert.Empty(again.Value!.Changes);
        Assert.Contains("未作任何修改", again.Value.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unit_codes_are_normalised_before_they_are_compared_or_stored()
    {
        var units = await ServiceAsync();
        Assert.True((await units.ImportAsync(Year, Sheet(UnitService.Columns, Good1), "a.xlsx")).Ok);
        var result = await units.ImportAsync(Year, Sheet(UnitService.Columns,
            ["t01", "城关镇", "镇", "TOWN-A", "张三", "镇党委书记", "2023-06-01"],
            ["Ｘ０６", "新区", "镇", "TOWN-A", "", "", ""],
            [" d 02 ", "县财政局", "部门", "DEPT-ECON", "", "", ""]), "b.xlsx");
        Assert.True(result.Ok, result.Error);
        Assert.Equal(2, result.Value!.Created);
        Assert.Equal(["T01", "X06", "D02"], (await units.ListAsync(Year)).Select(u => u.Code));

        var duplicate = await units.ImportAsync(Year, Sheet(UnitService.Columns,
            ["T07", "甲镇", "镇", "", "", "", ""], ["ｔ０７", "乙镇", "镇", "", "", "", ""]), "c.xlsx");
        Assert.False(duplicate.Ok);
        Assert.Contains("第 3 行「单位代码」", duplicate.Error, StringComparison.Ordinal);
        Assert.Contains("与第 2 行重复", duplicate.Error, StringComparison.Ordinal);
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
