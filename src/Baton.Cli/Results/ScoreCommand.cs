using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Baton.Core.Results;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Cli.Results;

/// <summary>
/// <c>baton score --year YEAR [--category CODE] --format json|xlsx [--out FILE]</c>: computes the year's
/// results, stores the snapshot (or finds the identical one) and writes the ranking the pages show.
/// A year that cannot be scored is refused on stderr with exit code 2.
/// </summary>
internal static class ScoreCommand
{
    public const int Refused = 2;

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static Command Create()
    {
        var year = new Option<int>("--year") { Description = "考核年度，如 2025", Required = true };
        var category = new Option<string?>("--category") { Description = "只输出该考核类别（类别代码）" };
        var format = new Option<string>("--format") { Description = "输出格式：json 或 xlsx", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "xlsx");
        var output = new Option<string?>("--out") { Description = "输出文件（默认写到标准输出）" };
        var command = new Command("score", "计算考核年度的得分、排名和等次，保存结果快照并输出排名") { year, category, format, output };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var results = scope.ServiceProvider.GetRequiredService<ResultService>();
            var computed = await results.ComputeAsync(parse.GetValue(year), ct);
            if (!computed.Ok)
            {
                await Console.Error.WriteLineAsync(computed.Error);
                return Refused;
            }
            var code = parse.GetValue(category);
            var ranking = await results.RankingAsync(computed.Value!, code, ct);
            if (!string.IsNullOrEmpty(code) && ranking.Categories.Count == 0)
            {
                await Console.Error.WriteLineAsync($"{parse.GetValue(year)} 年度没有代码为「{code}」的考核类别（或该类别没有单位）。");
                return Refused;
            }
            var path = parse.GetValue(output);
            await using var stream = path is null ? Console.OpenStandardOutput() : File.Create(path);
            if (parse.GetValue(format) == "xlsx")
            {
                ResultService.WriteRankingExcel(ranking, stream);
            }
            else
            {
                WriteJson(ranking, stream);
            }
            return 0;
        });
        return command;
    }

    private static void WriteJson(Ranking ranking, Stream stream)
    {
        using (var json = new Utf8JsonWriter(stream, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("year", ranking.Snapshot.Year);
            json.WriteString("snapshot", ranking.Snapshot.Hash);
            json.WriteStartArray("categories");
            foreach (var category in ranking.Categories)
            {
                json.WriteStartObject();
                json.WriteString("code", category.Code);
                json.WriteString("name", category.Name);
                json.WriteStartArray("units");
                foreach (var unit in category.Units)
                {
                    json.WriteStartObject();
                    json.WriteString("code", unit.UnitCode);
                    json.WriteString("name", unit.UnitName);
                    json.WriteNumber("overall", unit.Overall);
                    json.WriteNumber("rank", unit.Rank);
                    json.WriteString("grade", unit.Grade);
                    json.WriteStartObject("components");
                    foreach (var component in unit.Components)
                    {
                        json.WriteNumber(component.Code, component.Score);
                    }
                    json.WriteEndObject();
                    json.WriteBoolean("vetoed", unit.Vetoed);
                    json.WriteBoolean("capped", unit.Capped);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
    }
}
