namespace Baton.Scoring.Surveys;

/// <summary>
/// A case's final disposition (最终访问结果) in the AAPOR Standard Definitions: the eight groups its
/// outcome rates are computed from. Each group's AAPOR letter code is <see cref="Dispositions.Code"/>.
/// </summary>
public enum Disposition
{
    /// <summary>I, complete interview (AAPOR 1.1, 完成访问).</summary>
    Complete,

    /// <summary>P, partial interview (AAPOR 1.2, 部分完成).</summary>
    Partial,

    /// <summary>R, refusal and break-off (AAPOR 2.10, 拒访与中途退出).</summary>
    RefusalAndBreakOff,

    /// <summary>NC, non-contact with a case known to be eligible (AAPOR 2.20, 未接触).</summary>
    NonContact,

    /// <summary>O, other eligible non-interview: dead, unable, language … (AAPOR 2.30, 其他).</summary>
    Other,

    /// <summary>UH, unknown whether a household / a working personal number (AAPOR 3.10, 是否住户不明).</summary>
    UnknownHousehold,

    /// <summary>UO, household reached, unknown whether an eligible respondent, and other unknowns (AAPOR 3.20, 3.90, 其他合格性不明).</summary>
    UnknownOther,

    /// <summary>NE, not eligible (AAPOR 4.0, 不合格).</summary>
    NotEligible,
}

/// <summary>The AAPOR letter codes of <see cref="Disposition"/>: I, P, R, NC, O, UH, UO, NE.</summary>
public static class Dispositions
{
    /// <summary>Every disposition, in AAPOR's order (I, P, R, NC, O, UH, UO, NE).</summary>
    public static IReadOnlyList<Disposition> All { get; } =
    [
        Disposition.Complete, Disposition.Partial, Disposition.RefusalAndBreakOff, Disposition.NonContact,
        Disposition.Other, Disposition.UnknownHousehold, Disposition.UnknownOther, Disposition.NotEligible,
    ];

    /// <summary>The AAPOR letter code of <paramref name="disposition"/>, e.g. "NC".</summary>
    public static string Code(this Disposition disposition) => disposition switch
    {
        Disposition.Complete => "I",
        Disposition.Partial => "P",
        Disposition.RefusalAndBreakOff => "R",
        Disposition.NonContact => "NC",
        Disposition.Other => "O",
        Disposition.UnknownHousehold => "UH",
        Disposition.UnknownOther => "UO",
        Disposition.NotEligible => "NE",
        _ => throw new ArgumentOutOfRangeException(nameof(disposition), disposition, null),
    };

    /// <summary>
    /// Reads an AAPOR letter code exactly as written (upper case, no spaces): "I", "P", "R", "NC", "O",
    /// "UH", "UO" or "NE". Anything else is not a disposition.
    /// </summary>
    public static bool TryParse(string? code, out Disposition disposition)
    {
        Disposition? found = code switch
        {
            "I" => Disposition.Complete,
            "P" => Disposition.Partial,
            "R" => Disposition.RefusalAndBreakOff,
            "NC" => Disposition.NonContact,
            "O" => Disposition.Other,
            "UH" => Disposition.UnknownHousehold,
            "UO" => Disposition.UnknownOther,
            "NE" => Disposition.NotEligible,
            _ => null,
        };
        disposition = found.GetValueOrDefault();
        return found is not null;
    }
}
