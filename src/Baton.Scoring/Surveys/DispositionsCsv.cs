using System.Text;

namespace Baton.Scoring.Surveys;

/// <summary>The result of reading a dispositions CSV: the counts, or the first error.</summary>
public sealed class DispositionsCsvResult
{
    private DispositionsCsvResult(DispositionCounts? counts, int cases, string? error, int errorLine)
    {
        Counts = counts;
        Cases = cases;
        Error = error;
        ErrorLine = errorLine;
    }

    /// <summary>The final dispositions counted; null when <see cref="Error"/> is set.</summary>
    public DispositionCounts? Counts { get; }

    /// <summary>How many cases the file lists.</summary>
    public int Cases { get; }

    /// <summary>The first error, in Chinese, naming its line (and the case, where there is one); null when the file is valid.</summary>
    public string? Error { get; }

    /// <summary>The 1-based line of <see cref="Error"/>; 0 when valid.</summary>
    public int ErrorLine { get; }

    internal static DispositionsCsvResult Valid(DispositionCounts counts, int cases) => new(counts, cases, null, 0);

    internal static DispositionsCsvResult Invalid(int line, string message) => new(null, 0, $"第{line}行：{message}", line);
}

/// <summary>
/// Reads the CSV of <c>baton survey rates</c>: UTF-8 text (a byte-order mark is skipped), lines ending
/// in LF or CRLF, the header <c>case,outcome</c> (in any letter case), then one case per line: its identifier and its AAPOR
/// final disposition written exactly as I, P, R, NC, O, UH, UO or NE. Fields may be double-quoted (""
/// inside quotes is a quote); a quoted field cannot span lines; spaces around a field are ignored.
/// Blank lines are skipped wherever they are, and lines are numbered as an editor numbers them
/// (the header is line 1). A case listed twice, an unknown outcome, a missing or different header, a
/// file with no case: each is refused with a Chinese message naming the line. Pure: text in, counts out.
/// </summary>
public static class DispositionsCsv
{
    /// <summary>The header the file must start with.</summary>
    public const string Header = "case,outcome";

    private static readonly string Allowed = string.Join("、", Dispositions.All.Select(d => d.Code()));

    /// <summary>Parses <paramref name="text"/>.</summary>
    public static DispositionsCsvResult Parse(string text)
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
            return DispositionsCsvResult.Invalid(1, $"文件为空，应以表头 {Header} 开始，每行一个个案。");
        }
        if (!TrySplit(header, out var names))
        {
            return DispositionsCsvResult.Invalid(lineNumber, "引号不成对。");
        }
        if (names.Count != 2 || !string.Equals(names[0], "case", StringComparison.OrdinalIgnoreCase) || !string.Equals(names[1], "outcome", StringComparison.OrdinalIgnoreCase))
        {
            // A first line that reads as a case means the header was left out, not misspelt.
            return names.Count == 2 && Dispositions.TryParse(names[1], out _)
                ? DispositionsCsvResult.Invalid(lineNumber, $"缺少表头：第一行应为 {Header}，实为“{header.Trim()}”（看起来是一个个案）。")
                : DispositionsCsvResult.Invalid(lineNumber, $"表头应为 {Header}，实为“{header.Trim()}”。");
        }

        var counts = new int[Dispositions.All.Count];
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        while (lineNumber < lines.Length)
        {
            var line = lines[lineNumber++].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            if (!TrySplit(line, out var fields))
            {
                return DispositionsCsvResult.Invalid(lineNumber, "引号不成对。");
            }
            if (fields.Count != 2)
            {
                return DispositionsCsvResult.Invalid(lineNumber, $"应有 2 列（个案编号,访问结果），实有 {fields.Count} 列。");
            }
            var id = fields[0];
            var code = fields[1];
            if (id.Length == 0)
            {
                return DispositionsCsvResult.Invalid(lineNumber, "个案编号（case）为空。");
            }
            if (!Dispositions.TryParse(code, out var disposition))
            {
                return DispositionsCsvResult.Invalid(lineNumber, $"个案“{id}”的访问结果“{code}”无效，应为 {Allowed} 之一（大写）。");
            }
            if (!firstLine.TryAdd(id, lineNumber))
            {
                return DispositionsCsvResult.Invalid(lineNumber, $"个案“{id}”重复，已在第{firstLine[id]}行出现；每个个案只能有一个最终访问结果。");
            }
            counts[(int)disposition]++;
        }
        if (firstLine.Count == 0)
        {
            return DispositionsCsvResult.Invalid(lineNumber, "只有表头，没有个案。");
        }
        return DispositionsCsvResult.Valid(new DispositionCounts(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], counts[7]), firstLine.Count);
    }

    /// <summary>Splits one line into trimmed fields; false when a quote is left open.</summary>
    private static bool TrySplit(string line, out List<string> fields)
    {
        fields = [];
        var field = new StringBuilder();
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
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else
            {
                field.Append(ch);
            }
        }
        fields.Add(field.ToString().Trim());
        return !quoted;
    }
}
