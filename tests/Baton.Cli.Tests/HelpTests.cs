namespace Baton.Cli.Tests;

public class HelpTests
{
    [Fact]
    public async Task Help_lists_the_command_and_exits_zero()
    {
        var run = await CliRunner.RunAsync("--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("baton", run.StdOut, StringComparison.Ordinal);
    }
}
