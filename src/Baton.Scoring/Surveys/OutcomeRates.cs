namespace Baton.Scoring.Surveys;

/// <summary>
/// How many cases of a survey (or of one town's part of it) ended in each AAPOR final disposition.
/// Every count is zero or more.
/// </summary>
public sealed record DispositionCounts
{
    public DispositionCounts(int i, int p, int r, int nc, int o, int uh, int uo, int ne)
    {
        ReadOnlySpan<int> all = [i, p, r, nc, o, uh, uo, ne];
        foreach (var count in all)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count);
        }
        I = i;
        P = p;
        R = r;
        NC = nc;
        O = o;
        UH = uh;
        UO = uo;
        NE = ne;
    }

    /// <summary>No case at all.</summary>
    public static DispositionCounts Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Counts the final dispositions of <paramref name="cases"/>, one entry per case.</summary>
    public static DispositionCounts Of(IEnumerable<Disposition> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var counts = new int[Dispositions.All.Count];
        foreach (var disposition in cases)
        {
            counts[(int)disposition] = checked(counts[(int)disposition] + 1);
        }
        return new(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], counts[7]);
    }

    /// <summary>Complete interviews (1.1).</summary>
    public int I { get; }

    /// <summary>Partial interviews (1.2).</summary>
    public int P { get; }

    /// <summary>Refusals and break-offs (2.10).</summary>
    public int R { get; }

    /// <summary>Non-contacts with eligible cases (2.20).</summary>
    public int NC { get; }

    /// <summary>Other eligible non-interviews (2.30).</summary>
    public int O { get; }

    /// <summary>Unknown if household (3.10).</summary>
    public int UH { get; }

    /// <summary>Unknown other (3.20, 3.90).</summary>
    public int UO { get; }

    /// <summary>Not eligible (4.0).</summary>
    public int NE { get; }

    /// <summary>The count of <paramref name="disposition"/>.</summary>
    public int this[Disposition disposition] => disposition switch
    {
        Disposition.Complete => I,
        Disposition.Partial => P,
        Disposition.RefusalAndBreakOff => R,
        Disposition.NonContact => NC,
        Disposition.Other => O,
        Disposition.UnknownHousehold => UH,
        Disposition.UnknownOther => UO,
        Disposition.NotEligible => NE,
        _ => throw new ArgumentOutOfRangeException(nameof(disposition), disposition, null),
    };

    /// <summary>Every case, whatever its disposition.</summary>
    public long Total => (long)I + P + R + NC + O + UH + UO + NE;

    /// <summary>
    /// AAPOR's default estimate of e, the share of the unknown-eligibility cases (UH + UO) that are
    /// eligible: the eligible share of the cases whose eligibility is known,
    /// (I+P+R+NC+O) / (I+P+R+NC+O+NE), as in AAPOR's response rate calculator. Null when no case's
    /// eligibility is known (that denominator is zero): there is nothing to estimate it from.
    /// </summary>
    public double? DefaultE => Ratio(Eligible, Eligible + NE);

    /// <summary>Cases known to be eligible: I+P+R+NC+O.</summary>
    internal long Eligible => (long)I + P + R + NC + O;

    internal long Unknown => (long)UH + UO;

    internal static double? Ratio(double numerator, double denominator) => denominator == 0 ? null : numerator / denominator;
}

/// <summary>
/// The AAPOR outcome rates of one set of <see cref="DispositionCounts"/>, each a share between 0 and
/// 1, with AAPOR's formulas exactly (Standard Definitions, "Calculating rates from response
/// distributions"). Written with I, P, R, NC, O, UH, UO, NE for the counts and e for the estimated
/// eligible share of the unknown cases:
/// <list type="bullet">
/// <item>response rates RR1–RR6: completes (RR1, RR3, RR5) or completes and partials (RR2, RR4, RR6)
/// over the eligible cases, counting all unknowns as eligible (RR1, RR2), the share e of them (RR3,
/// RR4), or none of them (RR5, RR6);</item>
/// <item>cooperation rates COOP1–COOP4: over the cases contacted and eligible, with (COOP1, COOP2) or
/// without (COOP3, COOP4) the other eligible non-interviews O;</item>
/// <item>refusal rates REF1–REF3 and contact rates CON1–CON3: refusals, or cases contacted, over the
/// eligible cases with all, e of, or none of the unknowns.</item>
/// </list>
/// A rate whose denominator is zero is <c>null</c>, shown as 无法计算: there is no case it could be a
/// share of, and reporting 0 or 1 would claim a result nobody observed. A rate that uses e is also null
/// when e is null (no case of known eligibility to estimate it from, see <see cref="DispositionCounts.DefaultE"/>).
/// </summary>
public sealed record OutcomeRates
{
    private OutcomeRates()
    {
    }

