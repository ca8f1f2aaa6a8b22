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

        // 2026 is in progress: its categories are settled, so a file that would put a unit in one is refused as a whole.
        await Assertions.Expect(page.Locator("#membership-refusal")).ToContainTextAsync("此阶段不能调整考核类别中的单位");
        var categorised = UnitFile(["T13", "新城镇", "镇", "TOWN-B", "赵六", "镇党委书记", "2024-03-01"]);
        await page.SetInputFilesAsync("#unit-import", categorised);
        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("此阶段不能调整考核类别中的单位");

        var good = UnitFile(["T13", "新城镇", "镇", "", "赵六", "镇党委书记", "2024-03-01"]);
        await page.SetInputFilesAsync("#unit-import", good);
        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("新增 1 个单位");
        await Assertions.Expect(page.Locator("#import-changes")).ToContainTextAsync("第 2 行：新增单位 T13「新城镇」（镇）");
        await Assertions.Expect(page.Locator("#import-changes")).ToContainTextAsync("一把手：（未登记） → 赵六");
        await Assertions.Expect(page.Locator("#unit-table")).ToContainTextAsync("新城镇");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.ScreenshotFolder, "units-office.png"), FullPage = true });
    }

    [Fact]
    public async Task Office_records_a_leader_as_a_person_told_apart_from_a_namesake()
    {
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "office");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.GotoAsync(app.BaseUrl + "/units");
        await BrowserApp.WaitInteractiveAsync(page);
        var first = page.Locator("#unit-table tbody tr").Filter(new LocatorFilterOptions { HasText = "城关镇" });
        var namesake = (await first.Locator("td").Nth(4).InnerTextAsync()).Trim();

        await page.Locator("#unit-table tbody tr").Filter(new LocatorFilterOptions { HasText = "东河镇" }).GetByRole(AriaRole.Button, new() { Name = "一把手" }).ClickAsync();
        var drawer = page.Locator(".ant-drawer-content");
        await drawer.GetByText("新建人员").ClickAsync();
        await page.FillAsync("#leader-name", namesake);
        await page.FillAsync("#leader-post", "镇党委书记");
        await drawer.Locator(".ant-picker input").FillAsync("2026-02-01");
        await drawer.Locator(".ant-picker input").PressAsync("Enter");
        await page.ClickAsync("#save-leader");
        await Assertions.Expect(page.Locator("#leader-error")).ToContainTextAsync($"已有人员「{namesake}」");

        await page.FillAsync("#leader-note", "1981 年生");
        await page.ClickAsync("#save-leader");
        await Assertions.Expect(drawer.Locator("tbody")).ToContainTextAsync("（1981 年生）");
        await Assertions.Expect(page.Locator("#unit-table tbody tr").Filter(new LocatorFilterOptions { HasText = "东河镇" })).ToContainTextAsync(namesake + "（1981 年生）");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.ScreenshotFolder, "units-leader.png"), FullPage = true });
    }
}
