using Baton.Core;
using Baton.Core.Units;
using Microsoft.Playwright;

namespace Baton.E2E;

/// <summary>Imports change the units: this class has a database of its own.</summary>
public sealed class UnitImportInBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static string UnitFile(params string[][] rows)
    {
        var path = Path.Combine(Path.GetTempPath(), $"units-{Guid.NewGuid():N}.xlsx");
        using var file = File.Create(path);
        ExcelSheet.Write(file, UnitService.Columns, rows.Select(r => (IReadOnlyList<object?>)r), "单位");
        return path;
    }

    [Fact]
    public async Task Office_sees_the_towns_in_chinese_and_imports_a_unit_file()
    {
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "office");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync(app.BaseUrl + "/units");
        await BrowserApp.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("#unit-table")).ToContainTextAsync("城关镇");
        await Assertions.Expect(page.Locator("#unit-table")).ToContainTextAsync("镇一类（重点镇）");
        await Assertions.Expect(page.Locator("#new-unit")).ToHaveCountAsync(1);

        var bad = UnitFile(["T99", "", "镇", "TOWN-A", "", "", ""]);
        await page.SetInputFilesAsync("#unit-import", bad);
        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("第 2 行「单位名称」");

        var good = UnitFile(["T13", "新城镇", "镇", "TOWN-B", "赵六", "镇党委书记", "2024-03-01"]);
        await page.SetInputFilesAsync("#unit-import", good);
        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("新增 1 个单位");
        await Assertions.Expect(page.Locator("#unit-table")).ToContainTextAsync("新城镇");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.ScreenshotFolder, "units-office.png"), FullPage = true });
    }
}
