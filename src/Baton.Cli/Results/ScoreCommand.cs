using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Baton.Core.Results;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Cli.Results;

/// <summary>
/// <c>baton score --year YEAR [--category CODE] --format json|xlsx [--out FILE]</c>: computes the year's
/// results, stores the snapshot (or finds the identical one) and writes the ranking the pages show; in
/// JSON each unit carries <c>"missing"</c>, the codes of weighted components it had no value for (empty
/// when complete). A year that cannot be scored is refused on stderr with exit code 2; when the refusal
/// is missing components, the JSON output lists them instead of a ranking (<c>"snapshot": null</c>,
/// <c>"refused"</c>, and per category the units with their <c>"missing"</c> codes), so tools see what to feed.
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
            var code = parse.GetValue(category);
            var path = parse.GetValue(output);
            if (!computed.Ok)
            {
                await Console.Error.WriteLineAsync(computed.Error);
                if (parse.GetValue(format) == "json" && await results.MissingComponentsAsync(parse.GetValue(year), ct) is { Ok: true, Value.Count: > 0 } missing)
                {
                    await using var refusal = path is null ? Console.OpenStandardOutput() : File.Create(path);
                    WriteMissingJson(parse.GetValue(year), computed.Error!, [.. missing.Value.Where(m => string.IsNullOrEmpty(code) || m.CategoryCode == code)], refusal);
                }
                return Refused;
            }
            var ranking = await results.RankingAsync(computed.Value!, code, ct);
            if (!string.IsNullOrEmpty(code) && ranking.Categories.Count == 0)
            {
                await Console.Error.WriteLineAsync($"{parse.GetValue(year)} 年度没有代码为「{code}」的考核类别（或该类别没有单位）。");
                return Refused;
            }
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
                    WriteCodes(json, "missing", unit.Missing);
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

    /// <summary>The refusal of a year with missing components: the units and the codes they lack, by category.</summary>
    private static void WriteMissingJson(int year, string refusal, IReadOnlyList<MissingComponentRow> missing, Stream stream)
    {
        using (var json = new Utf8JsonWriter(stream, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("year", year);
            json.WriteNull("snapshot");
            json.WriteString("refused", refusal);
            json.WriteStartArray("categories");
            foreach (var category in missing.GroupBy(m => (m.CategoryCode, m.CategoryName)).OrderBy(g => g.Key.CategoryCode, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("code", category.Key.CategoryCode);
                json.WriteString("name", category.Key.CategoryName);
                json.WriteStartArray("units");
                foreach (var unit in category.OrderBy(u => u.UnitCode, StringComparer.Ordinal))
                {
                    json.WriteStartObject();
                    json.WriteString("code", unit.UnitCode);
                    json.WriteString("name", unit.UnitName);
                    WriteCodes(json, "missing", unit.Codes);
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

    private static void WriteCodes(Utf8JsonWriter json, string name, IReadOnlyList<string> codes)
    {
        json.WriteStartArray(name);
        foreach (var code in codes)
        {
            json.WriteStringValue(code);
        }
        json.WriteEndArray();
    }
}