    /// <summary>The names of the rates in AAPOR's order, RR1 … CON3, as the CLI and reports write them.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "RR1", "RR2", "RR3", "RR4", "RR5", "RR6",
        "COOP1", "COOP2", "COOP3", "COOP4",
        "REF1", "REF2", "REF3",
        "CON1", "CON2", "CON3",
    ];

    /// <summary>
    /// The rates of <paramref name="counts"/> with <paramref name="e"/> as the eligible share of the
    /// unknown cases, or AAPOR's calculator default (<see cref="DispositionCounts.DefaultE"/>) when
    /// <paramref name="e"/> is null. A given e must be between 0 and 1.
    /// </summary>
    public static OutcomeRates Of(DispositionCounts counts, double? e = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (e is { } given && !(given >= 0 && given <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(e), given, "e is a share between 0 and 1.");
        }
        var eUsed = e ?? counts.DefaultE;
        double i = counts.I, p = counts.P, r = counts.R, nc = counts.NC, o = counts.O, unknown = counts.Unknown;
        var interviews = i + p;
        var eligibleKnown = interviews + (r + nc + o);
        var allUnknown = eligibleKnown + unknown;
        // With e unknown, e · (UH+UO) is unknown, and so is every rate that uses it.
        double? withE = eUsed is { } share ? eligibleKnown + share * unknown : null;
        var contacted = interviews + r + o;

        return new OutcomeRates
        {
            Counts = counts,
            E = eUsed,
            EIsDefault = e is null,
            RR1 = DispositionCounts.Ratio(i, allUnknown),
            RR2 = DispositionCounts.Ratio(interviews, allUnknown),
            RR3 = WithE(i, withE),
            RR4 = WithE(interviews, withE),
            RR5 = DispositionCounts.Ratio(i, eligibleKnown),
            RR6 = DispositionCounts.Ratio(interviews, eligibleKnown),
            COOP1 = DispositionCounts.Ratio(i, interviews + r + o),
            COOP2 = DispositionCounts.Ratio(interviews, interviews + r + o),
            COOP3 = DispositionCounts.Ratio(i, interviews + r),
            COOP4 = DispositionCounts.Ratio(interviews, interviews + r),
            REF1 = DispositionCounts.Ratio(r, allUnknown),
            REF2 = WithE(r, withE),
            REF3 = DispositionCounts.Ratio(r, eligibleKnown),
            CON1 = DispositionCounts.Ratio(contacted, allUnknown),
            CON2 = WithE(contacted, withE),
            CON3 = DispositionCounts.Ratio(contacted, eligibleKnown),
        };
    }

    private static double? WithE(double numerator, double? denominator) =>
        denominator is { } d ? DispositionCounts.Ratio(numerator, d) : null;

    /// <summary>The counts the rates were computed from.</summary>
    public required DispositionCounts Counts { get; init; }

    /// <summary>The e used by RR3, RR4, REF2 and CON2; null when it could not be estimated.</summary>
    public required double? E { get; init; }

    /// <summary>True when <see cref="E"/> is AAPOR's calculator default rather than a value someone set.</summary>
    public required bool EIsDefault { get; init; }

    /// <summary>I / ((I+P) + (R+NC+O) + (UH+UO)): the minimum response rate.</summary>
    public required double? RR1 { get; init; }

    /// <summary>(I+P) / ((I+P) + (R+NC+O) + (UH+UO)).</summary>
    public required double? RR2 { get; init; }

    /// <summary>I / ((I+P) + (R+NC+O) + e(UH+UO)).</summary>
    public required double? RR3 { get; init; }

    /// <summary>(I+P) / ((I+P) + (R+NC+O) + e(UH+UO)).</summary>
    public required double? RR4 { get; init; }

    /// <summary>I / ((I+P) + (R+NC+O)): as if no unknown case were eligible.</summary>
    public required double? RR5 { get; init; }

    /// <summary>(I+P) / ((I+P) + (R+NC+O)): the maximum response rate.</summary>
    public required double? RR6 { get; init; }

    /// <summary>I / ((I+P) + R + O).</summary>
    public required double? COOP1 { get; init; }

    /// <summary>(I+P) / ((I+P) + R + O).</summary>
    public required double? COOP2 { get; init; }

    /// <summary>I / ((I+P) + R).</summary>
    public required double? COOP3 { get; init; }

    /// <summary>(I+P) / ((I+P) + R).</summary>
    public required double? COOP4 { get; init; }

    /// <summary>R / ((I+P) + (R+NC+O) + (UH+UO)).</summary>
    public required double? REF1 { get; init; }

    /// <summary>R / ((I+P) + (R+NC+O) + e(UH+UO)).</summary>
    public required double? REF2 { get; init; }

    /// <summary>R / ((I+P) + (R+NC+O)).</summary>
    public required double? REF3 { get; init; }

    /// <summary>((I+P) + R + O) / ((I+P) + R + NC + O + (UH+UO)).</summary>
    public required double? CON1 { get; init; }

    /// <summary>((I+P) + R + O) / ((I+P) + R + NC + O + e(UH+UO)).</summary>
    public required double? CON2 { get; init; }

    /// <summary>((I+P) + R + O) / ((I+P) + R + NC + O).</summary>
    public required double? CON3 { get; init; }

    /// <summary>The rate called <paramref name="name"/> (one of <see cref="Names"/>).</summary>
    public double? this[string name] => name switch
    {
        "RR1" => RR1,
        "RR2" => RR2,
        "RR3" => RR3,
        "RR4" => RR4,
        "RR5" => RR5,
        "RR6" => RR6,
        "COOP1" => COOP1,
        "COOP2" => COOP2,
        "COOP3" => COOP3,
        "COOP4" => COOP4,
        "REF1" => REF1,
        "REF2" => REF2,
        "REF3" => REF3,
        "CON1" => CON1,
        "CON2" => CON2,
        "CON3" => CON3,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not an AAPOR outcome rate."),
    };
}
