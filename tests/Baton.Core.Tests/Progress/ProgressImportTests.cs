using System.Text.RegularExpressions;
using Baton.Core.Accounts;
using Baton.Core.Demo;
using Baton.Core.Progress;
using Baton.Core.Targets;
using Baton.Core.Tests.Results;
using Baton.Core.Tests.Units;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Tests.Progress;

public abstract partial class ProgressImportTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const int Year = DemoCounty.CurrentYear;

    private static readonly string[] s_columns = [ProgressService.ColumnUnit, ProgressService.ColumnIndicator, ProgressService.ColumnValue, ProgressService.ColumnNarrative];

    private async Task<int> ReportsAsync(ReportStatus status)
    {
        await using var db = await Db.ContextAsync();
        return await db.ProgressReports.CountAsync(r => r.Year == Year && r.Status == status);
    }

    [Fact]
    public async Task A_units_month_imports_as_submitted_reports_once_and_errors_name_row_and_column()
    {
        await ResultServiceTests.SeedDemoAsync(Db, ResultServiceTests.BeforeReports);
        var t01 = await ResultServiceTests.UnitIdAsync(Db, "T01");
        var service = Db.Service<ProgressService>(Reporter(t01));

        var bad = await service.ImportMonthAsync(Year, 2, UnitImportTests.Sheet(s_columns,
            ["T01", "B2", "1,00", ""], ["T02", "B2", "12", ""], ["T01", "ZZ", "3", ""], ["T01", "A1", "5", ""], ["T01", "A1", "6", ""]), "2月.xlsx");
        Assert.False(bad.Ok);
        Assert.Contains("第 2 行「累计完成值」：「1,00」中的逗号有歧义", bad.Error, StringComparison.Ordinal);
        Assert.Contains("第 3 行「单位代码」：只能导入本单位的月度进度。", bad.Error, StringComparison.Ordinal);
        Assert.Contains("第 4 行「指标编码」：单位「T01」2026 年度没有指标「ZZ」的目标。", bad.Error, StringComparison.Ordinal);
        Assert.Contains("第 6 行「指标编码」：与第 5 行重复", bad.Error, StringComparison.Ordinal);
        Assert.Equal(0, await ReportsAsync(ReportStatus.Entered));

        var formula = ExcelSheetTests.Patched(UnitImportTests.Sheet(s_columns, ["T01", "B2", "12", ""]), xml => Regex.Replace(xml,
            "<x:c r=\"C2\"[^>]*><x:v>12</x:v></x:c>", "<x:c r=\"C2\"><x:f>10+2</x:f><x:v>12</x:v></x:c>"));
        var refused = await service.ImportMonthAsync(Year, 2, formula, "2月.xlsx");
        Assert.Contains("第 2 行「累计完成值」是公式", refused.Error, StringComparison.Ordinal);

        var good = UnitImportTests.Sheet(s_columns, ["T01", "B2", "１２．５", "完成征地"], ["T01", "A1", "1,008", ""]);
        var imported = await service.ImportMonthAsync(Year, 2, good, "2月.xlsx");
        Assert.True(imported.Ok, imported.Error);
        Assert.Equal(2, imported.Value!.Rows);
        Assert.Equal(2, await ReportsAsync(ReportStatus.Entered));
        var line = (await service.MonthAsync(Year, 2, t01)).Single(l => l.IndicatorCode == "B2");
        Assert.Equal((12.5m, "完成征地", ReportStatus.Entered), (line.Report!.Value, line.Report.Narrative, line.Status));

        good.Position = 0;
        Assert.True((await service.ImportMonthAsync(Year, 2, good, "2月.xlsx")).Value!.AlreadyImported);
        Assert.Contains("尚未开始", (await service.ImportMonthAsync(Year, 4, UnitImportTests.Sheet(s_columns, ["T01", "B2", "1", ""]), "4月.xlsx")).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lead_unit_imports_its_indicators_across_units_as_reviewed_and_nothing_else()
    {
        await ResultServiceTests.SeedDemoAsync(Db, ResultServiceTests.BeforeReports);
        var d01 = await ResultServiceTests.UnitIdAsync(Db, "D01");
        var lead = Db.Service<ProgressService>(new CurrentUser("reviewer", [Roles.LeadReviewer], d01));

        var refused = await lead.ImportMonthAsync(Year, 1, UnitImportTests.Sheet(s_columns, ["T01", "B2", "8", ""], ["T02", "A4", "3", ""], ["D01", "B2", "8", ""]), "1月.xlsx");
        Assert.False(refused.Ok);
        Assert.Contains("第 3 行「指标编码」：指标", refused.Error, StringComparison.Ordinal);
        Assert.Contains("不由本单位牵头考核", refused.Error, StringComparison.Ordinal);
        Assert.Contains("第 4 行「指标编码」：不能导入本单位的数据", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, await ReportsAsync(ReportStatus.Approved));

        var imported = await lead.ImportMonthAsync(Year, 1, UnitImportTests.Sheet(s_columns, ["T01", "B2", "8", ""], ["T02", "B2", "7.5", ""]), "1月.xlsx");
        Assert.True(imported.Ok, imported.Error);
        Assert.Equal(2, await ReportsAsync(ReportStatus.Approved));
    }
}

public sealed class SqliteProgressImportTests() : ProgressImportTests(DatabaseProvider.Sqlite);

public sealed class PostgresProgressImportTests() : ProgressImportTests(DatabaseProvider.Postgres);
