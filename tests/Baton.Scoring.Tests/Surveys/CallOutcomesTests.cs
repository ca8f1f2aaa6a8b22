using Baton.Scoring.Surveys;

namespace Baton.Scoring.Tests.Surveys;

public class CallOutcomesTests
{
    [Fact]
    public void Every_call_outcome_has_exactly_one_row()
    {
        Assert.Equal(Enum.GetValues<CallOutcome>().Order(), CallOutcomes.Table.Select(r => r.Outcome).Order());
        Assert.All(CallOutcomes.Table, r => Assert.False(string.IsNullOrWhiteSpace(r.Name)));
        Assert.Equal(CallOutcomes.Table.Count, CallOutcomes.Table.Select(r => r.Name).Distinct().Count());
    }

    [Fact]
    public void Every_row_counts_as_the_disposition_group_of_its_AAPOR_code()
    {
        // AAPOR's numbering: 1.1 I, 1.2 P, 2.1x R, 2.2x NC, 2.3x O, 3.1x UH, 3.2x and 3.9x UO, 4.x NE.
        static Disposition Group(string code) => code switch
        {
            "1.1" => Disposition.Complete,
            "1.2" => Disposition.Partial,
            _ when code.StartsWith("2.1", StringComparison.Ordinal) => Disposition.RefusalAndBreakOff,
            _ when code.StartsWith("2.2", StringComparison.Ordinal) => Disposition.NonContact,
            _ when code.StartsWith("2.3", StringComparison.Ordinal) => Disposition.Other,
            _ when code.StartsWith("3.1", StringComparison.Ordinal) => Disposition.UnknownHousehold,
            _ when code.StartsWith("3.2", StringComparison.Ordinal) || code.StartsWith("3.9", StringComparison.Ordinal) => Disposition.UnknownOther,
            _ when code.StartsWith("4.", StringComparison.Ordinal) => Disposition.NotEligible,
            _ => throw new InvalidOperationException($"Not an AAPOR telephone code: {code}"),
        };

        Assert.All(CallOutcomes.Table, r => Assert.Equal(Group(r.AaporCode), r.Disposition));
    }

    [Theory]
    [InlineData(CallOutcome.Complete, Disposition.Complete)]
    [InlineData(CallOutcome.Partial, Disposition.Partial)]
    [InlineData(CallOutcome.Refusal, Disposition.RefusalAndBreakOff)]
    [InlineData(CallOutcome.BreakOff, Disposition.RefusalAndBreakOff)]
    [InlineData(CallOutcome.AppointmentWithRespondent, Disposition.NonContact)]
    [InlineData(CallOutcome.AnsweringMachineKnownResident, Disposition.NonContact)]
    [InlineData(CallOutcome.LanguageBarrier, Disposition.Other)]
    [InlineData(CallOutcome.NoAnswer, Disposition.UnknownHousehold)]
    [InlineData(CallOutcome.Busy, Disposition.UnknownHousehold)]
    [InlineData(CallOutcome.AnsweringMachineUnknown, Disposition.UnknownHousehold)]
    [InlineData(CallOutcome.PoweredOff, Disposition.UnknownHousehold)]
    [InlineData(CallOutcome.AppointmentBeforeScreening, Disposition.UnknownOther)]
    [InlineData(CallOutcome.FaxOrDataLine, Disposition.NotEligible)]
    [InlineData(CallOutcome.NonWorkingNumber, Disposition.NotEligible)]
    [InlineData(CallOutcome.Disconnected, Disposition.NotEligible)]
    [InlineData(CallOutcome.NotEligibleAge, Disposition.NotEligible)]
    [InlineData(CallOutcome.NotEligibleResidence, Disposition.NotEligible)]
    [InlineData(CallOutcome.QuotaFilled, Disposition.NotEligible)]
    public void An_operators_call_outcome_counts_as_its_AAPOR_disposition(CallOutcome outcome, Disposition expected)
    {
        Assert.Equal(expected, CallOutcomes.DispositionOf(outcome));
    }

    [Theory]
    [InlineData(Disposition.Complete, CallOutcome.NoAnswer, CallOutcome.Refusal, CallOutcome.Complete, CallOutcome.NoAnswer)]
    [InlineData(Disposition.Partial, CallOutcome.Partial, CallOutcome.Refusal)]
    [InlineData(Disposition.RefusalAndBreakOff, CallOutcome.Busy, CallOutcome.Refusal, CallOutcome.NoAnswer, CallOutcome.PoweredOff)]
    [InlineData(Disposition.NonContact, CallOutcome.AppointmentBeforeScreening, CallOutcome.AppointmentWithRespondent, CallOutcome.NoAnswer)]
    [InlineData(Disposition.NotEligible, CallOutcome.NoAnswer, CallOutcome.NonWorkingNumber)]
    [InlineData(Disposition.UnknownOther, CallOutcome.NoAnswer, CallOutcome.AppointmentBeforeScreening, CallOutcome.Busy)]
    [InlineData(Disposition.UnknownHousehold, CallOutcome.NoAnswer, CallOutcome.Busy, CallOutcome.PoweredOff)]
    [InlineData(Disposition.UnknownHousehold)]
    public void A_case_is_coded_by_its_most_informative_call(Disposition expected, params CallOutcome[] calls)
    {
        Assert.Equal(expected, CallOutcomes.FinalDisposition(calls));
    }
}
