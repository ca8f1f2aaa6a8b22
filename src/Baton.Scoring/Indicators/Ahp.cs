using System.Collections.Immutable;
using System.Globalization;

namespace Baton.Scoring.Indicators;

/// <summary>
/// A pairwise comparison matrix (判断矩阵) for the analytic hierarchy process: Rows[i][j] says how
/// much more important item i is than item j on Saaty's 1–9 scale (1/3 means j is moderately more
/// important than i). Rows are kept as entered so that <see cref="Ahp.Validate"/> can report a matrix
/// that is not square.
/// </summary>
/// <param name="Items">The n items compared, in order.</param>
/// <param name="Rows">The matrix rows, in the items' order.</param>
public sealed record PairwiseMatrix(ImmutableArray<string> Items, ImmutableArray<ImmutableArray<decimal>> Rows);

/// <summary>The weights the analytic hierarchy process gives a consistent enough matrix.</summary>
/// <param name="Items">The items, in the matrix's order.</param>
/// <param name="Weights">Each item's weight, in the items' order, from the principal eigenvector normalised to sum to 1.</param>
/// <param name="LambdaMax">The principal eigenvalue λmax (n for a perfectly consistent matrix).</param>
/// <param name="ConsistencyIndex">CI = (λmax − n) ÷ (n − 1); 0 for n ≤ 2.</param>
/// <param name="ConsistencyRatio">CR = CI ÷ RI(n) with Saaty's random index; 0 for n ≤ 2.</param>
/// <param name="Consistent">True when CR &lt; 0.1; otherwise the office must confirm before the weights are applied.</param>
public sealed record AhpResult(
    ImmutableArray<string> Items,
    ImmutableArray<decimal> Weights,
    decimal LambdaMax,
    decimal ConsistencyIndex,
    decimal ConsistencyRatio,
    bool Consistent);

/// <summary>
/// The AHP weight assistant (层次分析法). The eigenvector is computed in <see cref="double"/> by power
/// iteration until no component moves by more than 1e-12 (the matrix is positive, so it converges to
/// the Perron vector); results are converted to <see cref="decimal"/> (about 15 significant digits),
/// so weights sum to 1 within 1e-12 rather than exactly.
/// </summary>
public static class Ahp
{
    /// <summary>Largest accepted deviation from reciprocity: |a_ji − 1/a_ij| ≤ 1e-9.</summary>
    public const double ReciprocalTolerance = 1e-9;

    /// <summary>CR below this is consistent (Saaty's 10% rule).</summary>
    public const decimal ConsistencyThreshold = 0.1m;

    /// <summary>Saaty's random index RI for n = 1 … 15 (index 0 is n = 1).</summary>
    public static ImmutableArray<decimal> RandomIndex { get; } =
        [0m, 0m, 0.58m, 0.90m, 1.12m, 1.24m, 1.32m, 1.41m, 1.45m, 1.49m, 1.51m, 1.48m, 1.56m, 1.57m, 1.59m];

    /// <summary>Largest matrix the RI table covers.</summary>
    public static int MaxItems => RandomIndex.Length;

