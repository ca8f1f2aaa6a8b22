using System.Globalization;

namespace Baton.Scoring.Ratings;

/// <summary>The result of reading a ratings CSV: the ratings with their line numbers, or the first error.</summary>
public sealed class RatingsCsvResult
{
    private RatingsCsvResult(IReadOnlyList<Rating> ratings, IReadOnlyList<int> lines, string? error, int errorLine)
    {
        Ratings = ratings;
        Lines = lines;
        Error = error;
        ErrorLine = errorLine;
    }

    /// <summary>The ratings, in file order (empty when <see cref="Error"/> is set).</summary>
    public IReadOnlyList<Rating> Ratings { get; }

    /// <summary>The 1-based line number of each rating in the file.</summary>
    public IReadOnlyList<int> Lines { get; }

    /// <summary>The first error, in Chinese, naming its line; null when the file is valid.</summary>
    public string? Error { get; }

    /// <summary>The 1-based line of <see cref="Error"/>; 0 when valid.</summary>
    public int ErrorLine { get; }

    /// <summary>True when the file was read without error.</summary>
    public bool IsValid => Error is null;

    internal static RatingsCsvResult Valid(List<Rating> ratings, List<int> lines) => new(ratings, lines, null, 0);

    internal static RatingsCsvResult Invalid(int line, string message) => new([], [], $"第{line}行：{message}", line);
}

/// <summary>
/// Reads the ratings CSV of <c>baton calibrate</c>: UTF-8 text, a header naming the columns
/// <c>rater</c>, <c>unit</c> and <c>score</c> (any order, any case, extra columns ignored), then one
/// rating per line. Fields may be double-quoted ("" inside quotes is a quote); a quoted field cannot
/// span lines. Scores are invariant-culture numbers ("87.5"). Blank lines are skipped. Pure: text in,
/// ratings or a Chinese error naming the line out.
/// </summary>
public static class RatingsCsv
{
    private static readonly string[] Required = ["rater", "unit", "score"];

    /// <summary>Parses <paramref name="text"/>.</summary>
    public static RatingsCsvResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }
        var lines = text.Split('\n');
        var lineNumber = 0;
        string? header = null;
        while (lineNumber < lines.Length && header is null)
        {
            var candidate = lines[lineNumber++].TrimEnd('\r');
            if (!string.IsNullOrWhiteSpace(candidate))
            {
                header = candidate;
            }
        }
        if (header is null)
        {
            return RatingsCsvResult.Invalid(1, "文件为空，应以表头 rater,unit,score 开始。");
        }
        if (!TrySplit(header, out var names))
        {
            return RatingsCsvResult.Invalid(lineNumber, "引号不成对。");
        }
        var columns = new int[Required.Length];
        for (var c = 0; c < Required.Length; c++)
        {
            columns[c] = names.FindIndex(n => string.Equals(n.Trim(), Required[c], StringComparison.OrdinalIgnoreCase));
            if (columns[c] < 0)
            {
                return RatingsCsvResult.Invalid(lineNumber, $"表头缺少列“{Required[c]}”（应为 rater,unit,score）。");
            }
            if (names.FindLastIndex(n => string.Equals(n.Trim(), Required[c], StringComparison.OrdinalIgnoreCase)) != columns[c])
            {
                return RatingsCsvResult.Invalid(lineNumber, $"表头中列“{Required[c]}”出现了不止一次。");
            }
        }
        var needed = columns.Max() + 1;
        var ratings = new List<Rating>();
        var lineOf = new List<int>();
        var firstLine = new Dictionary<(string, string), int>();
        while (lineNumber < lines.Length)
        {
            var line = lines[lineNumber++].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            if (!TrySplit(line, out var fields))
            {
                return RatingsCsvResult.Invalid(lineNumber, "引号不成对。");
            }
            if (fields.Count < needed)
            {
                return RatingsCsvResult.Invalid(lineNumber, $"应至少有{needed}列，实有{fields.Count}列。");
            }
            var rater = fields[columns[0]].Trim();
            var unit = fields[columns[1]].Trim();
            var scoreText = fields[columns[2]].Trim();
            if (rater.Length == 0)
            {
                return RatingsCsvResult.Invalid(lineNumber, "评分人（rater）为空。");
            }
            if (unit.Length == 0)
            {
                return RatingsCsvResult.Invalid(lineNumber, "被评单位（unit）为空。");
            }
            if (!double.TryParse(scoreText, NumberStyles.Float, CultureInfo.InvariantCulture, out var score) || !double.IsFinite(score))
            {
                return RatingsCsvResult.Invalid(lineNumber, $"评分“{scoreText}”不是数字。");
            }
            if (!firstLine.TryAdd((rater, unit), lineNumber))
            {
                return RatingsCsvResult.Invalid(lineNumber, $"评分人“{rater}”已在第{firstLine[(rater, unit)]}行为单位“{unit}”评分，同一评分人不能重复评同一单位。");
            }
            ratings.Add(new Rating(rater, unit, score));
            lineOf.Add(lineNumber);
        }
        if (ratings.Count == 0)
        {
            return RatingsCsvResult.Invalid(lineNumber + 1 > lines.Length ? lines.Length : lineNumber + 1, "只有表头，没有评分数据。");
        }
        return RatingsCsvResult.Valid(ratings, lineOf);
    }

    private static bool TrySplit(string line, out List<string> fields)
    {
        fields = [];
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(ch);
            }
        }
        fields.Add(field.ToString());
        return !quoted;
    }
}
