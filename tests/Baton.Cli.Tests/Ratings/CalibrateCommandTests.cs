using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Baton.Cli.Tests.Ratings;

public sealed class CalibrateCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("baton-calibrate-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Csv(string text)
    {
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private const string Incomplete = """
        rater,unit,score
        甲,城关镇,82
        甲,东山镇,75
        甲,西河乡,90
        乙,东山镇,70
        乙,西河乡,86
        乙,南坪镇,64
        丙,南坪镇,72
        丙,北岭乡,88
        丙,城关镇,90
        丁,城关镇,78
        丁,北岭乡,80
        丁,西河乡,83
        """;

    [Fact]
    public async Task Additive_calibration_writes_one_json_object_with_units_and_raters_in_order_of_first_appearance()
    {
        var run = await CliRunner.RunAsync("calibrate", "--input", Csv(Incomplete), "--model", "additive", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.StdOut);
        var root = json.RootElement;
        Assert.Equal("additive", root.GetProperty("model").GetString());
        Assert.True(root.GetProperty("connected").GetBoolean());
        var grandMean = root.GetProperty("grandMean").GetDouble();
        Assert.True(root.GetProperty("residualVariance").GetDouble() > 0);
        var units = root.GetProperty("units").EnumerateArray().ToList();
        Assert.Equal(["城关镇", "东山镇", "西河乡", "南坪镇", "北岭乡"], units.Select(u => u.GetProperty("unit").GetString()));
        Assert.Equal(["甲", "乙", "丙", "丁"], root.GetProperty("raters").EnumerateArray().Select(r => r.GetProperty("rater").GetString()));
        foreach (var unit in units)
        {
            Assert.Equal(grandMean + unit.GetProperty("effect").GetDouble(), unit.GetProperty("calibrated").GetDouble(), 1e-9);
            Assert.True(unit.GetProperty("se").GetDouble() > 0);
        }
        Assert.Equal(3, units[0].GetProperty("n").GetInt32());
        Assert.Equal((82 + 90 + 78) / 3.0, units[0].GetProperty("rawMean").GetDouble(), 1e-9);
        Assert.Equal(0, units.Sum(u => u.GetProperty("effect").GetDouble()), 1e-9);
        // Competition ranks by calibrated score, highest first.
        var byScore = units.OrderByDescending(u => u.GetProperty("calibrated").GetDouble()).Select(u => u.GetProperty("rank").GetInt32());
        Assert.Equal([1, 2, 3, 4, 5], byScore);
        Assert.All(root.GetProperty("raters").EnumerateArray(), r =>
        {
            Assert.Equal(3, r.GetProperty("n").GetInt32());
            Assert.True(r.GetProperty("se").GetDouble() > 0);
        });
    }

    [Fact]
    public async Task Z_scores_on_a_complete_design_average_each_units_per_rater_z_scores()
    {
        var csv = Csv("rater,unit,score\nA,X,70\nA,Y,80\nA,Z,90\nB,X,60\nB,Y,62\nB,Z,70\n");

        var run = await CliRunner.RunAsync("calibrate", "--input", csv, "--model", "zscore", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.StdOut);
        var x = json.RootElement.GetProperty("units")[0];
        Assert.Equal((-1 + (60 - 64) / Math.Sqrt(28)) / 2, x.GetProperty("calibrated").GetDouble(), 1e-12);
        Assert.Equal(3, x.GetProperty("rank").GetInt32());
    }

    [Fact]
    public async Task Z_scores_on_an_incomplete_design_are_refused_with_exit_code_4()
    {
        var run = await CliRunner.RunAsync("calibrate", "--input", Csv(Incomplete), "--model", "zscore", "--format", "json");

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("完整设计", run.StdErr, StringComparison.Ordinal);
        Assert.Equal("", run.StdOut);
    }

    [Fact]
    public async Task Rasch_calibration_reports_measures_fair_averages_and_thresholds()
    {
        var random = new Random(1);
        var lines = new StringBuilder("rater,unit,score\n");
        for (var r = 0; r < 8; r++)
        {
            for (var u = 0; u < 10; u++)
            {
                // Logistic noise (inverse CDF of a uniform draw), so that the data are not perfectly ordered.
                var noise = Math.Log(1 / (1 - random.NextDouble()) - 1);
                var grade = Math.Clamp((int)Math.Round(u / 3.0 + (r % 3) - 1 + noise), 0, 3);
                lines.Append(CultureInfo.InvariantCulture, $"R{r},U{u},{grade}\n");
            }
        }

        var run = await CliRunner.RunAsync("calibrate", "--input", Csv(lines.ToString()), "--model", "rasch", "--format", "json");

        Assert.True(run.ExitCode == 0, run.StdErr);
        using var json = JsonDocument.Parse(run.StdOut);
        Assert.Equal(3, json.RootElement.GetProperty("thresholds").GetArrayLength());
        var units = json.RootElement.GetProperty("units").EnumerateArray().ToList();
        Assert.Equal(10, units.Count);
        Assert.All(units, u => Assert.InRange(u.GetProperty("calibrated").GetDouble(), 0, 3));
    }

    [Fact]
    public async Task Disconnected_design_exits_with_code_3_and_names_the_groups_in_chinese()
    {
        var csv = Csv("rater,unit,score\n甲,城关镇,80\n甲,东山镇,70\n乙,西河乡,85\n乙,南坪镇,77\n");

        var run = await CliRunner.RunAsync("calibrate", "--input", csv, "--model", "additive", "--format", "json");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("不构成一个连通的设计", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("第1组（评分人：甲；单位：城关镇、东山镇）", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("第2组（评分人：乙；单位：西河乡、南坪镇）", run.StdErr, StringComparison.Ordinal);
        Assert.Equal("", run.StdOut);
    }

    [Fact]
    public async Task Disconnected_design_is_calibrated_when_the_groups_are_declared_equally_severe()
    {
        var csv = Csv("rater,unit,score\n甲,城关镇,80\n甲,东山镇,70\n乙,西河乡,85\n乙,南坪镇,77\n丙,西河乡,80\n丙,南坪镇,70\n");

        var run = await CliRunner.RunAsync("calibrate", "--input", csv, "--anchoring", "equal-groups");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.StdOut);
        Assert.False(json.RootElement.GetProperty("connected").GetBoolean());
        Assert.Equal(2, json.RootElement.GetProperty("groups").GetInt32());
    }

    [Theory]
    [InlineData("rater,unit\n甲,城关镇\n", "第1行", "score")]
    [InlineData("rater,unit,score\n甲,城关镇,80\n甲,东山镇,优\n", "第3行", "不是数字")]
    [InlineData("rater,unit,score\n甲,城关镇,80\n乙,城关镇,70\n甲,城关镇,75\n", "第4行", "第2行")]
    [InlineData("", "第1行", "文件为空")]
    public async Task Malformed_input_exits_with_code_2_naming_the_line(string text, string line, string detail)
    {
        var run = await CliRunner.RunAsync("calibrate", "--input", Csv(text), "--model", "additive", "--format", "json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(line, run.StdErr, StringComparison.Ordinal);
        Assert.Contains(detail, run.StdErr, StringComparison.Ordinal);
        Assert.Equal("", run.StdOut);
    }

    [Fact]
    public async Task Rasch_input_with_a_fractional_grade_exits_with_code_2_naming_the_line()
    {
        var run = await CliRunner.RunAsync("calibrate", "--input", Csv("rater,unit,score\nA,X,1\nA,Y,2.5\n"), "--model", "rasch");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("第3行", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_input_file_exits_with_code_2()
    {
        var run = await CliRunner.RunAsync("calibrate", "--input", Path.Combine(directory, "nope.csv"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("无法读取评分文件", run.StdErr, StringComparison.Ordinal);
    }
}
