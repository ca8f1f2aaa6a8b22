using System.Collections.Immutable;
using Baton.Scoring.Indicators;

namespace Baton.Scoring.Tests.Indicators;

public class AhpTests
{
    private static PairwiseMatrix Matrix(params decimal[][] rows) =>
        new([.. Enumerable.Range(1, rows.Length).Select(i => "项" + i)], [.. rows.Select(r => r.ToImmutableArray())]);

    private const decimal Third = 1m / 3m;
    private const decimal Fifth = 1m / 5m;

    [Fact]
    public void Classic_three_item_example_matches_the_published_weights_and_consistency()
    {
        // The textbook example [1 3 5; 1/3 1 3; 1/5 1/3 1]: weights 0.637, 0.258, 0.105, λmax 3.039,
        // CR 0.033 (checked independently with a separate power iteration: 0.636986, 0.258285, 0.104729,
        // λmax 3.038511, CI 0.019256, CR 0.033199).
        var result = Ahp.Compute(Matrix([1m, 3m, 5m], [Third, 1m, 3m], [Fifth, Third, 1m]));
        Assert.Equal(0.636986m, Math.Round(result.Weights[0], 6));
        Assert.Equal(0.258285m, Math.Round(result.Weights[1], 6));
        Assert.Equal(0.104729m, Math.Round(result.Weights[2], 6));
        Assert.Equal(3.038511m, Math.Round(result.LambdaMax, 6));
        Assert.Equal(0.019256m, Math.Round(result.ConsistencyIndex, 6));
        Assert.Equal(0.033199m, Math.Round(result.ConsistencyRatio, 6));
        Assert.True(result.Consistent);
        Assert.InRange(result.Weights.Sum(), 1m - 1e-12m, 1m + 1e-12m);
    }

    [Fact]
    public void Four_item_matrix_with_cr_above_ten_percent_is_inconsistent()
    {
        // Independently computed: weights 0.618669, 0.235323, 0.100934, 0.045074; λmax 4.390730; CR 0.144715.
        var result = Ahp.Compute(Matrix(
            [1m, 5m, 6m, 7m],
            [1m / 5m, 1m, 4m, 6m],
            [1m / 6m, 1m / 4m, 1m, 4m],
            [1m / 7m, 1m / 6m, 1m / 4m, 1m]));
        Assert.Equal(0.618669m, Math.Round(result.Weights[0], 6));
        Assert.Equal(0.045074m, Math.Round(result.Weights[3], 6));
        Assert.Equal(4.390730m, Math.Round(result.LambdaMax, 6));
        Assert.Equal(0.144715m, Math.Round(result.ConsistencyRatio, 6));
        Assert.False(result.Consistent);
    }

    [Fact]
    public void A_perfectly_consistent_matrix_returns_its_ratios_and_lambda_n()
    {
        decimal[] w = [0.5m, 0.3m, 0.2m];
        var rows = w.Select(a => w.Select(b => a / b).ToArray()).ToArray();
        var result = Ahp.Compute(Matrix(rows));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(w[i], Math.Round(result.Weights[i], 9));
        }
        Assert.Equal(3m, Math.Round(result.LambdaMax, 9));
        Assert.Equal(0m, Math.Round(result.ConsistencyRatio, 9));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Two_items_or_fewer_are_always_consistent(int n)
    {
        var result = n == 1 ? Ahp.Compute(Matrix([1m])) : Ahp.Compute(Matrix([1m, 7m], [1m / 7m, 1m]));
        Assert.Equal(0m, result.ConsistencyRatio);
        Assert.True(result.Consistent);
    }

    [Theory]
    [InlineData(3, "0.58")]
    [InlineData(4, "0.90")]
    [InlineData(5, "1.12")]
    [InlineData(6, "1.24")]
    [InlineData(7, "1.32")]
    [InlineData(8, "1.41")]
    [InlineData(9, "1.45")]
    [InlineData(10, "1.49")]
    [InlineData(11, "1.51")]
    [InlineData(12, "1.48")]
    [InlineData(13, "1.56")]
    [InlineData(14, "1.57")]
    [InlineData(15, "1.59")]
    public void Random_index_follows_saatys_table(int n, string ri)
    {
        Assert.Equal(decimal.Parse(ri, System.Globalization.CultureInfo.InvariantCulture), Ahp.RandomIndex[n - 1]);
    }

    [Fact]
    public void Non_square_non_positive_and_non_reciprocal_matrices_are_refused()
    {
        Assert.Contains("不是方阵", Ahp.Validate(Matrix([1m, 2m], [0.5m])).First(), StringComparison.Ordinal);
        Assert.Contains("不是正数", Ahp.Validate(Matrix([1m, -2m], [-0.5m, 1m])).First(), StringComparison.Ordinal);
        Assert.Contains("互反", Ahp.Validate(Matrix([1m, 3m], [0.5m, 1m])).First(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Ahp.Compute(Matrix([1m, 3m], [0.5m, 1m])));
    }

    [Fact]
    public void Csv_with_fractions_parses_into_the_matrix()
    {
        var (matrix, errors) = PairwiseMatrixCsv.Parse("\uFEFF经济发展,生态环境,党建\r\n1,3,5\r\n1/3,1,3\r\n1/5, 1/3 ,1\r\n\r\n");
        Assert.Empty(errors);
        Assert.Equal(["经济发展", "生态环境", "党建"], matrix!.Items.ToArray());
        Assert.Equal(1m / 3m, matrix.Rows[1][0]);
        Assert.True(Ahp.Compute(matrix).Consistent);
    }

    [Fact]
    public void Csv_with_an_unreadable_cell_names_its_row_and_column()
    {
        var (matrix, errors) = PairwiseMatrixCsv.Parse("甲,乙\n1,abc\n1/0,1\n");
        Assert.Null(matrix);
        Assert.Equal(2, errors.Length);
        Assert.Contains("第 2 行第 2 列", errors[0], StringComparison.Ordinal);
        Assert.Contains("第 3 行第 1 列", errors[1], StringComparison.Ordinal);
    }
}
