using Baton.Scoring.Ratings;

namespace Baton.Scoring.Tests.Ratings;

public class RatingsCsvTests
{
    [Fact]
    public void Csv_with_bom_quotes_and_columns_in_any_order_is_read_with_line_numbers()
    {
        var result = RatingsCsv.Parse("\uFEFFunit,Score,rater\r\n城关镇,87.5,张三\r\n\r\n\"东山镇,北\",90,\"李\"\"四\"\r\n");

        Assert.True(result.IsValid, result.Error);
        Assert.Equal([new Rating("张三", "城关镇", 87.5), new Rating("李\"四", "东山镇,北", 90)], result.Ratings);
        Assert.Equal([2, 4], result.Lines);
    }

    [Theory]
    [InlineData("", "第1行：文件为空")]
    [InlineData("rater,unit\nA,X", "第1行：表头缺少列“score”")]
    [InlineData("rater,unit,score\nA,X,八十", "第2行：评分“八十”不是数字")]
    [InlineData("rater,unit,score\nA,X,80\nB,X,70\nA,X,75", "第4行：评分人“A”已在第2行为单位“X”评分")]
    [InlineData("rater,unit,score\nA,X", "第2行：应至少有3列")]
    [InlineData("rater,unit,score\n", "第2行：只有表头")]
    public void Malformed_csv_is_rejected_with_a_message_naming_the_line(string text, string expected)
    {
        var result = RatingsCsv.Parse(text);

        Assert.False(result.IsValid);
        Assert.StartsWith(expected, result.Error, StringComparison.Ordinal);
    }
}
