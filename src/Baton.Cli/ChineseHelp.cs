using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;

namespace Baton.Cli;

/// <summary>
/// The help of every <c>baton</c> command, in Chinese. System.CommandLine 2.0's own help is English
/// ("Usage", "Options", "(REQUIRED)"; its Chinese resources cover only part of it) and its help
/// builder is internal, so the help option's action is replaced by this one, which writes the same
/// sections from the same symbols: description, usage, arguments, options, subcommands.
/// </summary>
internal sealed class ChineseHelp : SynchronousCommandLineAction
{
    public const string HelpDescription = "显示帮助和用法";
    public const string VersionDescription = "显示版本号";

    /// <summary>Puts the Chinese help and version descriptions on <paramref name="root"/>, whose options apply to every subcommand.</summary>
    public static void Install(RootCommand root)
    {
        foreach (var option in root.Options)
        {
            switch (option)
            {
                case HelpOption help:
                    help.Description = HelpDescription;
                    help.Action = new ChineseHelp();
                    break;
                case VersionOption version:
                    version.Description = VersionDescription;
                    break;
            }
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.Write(Render(parseResult.CommandResult.Command, Path(parseResult.CommandResult)));
        return 0;
    }

    /// <summary>How the user called <paramref name="result"/>'s command, e.g. <c>baton users create</c>.</summary>
    public static string Path(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is CommandResult c)
            {
                names.Add(c.Command.Name);
            }
        }
        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>The help text of <paramref name="command"/>, called as <paramref name="path"/> (e.g. <c>baton users create</c>).</summary>
    public static string Render(Command command, string path)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(command.Description))
        {
            text.Append("说明：\n  ").Append(command.Description).Append("\n\n");
        }

        var arguments = command.Arguments.Where(a => !a.Hidden).ToList();
        var subcommands = command.Subcommands.Where(c => !c.Hidden).ToList();
        var options = command.Options.Concat(Ancestors(command).SelectMany(a => a.Options.Where(o => o.Recursive)))
            .Where(o => !o.Hidden).Distinct().ToList();
        var usage = new StringBuilder(path);
        foreach (var argument in arguments)
        {
            usage.Append(" <").Append(argument.HelpName ?? argument.Name).Append('>');
        }
        if (subcommands.Count > 0)
        {
            usage.Append(" [命令]");
        }
        if (options.Count > 0)
        {
            usage.Append(" [选项]");
        }
        text.Append("用法：\n  ").Append(usage).Append("\n\n");

        Section(text, "参数：", arguments.Select(a => ($"<{a.HelpName ?? a.Name}>", Describe(a.Description, a.HasDefaultValue ? a.GetDefaultValue() : null))));
        Section(text, "选项：", options.Select(o => (First(o), Describe(o.Description, o.HasDefaultValue ? o.GetDefaultValue() : null))));
        Section(text, "命令：", subcommands.Select(c => (c.Name, c.Description ?? "")));
        return text.ToString();
    }

    internal static string First(Option option)
    {
        // Windows-style aliases (/?, /h) work but are not shown, as in the library's own help.
        var names = string.Join(", ", option.Aliases.Append(option.Name).Where(n => !n.StartsWith('/')).Distinct().OrderBy(n => n.TrimStart('-').Length > 1).ThenBy(n => n, StringComparer.Ordinal));
        if (option.Arity.MaximumNumberOfValues > 0)
        {
            var values = option.GetCompletions(CompletionContext.Empty).Select(c => c.Label).ToList();
            names += " <" + (values.Count is > 0 and <= 6 ? string.Join("|", values) : option.HelpName ?? "值") + ">";
        }
        return option.Required ? names + "（必填）" : names;
    }

    private static string Describe(string? description, object? defaultValue) =>
        defaultValue is null or false || defaultValue is string { Length: 0 }
            ? description ?? ""
            : $"{description}［默认：{Convert.ToString(defaultValue, CultureInfo.InvariantCulture)}］";

    private static void Section(StringBuilder text, string title, IEnumerable<(string Left, string Right)> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            return;
        }
        var width = list.Max(r => Width(r.Left)) + 2;
        text.Append(title).Append('\n');
        foreach (var (left, right) in list)
        {
            text.Append("  ").Append(left).Append(' ', width - Width(left)).Append(right).Append('\n');
        }
        text.Append('\n');
    }

    /// <summary>Columns on a terminal: CJK characters and full-width punctuation take two.</summary>
    private static int Width(string s) => s.Sum(c => c is (>= '\u1100' and <= '\u115F') or (>= '\u2E80' and <= '\uFFEF') ? 2 : 1);

    internal static IEnumerable<Command> Ancestors(Command command)
    {
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            yield return parent;
        }
    }
}
