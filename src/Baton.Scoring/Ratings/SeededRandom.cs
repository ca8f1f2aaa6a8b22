namespace Baton.Scoring.Ratings;

/// <summary>
/// SplitMix64: a small, fast generator whose sequence depends only on its seed — not on the .NET
/// version, unlike <see cref="Random"/>'s unseeded algorithm — so published intervals can be
/// reproduced years later.
/// </summary>
internal struct SeededRandom(ulong seed)
{
    private ulong state = seed;

    /// <summary>The generator for replicate <paramref name="replicate"/> of a run seeded <paramref name="seed"/>: independent streams, computable in any order.</summary>
    public static SeededRandom ForReplicate(ulong seed, int replicate)
    {
        var mixer = new SeededRandom(seed ^ unchecked(0x9E3779B97F4A7C15UL * (ulong)(replicate + 1)));
        return new SeededRandom(mixer.NextUInt64());
    }

    public ulong NextUInt64()
    {
        unchecked
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A uniform integer in [0, <paramref name="count"/>) (Lemire's multiply-shift; bias below 2⁻³²).</summary>
    public int Next(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return (int)((NextUInt64() >> 32) * (ulong)count >> 32);
    }
}
