namespace Baton.Scoring.Ratings;

/// <summary>
/// The ratings of one round, indexed: raters and units are numbered 0.. in the order they first
/// appear, and each rating is a (rater index, unit index, score) triple. Each rater rates a unit at
/// most once; every listed rater and unit has at least one rating. Immutable.
/// </summary>
/// <remarks>
/// Arrays rather than objects per rating, so that 500,000 ratings cost about 8 MB and the
/// calibrations run over contiguous memory.
/// </remarks>
public sealed class RatingSet
{
    private readonly string[] raters;
    private readonly string[] units;
    private readonly int[] raterOf;
    private readonly int[] unitOf;
    private readonly double[] scores;

    private RatingSet(string[] raters, string[] units, int[] raterOf, int[] unitOf, double[] scores)
    {
        this.raters = raters;
        this.units = units;
        this.raterOf = raterOf;
        this.unitOf = unitOf;
        this.scores = scores;
    }

    /// <summary>The raters, in order of first appearance.</summary>
    public IReadOnlyList<string> Raters => raters;

    /// <summary>The units, in order of first appearance.</summary>
    public IReadOnlyList<string> Units => units;

    /// <summary>The number of ratings.</summary>
    public int Count => scores.Length;

    /// <summary>The <paramref name="index"/>-th rating, as given.</summary>
    public Rating this[int index] => new(raters[raterOf[index]], units[unitOf[index]], scores[index]);

    /// <summary>The index into <see cref="Raters"/> of the rater of rating <paramref name="index"/>.</summary>
    public int RaterIndexOf(int index) => raterOf[index];

    /// <summary>The index into <see cref="Units"/> of the unit of rating <paramref name="index"/>.</summary>
    public int UnitIndexOf(int index) => unitOf[index];

    /// <summary>The score of rating <paramref name="index"/>.</summary>
    public double ScoreOf(int index) => scores[index];

    /// <summary>True when every rater rated every unit (a complete, balanced design).</summary>
    public bool IsComplete => (long)raters.Length * units.Length == scores.Length;

    internal ReadOnlySpan<int> RaterIndices => raterOf;

    internal ReadOnlySpan<int> UnitIndices => unitOf;

    internal ReadOnlySpan<double> Scores => scores;

    /// <summary>Indexes <paramref name="ratings"/>.</summary>
    /// <exception cref="ArgumentException">
    /// A rater or unit identifier is empty, a score is not finite, or a rater rates the same unit twice.
    /// </exception>
    public static RatingSet Create(IEnumerable<Rating> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var raterIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var unitIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var raterNames = new List<string>();
        var unitNames = new List<string>();
        var r = new List<int>();
        var u = new List<int>();
        var s = new List<double>();
        foreach (var rating in ratings)
        {
            ArgumentNullException.ThrowIfNull(rating);
            ArgumentException.ThrowIfNullOrEmpty(rating.Rater, nameof(ratings));
            ArgumentException.ThrowIfNullOrEmpty(rating.Unit, nameof(ratings));
            r.Add(IndexOf(raterIndex, raterNames, rating.Rater));
            u.Add(IndexOf(unitIndex, unitNames, rating.Unit));
            s.Add(rating.Score);
        }
        return FromIndices(raterNames, unitNames, [.. r], [.. u], [.. s]);
    }

    /// <summary>
    /// Builds a set from index arrays (rating <c>i</c> is rater <c>raterIndices[i]</c> scoring unit
    /// <c>unitIndices[i]</c> with <c>scores[i]</c>). The arrays are copied.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// Lengths differ, an index is out of range, a listed rater or unit has no rating, a score is not
    /// finite, identifiers repeat, or a rater rates the same unit twice.
    /// </exception>
    public static RatingSet FromIndices(
        IReadOnlyList<string> raters,
        IReadOnlyList<string> units,
        ReadOnlySpan<int> raterIndices,
        ReadOnlySpan<int> unitIndices,
        ReadOnlySpan<double> scores)
    {
        ArgumentNullException.ThrowIfNull(raters);
        ArgumentNullException.ThrowIfNull(units);
        if (raterIndices.Length != scores.Length || unitIndices.Length != scores.Length)
        {
            throw new ArgumentException("Rater indices, unit indices and scores must have the same length.");
        }
        if (new HashSet<string>(raters, StringComparer.Ordinal).Count != raters.Count
            || new HashSet<string>(units, StringComparer.Ordinal).Count != units.Count)
        {
            throw new ArgumentException("Rater and unit identifiers must be distinct.");
        }
        var seen = new HashSet<long>(scores.Length);
        var raterUsed = new bool[raters.Count];
        var unitUsed = new bool[units.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            int r = raterIndices[i], u = unitIndices[i];
            if ((uint)r >= (uint)raters.Count || (uint)u >= (uint)units.Count)
            {
                throw new ArgumentException($"Rating {i} refers to a rater or unit that is not listed.");
            }
            if (!double.IsFinite(scores[i]))
            {
                throw new ArgumentException($"Rating {i} has a score that is not a finite number.");
            }
            if (!seen.Add(((long)r << 32) | (uint)u))
            {
                throw new ArgumentException($"Rater '{raters[r]}' rates unit '{units[u]}' more than once.");
            }
            raterUsed[r] = true;
            unitUsed[u] = true;
        }
        if (Array.IndexOf(raterUsed, false) >= 0 || Array.IndexOf(unitUsed, false) >= 0)
        {
            throw new ArgumentException("Every listed rater and unit must have at least one rating.");
        }
        return new RatingSet([.. raters], [.. units], raterIndices.ToArray(), unitIndices.ToArray(), scores.ToArray());
    }

    private static int IndexOf(Dictionary<string, int> index, List<string> names, string name)
    {
        if (!index.TryGetValue(name, out var i))
        {
            i = names.Count;
            index.Add(name, i);
            names.Add(name);
        }
        return i;
    }
}
