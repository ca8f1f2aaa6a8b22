namespace Baton.Scoring.Surveys;

/// <summary>
/// What an operator records after one call (通话结果): finer than a final disposition. Each maps onto
/// one <see cref="Disposition"/> through <see cref="CallOutcomes.Table"/>, following AAPOR's final
/// disposition codes for telephone surveys (Standard Definitions, table 1).
/// </summary>
public enum CallOutcome
{
    Complete,
    Partial,
    Refusal,
    BreakOff,
    AppointmentWithRespondent,
    RespondentUnavailable,
    AnsweringMachineKnownResident,
    RespondentUnable,
    LanguageBarrier,
    OtherEligible,
    NotAttempted,
    Busy,
    NoAnswer,
    PoweredOff,
    AnsweringMachineUnknown,
    CallBlocked,
    TechnicalProblem,
    AppointmentBeforeScreening,
    UnknownOther,
    OutOfSample,
    FaxOrDataLine,
    NonWorkingNumber,
    Disconnected,
    NumberChanged,
    NonResidence,
    NotEligibleAge,
    NotEligibleResidence,
    QuotaFilled,
}

/// <summary>One row of the call-outcome table.</summary>
/// <param name="Outcome">The outcome an operator records.</param>
/// <param name="Name">Its name on the operator's screen.</param>
/// <param name="AaporCode">The AAPOR telephone disposition code it corresponds to, e.g. "3.13".</param>
/// <param name="Disposition">The final disposition it counts as when it is the case's deciding call.</param>
public sealed record CallOutcomeRow(CallOutcome Outcome, string Name, string AaporCode, Disposition Disposition);

/// <summary>
/// The mapping of call outcomes onto AAPOR final dispositions, as one table, and the rule that turns
/// a case's calls into its final disposition.
/// <para>
/// The table follows AAPOR's RDD telephone codes: 1.1 complete and 1.2 partial are I and P; 2.11
/// refusal and 2.12 break-off are R; 2.21 respondent never available (an appointment with the
/// selected, eligible respondent that was never kept counts here) and 2.22 an answering machine that
/// confirms the respondent's number are NC; 2.32 unable and 2.33 language are O; 3.11 not attempted,
/// 3.12 always busy, 3.13 no answer, 3.14 an answering machine that does not say whose number it is,
/// 3.15 call blocking and 3.16 technical problems are UH; 3.21 reached but not yet screened (including
/// a call-back agreed before the screening questions) and 3.90 other unknowns are UO; 4.10 out of
/// sample, 4.20 fax or data line, 4.31 non-working number, 4.32 disconnected, 4.41 number changed, 4.51
/// a business or government number, 4.70 no eligible respondent (outside the 18–65 age band, or living
/// in the county less than a year) and 4.80 quota filled are NE.
/// </para>
/// <para>
/// Two rows are Baton's reading where AAPOR's table, written for landlines, has no row of its own: a
/// mobile phone that is switched off (关机) says nothing about its subscriber and counts as no answer
/// (3.13, UH); a suspended number (停机) counts as disconnected (4.32, NE), as the network says the
/// number does not reach anyone.
/// </para>
/// </summary>
public static class CallOutcomes
{
    /// <summary>Every call outcome, grouped by disposition in AAPOR's order.</summary>
    public static IReadOnlyList<CallOutcomeRow> Table { get; } =
    [
        new(CallOutcome.Complete, "完成访问", "1.1", Disposition.Complete),
        new(CallOutcome.Partial, "部分完成", "1.2", Disposition.Partial),
        new(CallOutcome.Refusal, "拒绝访问", "2.11", Disposition.RefusalAndBreakOff),
        new(CallOutcome.BreakOff, "中途退出", "2.12", Disposition.RefusalAndBreakOff),
        new(CallOutcome.AppointmentWithRespondent, "预约回访（已确认合格受访者）", "2.21", Disposition.NonContact),
        new(CallOutcome.RespondentUnavailable, "受访者不在或不便接听", "2.21", Disposition.NonContact),
        new(CallOutcome.AnsweringMachineKnownResident, "语音信箱（确认为受访者号码）", "2.22", Disposition.NonContact),
        new(CallOutcome.RespondentUnable, "身体或精神原因无法受访", "2.32", Disposition.Other),
        new(CallOutcome.LanguageBarrier, "语言障碍（方言或语言不通）", "2.33", Disposition.Other),
        new(CallOutcome.OtherEligible, "其他原因未访（已确认合格）", "2.30", Disposition.Other),
        new(CallOutcome.NotAttempted, "未拨打", "3.11", Disposition.UnknownHousehold),
        new(CallOutcome.Busy, "占线", "3.12", Disposition.UnknownHousehold),
        new(CallOutcome.NoAnswer, "无人接听", "3.13", Disposition.UnknownHousehold),
        new(CallOutcome.PoweredOff, "关机", "3.13", Disposition.UnknownHousehold),
        new(CallOutcome.AnsweringMachineUnknown, "语音信箱（无法确认机主）", "3.14", Disposition.UnknownHousehold),
        new(CallOutcome.CallBlocked, "来电被拦截或拒接", "3.15", Disposition.UnknownHousehold),
        new(CallOutcome.TechnicalProblem, "无法接通或线路故障", "3.16", Disposition.UnknownHousehold),
        new(CallOutcome.AppointmentBeforeScreening, "预约回访（尚未甄别资格）", "3.21", Disposition.UnknownOther),
        new(CallOutcome.UnknownOther, "其他（资格不明）", "3.90", Disposition.UnknownOther),
        new(CallOutcome.OutOfSample, "不在调查范围（非本县居民）", "4.10", Disposition.NotEligible),
        new(CallOutcome.FaxOrDataLine, "传真或数据线路", "4.20", Disposition.NotEligible),
        new(CallOutcome.NonWorkingNumber, "空号", "4.31", Disposition.NotEligible),
        new(CallOutcome.Disconnected, "停机", "4.32", Disposition.NotEligible),
        new(CallOutcome.NumberChanged, "改号", "4.41", Disposition.NotEligible),
        new(CallOutcome.NonResidence, "单位或商业电话", "4.51", Disposition.NotEligible),
        new(CallOutcome.NotEligibleAge, "年龄不符（不在 18–65 岁）", "4.70", Disposition.NotEligible),
        new(CallOutcome.NotEligibleResidence, "在本县居住不满一年", "4.70", Disposition.NotEligible),
        new(CallOutcome.QuotaFilled, "配额已满", "4.80", Disposition.NotEligible),
    ];

