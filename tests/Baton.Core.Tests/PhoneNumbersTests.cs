using Microsoft.AspNetCore.DataProtection;

namespace Baton.Core.Tests;

public sealed class PhoneNumbersTests
{
    [Theory]
    [InlineData("138 0013 8000", "13800138000")]
    [InlineData("+86 138-0013-8000", "13800138000")]
    [InlineData("0086 13800138000", "13800138000")]
    [InlineData("１３８００１３８０００", "13800138000")]
    [InlineData("(0931) 8812345", "09318812345")]
    [InlineData("8812345", "8812345")]
    public void Numbers_as_people_write_them_are_normalised(string text, string expected)
    {
        Assert.True(PhoneNumbers.TryNormalise(text, out var number, out _));
        Assert.Equal(expected, number);
    }

    [Theory]
    [InlineData("", "电话号码为空。")]
    [InlineData("138001380", "不是有效的手机号")]
    [InlineData("23800138000", "不是有效的手机号")]
    [InlineData("138-0013-800a", "含有数字以外的字符")]
    public void Wrong_numbers_are_refused_in_chinese(string text, string message)
    {
        Assert.False(PhoneNumbers.TryNormalise(text, out _, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("13800138000", "138****8000")]
    [InlineData("09318812345", "093****2345")]
    [InlineData("8812345", "*****45")]
    public void Masks_keep_the_first_three_and_last_four_digits(string number, string masked) =>
        Assert.Equal(masked, PhoneNumbers.Mask(number));

    [Fact]
    public void A_protected_number_reads_back_only_with_the_same_keys()
    {
        var keys = Directory.CreateTempSubdirectory();
        try
        {
            var phones = new PhoneNumbers(DataProtectionProvider.Create(keys));
            var stored = phones.Protect("13800138000");
            Assert.DoesNotContain("13800138000", stored, StringComparison.Ordinal);
            Assert.Equal("13800138000", phones.Unprotect(stored));
            Assert.Null(new PhoneNumbers(DataProtectionProvider.Create(Directory.CreateTempSubdirectory())).Unprotect(stored));
        }
        finally
        {
            keys.Delete(recursive: true);
        }
    }
}
