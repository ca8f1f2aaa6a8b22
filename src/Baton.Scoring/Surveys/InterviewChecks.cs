namespace Baton.Scoring.Surveys;

/// <summary>
/// One completed interview as the checks for coached or fabricated answers see it.
/// </summary>
/// <param name="Id">The interview's identifier, as the office knows it.</param>
/// <param name="Operator">Who conducted it (the operator's account or code).</param>
/// <param name="StartedUtc">When it started, UTC; the checks group by the hour in Beijing time (UTC+8, no daylight saving).</param>
/// <param name="Duration">How long it lasted.</param>
/// <param name="Answers">
/// The answer code of each closed question of the questionnaire, in questionnaire order (e.g. "满意",
/// "基本满意", "不了解"), or null for a question not asked or not answered. Open texts are not compared.
/// </param>
public sealed record SurveyInterview(string Id, string Operator, DateTime StartedUtc, TimeSpan Duration, IReadOnlyList<string?> Answers)
{
    /// <summary>The hour (0–23) in Beijing time at which the interview started.</summary>
    public int BeijingHour => StartedUtc.AddHours(8).Hour;
}

/// <summary>The thresholds of the checks.</summary>
/// <param name="Alpha">
/// The family-wise significance level: a check that tests many groups flags one only when its p-value is
/// below <paramref name="Alpha"/> divided by the number of tests it made (Bonferroni), so that chance
/// alone flags a whole honest survey with probability at most <paramref name="Alpha"/>.
/// </param>
/// <param name="MinimumAnswered">An answer pattern is compared only when at least this many questions were answered: shorter patterns coincide by chance.</param>
/// <param name="MinimumGroupInterviews">An operator or an hour is tested against the others only with at least this many interviews on each side, where the chi-square approximation holds.</param>
public sealed record InterviewCheckOptions(double Alpha = 0.01, int MinimumAnswered = 5, int MinimumGroupInterviews = 30)
{
    public static InterviewCheckOptions Default { get; } = new();
}

/// <summary>
/// Several interviews with the same answers to every question, one operator holding more of them than
/// chance would give them: the operator's share of all interviews is <see cref="OperatorInterviews"/>
/// of <see cref="AllInterviews"/>, so of the <see cref="Interviews"/>.Count sharing the pattern they
/// would be expected to hold <see cref="Expected"/>; they hold <see cref="OperatorMatches"/>.Count.
/// </summary>
/// <param name="Answers">The shared pattern.</param>
/// <param name="Interviews">Every interview with the pattern, whoever conducted it.</param>
/// <param name="Operator">The operator whose share is surprising.</param>
/// <param name="OperatorMatches">That operator's interviews with the pattern: the flagged interviews.</param>
/// <param name="OperatorInterviews">All of that operator's interviews.</param>
/// <param name="AllInterviews">All interviews checked.</param>
/// <param name="Expected">The number of the pattern's interviews the operator would hold by chance.</param>
/// <param name="PValue">P(at least that many) under a random allocation, hypergeometric.</param>
/// <param name="Threshold">The Bonferroni-corrected level the p-value is below.</param>
public sealed record IdenticalPatternFlag(
    IReadOnlyList<string?> Answers,
    IReadOnlyList<string> Interviews,
    string Operator,
    IReadOnlyList<string> OperatorMatches,
    int OperatorInterviews,
    int AllInterviews,
    double Expected,
    double PValue,
    double Threshold);

/// <summary>
/// One group's answers to one question (an operator's, or one hour's) differ from everyone else's more
/// than chance allows, by Pearson's chi-square test of homogeneity on the 2 × c table (this group,
/// the others) × (answers).
/// </summary>
/// <param name="Group">The operator, or the hour in Beijing time ("09" for 09:00–09:59).</param>
/// <param name="Question">The question's position in the questionnaire, from 0.</param>
/// <param name="GroupCounts">How often this group's interviews gave each answer.</param>
/// <param name="OthersCounts">How often all the other interviews gave each answer.</param>
/// <param name="ChiSquare">Pearson's X².</param>
/// <param name="DegreesOfFreedom">c − 1, c the number of answers given at all.</param>
/// <param name="PValue">P(χ² ≥ X²).</param>
/// <param name="Threshold">The Bonferroni-corrected level the p-value is below.</param>
/// <param name="Interviews">The group's interviews that answered the question: the flagged interviews.</param>
public sealed record AnswerClusterFlag(
    string Group,
    int Question,
    IReadOnlyDictionary<string, int> GroupCounts,
    IReadOnlyDictionary<string, int> OthersCounts,
    double ChiSquare,
    int DegreesOfFreedom,
    double PValue,
    double Threshold,
    IReadOnlyList<string> Interviews);

