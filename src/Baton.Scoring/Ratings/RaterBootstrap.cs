namespace Baton.Scoring.Ratings;

/// <summary>
/// The bootstrap of a rating round: resample the raters with replacement, keeping each drawn rater's
/// ratings together, to see how much the results depend on who happened to rate.
/// </summary>
public static class RaterBootstrap
{
    /// <summary>
    /// Replicate <paramref name="replicate"/> (0-based) of the bootstrap seeded <paramref name="seed"/>:
    /// R raters drawn with replacement from the round's R raters, each bringing all of their ratings. A
    /// rater drawn more than once appears as separate raters named <c>name#2</c>, <c>name#3</c>, …
    /// (they are separate draws). Units that no drawn rater rated are absent from the replicate, so the
    /// replicate can be smaller, or disconnected: calibrate it as any round and treat a refusal or an
    /// absent unit as the caller's policy decides. The same seed and replicate always give the same set,
    /// and replicates are independent of each other and of the order they are computed in.
    /// </summary>
    public static RatingSet Replicate(RatingSet ratings, ulong seed, int replicate)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentOutOfRangeException.ThrowIfNegative(replicate);
        int raterCount = ratings.Raters.Count, unitCount = ratings.Units.Count;
        // Ratings of each rater, in their original order (compressed rows).
        var start = new int[raterCount + 1];
        for (var i = 0; i < ratings.Count; i++)
        {
            start[ratings.RaterIndexOf(i) + 1]++;
        }
        for (var r = 0; r < raterCount; r++)
        {
            start[r + 1] += start[r];
        }
        var next = start[..^1];
        var byRater = new int[ratings.Count];
        for (var i = 0; i < ratings.Count; i++)
        {
            byRater[next[ratings.RaterIndexOf(i)]++] = i;
        }

        var random = SeededRandom.ForReplicate(seed, replicate);
        var drawnTimes = new int[raterCount];
        var raterNames = new List<string>(raterCount);
        var raterIndices = new List<int>();
        var unitIndices = new List<int>();
        var scores = new List<double>();
        var unitUsed = new bool[unitCount];
        for (var draw = 0; draw < raterCount; draw++)
        {
            var r = random.Next(raterCount);
            drawnTimes[r]++;
            raterNames.Add(drawnTimes[r] == 1 ? ratings.Raters[r] : $"{ratings.Raters[r]}#{drawnTimes[r]}");
            for (var k = start[r]; k < start[r + 1]; k++)
            {
                var i = byRater[k];
                raterIndices.Add(draw);
                unitIndices.Add(ratings.UnitIndexOf(i));
                scores.Add(ratings.ScoreOf(i));
                unitUsed[ratings.UnitIndexOf(i)] = true;
            }
        }
        // Keep the original unit order, dropping units nobody drawn rated.
        var newIndex = new int[unitCount];
        var unitNames = new List<string>(unitCount);
        for (var u = 0; u < unitCount; u++)
        {
            newIndex[u] = unitUsed[u] ? unitNames.Count : -1;
            if (unitUsed[u])
            {
                unitNames.Add(ratings.Units[u]);
            }
        }
        var remapped = unitIndices.Select(u => newIndex[u]).ToArray();
        // A name like "A#2" could clash with a real rater called "A#2"; make such clashes distinct.
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var j = 0; j < raterNames.Count; j++)
        {
            var name = raterNames[j];
            while (!taken.Add(name))
            {
                name += "#";
            }
            raterNames[j] = name;
        }
        return RatingSet.FromIndices(raterNames, unitNames, [.. raterIndices], remapped, [.. scores]);
    }

    /// <summary>Replicates 0..<paramref name="count"/>−1 of <see cref="Replicate"/>, produced lazily one at a time.</summary>
    public static IEnumerable<RatingSet> Replicates(RatingSet ratings, ulong seed, int count)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Enumerable.Range(0, count).Select(k => Replicate(ratings, seed, k));
    }
}
