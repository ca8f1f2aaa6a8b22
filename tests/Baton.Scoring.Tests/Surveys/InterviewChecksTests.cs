using Baton.Scoring.Surveys;

namespace Baton.Scoring.Tests.Surveys;

public class InterviewChecksTests
{
    private static readonly DateTime Morning = new(2025, 6, 3, 2, 0, 0, DateTimeKind.Utc); // 10:00 Beijing time
    private static readonly string[] Levels = ["满意", "基本满意", "一般", "不满意"];

    private static SurveyInterview Interview(string id, string op, IReadOnlyList<string?> answers, DateTime? started = null, int minutes = 8) =>
        new(id, op, started ?? Morning, TimeSpan.FromMinutes(minutes), answers);

    /// <summary>Eight answers that spell <paramref name="index"/> in base 4: a pattern no other index shares.</summary>
    private static string?[] Unique(int index) => [.. Enumerable.Range(0, 8).Select(q => Levels[index / (1 << (2 * q)) % 4])];

    private static readonly string[] Operators = ["甲", "乙", "丙", "丁"];

    private static readonly string?[] AllSatisfied = [.. Enumerable.Repeat("满意", 8)];

    [Fact]
    public void An_operator_who_copies_one_pattern_is_flagged_and_a_pattern_common_to_everyone_is_not()
    {
        // Four operators with 30 interviews each (120): each has 5 that answer 满意 throughout and 25 of their own,
        // except that 丁 has 6 identical copies of one rare pattern instead of 6 of their own.
        string?[] copied = ["很不满意", "一般", "满意", "不满意", "一般", "满意", "基本满意", "不满意"];
        var interviews = new List<SurveyInterview>();
        var next = 0;
        foreach (var op in Operators)
        {
            for (var k = 0; k < 30; k++)
            {
                var answers = k < 5 ? AllSatisfied : op == "丁" && k >= 24 ? copied : Unique(next++);
                interviews.Add(Interview($"{op}{k:00}", op, answers));
            }
        }

        var flags = InterviewChecks.IdenticalPatterns(interviews);

        // Tests: the 满意 pattern × 4 operators holding 5 each, and the copied pattern × 丁: 5; threshold 0.01/5 = 0.002.
        // The copied pattern: all 6 of its interviews are 丁's, who did 30 of 120: P = C(30,6)/C(120,6) = 593775/3652745460 = 1.6256e-4.
        // The 满意 pattern: 丁 holds 5 of 20 where 20·30/120 = 5 are expected: P(≥5) is about one half.
        var flag = Assert.Single(flags);
        Assert.Equal("丁", flag.Operator);
        Assert.Equal(copied, flag.Answers);
        Assert.Equal(["丁24", "丁25", "丁26", "丁27", "丁28", "丁29"], flag.OperatorMatches);
        Assert.Equal(flag.OperatorMatches, flag.Interviews);
        Assert.Equal(30, flag.OperatorInterviews);
        Assert.Equal(120, flag.AllInterviews);
        Assert.Equal(6 * 30 / 120.0, flag.Expected, 1e-12);
        Assert.Equal(593775.0 / 3652745460, flag.PValue, 1e-12);
        Assert.Equal(0.01 / 5, flag.Threshold, 1e-15);
    }

    [Fact]
    public void Patterns_with_few_answered_questions_are_not_compared()
    {
        // Both answered only 4 questions, below the 5 the default asks for.
        string?[] sparse = ["满意", null, "满意", null, "满意", null, "一般", null];
        var interviews = Enumerable.Range(0, 10).Select(k => Interview($"A{k}", "甲", sparse)).ToList();

        Assert.Empty(InterviewChecks.IdenticalPatterns(interviews));
        Assert.Single(InterviewChecks.IdenticalPatterns(interviews.Concat(Enumerable.Range(0, 40).Select(k => Interview($"B{k}", "乙", Unique(k)))).ToList(),
            new InterviewCheckOptions(MinimumAnswered: 4)));
    }

    /// <summary>
    /// Four groups of 40 answering one question: three with 20 满意, 12 基本满意, 8 不满意 and one with 38, 2, 0.
    /// </summary>
    private static List<SurveyInterview> OneLopsidedGroup(Func<int, (string Operator, DateTime Started)> groupOf)
    {
        var interviews = new List<SurveyInterview>();
        for (var g = 0; g < 4; g++)
        {
            var (op, started) = groupOf(g);
            var (satisfied, basically) = g == 3 ? (38, 2) : (20, 12);
            for (var k = 0; k < 40; k++)
            {
                var answer = k < satisfied ? "满意" : k < satisfied + basically ? "基本满意" : "不满意";
                interviews.Add(Interview($"{g}-{k:00}", op, [answer], started));
            }
        }
        return interviews;
    }

    // The lopsided group against the 120 others: totals 98, 38, 24 of 160. Expected for the group 24.5, 9.5, 6;
    // for the others 73.5, 28.5, 18. X² = 13.5²/24.5 + 7.5²/9.5 + 6²/6 + 13.5²/73.5 + 7.5²/28.5 + 6²/18.
    private const double LopsidedChiSquare = 182.25 / 24.5 + 56.25 / 9.5 + 36.0 / 6 + 182.25 / 73.5 + 56.25 / 28.5 + 36.0 / 18;

