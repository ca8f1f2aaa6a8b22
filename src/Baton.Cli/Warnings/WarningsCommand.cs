using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Baton.Core.Warnings;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Cli.Warnings;

/// <summary>
/// <c>baton warnings --year YEAR --as-of YYYY-MM-DD --format json|xlsx [--out FILE]</c>: the year's early warnings
/// as of a day, the same figures as the warnings page (<see cref="WarningService.ReportAsync"/>). JSON:
/// <c>{"year":…,"asOf":"…","thresholds":{"yellow":…,"red":…},"warnings":[{"unit":CODE,"indicator":CODE,
/// "kind":"behind|stale|overdue","colour":"blue|yellow|red","planned":…,"actual":…,"ratio":…,"forecast":…}]}</c>,
/// figures null where there is nothing to compute them from. Exit 0 done, 2 refused (message on stderr).
/// </summary>
internal static class WarningsCommand
{
    public const int Refused = 2;

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), Indented = false };

    public static Command Create()
    {
        var year = new Option<int>("--year") { Description = "考核年度，如 2026", Required = true };
        var asOf = new Option<string>("--as-of") { Description = "统计日，格式 YYYY-MM-DD（北京时间）", Required = true, HelpName = "YYYY-MM-DD" };
        var format = new Option<string>("--format") { Description = "输出格式：json 或 xlsx", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "xlsx");
        var output = new Option<string?>("--out") { Description = "输出文件（默认写到标准输出）" };
        var command = new Command("warnings", "输出考核年度截至统计日的预警（进度滞后、长期未更新、逾期），与预警页面的数字相同") { year, asOf, format, output };
        command.SetAction(async (parse, ct) =>
        {
            if (!DateOnly.TryParseExact(parse.GetValue(asOf), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                await Console.Error.WriteLineAsync($"统计日「{parse.GetValue(asOf)}」不是有效日期，请写成 YYYY-MM-DD，如 2026-10-31。");
                return Refused;
            }
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<WarningService>().ReportAsync(parse.GetValue(year), day, ct: ct);
            if (!report.Ok)
            {
                await Console.Error.WriteLineAsync(report.Error);
                return Refused;
            }
            await using var stream = parse.GetValue(output) is { } path ? File.Create(path) : Console.OpenStandardOutput();
            if (parse.GetValue(format) == "xlsx")
            {
                WarningService.WriteExcel(report.Value!, stream);
            }
            else
            {
                WriteJson(report.Value!, stream);
            }
            return 0;
        });
        return command;
    }

    private static void WriteJson(WarningReport report, Stream stream)
    {
        using (var json = new Utf8JsonWriter(stream, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("year", report.Year);
            json.WriteString("asOf", report.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteStartObject("thresholds");
            json.WriteNumber("yellow", report.Yellow);
            json.WriteNumber("red", report.Red);
            json.WriteEndObject();
            json.WriteStartArray("warnings");
            foreach (var w in report.Warnings)
            {
                json.WriteStartObject();
                json.WriteString("unit", w.UnitCode);
                json.WriteString("indicator", w.IndicatorCode);
                json.WriteString("kind", w.Kind.ToString().ToLowerInvariant());
                json.WriteString("colour", w.Colour.ToString().ToLowerInvariant());
                Number(json, "planned", w.Planned);
                Number(json, "actual", w.Actual);
                Number(json, "ratio", w.Ratio);
                Number(json, "forecast", w.Forecast);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
    }

    private static void Number(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v / 1.000000000000000000000000000000000m);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
