using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Parsing;

namespace Baton.Cli;

/// <summary>
/// What is wrong with a command line, in Chinese. The parser's own messages are partly English
/// ("Option '--year' is required."), so the usual mistakes are worded here from the parse result;
/// anything else keeps the parser's message.
/// </summary>
internal static class ParseErrors
{
    public const int ExitCode = 1;

    public static int Write(ParseResult parse, TextWriter error)
    {
        var result = parse.CommandResult;
        var command = result.Command;
        var path = ChineseHelp.Path(result);
        var messages = new List<string>();

        messages.AddRange(parse.UnmatchedTokens.Select(t => $"无法识别的命令或参数：{t}"));
        foreach (var option in command.Options.Concat(ChineseHelp.Ancestors(command).SelectMany(a => a.Options.Where(o => o.Recursive))).Distinct())
        {
            var optionResult = parse.GetResult(option) as OptionResult;
            // A required option that was not typed still has a result, with no identifier token.
            if (option.Required && optionResult?.IdentifierToken is null)
            {
                messages.Add($"缺少必填的选项 {option.Name}");
            }
            else if (optionResult is not null && parse.Errors.Any(e => e.SymbolResult == optionResult || e.SymbolResult?.Parent == optionResult))
            {
                messages.Add(ValueProblem(option, optionResult));
            }
        }
        if (command.Action is null && command.Subcommands.Count > 0 && parse.UnmatchedTokens.Count == 0)
        {
            messages.Add($"请指定命令：{string.Join("、", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}");
        }
        if (messages.Count == 0)
        {
            messages.AddRange(parse.Errors.Select(e => e.Message));
        }

        foreach (var message in messages.Distinct(StringComparer.Ordinal))
        {
            error.WriteLine(message.TrimEnd('。', '.') + "。");
        }
        error.WriteLine($"运行 {path} --help 查看用法。");
        return ExitCode;
    }

    private static string ValueProblem(Option option, OptionResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return $"选项 {option.Name} 需要一个值";
        }
        var given = string.Join(" ", result.Tokens.Select(t => t.Value));
        var allowed = option.GetCompletions(CompletionContext.Empty).Select(c => c.Label).ToList();
        return allowed.Count > 0
            ? $"选项 {option.Name} 的值「{given}」无效，可选：{string.Join("、", allowed)}"
            : $"选项 {option.Name} 的值「{given}」无效";
    }
}