    /// <summary>
    /// Chinese messages for a matrix that cannot be used: not square (or not matching the items),
    /// more than 15 items, a value that is not positive, or not reciprocal. Empty when usable.
    /// </summary>
    public static ImmutableArray<string> Validate(PairwiseMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var messages = new List<string>();
        var n = matrix.Items.IsDefault ? 0 : matrix.Items.Length;
        var rows = matrix.Rows.IsDefault ? [] : matrix.Rows;
        if (n == 0)
        {
            messages.Add("判断矩阵没有比较项。");
            return [.. messages];
        }
        if (n > MaxItems)
        {
            messages.Add(Text($"判断矩阵有 {n} 项，随机一致性指标 RI 只到 {MaxItems} 项，请分组比较。"));
        }
        if (rows.Length != n)
        {
            messages.Add(Text($"判断矩阵不是方阵：有 {n} 个比较项，却有 {rows.Length} 行。"));
        }
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i].IsDefault || rows[i].Length != n)
            {
                messages.Add(Text($"判断矩阵不是方阵：第 {i + 1} 行有 {(rows[i].IsDefault ? 0 : rows[i].Length)} 个值，应为 {n} 个。"));
            }
        }
        if (messages.Count > 0)
        {
            return [.. messages];
        }
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (rows[i][j] <= 0)
                {
                    messages.Add(Text($"判断矩阵第 {i + 1} 行第 {j + 1} 列的值 {rows[i][j]} 不是正数。"));
                }
            }
        }
        if (messages.Count > 0)
        {
            return [.. messages];
        }
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                var expected = 1.0 / (double)rows[i][j];
                if (Math.Abs((double)rows[j][i] - expected) > ReciprocalTolerance)
                {
                    messages.Add(i == j
                        ? Text($"判断矩阵对角线第 {i + 1} 行的值应为 1，实际为 {rows[i][i]}。")
                        : Text($"判断矩阵不满足互反性：第 {j + 1} 行第 {i + 1} 列应为第 {i + 1} 行第 {j + 1} 列（{rows[i][j]}）的倒数，实际为 {rows[j][i]}。"));
                }
            }
        }
        return [.. messages];
    }

    /// <summary>Weights, λmax, CI, CR and consistency of a valid matrix.</summary>
    /// <exception cref="ArgumentException">The matrix fails <see cref="Validate"/>; the message lists why, in Chinese.</exception>
    public static AhpResult Compute(PairwiseMatrix matrix)
    {
        var messages = Validate(matrix);
        if (!messages.IsEmpty)
        {
            throw new ArgumentException(string.Join("\n", messages), nameof(matrix));
        }
        var n = matrix.Items.Length;
        var a = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                a[i, j] = (double)matrix.Rows[i][j];
            }
        }

        var x = new double[n];
        var y = new double[n];
        Array.Fill(x, 1.0 / n);
        for (var iteration = 0; iteration < 100_000; iteration++)
        {
            Multiply(a, x, y);
            var sum = 0.0;
            foreach (var v in y)
            {
                sum += v;
            }
            var change = 0.0;
            for (var i = 0; i < n; i++)
            {
                y[i] /= sum;
                change = Math.Max(change, Math.Abs(y[i] - x[i]));
            }
            (x, y) = (y, x);
            if (change < 1e-12)
            {
                break;
            }
        }

        Multiply(a, x, y);
        var lambda = 0.0;
        for (var i = 0; i < n; i++)
        {
            lambda += y[i] / x[i];
        }
        lambda /= n;
        var ci = n <= 2 ? 0.0 : (lambda - n) / (n - 1);
        var ri = (double)RandomIndex[n - 1];
        var cr = n <= 2 || ri == 0 ? 0.0 : ci / ri;

        var weights = new decimal[n];
        for (var i = 0; i < n; i++)
        {
            weights[i] = (decimal)x[i];
        }
        var crDecimal = n <= 2 ? 0m : (decimal)cr;
        return new AhpResult(matrix.Items, [.. weights], (decimal)lambda, n <= 2 ? 0m : (decimal)ci, crDecimal, crDecimal < ConsistencyThreshold);
    }

    private static void Multiply(double[,] a, double[] x, double[] y)
    {
        var n = x.Length;
        for (var i = 0; i < n; i++)
        {
            var s = 0.0;
            for (var j = 0; j < n; j++)
            {
                s += a[i, j] * x[j];
            }
            y[i] = s;
        }
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Reads the CLI's matrix file: UTF-8 CSV whose first row names the n items and whose next n rows
/// hold the matrix, each cell a number (3, 0.5) or a fraction (1/3). Blank lines at the end are ignored.
/// </summary>
public static class PairwiseMatrixCsv
{
    /// <summary>The matrix as read, or Chinese messages naming the row and column of each unreadable cell.</summary>
    /// <returns>The matrix when every cell was read (it may still fail <see cref="Ahp.Validate"/>), otherwise null and the messages.</returns>
    public static (PairwiseMatrix? Matrix, ImmutableArray<string> Errors) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var count = lines.Length;
        while (count > 0 && string.IsNullOrWhiteSpace(lines[count - 1]))
        {
            count--;
        }
        if (count == 0)
        {
            return (null, ["判断矩阵文件为空：第一行应为比较项名称，其后每行为矩阵的一行。"]);
        }
        var errors = new List<string>();
        var items = lines[0].Split(',').Select(c => c.Trim()).ToImmutableArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i].Length == 0)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"第 1 行第 {i + 1} 列：比较项名称为空。"));
            }
            else if (!names.Add(items[i]))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"第 1 行第 {i + 1} 列：比较项“{items[i]}”重复。"));
            }
        }
        var rows = ImmutableArray.CreateBuilder<ImmutableArray<decimal>>();
        for (var r = 1; r < count; r++)
        {
            var cells = lines[r].Split(',');
            var row = ImmutableArray.CreateBuilder<decimal>(cells.Length);
            for (var c = 0; c < cells.Length; c++)
            {
                if (TryCell(cells[c].Trim(), out var value))
                {
                    row.Add(value);
                }
                else
                {
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"第 {r + 1} 行第 {c + 1} 列：“{cells[c].Trim()}”不是数字或分数（如 3、0.5、1/3）。"));
                }
            }
            rows.Add(row.ToImmutable());
        }
        return errors.Count > 0 ? (null, [.. errors]) : (new PairwiseMatrix(items, rows.ToImmutable()), []);
    }

    private static bool TryCell(string cell, out decimal value)
    {
        const NumberStyles style = NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign;
        var slash = cell.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return decimal.TryParse(cell, style, CultureInfo.InvariantCulture, out value);
        }
        value = 0m;
        if (decimal.TryParse(cell.AsSpan(0, slash).Trim(), style, CultureInfo.InvariantCulture, out var numerator)
            && decimal.TryParse(cell.AsSpan(slash + 1).Trim(), style, CultureInfo.InvariantCulture, out var denominator)
            && denominator != 0)
        {
            value = numerator / denominator;
            return true;
        }
        return false;
    }
}
