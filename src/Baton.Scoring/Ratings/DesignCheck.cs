namespace Baton.Scoring.Ratings;

/// <summary>The connectivity check every calibration runs first, and the anchoring rules.</summary>
internal static class DesignCheck
{
    /// <summary>
    /// Checks the design. Returns null and the connectivity when calibration may proceed (with
    /// group-wise constraints when the design has several groups and the rule says they are equally
    /// severe), or the refusal.
    /// </summary>
    public static CalibrationRefusal? Check(RatingSet ratings, CalibrationOptions options, out DesignConnectivity connectivity)
    {
        connectivity = DesignConnectivity.Analyse(ratings);
        if (options.Anchoring == AnchoringRule.AnchorUnits)
        {
            return CheckAnchors(ratings, options.AnchorUnits, connectivity);
        }
        if (!connectivity.IsConnected && options.Anchoring != AnchoringRule.EqualGroupSeverity)
        {
            return new CalibrationRefusal(
                RefusalReason.Disconnected,
                $"评分人与被评单位不构成一个连通的设计，共分为{connectivity.Groups.Count}组，各组之间的宽严无法比较：" +
                $"{connectivity.DescribeGroups()}。请安排各组共同评分的锚定单位，或明确选择“假定各组宽严相同”后再校准。",
                connectivity);
        }
        return null;
    }

    private static CalibrationRefusal? CheckAnchors(RatingSet ratings, IReadOnlyList<string> anchors, DesignConnectivity connectivity)
    {
        if (anchors.Count == 0)
        {
            return new CalibrationRefusal(RefusalReason.AnchorsDoNotLinkGroups, "选择了锚定单位规则，但没有指定锚定单位。", connectivity);
        }
        var unitIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var u = 0; u < ratings.Units.Count; u++)
        {
            unitIndex[ratings.Units[u]] = u;
        }
        var excluded = new bool[ratings.Units.Count];
        foreach (var anchor in anchors)
        {
            if (!unitIndex.TryGetValue(anchor, out var u))
            {
                return new CalibrationRefusal(RefusalReason.AnchorsDoNotLinkGroups, $"锚定单位“{anchor}”没有任何评分。", connectivity);
            }
            excluded[u] = true;
        }
        var without = DesignConnectivity.Analyse(ratings, excluded);
        var groupsOfAnchor = new Dictionary<int, HashSet<int>>();
        for (var i = 0; i < ratings.Count; i++)
        {
            var u = ratings.UnitIndexOf(i);
            if (excluded[u])
            {
                if (!groupsOfAnchor.TryGetValue(u, out var set))
                {
                    groupsOfAnchor[u] = set = [];
                }
                // A rater who rated only anchors forms no group of their own; they sit in no group.
                var r = ratings.RaterIndexOf(i);
                if (without.RaterIndexHasGroup(r))
                {
                    set.Add(without.RaterGroup[r]);
                }
            }
        }
        foreach (var anchor in anchors)
        {
            var missing = Enumerable.Range(0, without.Groups.Count).Where(g => !groupsOfAnchor[unitIndex[anchor]].Contains(g)).ToList();
            if (missing.Count > 0)
            {
                return new CalibrationRefusal(
                    RefusalReason.AnchorsDoNotLinkGroups,
                    $"锚定单位“{anchor}”没有被以下各组评分：{string.Join("、", missing.Select(g => $"第{g + 1}组"))}。" +
                    $"去掉锚定单位后的分组为：{without.DescribeGroups()}。",
                    without);
            }
        }
        return null;
    }
}