    [Fact]
    public void An_operator_whose_answers_differ_from_everyone_elses_is_flagged_with_the_chi_square_evidence()
    {
        var interviews = OneLopsidedGroup(g => (Operators[g], Morning));

        var flags = InterviewChecks.ClusteringByOperator(interviews);

        // 4 tests (4 operators × 1 question): threshold 0.01/4. With 2 degrees of freedom P = exp(−X²/2).
        // An ordinary operator (甲: 20, 12, 8 against 78, 26, 16) gives X² = 2.87, P = 0.24, not flagged.
        var flag = Assert.Single(flags);
        Assert.Equal("丁", flag.Group);
        Assert.Equal(0, flag.Question);
        Assert.Equal(25.81311, LopsidedChiSquare, 1e-5);
        Assert.Equal(LopsidedChiSquare, flag.ChiSquare, 1e-12);
        Assert.Equal(2, flag.DegreesOfFreedom);
        Assert.Equal(Math.Exp(-LopsidedChiSquare / 2), flag.PValue, 1e-15);
        Assert.Equal(0.0025, flag.Threshold, 1e-15);
        Assert.Equal(38, flag.GroupCounts["满意"]);
        Assert.False(flag.GroupCounts.ContainsKey("不满意"));
        Assert.Equal(60, flag.OthersCounts["满意"]);
        Assert.Equal(24, flag.OthersCounts["不满意"]);
        Assert.Equal(40, flag.Interviews.Count);
        Assert.All(flag.Interviews, id => Assert.StartsWith("3-", id, StringComparison.Ordinal));
    }

    [Fact]
    public void Interviews_of_one_hour_that_differ_from_the_rest_are_flagged_by_their_beijing_hour()
    {
        // Groups 0–2 at 10:00, 11:00 and 14:00 Beijing time; the lopsided one at 23:00 (15:00 UTC).
        int[] utcHours = [2, 3, 6, 15];
        var interviews = OneLopsidedGroup(g => ("甲", new DateTime(2025, 6, 3, utcHours[g], 20, 0, DateTimeKind.Utc)));

        var flag = Assert.Single(InterviewChecks.ClusteringByHour(interviews));

        Assert.Equal("23", flag.Group);
        Assert.Equal(LopsidedChiSquare, flag.ChiSquare, 1e-12);
        Assert.Empty(InterviewChecks.ClusteringByOperator(interviews));
    }

    [Fact]
    public void Groups_too_small_for_the_chi_square_approximation_are_not_tested()
    {
        var interviews = OneLopsidedGroup(g => (Operators[g], Morning));

        Assert.Empty(InterviewChecks.ClusteringByOperator(interviews, new InterviewCheckOptions(MinimumGroupInterviews: 41)));
    }

    [Fact]
    public void Interviews_shorter_than_the_questionnaires_minimum_are_flagged_with_both_durations()
    {
        var interviews = new[]
        {
            Interview("A1", "甲", AllSatisfied, minutes: 2),
            Interview("A2", "甲", AllSatisfied, minutes: 6),
            Interview("B1", "乙", AllSatisfied, minutes: 5),
        };

        var flags = InterviewChecks.ShortInterviews(interviews, TimeSpan.FromMinutes(5));

        var flag = Assert.Single(flags);
        Assert.Equal(new ShortInterviewFlag("A1", "甲", TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5)), flag);
    }

    [Fact]
    public void Interviews_of_different_questionnaires_cannot_be_checked_together()
    {
        SurveyInterview[] interviews = [Interview("A", "甲", ["满意"]), Interview("B", "甲", ["满意", "满意"])];

        Assert.Throws<ArgumentException>(() => InterviewChecks.ClusteringByOperator(interviews));
        Assert.Throws<ArgumentException>(() => InterviewChecks.IdenticalPatterns([Interview("A", "甲", ["满意"]), Interview("A", "乙", ["一般"])]));
    }

    [Theory]
    [InlineData(3.841459, 1, 0.05)]
    [InlineData(6.634897, 1, 0.01)]
    [InlineData(18.307038, 10, 0.05)]
    [InlineData(20.515006, 5, 0.001)]
    [InlineData(0.454936, 1, 0.5)]
    public void Chi_square_upper_tail_matches_the_published_critical_values(double statistic, int df, double p)
    {
        Assert.Equal(p, Distributions.ChiSquareUpperTail(statistic, df), 1e-6);
    }

    [Fact]
    public void Chi_square_with_two_degrees_of_freedom_is_exponential()
    {
        Assert.Equal(Math.Exp(-1.5), Distributions.ChiSquareUpperTail(3, 2), 1e-15);
        Assert.Equal(Math.Exp(-40), Distributions.ChiSquareUpperTail(80, 2), 1e-25);
        Assert.Equal(1, Distributions.ChiSquareUpperTail(0, 3));
    }

    [Fact]
    public void Hypergeometric_tail_matches_hand_computed_values()
    {
        // 3 draws from 10 with 3 marked: P(all 3 marked) = 1/C(10,3) = 1/120;
        // P(≥2) = (C(3,2)·C(7,1) + 1)/120 = 22/120.
        Assert.Equal(1.0 / 120, Distributions.HypergeometricUpperTail(3, 10, 3, 3), 1e-15);
        Assert.Equal(22.0 / 120, Distributions.HypergeometricUpperTail(2, 10, 3, 3), 1e-15);
        Assert.Equal(1, Distributions.HypergeometricUpperTail(0, 10, 3, 3));
        Assert.Equal(0, Distributions.HypergeometricUpperTail(4, 10, 3, 3));
    }
}
