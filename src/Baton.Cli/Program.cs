using System.CommandLine;
using System.Globalization;

namespace Baton.Cli;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        // The parser's own messages (a missing option, an unknown command) in Chinese whatever the machine's locale.
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        var parse = CliHost.Root().Parse(args);
        if (parse.Action is System.CommandLine.Invocation.ParseErrorAction)
        {
            return ParseErrors.Write(parse, Console.Error);
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug or a broken environment (database unreachable): say so in Chinese; the detail is for technical support.
            await Console.Error.WriteLineAsync($"命令执行失败：{e.Message}");
            await Console.Error.WriteLineAsync("详细信息（请提供给技术支持）：");
            await Console.Error.WriteLineAsync(e.ToString());
            return 1;
        }
    }
}
