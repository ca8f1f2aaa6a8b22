using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Baton.Scoring.Ratings;
using Baton.Scoring.Results;

namespace Baton.Cli.Ratings;

/// <summary>
/// <c>baton calibrate --input FILE --model additive|zscore|rasch --format json</c>: calibrates a CSV of
/// ratings (<c>rater,unit,score</c>) and writes one JSON object to stdout. Exit codes: 0 done;
/// 2 malformed input (the message names the line); 3 disconnected design (the message names the
/// groups); 4 the model does not apply to these data (z-scores on an incomplete design, unusable grade
/// scale, no convergence).
/// </summary>
internal static class CalibrateCommand
{
    public const int Malformed = 2;
    public const int Disconnected = 3;
    public const int NotApplicable = 4;

    public static Command Create()
    {
        var input = new Option<string>("--input")
        {
            Description = "评分文件（UTF-8 CSV，表头 rater,unit,score；rasch 模型的 score 为等级序号 0..m）",
            Required = true,
        };
        var model = new Option<string>("--model")
        {
            Description = "校准模型：additive（加性模型，默认）、zscore（z 分数，仅限完整设计）、rasch（多面 Rasch 等级模型）",
            DefaultValueFactory = _ => "additive",
        };
        model.AcceptOnlyFromAmong("additive", "zscore", "rasch");
        var format = new Option<string>("--format")
        {
            Description = "输出格式：json",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json");
        var anchoring = new Option<string>("--anchoring")
        {
            Description = "设计不连通时的锚定规则：none（拒绝校准，默认）、anchor-units（用 --anchor-units 指定各组共同评分的锚定单位）、equal-groups（假定各组宽严相同）",
            DefaultValueFactory = _ => "none",
        };
        anchoring.AcceptOnlyFromAmong("none", "anchor-units", "equal-groups");
        var anchorUnits = new Option<string?>("--anchor-units")
        {
            Description = "锚定单位，逗号分隔",
        };

        var command = new Command("calibrate", "评分校准：消除评分人宽严差异，输出各单位校准后得分及标准误（JSON）");
        command.Options.Add(input);
        command.Options.Add(model);
        command.Options.Add(format);
        command.Options.Add(anchoring);
        command.Options.Add(anchorUnits);
        command.SetAction(parseResult =>
        {
            var options = new CalibrationOptions
            {
                Anchoring = parseResult.GetValue(anchoring) switch
                {
                    "anchor-units" => AnchoringRule.AnchorUnits,
                    "equal-groups" => AnchoringRule.EqualGroupSeverity,
                    _ => AnchoringRule.None,
                },
                AnchorUnits = (parseResult.GetValue(anchorUnits) ?? "")
                    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            };
            return Run(parseResult.GetValue(input)!, parseResult.GetValue(model)!, options, Console.Out, Console.Error);
        });
        return command;
    }

    internal static int Run(string path, string model, CalibrationOptions options, TextWriter stdout, TextWriter stderr)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DecoderFallbackException)
        {
            stderr.WriteLine($"无法读取评分文件“{path}”：{e.Message}");
            return Malformed;
        }
        var csv = RatingsCsv.Parse(text);
        if (!csv.IsValid)
        {
            stderr.WriteLine(csv.Error);
            return Malformed;
        }
        if (model == "rasch")
        {
            for (var i = 0; i < csv.Ratings.Count; i++)
            {
                var score = csv.Ratings[i].Score;
                if (score < 0 || score != Math.Floor(score) || score > 1000)
                {
                    stderr.WriteLine($"第{csv.Lines[i]}行：rasch 模型的评分应为等级序号 0..m（非负整数），实为“{score.ToString(CultureInfo.InvariantCulture)}”。");
                    return Malformed;
                }
            }
        }
        var ratings = RatingSet.Create(csv.Ratings);
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var refusal = model switch
            {
                "zscore" => WriteZScores(json, ratings),
                "rasch" => WriteRasch(json, ratings, options),
                _ => WriteAdditive(json, ratings, options),
            };
            if (refusal is not null)
            {
                stderr.WriteLine(refusal.Message);
                return refusal.Reason is RefusalReason.Disconnected or RefusalReason.AnchorsDoNotLinkGroups ? Disconnected : NotApplicable;
            }
        }
        stdout.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        return 0;
    }

    private static CalibrationRefusal? WriteAdditive(Utf8JsonWriter json, RatingSet ratings, CalibrationOptions options)
    {
        var outcome = AdditiveCalibration.Fit(ratings, options);
        if (outcome.Value is not { } fit)
        {
            return outcome.Refusal;
        }
        var ranks = CompetitionRanking.Of([.. fit.Units.Select(u => u.Calibrated)]);
        Start(json, "additive", fit.Connectivity);
        Number(json, "grandMean", fit.GrandMean);
        Number(json, "residualVariance", fit.ResidualVariance);
        json.WriteString("standardErrors", fit.StandardErrorMethod == StandardErrorMethod.Exact ? "exact" : "diagonal-approximation");
        json.WriteBoolean("standardErrorsMayBeUnderstated", fit.StandardErrorsMayBeUnderstated);
        json.WriteStartArray("units");
        for (var u = 0; u < fit.Units.Count; u++)
        {
            var unit = fit.Units[u];
            WriteUnit(json, unit.Unit, unit.Count, unit.RawMean, unit.Effect, unit.Calibrated, unit.StandardError, ranks[u]);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("raters");
        foreach (var rater in fit.Raters)
        {
            WriteRater(json, rater.Rater, rater.Count, rater.Effect, rater.StandardError);
            Number(json, "residualRms", rater.ResidualRms);
            Number(json, "meanSquare", rater.MeanSquare);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        return null;
    }

    private static CalibrationRefusal? WriteZScores(Utf8JsonWriter json, RatingSet ratings)
    {
        var outcome = ZScoreCalibration.Fit(ratings);
        if (outcome.Value is not { } fit)
        {
            return outcome.Refusal;
        }
        var ranks = CompetitionRanking.Of([.. fit.Units.Select(u => u.MeanZ)]);
        Start(json, "zscore", DesignConnectivity.Analyse(ratings));
        Number(json, "grandMean", fit.GrandMean);
        json.WriteNull("residualVariance");
        json.WriteStartArray("units");
        for (var u = 0; u < fit.Units.Count; u++)
        {
            var unit = fit.Units[u];
            WriteUnit(json, unit.Unit, unit.Count, unit.RawMean, unit.MeanZ, unit.MeanZ, unit.StandardError, ranks[u]);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("raters");
        foreach (var rater in fit.Raters)
        {
            WriteRater(json, rater.Rater, rater.Count, rater.Leniency, double.NaN);
            Number(json, "sd", rater.StandardDeviation);
            json.WriteBoolean("zeroVariance", rater.HasZeroVariance);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        return null;
    }

    private static CalibrationRefusal? WriteRasch(Utf8JsonWriter json, RatingSet ratings, CalibrationOptions options)
    {
        var outcome = RaschCalibration.Fit(ratings, options);
        if (outcome.Value is not { } fit)
        {
            return outcome.Refusal;
        }
        var ranks = CompetitionRanking.Of([.. fit.Units.Select(u => u.Measure)]);
        Start(json, "rasch", fit.Connectivity);
        json.WriteNull("grandMean");
        json.WriteNull("residualVariance");
        json.WriteStartArray("thresholds");
        foreach (var threshold in fit.Thresholds)
        {
            json.WriteNumberValue(threshold);
        }
        json.WriteEndArray();
        json.WriteStartArray("units");
        for (var u = 0; u < fit.Units.Count; u++)
        {
            var unit = fit.Units[u];
            WriteUnit(json, unit.Unit, unit.Count, unit.RawMean, unit.Measure, unit.FairAverage, unit.StandardError, ranks[u]);
            Number(json, "infit", unit.Infit);
            Number(json, "outfit", unit.Outfit);
            json.WriteBoolean("extreme", unit.IsExtreme);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("raters");
        foreach (var rater in fit.Raters)
        {
            // "effect" keeps the additive model's sign (positive = lenient); "severity" is the Rasch C.
            WriteRater(json, rater.Rater, rater.Count, -rater.Severity, rater.StandardError);
            Number(json, "severity", rater.Severity);
            Number(json, "infit", rater.Infit);
            Number(json, "outfit", rater.Outfit);
            json.WriteBoolean("extreme", rater.IsExtreme);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        return null;
    }

    private static void Start(Utf8JsonWriter json, string model, DesignConnectivity connectivity)
    {
        json.WriteStartObject();
        json.WriteString("model", model);
        json.WriteBoolean("connected", connectivity.IsConnected);
        json.WriteNumber("groups", connectivity.Groups.Count);
    }

    /// <summary>Starts a unit object; the caller may add fields and must end it.</summary>
    private static void WriteUnit(Utf8JsonWriter json, string unit, int n, double rawMean, double effect, double calibrated, double se, int rank)
    {
        json.WriteStartObject();
        json.WriteString("unit", unit);
        json.WriteNumber("n", n);
        Number(json, "rawMean", rawMean);
        Number(json, "effect", effect);
        Number(json, "calibrated", calibrated);
        Number(json, "se", se);
        json.WriteNumber("rank", rank);
    }

    /// <summary>Starts a rater object; the caller may add fields and must end it.</summary>
    private static void WriteRater(Utf8JsonWriter json, string rater, int n, double effect, double se)
    {
        json.WriteStartObject();
        json.WriteString("rater", rater);
        json.WriteNumber("n", n);
        Number(json, "effect", effect);
        Number(json, "se", se);
    }

    /// <summary>JSON has no NaN or infinity: an undefined number is written as null.</summary>
    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
