using System.Text.Json;

namespace Baton.Cli.Tests.Indicators;

public sealed class WeightsCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("baton-weights-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Matrix(string csv)
    {
        var path = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, csv, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        return path;
    }

    [Fact]
    public async Task Ahp_prints_one_json_object_with_weights_in_the_items_order()
    {
        var run = await CliRunner.RunAsync("weights", "ahp", "--matrix", Matrix("经济发展,生态环境,党建\n1,3,5\n1/3,1,3\n1/5,1/3,1\n"), "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.StdOut);
        var root = json.RootElement;
        Assert.Equal(["经济发展", "生态环境", "党建"], root.GetProperty("items").EnumerateArray().Select(e => e.GetString()!).ToArray());
        var weights = root.GetProperty("weights").EnumerateArray().Select(e => e.GetDecimal()).ToArray();
        Assert.InRange(weights.Sum(), 0.999999999m, 1.000000001m);
        Assert.Equal(0.637m, Math.Round(weights[0], 3));
        Assert.Equal(0.258m, Math.Round(weights[1], 3));
        Assert.Equal(0.105m, Math.Round(weights[2], 3));
        Assert.Equal(3.039m, Math.Round(root.GetProperty("lambdaMax").GetDecimal(), 3));
        Assert.Equal(0.019m, Math.Round(root.GetProperty("ci").GetDecimal(), 3));
        Assert.Equal(0.033m, Math.Round(root.GetProperty("cr").GetDecimal(), 3));
        Assert.True(root.GetProperty("consistent").GetBoolean());
        Assert.Equal(string.Empty, run.StdErr);
    }

    [Fact]
    public async Task Ahp_reports_an_inconsistent_matrix_as_not_consistent_but_still_succeeds()
    {
        var run = await CliRunner.RunAsync("weights", "ahp", "--matrix", Matrix("A,B,C,D\n1,5,6,7\n1/5,1,4,6\n1/6,1/4,1,4\n1/7,1/6,1/4,1\n"));
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.StdOut);
        Assert.False(json.RootElement.GetProperty("consistent").GetBoolean());
    }

    [Theory]
    [InlineData("A,B,C\n1,3,5\n1/3,1,3\n", "不是方阵")]
    [InlineData("A,B\n1,-2\n-1/2,1\n", "不是正数")]
    [InlineData("A,B\n1,3\n1/2,1\n", "互反")]
    [InlineData("A,B\n1,x\n1,1\n", "不是数字或分数")]
    public async Task Ahp_refuses_an_unusable_matrix_with_a_chinese_message_and_exit_code_2(string csv, string message)
    {
        var run = await CliRunner.RunAsync("weights", "ahp", "--matrix", Matrix(csv), "--format", "json");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.StdErr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.StdOut);
    }

    [Fact]
    public async Task Ahp_refuses_a_file_it_cannot_read_with_exit_code_2()
    {
        var run = await CliRunner.RunAsync("weights", "ahp", "--matrix", Path.Combine(directory, "missing.csv"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("无法读取", run.StdErr, StringComparison.Ordinal);
    }
}
