using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Baton.Scoring.Indicators;

namespace Baton.Cli.Indicators;

/// <summary>
/// <c>baton weights ahp --matrix FILE --format json</c>: the AHP weight assistant from the command line.
/// Prints one JSON object on stdout; a matrix that cannot be read or used is refused on stderr with exit code 2.
/// </summary>
internal static class WeightsCommand
{
    public const int Refused = 2;

    private static readonly JsonWriterOptions JsonOptions = new()
    {
        // Item names are Chinese: write them as they are, not as \uXXXX escapes.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static Command Create()
    {
        var matrix = new Option<string>("--matrix")
        {
            Description = "判断矩阵 CSV 文件（UTF-8）：首行为 n 个比较项名称，其后 n 行为矩阵，单元格为数字或分数（如 1/3）",
            Required = true,
        };
        var format = new Option<string>("--format")
        {
            Description = "输出格式：json",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json");

        var ahp = new Command("ahp", "层次分析法：由两两比较判断矩阵计算权重、λmax、CI 和 CR（CR < 0.1 为通过一致性检验）");
        ahp.Options.Add(matrix);
        ahp.Options.Add(format);
        ahp.SetAction(parseResult => Run(parseResult.GetValue(matrix)!, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error));

        var weights = new Command("weights", "权重助手");
        weights.Subcommands.Add(ahp);
        return weights;
    }

    private static int Run(string path, TextWriter stdout, TextWriter stderr)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, System.Text.Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"无法读取判断矩阵文件“{path}”：{e.Message}");
            return Refused;
        }

        var (matrix, errors) = PairwiseMatrixCsv.Parse(text);
        if (matrix is null)
        {
            return Refuse(stderr, errors);
        }
        var problems = Ahp.Validate(matrix);
        if (!problems.IsEmpty)
        {
            return Refuse(stderr, problems);
        }

        var result = Ahp.Compute(matrix);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteStartArray("items");
            foreach (var item in result.Items)
            {
                json.WriteStringValue(item);
            }
            json.WriteEndArray();
            json.WriteStartArray("weights");
            foreach (var weight in result.Weights)
            {
                json.WriteNumberValue(weight);
            }
            json.WriteEndArray();
            json.WriteNumber("lambdaMax", result.LambdaMax);
            json.WriteNumber("ci", result.ConsistencyIndex);
            json.WriteNumber("cr", result.ConsistencyRatio);
            json.WriteBoolean("consistent", result.Consistent);
            json.WriteEndObject();
        }
        stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        return 0;
    }

    private static int Refuse(TextWriter stderr, IEnumerable<string> messages)
    {
        stderr.WriteLine("判断矩阵无法使用：");
        foreach (var message in messages)
        {
            stderr.WriteLine(message);
        }
        return Refused;
    }
}
