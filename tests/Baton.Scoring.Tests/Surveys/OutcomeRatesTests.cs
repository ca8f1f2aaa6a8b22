using Baton.Scoring.Surveys;

namespace Baton.Scoring.Tests.Surveys;

public class OutcomeRatesTests
{
    // I=400, P=50, R=150, NC=100, O=20, UH=200, UO=80, NE=100.
    // I+P = 450; R+NC+O = 270; known eligible I+P+R+NC+O = 720; UH+UO = 280; contacted (I+P)+R+O = 620.
    private static readonly DispositionCounts Survey = new(i: 400, p: 50, r: 150, nc: 100, o: 20, uh: 200, uo: 80, ne: 100);

    private const double Tolerance = 1e-15;

    [Fact]
    public void Default_e_is_the_eligible_share_of_cases_of_known_eligibility()
    {
        // e = (I+P+R+NC+O) / (I+P+R+NC+O+NE) = 720 / 820 = 36/41.
        Assert.Equal(36.0 / 41, Survey.DefaultE!.Value, Tolerance);

        var rates = OutcomeRates.Of(Survey);

        Assert.Equal(36.0 / 41, rates.E!.Value, Tolerance);
        Assert.True(rates.EIsDefault);
    }

    [Fact]
    public void Rates_with_the_default_e_match_the_hand_computed_values()
    {
        var rates = OutcomeRates.Of(Survey);

        // Denominators: with all unknowns 720 + 280 = 1000; with none 720;
        // with e·(UH+UO): 720 + (36/41)·280 = (29520 + 10080)/41 = 39600/41.
        Assert.Equal(400.0 / 1000, rates.RR1!.Value, Tolerance);
        Assert.Equal(450.0 / 1000, rates.RR2!.Value, Tolerance);
        Assert.Equal(41.0 / 99, rates.RR3!.Value, Tolerance);     // 400·41/39600
        Assert.Equal(41.0 / 88, rates.RR4!.Value, Tolerance);     // 450·41/39600
        Assert.Equal(5.0 / 9, rates.RR5!.Value, Tolerance);       // 400/720
        Assert.Equal(5.0 / 8, rates.RR6!.Value, Tolerance);       // 450/720
        Assert.Equal(20.0 / 31, rates.COOP1!.Value, Tolerance);   // 400/(450+150+20)
        Assert.Equal(45.0 / 62, rates.COOP2!.Value, Tolerance);   // 450/620
        Assert.Equal(2.0 / 3, rates.COOP3!.Value, Tolerance);     // 400/(450+150)
        Assert.Equal(3.0 / 4, rates.COOP4!.Value, Tolerance);     // 450/600
        Assert.Equal(150.0 / 1000, rates.REF1!.Value, Tolerance);
        Assert.Equal(41.0 / 264, rates.REF2!.Value, Tolerance);   // 150·41/39600
        Assert.Equal(5.0 / 24, rates.REF3!.Value, Tolerance);     // 150/720
        Assert.Equal(620.0 / 1000, rates.CON1!.Value, Tolerance);
        Assert.Equal(1271.0 / 1980, rates.CON2!.Value, Tolerance); // 620·41/39600
        Assert.Equal(31.0 / 36, rates.CON3!.Value, Tolerance);    // 620/720
    }

    [Fact]
    public void A_set_e_changes_only_the_rates_that_weigh_the_unknowns()
    {
        var byDefault = OutcomeRates.Of(Survey);
        var rates = OutcomeRates.Of(Survey, e: 0.5);

        // 720 + 0.5·280 = 860.
        Assert.Equal(0.5, rates.E);
        Assert.False(rates.EIsDefault);
        Assert.Equal(400.0 / 860, rates.RR3!.Value, Tolerance);
        Assert.Equal(450.0 / 860, rates.RR4!.Value, Tolerance);
        Assert.Equal(150.0 / 860, rates.REF2!.Value, Tolerance);
        Assert.Equal(620.0 / 860, rates.CON2!.Value, Tolerance);
        foreach (var name in OutcomeRates.Names.Except(["RR3", "RR4", "REF2", "CON2"]))
        {
            Assert.Equal(byDefault[name], rates[name]);
        }
    }

