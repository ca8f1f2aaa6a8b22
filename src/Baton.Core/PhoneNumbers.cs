using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Baton.Core;

/// <summary>
/// Phone numbers of the public (survey frames, 12345 callers) are personal information: they are stored only
/// protected (ASP.NET Core Data Protection, keys in the database) beside a masked form for lists, and read back
/// in clear only where a person must dial them.
/// </summary>
public sealed class PhoneNumbers(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Baton.PhoneNumbers.v1");

    /// <summary>
    /// Reads a number as people write it: digits with spaces, dashes or brackets, full-width digits, a leading
    /// +86 or 0086. Null, with <paramref name="error"/> in Chinese, when it is not a mainland mobile (11 digits
    /// starting with 1) or a landline (0, area code and number, 10–12 digits; or a 7–8 digit local number).
    /// </summary>
    public static bool TryNormalise(string? text, [NotNullWhen(true)] out string? number, [NotNullWhen(false)] out string? error)
    {
        number = null;
        var raw = ImportText.ToHalfWidth(text ?? "").Trim();
        if (raw.Length == 0)
        {
            error = "电话号码为空。";
            return false;
        }
        if (raw.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '(' or ')' or '+')))
        {
            error = $"电话号码「{raw}」含有数字以外的字符。";
            return false;
        }
        var digits = new string([.. raw.Where(char.IsAsciiDigit)]);
        if (raw.StartsWith('+') || digits.StartsWith("0086", StringComparison.Ordinal))
        {
            digits = digits.StartsWith("0086", StringComparison.Ordinal) ? digits[4..] : digits.StartsWith("86", StringComparison.Ordinal) ? digits[2..] : "";
        }
        var valid = digits.Length switch
        {
            11 when digits[0] == '1' => true,
            >= 10 and <= 12 when digits[0] == '0' => true,
            7 or 8 when digits[0] is not ('0' or '1') => true,
            _ => false,
        };
        if (!valid)
        {
            error = $"电话号码「{raw}」不是有效的手机号（11 位，以 1 开头）或固定电话（区号加号码）。";
            return false;
        }
        number = digits;
        error = null;
        return true;
    }

    /// <summary>The number as lists show it: first three and last four digits, the rest hidden (138****5678).</summary>
    public static string Mask(string number) =>
        number.Length <= 7 ? new string('*', number.Length - 2) + number[^2..] : number[..3] + new string('*', number.Length - 7) + number[^4..];

    /// <summary>The stored, protected form of a normalised number.</summary>
    public string Protect(string number) => _protector.Protect(number);

    /// <summary>The number in clear, or null when the stored form was not protected by this installation's keys.</summary>
    public string? Unprotect(string protectedNumber)
    {
        try
        {
            return _protector.Unprotect(protectedNumber);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
