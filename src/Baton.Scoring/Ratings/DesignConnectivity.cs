namespace Baton.Scoring.Ratings;

/// <summary>
/// One connected group of a rating design: raters and units linked to each other by ratings
/// (rater A rated unit X, which rater B also rated, …). Severities can only be compared within a group.
/// </summary>
/// <param name="Raters">The group's raters, in order of first appearance.</param>
/// <param name="Units">The group's units, in order of first appearance.</param>
public sealed record RatingGroup(IReadOnlyList<string> Raters, IReadOnlyList<string> Units);

/// <summary>
/// The connected groups of the bipartite rater–unit graph of a <see cref="RatingSet"/>. Calibration
/// can separate a unit's merit from its raters' severity only when the design is connected: with two
/// groups, "group 1's units are better" and "group 1's raters are more lenient" fit the data equally well.
/// </summary>
public sealed class DesignConnectivity
{
    private DesignConnectivity(IReadOnlyList<RatingGroup> groups, int[] raterGroup, int[] unitGroup)
    {
        Groups = groups;
        RaterGroup = raterGroup;
        UnitGroup = unitGroup;
    }

    /// <summary>The connected groups, in order of their first rating.</summary>
    public IReadOnlyList<RatingGroup> Groups { get; }

    /// <summary>True when the design is one group.</summary>
    public bool IsConnected => Groups.Count == 1;

    internal int[] RaterGroup { get; }

    internal int[] UnitGroup { get; }

    /// <summary>False for a rater whose every rating was excluded from the analysis.</summary>
    internal bool RaterIndexHasGroup(int rater) => RaterGroup[rater] >= 0;

    /// <summary>Finds the connected groups of <paramref name="ratings"/> (union–find, linear in the ratings).</summary>
    public static DesignConnectivity Analyse(RatingSet ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        return Analyse(ratings, null);
    }

    /// <summary>The groups when the ratings of the units marked in <paramref name="excludedUnit"/> are ignored.</summary>
    internal static DesignConnectivity Analyse(RatingSet ratings, bool[]? excludedUnit)
    {
        int raters = ratings.Raters.Count, units = ratings.Units.Count;
        var parent = new int[raters + units];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }
        var rs = ratings.RaterIndices;
        var us = ratings.UnitIndices;
        for (var i = 0; i < rs.Length; i++)
        {
            if (excludedUnit is not null && excludedUnit[us[i]])
            {
                continue;
            }
            int a = Find(parent, rs[i]), b = Find(parent, raters + us[i]);
            if (a != b)
            {
                // Keep the smaller root so that the root is stable; order is fixed below anyway.
                if (a < b)
                {
                    parent[b] = a;
                }
                else
                {
                    parent[a] = b;
                }
            }
        }
        // Number the groups in order of their first rating.
        var groupOfRoot = new Dictionary<int, int>();
        var raterGroup = new int[raters];
        var unitGroup = new int[units];
        Array.Fill(raterGroup, -1);
        Array.Fill(unitGroup, -1);
        var groupRaters = new List<List<string>>();
        var groupUnits = new List<List<string>>();
        var raterSeen = new bool[raters];
        var unitSeen = new bool[units];
        for (var i = 0; i < rs.Length; i++)
        {
            if (excludedUnit is not null && excludedUnit[us[i]])
            {
                continue;
            }
            var root = Find(parent, rs[i]);
            if (!groupOfRoot.TryGetValue(root, out var g))
            {
                g = groupRaters.Count;
                groupOfRoot.Add(root, g);
                groupRaters.Add([]);
                groupUnits.Add([]);
            }
            if (!raterSeen[rs[i]])
            {
                raterSeen[rs[i]] = true;
                raterGroup[rs[i]] = g;
                groupRaters[g].Add(ratings.Raters[rs[i]]);
            }
            if (!unitSeen[us[i]])
            {
                unitSeen[us[i]] = true;
                unitGroup[us[i]] = g;
                groupUnits[g].Add(ratings.Units[us[i]]);
            }
        }
        var groups = new RatingGroup[groupRaters.Count];
        for (var g = 0; g < groups.Length; g++)
        {
            groups[g] = new RatingGroup(groupRaters[g], groupUnits[g]);
        }
        return new DesignConnectivity(groups, raterGroup, unitGroup);
    }

    /// <summary>
    /// A Chinese description of the groups for a refusal message, e.g.
    /// "第1组（评分人：甲、乙；单位：A、B）；第2组（…）". Long lists are shortened with "等N个".
    /// </summary>
    public string DescribeGroups()
    {
        var parts = new List<string>(Groups.Count);
        for (var g = 0; g < Groups.Count; g++)
        {
            parts.Add($"第{g + 1}组（评分人：{List(Groups[g].Raters)}；单位：{List(Groups[g].Units)}）");
        }
        return string.Join("；", parts);

        static string List(IReadOnlyList<string> names) =>
            names.Count <= 8 ? string.Join("、", names) : $"{string.Join("、", names.Take(8))} 等{names.Count}个";
    }

    private static int Find(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }
}
