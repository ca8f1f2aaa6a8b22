using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Baton.Scoring.Indicators;

namespace Baton.Scoring.Results;

/// <summary>
/// The fingerprint of a computed year (DESIGN.md §4): SHA-256 of a canonical serialisation of the
/// inputs and of the results. Categories are ordered by code and units by unit code, leaf values in
/// tree order, adjustments and provided components sorted, numbers in invariant form without trailing
/// zeros (100.00 and 100 are the same input): identical content gives identical hashes, whatever the
/// order the service loaded it in. The canonical text itself (UTF-8, tab-separated lines) can be
/// written to a stream for storage with <see cref="WriteInputs"/> and <see cref="WriteResults"/>;
/// together with the rules it explains every point.
/// </summary>
/// <param name="Year">The year's code.</param>
/// <param name="RuleVersion">The rule version the results were computed under.</param>
/// <param name="InputsHash">Lower-case hex SHA-256 of the canonical inputs.</param>
/// <param name="ResultHash">Lower-case hex SHA-256 of the canonical results.</param>
public sealed record ResultSnapshot(string Year, string RuleVersion, string InputsHash, string ResultHash)
{
    /// <summary>Hashes the inputs and results of <paramref name="result"/>.</summary>
    public static ResultSnapshot Create(YearResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ResultSnapshot(result.Year, result.Input.RuleVersion, HashInputs(result.Input), HashResults(result));
    }

    /// <summary>Lower-case hex SHA-256 of the canonical form of <paramref name="input"/>.</summary>
    public static string HashInputs(YearInput input)
    {
        using var writer = new CanonicalWriter(null);
        Inputs(input, writer);
        return writer.Finish();
    }

    /// <summary>Lower-case hex SHA-256 of the canonical form of <paramref name="result"/>.</summary>
    public static string HashResults(YearResult result)
    {
        using var writer = new CanonicalWriter(null);
        Results(result, writer);
        return writer.Finish();
    }

    /// <summary>Writes the canonical inputs (UTF-8 text) to <paramref name="destination"/>; returns their hash.</summary>
    public static string WriteInputs(YearInput input, Stream destination)
    {
        using var writer = new CanonicalWriter(destination);
        Inputs(input, writer);
        return writer.Finish();
    }

    /// <summary>Writes the canonical results (UTF-8 text) to <paramref name="destination"/>; returns their hash.</summary>
    public static string WriteResults(YearResult result, Stream destination)
    {
        using var writer = new CanonicalWriter(destination);
        Results(result, writer);
        return writer.Finish();
    }

    private static void Inputs(YearInput input, CanonicalWriter w)
    {
        ArgumentNullException.ThrowIfNull(input);
        w.Text("baton-inputs 1").Field(input.Year).Field(input.Decimals).Field(input.RuleVersion).Field(input.AwardBudget).Line();
        var categories = (input.Categories.IsDefault ? [] : input.Categories).ToArray();
        Array.Sort(categories, static (a, b) => string.CompareOrdinal(a.Code, b.Code));
        var contexts = new Dictionary<string, CategoryContext>(StringComparer.Ordinal);
        foreach (var c in categories)
        {
            var context = new CategoryContext(c, input.Decimals);
            contexts.Add(c.Code, context);
            w.Text("category").Field(c.Code).Field(c.Name).Field(c.TotalPoints).Field(c.BonusCap).Field(c.DeductionCap)
                .Field((int)c.TieBreak).Field(c.AwardBase).Field((int)c.Grades.QuotaTies).Field(c.Grades.VetoGrade).Line();
            foreach (var d in c.Components.IsDefault ? [] : c.Components)
            {
                w.Text("component").Field(d.Code).Field(d.Name).Field(d.Weight).Field((int)d.Source).Line();
            }
            foreach (var b in c.Grades.Bands)
            {
                w.Text("band").Field(b.Name).Field(b.MinScore).Field(b.Quota?.MaxShare).Field(b.Quota is null ? -1 : (int)b.Quota.Rounding).Field(b.AwardCoefficient).Line();
            }
            w.Text("tree").Line().Text(context.Tree.Canonical);
        }

        var units = (input.Units.IsDefault ? [] : input.Units).ToArray();
        Array.Sort(units, static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        LeafValue?[] aligned = [];
        var lines = new List<string>();
        foreach (var unit in units)
        {
            w.Text("unit").Field(unit.Id).Field(unit.Name).Field(unit.CategoryCode).Line();
            if (!contexts.TryGetValue(unit.CategoryCode, out var context))
            {
                throw new ArgumentException($"单位“{unit.Name}”的考核类别“{unit.CategoryCode}”不存在。", nameof(input));
            }
            if (aligned.Length != context.Tree.Leaves.Length)
            {
                aligned = new LeafValue?[context.Tree.Leaves.Length];
            }
            context.Align(unit, aligned);
            for (var i = 0; i < aligned.Length; i++)
            {
                w.Text("v");
                if (aligned[i] is { } v)
                {
                    w.Field(v.Target).Field(v.Actual).Field(v.Grade);
                    w.Field(string.Empty);
                    foreach (var p in v.MonthlyPlan.IsDefault ? [] : v.MonthlyPlan)
                    {
                        w.Number(p).Text(";");
                    }
                    w.Field(string.Empty);
                    foreach (var a in v.MonthlyActual.IsDefault ? [] : v.MonthlyActual)
                    {
                        w.Number(a).Text(";");
                    }
                    w.Field(v.Evidence).Field(v.Approver).Field(v.Source);
                }
                w.Line();
            }
            lines.Clear();
            foreach (var c in unit.Components.IsDefault ? [] : unit.Components)
            {
                lines.Add(string.Join('\t', "comp", Escape(c.Code), Num(c.Score), Num(c.FullScore), c.HandEntered ? "1" : "0", Escape(c.EnteredBy), Escape(c.Note), Detail(c.Detail)));
            }
            foreach (var a in unit.Adjustments.IsDefault ? [] : unit.Adjustments)
            {
                lines.Add(string.Join('\t', "adj", ((int)a.Kind).ToString(CultureInfo.InvariantCulture), Num(a.Points), Escape(a.Reason), Escape(a.MaxGrade), Escape(a.Evidence), Escape(a.EnteredBy), Escape(a.ApprovedBy)));
            }
            lines.Sort(StringComparer.Ordinal);
            foreach (var line in lines)
            {
                w.Text(line).Line();
            }
        }
    }

    private static void Results(YearResult result, CanonicalWriter w)
    {
        w.Text("baton-results 1").Field(result.Year).Field(result.Input.RuleVersion).Field(result.AwardScale).Field(result.AwardTotal).Line();
        foreach (var category in result.Categories)
        {
            w.Text("category").Field(category.Code).Field((int)category.Spec.TieBreak).Field((int)category.Spec.Grades.QuotaTies).Line();
            foreach (var q in category.Quotas)
            {
                w.Text("quota").Field(q.Grade).Field(q.Units).Field(q.Places).Field(q.Taken).Line();
            }
            foreach (var u in category.Units)
            {
                w.Text("unit").Field(u.Id).Field(u.Rank).Field(u.Overall).Field(u.IndicatorScore).Field(u.Bonus).Field(u.Deduction)
                    .Field(u.Vetoed ? 1 : 0).Field(u.MaxGrade).Field(u.Grade).Field(u.Award).Field(u.GradeReason).Line();
                foreach (var c in u.Components)
                {
                    w.Text("comp").Field(c.Code).Field(c.Weight).Field(c.Score).Field(c.HandEntered ? 1 : 0).Field(c.Missing ? 1 : 0).Line();
                }
                w.Text("leaves");
                foreach (var p in u.LeafPoints)
                {
                    w.Field(p);
                }
                w.Line();
            }
        }
    }

    private static string Num(decimal value) => TraceFormat.Number(value);

    private static string Escape(string? text) =>
        text is null ? "\\0" : text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);

