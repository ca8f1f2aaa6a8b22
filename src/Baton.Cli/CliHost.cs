using System.CommandLine;

namespace Baton.Cli;

/// <summary>The verbs of the <c>baton</c> command and the options every verb shares.</summary>
internal static class CliHost
{
    public static readonly Option<string?> DbOption = new("--db")
    {
        Description = "SQLite 数据库文件路径（覆盖 Database:Path）",
        Recursive = true,
    };

    public static readonly Option<string?> ProviderOption = new("--provider")
    {
        Description = "数据库类型：Sqlite 或 Postgres（覆盖 Database:Provider）",
        Recursive = true,
    };

    /// <summary>Every verb, one line per feature.</summary>
    public static IEnumerable<Command> Commands()
    {
        yield return Ratings.CalibrateCommand.Create();
        yield break;
    }
}