/// <summary>An interview shorter than the questionnaire can be read aloud and answered in.</summary>
public sealed record ShortInterviewFlag(string Interview, string Operator, TimeSpan Duration, TimeSpan Minimum);

/// <summary>
/// The checks for coached or fabricated answers (代答、诱导、编造). Each returns the interviews it
/// flags with the evidence, for the office to look into; none drops or changes an interview, and a
/// flag is a reason to listen to the recording or call the respondent back, not a verdict.
/// </summary>
public static class InterviewChecks
{
    /// <summary>
    /// Identical answer patterns: interviews that give the same answer to every question (at least
    /// <see cref="InterviewCheckOptions.MinimumAnswered"/> answered) where one operator holds more of
    /// them than chance would. Identical patterns alone are no evidence (on a short satisfaction
    /// questionnaire many honest respondents answer 满意 throughout); an operator who copies interviews
    /// shows as a share of a pattern far above that operator's share of all interviews. The test is
    /// the hypergeometric upper tail, one test per (pattern, operator with at least two of it), at
    /// <see cref="InterviewCheckOptions.Alpha"/> over the number of tests.
    /// </summary>
    public static IReadOnlyList<IdenticalPatternFlag> IdenticalPatterns(IReadOnlyList<SurveyInterview> interviews, InterviewCheckOptions? options = null)
    {
        options ??= InterviewCheckOptions.Default;
        CheckQuestionnaire(interviews);
        var perOperator = interviews.GroupBy(i => i.Operator, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var groups = interviews
            .Where(i => i.Answers.Count(a => a is not null) >= options.MinimumAnswered)
            .GroupBy(i => i.Answers, AnswersComparer.Instance)
            .Where(g => g.Count() >= 2)
            .Select(g => g.ToList())
            .ToList();
        var tests = groups
            .SelectMany(g => g.GroupBy(i => i.Operator, StringComparer.Ordinal).Where(o => o.Count() >= 2).Select(o => (Pattern: g, Operator: o.Key, Matches: o.ToList())))
            .ToList();
        if (tests.Count == 0)
        {
            return [];
        }
        var threshold = options.Alpha / tests.Count;
        var flags = new List<IdenticalPatternFlag>();
        foreach (var (pattern, op, matches) in tests)
        {
            var p = Distributions.HypergeometricUpperTail(matches.Count, interviews.Count, perOperator[op], pattern.Count);
            if (p < threshold)
            {
                flags.Add(new IdenticalPatternFlag(
                    pattern[0].Answers, [.. pattern.Select(i => i.Id)], op, [.. matches.Select(i => i.Id)],
                    perOperator[op], interviews.Count, (double)pattern.Count * perOperator[op] / interviews.Count, p, threshold));
            }
        }
        return [.. flags.OrderBy(f => f.PValue)];
    }

    /// <summary>
    /// Clustering of answers by operator: each operator's answers to each question against all the
    /// other operators' answers, Pearson's chi-square test of homogeneity, flagged below
    /// <see cref="InterviewCheckOptions.Alpha"/> over the number of tests. An operator who leads
    /// respondents towards 满意 (or fills answers in) shows a distribution of their own.
    /// </summary>
    public static IReadOnlyList<AnswerClusterFlag> ClusteringByOperator(IReadOnlyList<SurveyInterview> interviews, InterviewCheckOptions? options = null) =>
        Clustering(interviews, i => i.Operator, options ?? InterviewCheckOptions.Default);

    /// <summary>
    /// Clustering of answers by hour: the interviews started in each hour of the day (Beijing time)
    /// against all others, as <see cref="ClusteringByOperator"/>: interviews made up in one sitting,
    /// late at night or in one burst, show a distribution of their own.
    /// </summary>
    public static IReadOnlyList<AnswerClusterFlag> ClusteringByHour(IReadOnlyList<SurveyInterview> interviews, InterviewCheckOptions? options = null) =>
        Clustering(interviews, i => i.BeijingHour.ToString("00", System.Globalization.CultureInfo.InvariantCulture), options ?? InterviewCheckOptions.Default);

    /// <summary>Interviews shorter than <paramref name="minimum"/>, the least time the questionnaire can be read and answered in.</summary>
    public static IReadOnlyList<ShortInterviewFlag> ShortInterviews(IReadOnlyList<SurveyInterview> interviews, TimeSpan minimum)
    {
        ArgumentNullException.ThrowIfNull(interviews);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(minimum, TimeSpan.Zero);
        return [.. interviews.Where(i => i.Duration < minimum).Select(i => new ShortInterviewFlag(i.Id, i.Operator, i.Duration, minimum))];
    }

    private static List<AnswerClusterFlag> Clustering(IReadOnlyList<SurveyInterview> interviews, Func<SurveyInterview, string> groupOf, InterviewCheckOptions options)
    {
        var questions = CheckQuestionnaire(interviews);
        var candidates = new List<(string Group, int Question, Dictionary<string, int> Mine, Dictionary<string, int> Others, double ChiSquare, int Df, List<string> Ids)>();
        var groups = interviews.GroupBy(groupOf, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        for (var q = 0; q < questions; q++)
        {
            var total = Count(interviews.Select(i => i.Answers[q]));
            var answered = total.Values.Sum();
            foreach (var group in groups)
            {
                var mine = Count(group.Select(i => i.Answers[q]));
                var n = mine.Values.Sum();
                if (n < options.MinimumGroupInterviews || answered - n < options.MinimumGroupInterviews || total.Count < 2)
                {
                    continue;
                }
                var others = total.ToDictionary(t => t.Key, t => t.Value - mine.GetValueOrDefault(t.Key), StringComparer.Ordinal);
                var chiSquare = 0.0;
                foreach (var (answer, count) in total)
                {
                    var expectedMine = (double)n * count / answered;
                    var expectedOthers = (double)(answered - n) * count / answered;
                    chiSquare += Square(mine.GetValueOrDefault(answer) - expectedMine) / expectedMine
                        + Square(others[answer] - expectedOthers) / expectedOthers;
                }
                var ids = group.Where(i => i.Answers[q] is not null).Select(i => i.Id).ToList();
                candidates.Add((group.Key, q, mine, others, chiSquare, total.Count - 1, ids));
            }
        }
        if (candidates.Count == 0)
        {
            return [];
        }
        var threshold = options.Alpha / candidates.Count;
        return [.. candidates
            .Select(c => (c, P: Distributions.ChiSquareUpperTail(c.ChiSquare, c.Df)))
            .Where(t => t.P < threshold)
            .OrderBy(t => t.P)
            .Select(t => new AnswerClusterFlag(t.c.Group, t.c.Question, t.c.Mine, t.c.Others, t.c.ChiSquare, t.c.Df, t.P, threshold, t.c.Ids))];
    }

    private static double Square(double x) => x * x;

    private static Dictionary<string, int> Count(IEnumerable<string?> answers)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var answer in answers)
        {
            if (answer is not null)
            {
                counts[answer] = counts.GetValueOrDefault(answer) + 1;
            }
        }
        return counts;
    }

