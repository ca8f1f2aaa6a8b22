using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Baton.Scoring.Surveys;

namespace Baton.Cli.Surveys;

/// <summary>
/// <c>baton survey …</c>: the survey statistics, computed from the command line alone (no database).
/// Each verb writes one JSON object and a newline to stdout. Exit codes: 0 done; 1 a wrong command line
/// (as every verb); 2 input refused, with a Chinese message on stderr that names what to fix.
/// <list type="bullet">
/// <item><c>survey rates --input FILE [--e VALUE] --format json</c> →
/// <c>{"counts":{"I":…,"P":…,"R":…,"NC":…,"O":…,"UH":…,"UO":…,"NE":…},"e":…,"rates":{"RR1":…,…,"CON3":…}}</c>,
/// FILE as <see cref="DispositionsCsv"/> reads it; e and a rate are null where they cannot be computed.</item>
/// <item><c>survey margin --n N --population N --p P --format json</c> → <c>{"p":…,"se":…,"margin95":…}</c>.</item>
/// <item><c>survey sample-size --population N --format json</c> → <c>{"population":…,"sampleSize":…}</c>.</item>
/// </list>
/// </summary>
internal static class SurveyCommands
{
    public const int Refused = 2;

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static Command Create()
    {
        var command = new Command("survey", "群众满意度调查统计：AAPOR 访问结果比率、比例的误差范围、最少样本量（不连接数据库）");
        command.Subcommands.Add(Rates());
        command.Subcommands.Add(Margin());
        command.Subcommands.Add(SampleSize());
        return command;
    }

