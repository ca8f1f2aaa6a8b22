using Baton.Scoring.Surveys;

namespace Baton.Scoring.Tests.Surveys;

public class DispositionsCsvTests
{
    [Fact]
    public void Csv_with_bom_crlf_quotes_and_blank_trailing_lines_is_counted()
    {
        var result = DispositionsCsv.Parse("\uFEFFcase,outcome\r\nA001,I\r\n\"A,002\",NC\r\n A003 , I \r\nA004,NE\r\n\r\n\r\n");

        Assert.Null(result.Error);
        Assert.Equal(4, result.Cases);
        Assert.Equal(new DispositionCounts(2, 0, 0, 1, 0, 0, 0, 1), result.Counts);
    }

    [Theory]
    [InlineData("", "第1行：文件为空")]
    [InlineData("\uFEFF\r\n\r\n", "第1行：文件为空")]
    [InlineData("case,outcome\n", "第2行：只有表头，没有个案")]
    [InlineData("A001,I\nA002,R\n", "第1行：缺少表头：第一行应为 case,outcome")]
    [InlineData("id,result\nA001,I\n", "第1行：表头应为 case,outcome，实为“id,result”")]
    [InlineData("case,outcome,town\nA001,I,城关镇\n", "第1行：表头应为 case,outcome")]
    [InlineData("case,outcome\nA001,I\nA002,X\n", "第3行：个案“A002”的访问结果“X”无效，应为 I、P、R、NC、O、UH、UO、NE 之一")]
    [InlineData("case,outcome\nA001,i\n", "第2行：个案“A001”的访问结果“i”无效")]
    [InlineData("case,outcome\nA001,I\n\nA002,R\nA001,NC\n", "第5行：个案“A001”重复，已在第2行出现")]
    [InlineData("case,outcome\nA001\n", "第2行：应有 2 列")]
    [InlineData("case,outcome\n,I\n", "第2行：个案编号（case）为空")]
    [InlineData("case,outcome\n\"A001,I\n", "第2行：引号不成对")]
    public void A_malformed_file_is_refused_with_a_message_naming_the_line(string text, string expected)
    {
        var result = DispositionsCsv.Parse(text);

        Assert.Null(result.Counts);
        Assert.NotNull(result.Error);
        Assert.StartsWith(expected, result.Error, StringComparison.Ordinal);
    }
}
