using System.CommandLine;

namespace Baton.Cli.Tests;

public class HelpTests
{
    // The words of System.CommandLine's own help and error template, which must never reach a Chinese user.
    private static readonly string[] TemplateWords =
    [
        "Description", "Usage", "Options", "Commands", "Arguments", "REQUIRED", "Required", "required", "[command]", "[options]",
        "Show help", "usage information", "Show version", "version information", "Default", "default:", "is required", "Unrecognized",
        "not recognized", "Cannot parse", "Option '",
    ];

    /// <summary>Every command path of the tool, from its own command tree: <c>[]</c>, <c>["users"]</c>, <c>["users", "create"]</c>, ….</summary>
    public static TheoryData<string> CommandPaths()
    {
        var paths = new TheoryData<string>();
        void Walk(Command command, string path)
        {
            paths.Add(path);
            foreach (var sub in command.Subcommands)
            {
                Walk(sub, (path + " " + sub.Name).Trim());
            }
        }
        Walk(CliHost.Root(), "");
        return paths;
    }

    private static void AssertChinese(string text)
    {
        var english = TemplateWords.Where(w => text.Contains(w, StringComparison.Ordinal)).ToList();
        Assert.True(english.Count == 0, $"English from the help template ({string.Join(", ", english)}) in:\n{text}");
    }

    [Fact]
    public async Task Help_lists_the_commands_in_chinese_and_exits_zero()
    {
        var run = await CliRunner.RunAsync("--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("用法：", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("baton [命令] [选项]", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("显示帮助和用法", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("显示版本号", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("  users ", run.StdOut, StringComparison.Ordinal);
        AssertChinese(run.StdOut);
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public async Task Every_command_help_is_chinese(string path)
    {
        var run = await CliRunner.RunAsync([.. path.Split(' ', StringSplitOptions.RemoveEmptyEntries), "-h"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"baton {path}".Trim(), run.StdOut, StringComparison.Ordinal);
        Assert.Contains("说明：", run.StdOut, StringComparison.Ordinal);
        AssertChinese(run.StdOut + run.StdErr);
    }

    [Fact]
    public void Every_command_and_option_has_a_chinese_description()
    {
        var missing = new List<string>();
        void Walk(Command command, string path)
        {
            if (!HasChinese(command.Description))
            {
                missing.Add(path);
            }
            missing.AddRange(command.Options.Where(o => !HasChinese(o.Description)).Select(o => $"{path} {o.Name}"));
            foreach (var sub in command.Subcommands)
            {
                Walk(sub, path + " " + sub.Name);
            }
        }
        Walk(CliHost.Root(), "baton");
        Assert.Empty(missing);
    }

    private static bool HasChinese(string? text) => text is not null && text.Any(c => c is >= '\u4e00' and <= '\u9fff');

    [Theory]
    [InlineData("nosuch", "无法识别的命令或参数：nosuch")]
    [InlineData("score", "缺少必填的选项 --year")]
    [InlineData("score --year", "选项 --year 需要一个值")]
    [InlineData("score --year abc", "选项 --year 的值「abc」无效")]
    [InlineData("score --year 2025 --format pdf", "选项 --format 的值「pdf」无效，可选：json、xlsx")]
    [InlineData("users", "请指定命令：create、reset-password")]
    [InlineData("users create --name zhang --role Office --password Chushi#2026", "无法识别的命令或参数：--password")]
    public async Task A_wrong_command_line_is_explained_in_chinese(string line, string message)
    {
        var run = await CliRunner.RunAsync(line.Split(' '));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.StdErr, StringComparison.Ordinal);
        Assert.Contains("--help 查看用法", run.StdErr, StringComparison.Ordinal);
        AssertChinese(run.StdErr);
    }
}
