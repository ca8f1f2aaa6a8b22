using System.CommandLine;
using Baton.Core.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Cli.Demo;

internal static class DemoCommands
{
    /// <summary><c>baton seed province</c>: a synthetic province for benchmarks, bulk-inserted (no per-row audit).</summary>
    private static Command Province()
    {
        var units = new Option<int>("--units") { Description = "单位数", DefaultValueFactory = _ => 10_000 };
        var categories = new Option<int>("--categories") { Description = "考核类别数", DefaultValueFactory = _ => 20 };
        var leaves = new Option<int>("--leaves") { Description = "每类末级指标数", DefaultValueFactory = _ => 150 };
        var year = new Option<int>("--year") { Description = "生成的考核年度（须不存在）", DefaultValueFactory = _ => 2030 };
        var seed = new Option<int>("--seed") { Description = "随机种子", DefaultValueFactory = _ => DemoCounty.DefaultSeed };
        var province = new Command("province", "生成模拟全省数据（单位、类别、指标体系、目标值、完成值、加减分），用于性能测试") { units, categories, leaves, year, seed };
        province.SetAction(async (parse, ct) =>
        {
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var generator = scope.ServiceProvider.GetRequiredService<SyntheticProvince>();
            var outcome = await generator.SeedAsync(new ProvinceSize(parse.GetValue(units), parse.GetValue(categories), parse.GetValue(leaves), parse.GetValue(year), parse.GetValue(seed)), ct);
            if (!outcome.Ok)
            {
                await Console.Error.WriteLineAsync(outcome.Error);
                return 2;
            }
            var s = outcome.Value!;
            Console.WriteLine($"已生成 {s.Year} 年度模拟数据：{s.Units} 个单位，{s.Categories} 个类别，{s.Indicators} 项指标，{s.Targets} 条目标值，{s.ProgressReports} 条月度进度，{s.Adjustments} 个加减分事项，用时 {s.Elapsed.TotalSeconds:0.0} 秒。");
            return 0;
        });
        return province;
    }

    public static Command Seed()
    {
        var seedOption = new Option<int>("--seed") { Description = "随机种子（相同种子生成相同数据）", DefaultValueFactory = _ => DemoCounty.DefaultSeed };
        var demo = new Command("demo", "向空数据库载入示范县演示数据") { seedOption };
        demo.SetAction(async (parse, ct) =>
        {
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var county = scope.ServiceProvider.GetRequiredService<DemoCounty>();
            if (!await county.IsEmptyAsync(ct))
            {
                await Console.Error.WriteLineAsync("数据库中已有单位或账号，未载入演示数据。请换一个空数据库（--db 新文件路径）。");
                return 1;
            }
            await county.SeedAsync(parse.GetValue(seedOption), ct);
            Console.WriteLine(DemoCounty.Banner());
            return 0;
        });
        return new Command("seed", "生成数据") { demo, Province() };
    }
}