    /// <summary>The questionnaire's length; every interview must answer the same questionnaire.</summary>
    private static int CheckQuestionnaire(IReadOnlyList<SurveyInterview> interviews)
    {
        ArgumentNullException.ThrowIfNull(interviews);
        if (interviews.Count == 0)
        {
            return 0;
        }
        var questions = interviews[0].Answers.Count;
        if (interviews.Any(i => i.Answers.Count != questions))
        {
            throw new ArgumentException("Every interview must carry one answer slot per question of the same questionnaire.", nameof(interviews));
        }
        if (interviews.Select(i => i.Id).Distinct(StringComparer.Ordinal).Count() != interviews.Count)
        {
            throw new ArgumentException("Interview identifiers must be unique.", nameof(interviews));
        }
        return questions;
    }

    private sealed class AnswersComparer : IEqualityComparer<IReadOnlyList<string?>>
    {
        public static AnswersComparer Instance { get; } = new();

        public bool Equals(IReadOnlyList<string?>? x, IReadOnlyList<string?>? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.SequenceEqual(y, StringComparer.Ordinal));

        public int GetHashCode(IReadOnlyList<string?> answers)
        {
            var hash = new HashCode();
            foreach (var answer in answers)
            {
                hash.Add(answer is null ? 0 : StringComparer.Ordinal.GetHashCode(answer));
            }
            return hash.ToHashCode();
        }
    }
}
