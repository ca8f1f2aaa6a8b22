using System.Text.Json;

namespace Baton.Cli.Tests.Warnings;

public sealed class WarningsCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("baton-cli-warnings-").FullName;

    private string DbFile => Path.Combine(_folder, "baton.db");

    [Fact]
    public async Task Warnings_prints_the_years_warnings_as_of_a_day_in_the_agreed_json_shape_and_as_excel()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("seed", "demo", "--db", DbFile)).ExitCode);
        var run = await CliRunner.RunAsync("warnings", "--year", "2026", "--as-of", "2026-03-10", "--format", "json", "--db", DbFile);
        Assert.True(run.ExitCode == 0, run.StdErr);
        using var document = JsonDocument.Parse(run.StdOut);
        var root = document.RootElement;
        Assert.Equal(["year", "asOf", "thresholds", "warnings"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal((2026, "2026-03-10"), (root.GetProperty("year").GetInt32(), root.GetProperty("asOf").GetString()));
        Assert.Equal((0.9m, 0.7m), (root.GetProperty("thresholds").GetProperty("yellow").GetDecimal(), root.GetProperty("thresholds").GetProperty("red").GetDecimal()));
        var warnings = root.GetProperty("warnings").EnumerateArray().ToList();
        Assert.NotEmpty(warnings);
        Assert.All(warnings, w =>
        {
            Assert.Equal(["unit", "indicator", "kind", "colour", "planned", "actual", "ratio", "forecast"], w.EnumerateObject().Select(p => p.Name));
            Assert.Contains(w.GetProperty("kind").GetString(), new[] { "behind", "stale", "overdue" });
            Assert.Contains(w.GetProperty("colour").GetString(), new[] { "blue", "yellow", "red" });
        });
        // A behind warning carries its figures: ratio = actual ÷ planned, to four decimals.
        var behind = warnings.First(w => w.GetProperty("kind").GetString() == "behind");
        Assert.Equal(Math.Round(behind.GetProperty("actual").GetDecimal() / behind.GetProperty("planned").GetDecimal(), 4, MidpointRounding.AwayFromZero),
            behind.GetProperty("ratio").GetDecimal());

        var file = Path.Combine(_folder, "warnings.xlsx");
        var excel = await CliRunner.RunAsync("warnings", "--year", "2026", "--as-of", "2026-03-10", "--format", "xlsx", "--out", file, "--db", DbFile);
        Assert.True(excel.ExitCode == 0, excel.StdErr);
        Assert.Equal((byte)'P', File.ReadAllBytes(file)[0]);
    }

    [Fact]
    public async Task A_bad_day_or_a_day_outside_the_year_is_refused_with_exit_code_2()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("seed", "demo", "--db", DbFile)).ExitCode);
        var bad = await CliRunner.RunAsync("warnings", "--year", "2026", "--as-of", "2026-13-01", "--db", DbFile);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("不是有效日期", bad.StdErr, StringComparison.Ordinal);
        var outside = await CliRunner.RunAsync("warnings", "--year", "2026", "--as-of", "2025-12-31", "--db", DbFile);
        Assert.Equal(2, outside.ExitCode);
        Assert.Contains("不在 2026 年度内", outside.StdErr, StringComparison.Ordinal);
        Assert.Equal("", outside.StdOut);
        var unknown = await CliRunner.RunAsync("warnings", "--year", "1999", "--as-of", "1999-03-01", "--db", DbFile);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("1999 年度不存在", unknown.StdErr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
