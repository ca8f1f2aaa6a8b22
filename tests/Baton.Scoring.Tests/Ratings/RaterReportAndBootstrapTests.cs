using Baton.Scoring.Ratings;
using Baton.Scoring.Results;

namespace Baton.Scoring.Tests.Ratings;

public class RaterReportAndBootstrapTests
{
    private static RatingSet SimulatedRound(int seed, int erraticRater)
    {
        var random = new Random(seed);
        var truth = Enumerable.Range(0, 30).Select(_ => 70 + 8 * Simulation.Normal(random)).ToArray();
        var design = Simulation.IncompleteDesign(random, raters: 12, units: 30, perRater: 15);
        return Simulation.ToSet(design.Select(p =>
            (p.Rater, p.Unit, truth[p.Unit] + (p.Rater == 0 ? 6 : 0) + (p.Rater == erraticRater ? 12 : 2) * Simulation.Normal(random))));
    }

    [Fact]
    public void Rater_report_names_the_lenient_rater_as_least_severe_and_the_erratic_rater_as_most_disagreeing()
    {
        var set = SimulatedRound(3, erraticRater: 5);
        var fit = AdditiveCalibration.Fit(set).GetValueOrThrow();

        var report = RaterReport.From(fit);

        Assert.Equal(RaterReportScale.Points, report.Scale);
        Assert.Equal("R000", report.Raters.MinBy(r => r.Severity)!.Rater);
        Assert.Equal("R005", report.MostDisagreeing(1)[0].Rater);
        Assert.Equal(Enumerable.Range(1, 12), report.Raters.Select(r => r.DisagreementRank).Order());
        Assert.All(report.Raters, r => Assert.Equal(-fit.Raters.Single(x => x.Rater == r.Rater).Effect, r.Severity));
    }

    [Fact]
    public void Rasch_rater_report_ranks_the_rater_who_grades_at_random_first()
    {
        var random = new Random(9);
        var ratings = new List<(int, int, double)>();
        for (var r = 0; r < 10; r++)
        {
            for (var u = 0; u < 25; u++)
            {
                var eta = u / 6.0 - 2;
                var grade = r == 7 ? random.Next(4) : Math.Clamp((int)Math.Round(1.5 + eta + 0.6 * Simulation.Normal(random)), 0, 3);
                ratings.Add((r, u, grade));
            }
        }
        var set = Simulation.ToSet(ratings);
        var fit = RaschCalibration.Fit(set).GetValueOrThrow();

        var report = RaterReport.From(fit, set);

        Assert.Equal(RaterReportScale.Logits, report.Scale);
        Assert.Equal("R007", report.MostDisagreeing(1)[0].Rater);
        Assert.True(report.Raters.Single(r => r.Rater == "R007").Infit > 1.5);
    }

    [Fact]
    public void Bootstrap_replicates_are_deterministic_for_a_seed_and_differ_between_replicates()
    {
        var set = SimulatedRound(4, erraticRater: -1);

        var first = RaterBootstrap.Replicate(set, seed: 12345, replicate: 3);
        var again = RaterBootstrap.Replicates(set, seed: 12345, count: 5).ElementAt(3);
        var other = RaterBootstrap.Replicate(set, seed: 12345, replicate: 4);

        Assert.Equal(Enumerable.Range(0, first.Count).Select(i => first[i]), Enumerable.Range(0, again.Count).Select(i => again[i]));
        Assert.NotEqual(Enumerable.Range(0, first.Count).Select(i => first[i]), Enumerable.Range(0, other.Count).Select(i => other[i]));
        Assert.Equal(set.Raters.Count, first.Raters.Count);
        // Every replicate rater is an original rater (or a repeated draw of one) with exactly that rater's ratings.
        foreach (var rater in first.Raters)
        {
            var original = rater.Split('#')[0];
            var mine = Enumerable.Range(0, first.Count).Select(i => first[i]).Where(x => x.Rater == rater).Select(x => (x.Unit, x.Score));
            var theirs = Enumerable.Range(0, set.Count).Select(i => set[i]).Where(x => x.Rater == original).Select(x => (x.Unit, x.Score));
            Assert.Equal(theirs, mine);
        }
    }

    [Fact]
    public void Rank_intervals_and_grade_probabilities_come_from_the_replicates()
    {
        string[] units = ["A", "B", "C"];
        // 20 replicates: A is always first; B and C swap in 6 of 20 (30%).
        var scores = new List<IReadOnlyList<double>>();
        for (var k = 0; k < 20; k++)
        {
            scores.Add(k < 6 ? [90, 70, 80] : [90, 80, 70]);
        }
        var grades = scores.Select(s => (IReadOnlyList<int>)RankUncertainty.GradesByBands(s, [85, 75])).ToList();

        var summary = RankUncertainty.Summarise(units, scores, grades, gradeCount: 3);

        Assert.Equal((1, 1), (summary[0].LowerRank, summary[0].UpperRank));
        Assert.Equal((2, 2, 3), (summary[1].LowerRank, summary[1].MedianRank, summary[1].UpperRank));
        Assert.Equal((2, 3, 3), (summary[2].LowerRank, summary[2].MedianRank, summary[2].UpperRank));
        Assert.Equal([0, 0.7, 0.3], summary[1].GradeProbabilities);
        Assert.False(summary[0].CannotBeToldApart);
        Assert.True(summary[1].CannotBeToldApart);
        Assert.Equal(1, summary[1].BoundaryGrade);
        Assert.Equal(0.7, summary[1].ProbabilityOfBetterGrade, 1e-12);
    }

    [Fact]
    public void Competition_ranks_share_a_rank_on_ties_and_skip_the_next()
    {
        Assert.Equal([1, 2, 2, 4, 0], CompetitionRanking.Of([90, 80, 80, 70, double.NaN]));
    }
}
