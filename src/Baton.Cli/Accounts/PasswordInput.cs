namespace Baton.Cli.Accounts;

/// <summary>
/// Reads a password for <c>baton users</c> without putting it on the command line, where <c>ps</c>
/// and the shell's history would keep it: one line of standard input when it is redirected (a pipe,
/// a file, a script), otherwise typed twice on the terminal without echo.
/// </summary>
internal static class PasswordInput
{
    /// <summary>The password, or null (with the reason on <paramref name="error"/>) when none was given or the two entries differ.</summary>
    public static string? Read(string prompt, TextWriter error)
    {
        if (Console.IsInputRedirected)
        {
            var line = Console.In.ReadLine();
            if (string.IsNullOrEmpty(line))
            {
                error.WriteLine("标准输入中没有密码：请在第一行给出密码。");
                return null;
            }
            return line;
        }
        // Prompts go to standard error, so that standard output carries only the result.
        error.Write(prompt);
        var first = ReadHidden(() => Console.ReadKey(intercept: true), error);
        error.Write("请再输入一次：");
        var second = ReadHidden(() => Console.ReadKey(intercept: true), error);
        if (first != second)
        {
            error.WriteLine("两次输入的密码不一致，未作修改。");
            return null;
        }
        return first;
    }

    /// <summary>Reads keys up to Enter, echoing nothing; Backspace removes the last character.</summary>
    internal static string ReadHidden(Func<ConsoleKeyInfo> readKey, TextWriter echo)
    {
        var typed = new System.Text.StringBuilder();
        while (true)
        {
            var key = readKey();
            if (key.Key == ConsoleKey.Enter)
            {
                echo.WriteLine();
                return typed.ToString();
            }
            if (key.Key == ConsoleKey.Backspace)
            {
                if (typed.Length > 0)
                {
                    typed.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
    }
}