    private static Option<string> Format()
    {
        var format = new Option<string>("--format") { Description = "输出格式：json", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json");
        return format;
    }

    private static Command Rates()
    {
        var input = new Option<string>("--input")
        {
            Description = "个案文件（UTF-8 CSV，表头 case,outcome；outcome 为 AAPOR 最终访问结果 I、P、R、NC、O、UH、UO、NE 之一）",
            HelpName = "文件",
            Required = true,
        };
        var e = new Option<string?>("--e")
        {
            Description = "资格不明个案（UH+UO）中合格者的估计比例 e，0 到 1；不填则按 AAPOR 计算器默认值 (I+P+R+NC+O)/(I+P+R+NC+O+NE)",
            HelpName = "0..1",
        };
        var command = new Command("rates", "按 AAPOR 标准定义计算应答率 RR1–RR6、合作率 COOP1–COOP4、拒访率 REF1–REF3、接触率 CON1–CON3（JSON）")
        {
            input, e, Format(),
        };
        command.SetAction(parse => RunRates(parse.GetValue(input)!, parse.GetValue(e), Console.Out, Console.Error));
        return command;
    }

    private static Command Margin()
    {
        var n = new Option<string>("--n") { Description = "样本量 n：有效回答人数，至少 2", HelpName = "整数", Required = true };
        var population = new Option<string>("--population") { Description = "总体规模 N：抽样框人数，不小于 n", HelpName = "整数", Required = true };
        var p = new Option<string>("--p") { Description = "样本比例 p（如满意率 0.85），0 到 1", HelpName = "0..1", Required = true };
        var command = new Command("margin", "比例的标准误与 95% 误差范围（无偏估计，含有限总体校正）：SE = √(p(1−p)/(n−1)·(N−n)/N)，误差范围 = 1.96·SE")
        {
            n, population, p, Format(),
        };
        command.SetAction(parse => RunMargin(parse.GetValue(n)!, parse.GetValue(population)!, parse.GetValue(p)!, Console.Out, Console.Error));
        return command;
    }

    private static Command SampleSize()
    {
        var population = new Option<string>("--population") { Description = "总体规模 N：抽样框人数，至少 1", HelpName = "整数", Required = true };
        var command = new Command("sample-size", "按 Krejcie 与 Morgan（1970）计算最少样本量（95% 置信度，误差 ±5%，P = 0.5）")
        {
            population, Format(),
        };
        command.SetAction(parse => RunSampleSize(parse.GetValue(population)!, Console.Out, Console.Error));
        return command;
    }

    internal static int RunRates(string path, string? eText, TextWriter stdout, TextWriter stderr)
    {
        double? e = null;
        if (eText is not null)
        {
            if (!TryNumber(eText, out var given) || given < 0 || given > 1)
            {
                stderr.WriteLine($"选项 --e 的值「{eText}」无效：e 是资格不明个案中合格者的比例，应为 0 到 1 之间的数，如 0.8。");
                return Refused;
            }
            e = given;
        }
        string text;
        try
        {
            text = File.ReadAllText(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        }
        catch (DecoderFallbackException)
        {
            stderr.WriteLine($"个案文件“{path}”不是 UTF-8 编码，请另存为 UTF-8 CSV 后重试。");
            return Refused;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            stderr.WriteLine($"找不到个案文件“{path}”，请检查路径。");
            return Refused;
        }
        catch (UnauthorizedAccessException)
        {
            stderr.WriteLine($"无权读取个案文件“{path}”（或它是一个文件夹）。");
            return Refused;
        }
        catch (IOException ex)
        {
            stderr.WriteLine($"无法读取个案文件“{path}”：{ex.Message}");
            return Refused;
        }
        var csv = DispositionsCsv.Parse(text);
        if (csv.Counts is not { } counts)
        {
            stderr.WriteLine($"个案文件“{path}”{csv.Error}");
            return Refused;
        }

        var rates = OutcomeRates.Of(counts, e);
        Write(stdout, json =>
        {
            json.WriteStartObject("counts");
            foreach (var disposition in Dispositions.All)
            {
                json.WriteNumber(disposition.Code(), counts[disposition]);
            }
            json.WriteEndObject();
            Number(json, "e", rates.E);
            json.WriteStartObject("rates");
            foreach (var name in OutcomeRates.Names)
            {
                Number(json, name, rates[name]);
            }
            json.WriteEndObject();
        });
        return 0;
    }

    internal static int RunMargin(string nText, string populationText, string pText, TextWriter stdout, TextWriter stderr)
    {
        if (!TryInteger(nText, out var n))
        {
            stderr.WriteLine($"样本量 --n 的值「{nText}」不是整数。");
            return Refused;
        }
        if (!TryInteger(populationText, out var population))
        {
            stderr.WriteLine($"总体规模 --population 的值「{populationText}」不是整数。");
            return Refused;
        }
        if (!TryNumber(pText, out var p))
        {
            stderr.WriteLine($"比例 --p 的值「{pText}」不是数字，应为 0 到 1 之间的小数，如 0.85。");
            return Refused;
        }
        if (ProportionEstimate.Refusal(p, n, population) is { } refusal)
        {
            stderr.WriteLine(refusal);
            return Refused;
        }
        var estimate = ProportionEstimate.Of(p, n, population);
        Write(stdout, json =>
        {
            json.WriteNumber("p", estimate.P);
            json.WriteNumber("se", estimate.StandardError);
            json.WriteNumber("margin95", estimate.Margin95);
        });
        return 0;
    }

    internal static int RunSampleSize(string populationText, TextWriter stdout, TextWriter stderr)
    {
        if (!TryInteger(populationText, out var population))
        {
            stderr.WriteLine($"总体规模 --population 的值「{populationText}」不是整数。");
            return Refused;
        }
        if (KrejcieMorgan.Refusal(population) is { } refusal)
        {
            stderr.WriteLine(refusal);
            return Refused;
        }
        Write(stdout, json =>
        {
            json.WriteNumber("population", population);
            json.WriteNumber("sampleSize", KrejcieMorgan.SampleSize(population));
        });
        return 0;
    }

    private static bool TryInteger(string text, out long value) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value);

    /// <summary>Writes one JSON object, whose members <paramref name="members"/> writes, and a newline.</summary>
    private static void Write(TextWriter stdout, Action<Utf8JsonWriter> members)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            members(json);
            json.WriteEndObject();
        }
        stdout.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>A number that cannot be computed (无法计算) is written as null.</summary>
    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