    private static string Detail(TraceNode? node)
    {
        if (node is null)
        {
            return "\\0";
        }
        var text = new StringBuilder("(").Append(Escape(node.Label)).Append('|').Append(Escape(node.Formula)).Append('|')
            .Append(node.Points is { } p ? Num(p) : "-");
        foreach (var child in node.Children)
        {
            text.Append(Detail(child));
        }
        return text.Append(')').ToString();
    }

    /// <summary>Streams canonical text into SHA-256 (and optionally a stream) through one pooled buffer, with no per-value strings.</summary>
    private sealed class CanonicalWriter : IDisposable
    {
        private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly Stream? copy;
        private readonly byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        private int length;

        public CanonicalWriter(Stream? copy) => this.copy = copy;

        public CanonicalWriter Text(string text)
        {
            var max = Encoding.UTF8.GetMaxByteCount(text.Length);
            if (max > buffer.Length)
            {
                Flush();
                var bytes = Encoding.UTF8.GetBytes(text);
                Append(bytes);
                return this;
            }
            Ensure(max);
            length += Encoding.UTF8.GetBytes(text, buffer.AsSpan(length));
            return this;
        }

        public CanonicalWriter Field(string? text)
        {
            Byte((byte)'\t');
            if (text is null)
            {
                return Text("\\0");
            }
            return text.AsSpan().IndexOfAny("\\\t\n\r") >= 0 ? Text(Escape(text)) : Text(text);
        }

        public CanonicalWriter Field(int value)
        {
            Byte((byte)'\t');
            Ensure(16);
            value.TryFormat(buffer.AsSpan(length), out var written, default, CultureInfo.InvariantCulture);
            length += written;
            return this;
        }

        public CanonicalWriter Field(decimal? value)
        {
            Byte((byte)'\t');
            return Number(value);
        }

        public CanonicalWriter Number(decimal? value)
        {
            if (value is not { } v)
            {
                Byte((byte)'-');
                return this;
            }
            Ensure(40);
            var span = buffer.AsSpan(length);
            v.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
            if (span[..written].Contains((byte)'.'))
            {
                while (span[written - 1] == (byte)'0')
                {
                    written--;
                }
                if (span[written - 1] == (byte)'.')
                {
                    written--;
                }
            }
            if (written == 2 && span[0] == (byte)'-' && span[1] == (byte)'0')
            {
                span[0] = (byte)'0';
                written = 1;
            }
            length += written;
            return this;
        }

        public CanonicalWriter Line() => Byte((byte)'\n');

        public string Finish()
        {
            Flush();
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        public void Dispose()
        {
            hash.Dispose();
            ArrayPool<byte>.Shared.Return(buffer);
        }

        private CanonicalWriter Byte(byte b)
        {
            Ensure(1);
            buffer[length++] = b;
            return this;
        }

        private void Ensure(int bytes)
        {
            if (length + bytes > buffer.Length)
            {
                Flush();
            }
        }

        private void Append(byte[] bytes)
        {
            hash.AppendData(bytes);
            copy?.Write(bytes);
        }

        private void Flush()
        {
            if (length == 0)
            {
                return;
            }
            hash.AppendData(buffer, 0, length);
            copy?.Write(buffer, 0, length);
            length = 0;
        }
    }
}
