using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Baton.Core;

/// <summary>
/// How every import reads what people type or paste into a cell. A number is never guessed: what cannot be
/// read one way only is refused, and the caller names the row and column (「第 N 行「列」：…」).
/// </summary>
/// <remarks>
/// The rule for numbers (also in the user guide, docs/guide):
/// <list type="bullet">
/// <item>Full-width characters typed with a Chinese input method are converted, not refused:
/// <c>１２３</c> is 123, <c>１，２３４．５</c> is 1234.5, a full-width minus is a minus.</item>
/// <item>A comma is only ever a thousands separator, and only in groups of exactly three digits after a first
/// group of one to three that does not start with 0: <c>1,008</c> is 1008 and <c>12,345.6</c> is 12345.6.
/// In Chinese documents a comma is never a decimal mark, so this reading is the only one — except where the
/// values are small by nature (points, weights, order), where <c>1,008</c> could as well be a mistyped 1.008:
/// there the caller passes <c>allowThousands: false</c> and every comma is refused.</item>
/// <item>Anything else with a comma is refused: <c>8,5</c> (a decimal comma?), <c>1,2,3</c> (a list?),
/// <c>1,00</c>, <c>0,123</c>, <c>1.008,5</c>. So are spaces inside a number, percent signs and currency signs.</item>
/// </list>
/// </remarks>
public static partial class ImportText
{
    /// <summary>
    /// Converts full-width ASCII variants (U+FF01–U+FF5E: digits, letters, <c>．，；－</c>…) to their
    /// ASCII forms and the ideographic space (U+3000) to a space; everything else is kept.
    /// </summary>
    public static string ToHalfWidth(string text)
    {
        if (!text.Any(c => c is >= '\uFF01' and <= '\uFF5E' or '\u3000' or '\u2212'))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u3000' => ' ',
                // The minus sign that some sources paste instead of a hyphen-minus.
                '\u2212' => '-',
                _ => c,
            });
        }
        return builder.ToString();
    }

    /// <summary>
    /// Reads a number by the rule above. Returns false with a Chinese reason (without the row and column,
    /// which the caller adds) when the text is not a number or could be read more than one way.
    /// </summary>
    /// <param name="text">The cell's text; surrounding spaces are ignored. Empty text is not a number.</param>
    /// <param name="allowThousands">Whether a comma may group thousands; false for small values such as points.</param>
    /// <param name="value">The number read; 0 when the text is refused.</param>
    /// <param name="problem">Why the text is refused; null when it is read.</param>
    public static bool TryParseNumber(string? text, bool allowThousands, out decimal value, [NotNullWhen(false)] out string? problem)
    {
        value = 0;
        var shown = text?.Trim() ?? "";
        var plain = ToHalfWidth(shown).Trim();
        if (plain.Length == 0)
        {
            problem = "不能为空。";
            return false;
        }
        if (plain.Contains(',', StringComparison.Ordinal))
        {
            if (!allowThousands)
            {
                problem = $"「{shown}」中的逗号有歧义：此列的数不使用千位分隔符；小数请用小数点，如 1.5。";
                return false;
            }
            if (!GroupedNumber().IsMatch(plain))
            {
                problem = $"「{shown}」中的逗号有歧义：逗号只能作千位分隔符，每三位一组（如 1,008 或 12,345.6）；小数请用小数点，如 8.5。";
                return false;
            }
        }
        else if (!PlainNumber().IsMatch(plain))
        {
            problem = $"「{shown}」不是数字。";
            return false;
        }
        if (!decimal.TryParse(plain, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out value))
        {
            problem = $"「{shown}」超出了可以处理的数值范围。";
            return false;
        }
        problem = null;
        return true;
    }

    // [0-9], not \d: \d also matches Arabic-Indic and other digits that decimal.Parse does not read.
    [GeneratedRegex(@"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,3})?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();

    [GeneratedRegex(@"^[+-]?[1-9][0-9]{0,2}(,[0-9]{3})+(\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex GroupedNumber();
}
