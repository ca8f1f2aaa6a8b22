using System.CommandLine;
using Baton.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Cli;

internal static class DatabaseCommands
{
    public static Command Migrate()
    {
        var command = new Command("migrate", "创建数据库或升级到最新结构");
        command.SetAction(async (parse, ct) =>
        {
            await using var services = await CliHost.OpenAsync(parse, ct);
            Console.WriteLine($"数据库已是最新结构：{services.GetRequiredService<BatonDatabase>()}");
            return 0;
        });
        return command;
    }
}
