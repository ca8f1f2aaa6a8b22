using System.Diagnostics;

namespace Baton.Cli.Tests;

/// <summary>Runs the built <c>baton</c> command as a separate process, as a user would.</summary>
internal static class CliRunner
{
    public sealed record Run(int ExitCode, string StdOut, string StdErr);

    public static async Task<Run> RunAsync(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "baton.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        info.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Run(process.ExitCode, await stdout, await stderr);
    }
}
