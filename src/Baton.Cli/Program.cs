using System.CommandLine;

namespace Baton.Cli;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        var root = new RootCommand("baton — 目标责任考核管理系统的命令行工具");
        root.Options.Add(CliHost.DbOption);
        root.Options.Add(CliHost.ProviderOption);
        foreach (var command in CliHost.Commands())
        {
            root.Subcommands.Add(command);
        }
        return await root.Parse(args).InvokeAsync();
    }
}