    [Fact]
    public void E_of_one_gives_the_all_unknowns_rates_and_e_of_zero_the_no_unknowns_rates()
    {
        var one = OutcomeRates.Of(Survey, e: 1);
        var zero = OutcomeRates.Of(Survey, e: 0);

        Assert.Equal(one.RR1, one.RR3);
        Assert.Equal(one.RR2, one.RR4);
        Assert.Equal(one.REF1, one.REF2);
        Assert.Equal(one.CON1, one.CON2);
        Assert.Equal(zero.RR5, zero.RR3);
        Assert.Equal(zero.RR6, zero.RR4);
        Assert.Equal(zero.REF3, zero.REF2);
        Assert.Equal(zero.CON3, zero.CON2);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void An_e_outside_zero_to_one_is_a_bug_of_the_caller(double e)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OutcomeRates.Of(Survey, e));
    }

    [Fact]
    public void No_case_at_all_leaves_every_rate_and_e_uncomputable()
    {
        var rates = OutcomeRates.Of(DispositionCounts.Empty);

        Assert.Null(rates.E);
        Assert.All(OutcomeRates.Names, name => Assert.Null(rates[name]));
    }

    [Fact]
    public void Only_ineligible_cases_give_e_zero_and_no_rate()
    {
        // e = 0/(0+5) = 0; every rate's denominator counts eligible or unknown cases only: 0.
        var rates = OutcomeRates.Of(new DispositionCounts(0, 0, 0, 0, 0, 0, 0, 5));

        Assert.Equal(0, rates.E);
        Assert.All(OutcomeRates.Names, name => Assert.Null(rates[name]));
    }

    [Fact]
    public void Only_unknown_cases_give_the_all_unknowns_rates_and_nothing_that_needs_e()
    {
        // UH=3, UO=2: e = 0/0 cannot be estimated; RR1 = 0/(0+5) = 0; RR5 = 0/0.
        var counts = new DispositionCounts(0, 0, 0, 0, 0, uh: 3, uo: 2, ne: 0);
        var rates = OutcomeRates.Of(counts);

        Assert.Null(counts.DefaultE);
        Assert.Null(rates.E);
        Assert.Equal(0, rates.RR1);
        Assert.Equal(0, rates.REF1);
        Assert.Equal(0, rates.CON1);
        Assert.Null(rates.RR3);
        Assert.Null(rates.REF2);
        Assert.Null(rates.CON2);
        Assert.Null(rates.RR5);
        Assert.Null(rates.CON3);
        Assert.Null(rates.COOP1);

        // With e set: RR3 = 0/(0 + 0.5·5) = 0; with e = 0 its denominator is 0 again.
        Assert.Equal(0, OutcomeRates.Of(counts, e: 0.5).RR3);
        Assert.Null(OutcomeRates.Of(counts, e: 0).RR3);
    }

    [Fact]
    public void Cooperation_rates_need_a_contacted_case()
    {
        // NC=4, UH=6: nobody eligible was reached. COOP's denominators (I+P)+R+O and (I+P)+R are 0.
        var rates = OutcomeRates.Of(new DispositionCounts(0, 0, 0, nc: 4, o: 0, uh: 6, uo: 0, ne: 0));

        Assert.Null(rates.COOP1);
        Assert.Null(rates.COOP2);
        Assert.Null(rates.COOP3);
        Assert.Null(rates.COOP4);
        Assert.Equal(0, rates.RR1);   // 0/(4+6)
        Assert.Equal(0, rates.CON3);  // 0/4
        Assert.Equal(1.0, rates.E);   // 4/(4+0)
    }

    [Fact]
    public void Every_rate_is_a_share_and_the_response_rates_keep_aapors_order()
    {
        // RR1 ≤ RR3 ≤ RR5 and RR2 ≤ RR4 ≤ RR6 (fewer unknowns counted as eligible), the same for REF and CON,
        // and counting partials never lowers a rate; on 2,000 random surveys with a fixed seed.
        var random = new Random(2025);
        for (var s = 0; s < 2000; s++)
        {
            var counts = new DispositionCounts(random.Next(0, 50), random.Next(0, 10), random.Next(0, 30), random.Next(0, 30),
                random.Next(0, 5), random.Next(0, 60), random.Next(0, 20), random.Next(0, 40));
            var rates = OutcomeRates.Of(counts, random.Next(0, 3) == 0 ? random.NextDouble() : null);
            foreach (var name in OutcomeRates.Names)
            {
                Assert.True(rates[name] is null or (>= 0 and <= 1), $"{name} = {rates[name]} for {counts}");
            }
            AssertOrdered(rates.RR1, rates.RR3, rates.RR5);
            AssertOrdered(rates.RR2, rates.RR4, rates.RR6);
            AssertOrdered(rates.REF1, rates.REF2, rates.REF3);
            AssertOrdered(rates.CON1, rates.CON2, rates.CON3);
            AssertOrdered(rates.RR1, rates.RR2);
            AssertOrdered(rates.COOP1, rates.COOP2);
            AssertOrdered(rates.COOP1, rates.COOP3);
            AssertOrdered(rates.COOP3, rates.COOP4);
        }
    }

    private static void AssertOrdered(params double?[] rates)
    {
        var known = rates.Where(r => r is not null).Select(r => r!.Value).ToList();
        for (var k = 1; k < known.Count; k++)
        {
            Assert.True(known[k - 1] <= known[k] + 1e-15, $"{string.Join(" ≤ ", rates)} does not hold");
        }
    }

    [Fact]
    public void Counts_of_cases_tally_each_disposition()
    {
        var counts = DispositionCounts.Of([Disposition.Complete, Disposition.NonContact, Disposition.Complete, Disposition.NotEligible]);

        Assert.Equal(new DispositionCounts(2, 0, 0, 1, 0, 0, 0, 1), counts);
        Assert.Equal(4, counts.Total);
        Assert.Equal(2, counts[Disposition.Complete]);
    }

    [Fact]
    public void A_negative_count_is_a_bug_of_the_caller()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DispositionCounts(1, 0, 0, 0, -1, 0, 0, 0));
    }

    [Fact]
    public void Codes_read_back_as_their_dispositions_and_nothing_else_is_a_code()
    {
        Assert.Equal(["I", "P", "R", "NC", "O", "UH", "UO", "NE"], Dispositions.All.Select(d => d.Code()));
        Assert.All(Dispositions.All, d => Assert.True(Dispositions.TryParse(d.Code(), out var back) && back == d));
        Assert.False(Dispositions.TryParse("nc", out _));
        Assert.False(Dispositions.TryParse(" I", out _));
        Assert.False(Dispositions.TryParse("X", out _));
        Assert.False(Dispositions.TryParse(null, out _));
    }
}
