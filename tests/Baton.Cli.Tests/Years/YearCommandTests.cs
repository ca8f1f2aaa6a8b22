using System.Text.Json;

namespace Baton.Cli.Tests.Years;

public sealed class YearCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("baton-cli-year-").FullName;

    private string DbFile => Path.Combine(_folder, "baton.db");

    [Fact]
    public async Task Year_show_prints_the_state_what_the_next_step_needs_and_the_history_as_json()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("seed", "demo", "--db", DbFile)).ExitCode);
        var final = await CliRunner.RunAsync("year", "show", "--year", "2025", "--format", "json", "--db", DbFile);
        Assert.True(final.ExitCode == 0, final.StdErr);
        using var document = JsonDocument.Parse(final.StdOut);
        var root = document.RootElement;
        Assert.Equal(["year", "state", "name", "isCurrent", "missing", "transitions"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2025, root.GetProperty("year").GetInt32());
        Assert.Equal("Final", root.GetProperty("state").GetString());
        Assert.Equal("2025年度目标责任考核", root.GetProperty("name").GetString());
        Assert.False(root.GetProperty("isCurrent").GetBoolean());
        Assert.Equal(0, root.GetProperty("missing").GetArrayLength());
        var transitions = root.GetProperty("transitions").EnumerateArray().ToList();
        Assert.Equal(["TargetsIssued", "InProgress", "Scoring", "PublicNotice", "Final"], transitions.Select(t => t.GetProperty("to").GetString()));
        Assert.Equal("Draft", transitions[0].GetProperty("from").GetString());
        Assert.Equal(["from", "to", "reason", "by", "at"], transitions[0].EnumerateObject().Select(p => p.Name));

        var current = await CliRunner.RunAsync("year", "show", "--year", "2026", "--db", DbFile);
        Assert.True(current.ExitCode == 0, current.StdErr);
        using var second = JsonDocument.Parse(current.StdOut);
        Assert.Equal("InProgress", second.RootElement.GetProperty("state").GetString());
        Assert.True(second.RootElement.GetProperty("isCurrent").GetBoolean());
        Assert.Contains(second.RootElement.GetProperty("missing").EnumerateArray(), m => m.GetString()!.EndsWith("尚未报送完成值", StringComparison.Ordinal));

        var unknown = await CliRunner.RunAsync("year", "show", "--year", "1999", "--db", DbFile);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("1999 年度不存在", unknown.StdErr, StringComparison.Ordinal);
        Assert.Equal("", unknown.StdOut);
    }

    [Fact]
    public async Task Year_advance_moves_one_step_and_refuses_with_the_missing_preconditions_and_exit_code_2()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("seed", "demo", "--db", DbFile)).ExitCode);
        var refused = await CliRunner.RunAsync("year", "advance", "--year", "2026", "--to", "Scoring", "--reason", "年终计分", "--db", DbFile);
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal("", refused.StdOut);
        var lines = refused.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("2026 年度不能推进到「年终计分」", lines[0], StringComparison.Ordinal);
        Assert.Contains("「城关镇」（T01）的指标「A1 地区生产总值」尚未报送完成值", lines);

        foreach (var state in new[] { "Done", "3", "" })
        {
            var unknown = await CliRunner.RunAsync("year", "advance", "--year", "2026", "--to", state, "--reason", "x", "--db", DbFile);
            Assert.Equal(2, unknown.ExitCode);
            Assert.Contains("未知的年度阶段", unknown.StdErr, StringComparison.Ordinal);
            Assert.Contains("Draft（草拟指标）", unknown.StdErr, StringComparison.Ordinal);
        }
        var noYear = await CliRunner.RunAsync("year", "advance", "--year", "1999", "--to", "Scoring", "--reason", "x", "--db", DbFile);
        Assert.Equal(2, noYear.ExitCode);
        Assert.Contains("1999 年度不存在", noYear.StdErr, StringComparison.Ordinal);
        var noReason = await CliRunner.RunAsync("year", "advance", "--year", "2025", "--to", "PublicNotice", "--reason", " ", "--db", DbFile);
        Assert.Equal(2, noReason.ExitCode);
        Assert.Contains("请填写变更原因", noReason.StdErr, StringComparison.Ordinal);

        // Back one step with a reason, then forward again: the snapshot still shows the data.
        var back = await CliRunner.RunAsync("year", "advance", "--year", "2025", "--to", "PublicNotice", "--reason", "更正公示材料", "--db", DbFile);
        Assert.True(back.ExitCode == 0, back.StdErr);
        Assert.Equal("2025 年度已由「结果已定」变为「结果公示」。", back.StdOut.Trim());
        var show = await CliRunner.RunAsync("year", "show", "--year", "2025", "--db", DbFile);
        using (var document = JsonDocument.Parse(show.StdOut))
        {
            Assert.Equal("PublicNotice", document.RootElement.GetProperty("state").GetString());
            Assert.Equal("更正公示材料", document.RootElement.GetProperty("transitions").EnumerateArray().Last().GetProperty("reason").GetString());
        }
        var forward = await CliRunner.RunAsync("year", "advance", "--year", "2025", "--to", "final", "--reason", "公示期满", "--db", DbFile);
        Assert.True(forward.ExitCode == 0, forward.StdErr);
        var skip = await CliRunner.RunAsync("year", "advance", "--year", "2025", "--to", "Scoring", "--reason", "跳过", "--db", DbFile);
        Assert.Equal(2, skip.ExitCode);
        Assert.Contains("年度只能逐步变更", skip.StdErr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
