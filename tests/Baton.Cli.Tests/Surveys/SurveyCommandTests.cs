using System.Text;
using System.Text.Json;

namespace Baton.Cli.Tests.Surveys;

public sealed class SurveyCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("baton-survey-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string File(string text, bool bom = false)
    {
        var path = Path.Combine(directory, $"{Guid.NewGuid():N}.csv");
        System.IO.File.WriteAllText(path, text, new UTF8Encoding(bom));
        return path;
    }

    private static readonly string[] RateNames =
        ["RR1", "RR2", "RR3", "RR4", "RR5", "RR6", "COOP1", "COOP2", "COOP3", "COOP4", "REF1", "REF2", "REF3", "CON1", "CON2", "CON3"];

    // I=4, P=1, R=2, NC=1, O=1, UH=2, UO=1, NE=2 (14 cases), with a byte-order mark, CRLF and blank trailing lines.
    // I+P = 5; R+NC+O = 4; known eligible 9; UH+UO = 3; contacted (I+P)+R+O = 8; e = 9/(9+2) = 9/11.
    private const string Cases =
        "case,outcome\r\n1001,I\r\n1002,I\r\n1003,P\r\n1004,R\r\n1005,R\r\n1006,NC\r\n1007,O\r\n" +
        "1008,UH\r\n1009,UH\r\n1010,UO\r\n1011,NE\r\n1012,NE\r\n1013,I\r\n1014,I\r\n\r\n\r\n";

    [Fact]
    public async Task Rates_writes_the_counts_the_default_e_and_every_rate_in_aapor_order()
    {
        var run = await CliRunner.RunAsync("survey", "rates", "--input", File(Cases, bom: true), "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.StdErr);
        Assert.Single(run.StdOut.TrimEnd('\n').Split('\n'));
        using var json = JsonDocument.Parse(run.StdOut);
        var root = json.RootElement;
        Assert.Equal(["counts", "e", "rates"], root.EnumerateObject().Select(p => p.Name));
        var counts = root.GetProperty("counts");
        Assert.Equal(["I", "P", "R", "NC", "O", "UH", "UO", "NE"], counts.EnumerateObject().Select(p => p.Name));
        Assert.Equal([4, 1, 2, 1, 1, 2, 1, 2], counts.EnumerateObject().Select(p => p.Value.GetInt32()));
        Assert.Equal(9.0 / 11, root.GetProperty("e").GetDouble(), 1e-15);
        var rates = root.GetProperty("rates");
        Assert.Equal(RateNames, rates.EnumerateObject().Select(p => p.Name));

        // With all unknowns: 9 + 3 = 12; with e: 9 + (9/11)·3 = 126/11; with none: 9.
        Assert.Equal(4.0 / 12, rates.GetProperty("RR1").GetDouble(), 1e-15);
        Assert.Equal(5.0 / 12, rates.GetProperty("RR2").GetDouble(), 1e-15);
        Assert.Equal(44.0 / 126, rates.GetProperty("RR3").GetDouble(), 1e-15);
        Assert.Equal(55.0 / 126, rates.GetProperty("RR4").GetDouble(), 1e-15);
        Assert.Equal(4.0 / 9, rates.GetProperty("RR5").GetDouble(), 1e-15);
        Assert.Equal(5.0 / 9, rates.GetProperty("RR6").GetDouble(), 1e-15);
        Assert.Equal(4.0 / 8, rates.GetProperty("COOP1").GetDouble(), 1e-15);  // 4/(5+2+1)
        Assert.Equal(5.0 / 8, rates.GetProperty("COOP2").GetDouble(), 1e-15);
        Assert.Equal(4.0 / 7, rates.GetProperty("COOP3").GetDouble(), 1e-15);  // 4/(5+2)
        Assert.Equal(5.0 / 7, rates.GetProperty("COOP4").GetDouble(), 1e-15);
        Assert.Equal(2.0 / 12, rates.GetProperty("REF1").GetDouble(), 1e-15);
        Assert.Equal(22.0 / 126, rates.GetProperty("REF2").GetDouble(), 1e-15);
        Assert.Equal(2.0 / 9, rates.GetProperty("REF3").GetDouble(), 1e-15);
        Assert.Equal(8.0 / 12, rates.GetProperty("CON1").GetDouble(), 1e-15);
        Assert.Equal(88.0 / 126, rates.GetProperty("CON2").GetDouble(), 1e-15);
        Assert.Equal(8.0 / 9, rates.GetProperty("CON3").GetDouble(), 1e-15);
    }

    [Fact]
    public async Task A_given_e_is_used_and_written_back()
    {
        var run = await CliRunner.RunAsync("survey", "rates", "--input", File(Cases), "--e", "0.5", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.StdOut);
        Assert.Equal(0.5, json.RootElement.GetProperty("e").GetDouble());
        // 4 / (9 + 0.5·3) = 4/10.5.
        Assert.Equal(4 / 10.5, json.RootElement.GetProperty("rates").GetProperty("RR3").GetDouble(), 1e-15);
    }

    [Fact]
    public async Task A_rate_with_a_zero_denominator_and_an_e_with_nothing_to_estimate_it_from_are_null()
    {
        var run = await CliRunner.RunAsync("survey", "rates", "--input", File("case,outcome\nA,UH\nB,UO\nC,UH\n"), "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.StdOut);
        var root = json.RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("e").ValueKind);
        var rates = root.GetProperty("rates");
        Assert.Equal(0, rates.GetProperty("RR1").GetDouble());
        Assert.Equal(0, rates.GetProperty("CON1").GetDouble());
        foreach (var name in new[] { "RR3", "RR4", "RR5", "RR6", "COOP1", "COOP2", "COOP3", "COOP4", "REF2", "REF3", "CON2", "CON3" })
        {
            Assert.Equal(JsonValueKind.Null, rates.GetProperty(name).ValueKind);
        }
    }

    [Theory]
    [InlineData("case,outcome\n1001,I\n1002,NC\n1003,X\n", "第4行：个案“1003”的访问结果“X”无效")]
    [InlineData("case,outcome\n1001,I\n1002,NC\n1001,R\n", "第4行：个案“1001”重复，已在第2行出现")]
    [InlineData("", "第1行：文件为空")]
    [InlineData("\r\n\r\n", "第1行：文件为空")]
    [InlineData("1001,I\n1002,R\n", "第1行：缺少表头")]
    [InlineData("编号,结果\n1001,I\n", "第1行：表头应为 case,outcome，实为“编号,结果”")]
    [InlineData("case,outcome\r\n\r\n", "只有表头，没有个案")]
    public async Task A_file_that_cannot_be_counted_is_refused_with_exit_code_2_naming_the_row(string text, string message)
    {
        var run = await CliRunner.RunAsync("survey", "rates", "--input", File(text), "--format", "json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.StdErr, StringComparison.Ordinal);
        Assert.Equal("", run.StdOut);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.2")]
    [InlineData("八成")]
    [InlineData("NaN")]
    public async Task An_e_outside_zero_to_one_is_refused_with_exit_code_2(string e)
    {
        var run = await CliRunner.RunAsync("survey", "rates", "--input", File(Cases), "--e", e, "--format", "json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"选项 --e 的值「{e}」无效", run.StdErr, StringComparison.Ordinal);
        Assert.Equal("", run.StdOut);
    }

    [Fact]
    public async Task A_missing_or_non_utf8_file_is_refused_with_exit_code_2()
    {
        var missing = await CliRunner.RunAsync("survey", "rates", "--input", Path.Combine(directory, "none.csv"), "--format", "json");
        var gbk = Path.Combine(directory, "gbk.csv");
        // "case,outcome\n个案,I" with 个案 in GBK (B8 F6 B0 B8), which is not valid UTF-8.
        await System.IO.File.WriteAllBytesAsync(gbk, [.. "case,outcome\n"u8, 0xB8, 0xF6, 0xB0, 0xB8, .. ",I\n"u8]);
        var notUtf8 = await CliRunner.RunAsync("survey", "rates", "--input", gbk, "--format", "json");

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("找不到个案文件", missing.StdErr, StringComparison.Ordinal);
        Assert.Equal(2, notUtf8.ExitCode);
        Assert.Contains("不是 UTF-8 编码", notUtf8.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Margin_writes_p_the_standard_error_and_the_95_percent_margin()
    {
        var run = await CliRunner.RunAsync("survey", "margin", "--n", "400", "--population", "10000", "--p", "0.5", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.StdOut);
        var root = json.RootElement;
        Assert.Equal(["p", "se", "margin95"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.5, root.GetProperty("p").GetDouble());
        // √(0.25/399 · 9600/10000) = 0.0245255735…; 1.96 × that = 0.0480701242….
        Assert.Equal(Math.Sqrt(0.25 / 399 * 0.96), root.GetProperty("se").GetDouble(), 1e-15);
        Assert.Equal(0.048070124216, root.GetProperty("margin95").GetDouble(), 1e-11);
    }

    [Theory]
    [InlineData("500", "100", "0.5", "样本量 n（500）不能大于总体规模 N（100）")]
    [InlineData("1", "100", "0.5", "样本量 n 至少为 2")]
    [InlineData("50", "100", "1.2", "比例 p 应在 0 到 1 之间")]
    [InlineData("50", "100", "-0.1", "比例 p 应在 0 到 1 之间")]
    [InlineData("五十", "100", "0.5", "样本量 --n 的值「五十」不是整数")]
    [InlineData("50.5", "100", "0.5", "样本量 --n 的值「50.5」不是整数")]
    [InlineData("50", "lots", "0.5", "总体规模 --population 的值「lots」不是整数")]
    [InlineData("50", "100", "85%", "比例 --p 的值「85%」不是数字")]
    public async Task Impossible_margin_inputs_are_refused_with_exit_code_2(string n, string population, string p, string message)
    {
        var run = await CliRunner.RunAsync("survey", "margin", "--n", n, "--population", population, "--p", p, "--format", "json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.StdErr, StringComparison.Ordinal);
        Assert.Equal("", run.StdOut);
    }

    [Theory]
    [InlineData("500", """{"population":500,"sampleSize":217}""")]
    [InlineData("100000", """{"population":100000,"sampleSize":383}""")]
    [InlineData("1000000", """{"population":1000000,"sampleSize":384}""")]
    public async Task Sample_size_follows_krejcie_and_morgans_table(string population, string expected)
    {
        var run = await CliRunner.RunAsync("survey", "sample-size", "--population", population, "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, run.StdOut.TrimEnd('\n', '\r'));
    }

    [Theory]
    [InlineData("0", "总体规模 N 至少为 1")]
    [InlineData("-5", "总体规模 N 至少为 1")]
    [InlineData("1e4", "总体规模 --population 的值「1e4」不是整数")]
    public async Task An_impossible_population_is_refused_with_exit_code_2(string population, string message)
    {
        var run = await CliRunner.RunAsync("survey", "sample-size", "--population", population, "--format", "json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("survey", "请指定命令：rates、margin、sample-size")]
    [InlineData("survey rates --format json", "缺少必填的选项 --input")]
    [InlineData("survey margin --n 10 --p 0.5", "缺少必填的选项 --population")]
    [InlineData("survey sample-size --population 500 --format csv", "选项 --format 的值「csv」无效，可选：json")]
    public async Task A_wrong_command_line_exits_1_like_every_verb_and_is_explained_in_chinese(string line, string message)
    {
        var run = await CliRunner.RunAsync(line.Split(' '));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.StdErr, StringComparison.Ordinal);
    }
}
