using System.CommandLine;
using Baton.Core.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Cli.Demo;

internal static class DemoCommands
{
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
        return new Command("seed", "生成数据") { demo };
    }
}
