using Baton.Scoring.Surveys;

namespace Baton.Scoring.Tests.Surveys;

public class SamplingPrecisionTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Standard_error_uses_n_minus_one_and_the_finite_population_correction()
    {
        // p = 0.5, n = 400, N = 10,000: 0.25/399 · 9600/10000 = 6.01503759…e-4; SE = 0.0245255735…; 1.96·SE = 0.0480701242….
        var estimate = ProportionEstimate.Of(0.5, 400, 10_000);

        Assert.Equal(Math.Sqrt(0.25 / 399 * 0.96), estimate.StandardError, Tolerance);
        Assert.Equal(0.024525573579, estimate.StandardError, 1e-11);
        Assert.Equal(0.048070124216, estimate.Margin95, 1e-11);
    }

    [Fact]
    public void About_a_thousand_respondents_from_a_large_frame_give_the_familiar_three_points()
    {
        // The textbook figure: p = 0.5 and n = 1,068 from a very large frame give ±3.0%:
        // √(0.25/1067) = 0.015306911…, × 1.96 = 0.0300015….
        var estimate = ProportionEstimate.Of(0.5, 1068, 1_000_000_000);

        Assert.Equal(0.0300015, estimate.Margin95, 1e-6);
    }

    [Fact]
    public void An_unbalanced_proportion_in_a_small_frame()
    {
        // p = 0.8, n = 101, N = 1,000: 0.16/100 · 899/1000 = 0.0014384; SE = 0.0379262442…; margin 0.0743354386….
        var estimate = ProportionEstimate.Of(0.8, 101, 1000);

        Assert.Equal(Math.Sqrt(0.0014384), estimate.StandardError, Tolerance);
        Assert.Equal(1.96 * Math.Sqrt(0.0014384), estimate.Margin95, Tolerance);
    }

    [Theory]
    [InlineData(0.5, 50, 50)]
    [InlineData(0.0, 30, 1000)]
    [InlineData(1.0, 30, 1000)]
    public void A_census_or_a_unanimous_sample_has_no_sampling_error(double p, long n, long population)
    {
        Assert.Equal(0, ProportionEstimate.Of(p, n, population).Margin95);
    }

    [Theory]
    [InlineData(-0.1, 10, 100, "比例 p 应在 0 到 1 之间")]
    [InlineData(1.5, 10, 100, "比例 p 应在 0 到 1 之间")]
    [InlineData(double.NaN, 10, 100, "比例 p 应在 0 到 1 之间")]
    [InlineData(0.5, 1, 100, "样本量 n 至少为 2")]
    [InlineData(0.5, 101, 100, "样本量 n（101）不能大于总体规模 N（100）")]
    public void Impossible_inputs_have_a_chinese_refusal_and_no_estimate(double p, long n, long population, string message)
    {
        Assert.StartsWith(message, ProportionEstimate.Refusal(p, n, population), StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionEstimate.Of(p, n, population));
    }

    // Krejcie & Morgan (1970), Table 1: every entry, population N → sample size s.
    public static TheoryData<long, long> PublishedTable() => new()
    {
        { 10, 10 }, { 15, 14 }, { 20, 19 }, { 25, 24 }, { 30, 28 }, { 35, 32 }, { 40, 36 }, { 45, 40 }, { 50, 44 }, { 55, 48 },
        { 60, 52 }, { 65, 56 }, { 70, 59 }, { 75, 63 }, { 80, 66 }, { 85, 70 }, { 90, 73 }, { 95, 76 }, { 100, 80 }, { 110, 86 },
        { 120, 92 }, { 130, 97 }, { 140, 103 }, { 150, 108 }, { 160, 113 }, { 170, 118 }, { 180, 123 }, { 190, 127 }, { 200, 132 },
        { 210, 136 }, { 220, 140 }, { 230, 144 }, { 240, 148 }, { 250, 152 }, { 260, 155 }, { 270, 159 }, { 280, 162 }, { 290, 165 },
        { 300, 169 }, { 320, 175 }, { 340, 181 }, { 360, 186 }, { 380, 191 }, { 400, 196 }, { 420, 201 }, { 440, 205 }, { 460, 210 },
        { 480, 214 }, { 500, 217 }, { 550, 226 }, { 600, 234 }, { 650, 242 }, { 700, 248 }, { 750, 254 }, { 800, 260 }, { 850, 265 },
        { 900, 269 }, { 950, 274 }, { 1000, 278 }, { 1100, 285 }, { 1200, 291 }, { 1300, 297 }, { 1400, 302 }, { 1500, 306 },
        { 1600, 310 }, { 1700, 313 }, { 1800, 317 }, { 1900, 320 }, { 2000, 322 }, { 2200, 327 }, { 2400, 331 }, { 2600, 335 },
        { 2800, 338 }, { 3000, 341 }, { 3500, 346 }, { 4000, 351 }, { 4500, 354 }, { 5000, 357 }, { 6000, 361 }, { 7000, 364 },
        { 8000, 367 }, { 9000, 368 }, { 10000, 370 }, { 15000, 375 }, { 20000, 377 }, { 30000, 379 }, { 40000, 380 }, { 50000, 381 },
        { 75000, 382 }, { 1000000, 384 },
    };

    [Theory]
    [MemberData(nameof(PublishedTable))]
    public void Minimum_sample_sizes_reproduce_krejcie_and_morgans_published_table(long population, long sampleSize)
    {
        Assert.Equal(sampleSize, KrejcieMorgan.SampleSize(population));
    }

    [Fact]
    public void The_table_rounds_to_the_nearest_whole_respondent_not_up()
    {
        // N = 500: 3.841·500·0.25 / (0.0025·499 + 3.841·0.25) = 480.125 / 2.20775 = 217.47…: the table says 217.
        Assert.Equal(480.125 / 2.20775, KrejcieMorgan.Exact(500), Tolerance);
        Assert.Equal(217, KrejcieMorgan.SampleSize(500));
        // N = 100,000 is not in the table: 96025 / 250.95775 = 382.63… → 383.
        Assert.Equal(96025 / 250.95775, KrejcieMorgan.Exact(100_000), 1e-9);
        Assert.Equal(383, KrejcieMorgan.SampleSize(100_000));
        Assert.Equal(1, KrejcieMorgan.SampleSize(1));
    }

    [Fact]
    public void A_unit_with_fewer_respondents_than_the_minimum_is_flagged()
    {
        // A town of 500 residents in the frame needs 217.
        Assert.True(KrejcieMorgan.IsBelowMinimum(216, 500));
        Assert.False(KrejcieMorgan.IsBelowMinimum(217, 500));
        Assert.True(ProportionEstimate.Of(0.9, 120, 500).BelowMinimum);
        Assert.False(ProportionEstimate.Of(0.9, 217, 500).BelowMinimum);
        Assert.Equal(217, ProportionEstimate.Of(0.9, 217, 500).MinimumSampleSize);
    }

    [Fact]
    public void A_frame_needs_at_least_one_person()
    {
        Assert.StartsWith("总体规模 N 至少为 1", KrejcieMorgan.Refusal(0), StringComparison.Ordinal);
        Assert.Null(KrejcieMorgan.Refusal(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => KrejcieMorgan.Exact(0));
    }
}
