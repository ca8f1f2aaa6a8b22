using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Baton.Core.Years;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Cli.Years;

/// <summary>
/// <c>baton year advance --year YEAR --to STATE --reason TEXT</c> moves a year one step, forward with its
/// preconditions or back as the office's correction; <c>baton year show --year YEAR --format json</c> prints its
/// state, what its next step still needs and its history. Both call <see cref="YearService"/> as the years page
/// does. A refusal (missing preconditions, unknown year or state) goes to stderr in Chinese with exit code 2.
/// </summary>
internal static class YearCommands
{
    public const int Refused = 2;

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), Indented = false };

    private static string StateList => string.Join("、", Enum.GetValues<YearState>().Select(s => $"{s}（{AppraisalYear.StateName(s)}）"));

    public static Command Create() => new("year", "考核年度：查看阶段与推进条件，推进或退回一个阶段") { Advance(), Show() };

    private static Command Advance()
    {
        var year = new Option<int>("--year") { Description = "考核年度，如 2025", Required = true };
        var to = new Option<string>("--to") { Description = "变更后的阶段：" + StateList, Required = true };
        var reason = new Option<string>("--reason") { Description = "变更原因（记入审计日志）", Required = true };
        var command = new Command("advance", "将考核年度推进到下一阶段（或退回上一阶段）；条件未满足时在标准错误列出缺少的各项，退出码为 2") { year, to, reason };
        command.SetAction(async (parse, ct) =>
        {
            var target = ParseState(parse.GetValue(to));
            if (target is null)
            {
                await Console.Error.WriteLineAsync($"未知的年度阶段「{parse.GetValue(to)}」，应为以下之一：{StateList}。");
                return Refused;
            }
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var years = scope.ServiceProvider.GetRequiredService<YearService>();
            var row = await FindAsync(years, parse.GetValue(year), ct);
            if (row is null)
            {
                return Refused;
            }
            var outcome = await years.TransitionAsync(row.Id, row.Version, target.Value, parse.GetValue(reason), ct);
            if (!outcome.Ok)
            {
                await Console.Error.WriteLineAsync(outcome.Error);
                return Refused;
            }
            Console.WriteLine($"{row.Year} 年度已由「{AppraisalYear.StateName(row.State)}」变为「{AppraisalYear.StateName(target.Value)}」。");
            return 0;
        });
        return command;
    }

    private static Command Show()
    {
        var year = new Option<int>("--year") { Description = "考核年度，如 2025", Required = true };
        var format = new Option<string>("--format") { Description = "输出格式：json", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json");
        var command = new Command("show", "输出考核年度的阶段、推进到下一阶段尚缺的条件和变更记录") { year, format };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var years = scope.ServiceProvider.GetRequiredService<YearService>();
            var row = await FindAsync(years, parse.GetValue(year), ct);
            if (row is null)
            {
                return Refused;
            }
            IReadOnlyList<MissingItem> missing = [];
            if (row.State < YearState.Archived)
            {
                var next = await years.MissingAsync(row.Id, row.State + 1, ct);
                if (!next.Ok)
                {
                    await Console.Error.WriteLineAsync(next.Error);
                    return Refused;
                }
                missing = next.Value!;
            }
            var history = await years.HistoryAsync(row.Id, ct);
            await using var stdout = Console.OpenStandardOutput();
            WriteJson(row, missing, history, stdout);
            return 0;
        });
        return command;
    }

    /// <summary>A lifecycle code name (Draft … Archived, any case); numbers and other text are not states.</summary>
    internal static YearState? ParseState(string? text) =>
        Enum.GetValues<YearState>().Select(s => (YearState?)s).FirstOrDefault(s => string.Equals(s.ToString(), text?.Trim(), StringComparison.OrdinalIgnoreCase));

    private static async Task<YearRow?> FindAsync(YearService years, int year, CancellationToken ct)
    {
        var row = (await years.ListAsync(ct)).SingleOrDefault(y => y.Year == year);
        if (row is null)
        {
            await Console.Error.WriteLineAsync($"{year} 年度不存在。");
        }
        return row;
    }

    private static void WriteJson(YearRow row, IReadOnlyList<MissingItem> missing, IReadOnlyList<TransitionRow> history, Stream stream)
    {
        using (var json = new Utf8JsonWriter(stream, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("year", row.Year);
            json.WriteString("state", row.State.ToString());
            json.WriteString("name", row.Name);
            json.WriteBoolean("isCurrent", row.IsCurrent);
            json.WriteStartArray("missing");
            foreach (var item in missing)
            {
                json.WriteStringValue(item.Text);
            }
            json.WriteEndArray();
            json.WriteStartArray("transitions");
            // Oldest first, as the year lived them.
            foreach (var t in history.Reverse())
            {
                json.WriteStartObject();
                json.WriteString("from", t.From.ToString());
                json.WriteString("to", t.To.ToString());
                json.WriteString("reason", t.Reason);
                json.WriteString("by", t.By);
                json.WriteString("at", t.At.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
    }
}