    private static readonly Dictionary<CallOutcome, CallOutcomeRow> ByOutcome = Table.ToDictionary(r => r.Outcome);

    /// <summary>The table's row for <paramref name="outcome"/>.</summary>
    public static CallOutcomeRow Row(CallOutcome outcome) =>
        ByOutcome.TryGetValue(outcome, out var row) ? row : throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null);

    /// <summary>The final disposition <paramref name="outcome"/> counts as.</summary>
    public static Disposition DispositionOf(CallOutcome outcome) => Row(outcome).Disposition;

    /// <summary>
    /// The final disposition of a case from its calls in the order they were made. A case is coded by
    /// its most informative call, as AAPOR advises, not blindly by its last one: an interview stands
    /// (any complete makes the case I, else any partial P); otherwise the last call that settled
    /// eligibility (R, NC, O or NE) decides, so no-answers after a refusal leave it a refusal; otherwise
    /// a case ever reached without being screened is UO; otherwise, including a case never called, UH.
    /// </summary>
    public static Disposition FinalDisposition(IEnumerable<CallOutcome> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var dispositions = calls.Select(DispositionOf).ToList();
        if (dispositions.Contains(Disposition.Complete))
        {
            return Disposition.Complete;
        }
        if (dispositions.Contains(Disposition.Partial))
        {
            return Disposition.Partial;
        }
        for (var c = dispositions.Count - 1; c >= 0; c--)
        {
            if (dispositions[c] is not (Disposition.UnknownHousehold or Disposition.UnknownOther))
            {
                return dispositions[c];
            }
        }
        return dispositions.Contains(Disposition.UnknownOther) ? Disposition.UnknownOther : Disposition.UnknownHousehold;
    }
}
