using Baton.Core.Units;

namespace Baton.Core.Tests;

/// <summary>The one rule by which imports read numbers, and the one form of a unit code (issue 7, §5.6 and §5.7).</summary>
public class ImportTextTests
{
    [Theory]
    [InlineData("85", 85)]
    [InlineData(" -3.25 ", -3.25)]
    [InlineData(".5", 0.5)]
    [InlineData("1,008", 1008)]
    [InlineData("12,345.6", 12345.6)]
    [InlineData("1,234,567", 1234567)]
    [InlineData("１２３", 123)]
    [InlineData("１，２３４．５", 1234.5)]
    [InlineData("－７", -7)]
    [InlineData("1.2E+3", 1200)]
    public void Unambiguous_numbers_are_read_as_they_show(string text, decimal expected)
    {
        Assert.True(ImportText.TryParseNumber(text, allowThousands: true, out var value, out var problem), problem);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("8,5")]
    [InlineData("1,2,3")]
    [InlineData("1,00")]
    [InlineData("0,123")]
    [InlineData("1,0000")]
    [InlineData("1.008,5")]
    [InlineData("12,345,6")]
    [InlineData(",100")]
    public void A_comma_that_is_not_a_thousands_separator_is_refused_as_ambiguous(string text)
    {
        Assert.False(ImportText.TryParseNumber(text, allowThousands: true, out _, out var problem));
        Assert.Contains("有歧义", problem, StringComparison.Ordinal);
        Assert.Contains($"「{text}」", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1 008")]
    [InlineData("85%")]
    [InlineData("¥100")]
    [InlineData("١٢٣")]
    [InlineData("--1")]
    [InlineData("")]
    public void Anything_else_is_not_a_number(string text) =>
        Assert.False(ImportText.TryParseNumber(text, allowThousands: true, out _, out _));

    [Fact]
    public void Where_values_are_small_by_nature_no_comma_is_accepted()
    {
        Assert.False(ImportText.TryParseNumber("1,008", allowThousands: false, out _, out var problem));
        Assert.Contains("千位分隔符", problem, StringComparison.Ordinal);
        Assert.True(ImportText.TryParseNumber("１．５", allowThousands: false, out var value, out _));
        Assert.Equal(1.5m, value);
    }

    [Theory]
    [InlineData("T01", "T01")]
    [InlineData("t01", "T01")]
    [InlineData("Ｘ０６", "X06")]
    [InlineData(" d 02\u3000", "D02")]
    [InlineData("ｔ－０１", "T-01")]
    [InlineData(null, "")]
    public void Unit_codes_have_one_form(string? typed, string code) => Assert.Equal(code, Unit.NormaliseCode(typed));
}
