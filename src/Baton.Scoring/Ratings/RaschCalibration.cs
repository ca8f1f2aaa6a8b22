namespace Baton.Scoring.Ratings;

/// <summary>One unit's measure in the many-facet Rasch calibration.</summary>
/// <param name="Unit">The unit.</param>
/// <param name="Count">How many ratings it received.</param>
/// <param name="RawMean">The plain mean of its category indices.</param>
/// <param name="Measure">
/// B, in logits: the unit's merit on the model's interval scale; one logit more multiplies the odds of
/// each next-higher grade by e ≈ 2.72, whoever the rater. Comparable across units; zero is arbitrary.
/// </param>
/// <param name="StandardError">The model standard error of <paramref name="Measure"/>, in logits (1 / √information).</param>
/// <param name="Infit">
/// Information-weighted mean square residual: 1 is the noise the model expects, above 1.5 ratings
/// more erratic than expected, below 0.5 more predictable (e.g. raters copying each other). NaN for an extreme unit.
/// </param>
/// <param name="Outfit">Unweighted mean square of standardised residuals; more sensitive to single surprising ratings. NaN for an extreme unit.</param>
/// <param name="FairAverage">
/// The expected category index (0..m) for this unit when rated by a rater of average severity (severity
/// zero): the unit's grade with the raters' severity removed, back on the grade scale.
/// </param>
/// <param name="IsExtreme">
/// True when every rating was the lowest or every rating the highest category. Its maximum-likelihood
/// measure is infinite; the reported measure is estimated for a raw score 0.3 points inside the extreme
/// (the usual Facets/Winsteps convention), with the other facets fixed.
/// </param>
public sealed record RaschUnitMeasure(string Unit, int Count, double RawMean, double Measure, double StandardError, double Infit, double Outfit, double FairAverage, bool IsExtreme);

/// <summary>One rater's measure in the many-facet Rasch calibration.</summary>
/// <param name="Rater">The rater.</param>
/// <param name="Count">How many ratings the rater gave.</param>
/// <param name="RawMean">The plain mean of the rater's category indices.</param>
/// <param name="Severity">
/// C, in logits: positive is severe (the rater's grades run lower than the average rater's for the same
/// units), negative lenient. Severities are centred at zero (within each group under
/// <see cref="AnchoringRule.EqualGroupSeverity"/>).
/// </param>
/// <param name="StandardError">The model standard error of <paramref name="Severity"/>, in logits.</param>
/// <param name="Infit">Information-weighted mean square residual (see <see cref="RaschUnitMeasure.Infit"/>). NaN for an extreme rater.</param>
/// <param name="Outfit">Unweighted mean square of standardised residuals. NaN for an extreme rater.</param>
/// <param name="IsExtreme">True when the rater gave only the lowest or only the highest category (estimated as for units).</param>
public sealed record RaschRaterMeasure(string Rater, int Count, double RawMean, double Severity, double StandardError, double Infit, double Outfit, bool IsExtreme);

/// <summary>
/// The many-facet Rasch rating-scale model for ordered grades (category index 0..m):
/// <c>log(P_k / P_(k−1)) = B_unit − C_rater − F_k</c>, estimated by joint maximum likelihood.
/// </summary>
/// <remarks>
/// Each round of the estimation takes one Newton–Raphson step per unit, then per rater, then for the
/// thresholds (each step limited to one logit), recomputing expectations between facets, until no
/// parameter moves by more than <see cref="CalibrationOptions.Tolerance"/> logits. Rater severities and
/// thresholds are centred at zero after every step; unit measures are free. Units and raters with
/// extreme raw scores are set aside (repeatedly, since setting one aside can make another extreme),
/// the rest are estimated, and the extreme ones are then estimated one by one for a raw score 0.3
/// inside the extreme. Every category 0..m must be used by the non-extreme ratings, else the
/// thresholds are infinite and the calibration is refused. JMLE measures are slightly spread out
/// compared with the truth (by about (L−1)/L with L ratings per element); as in Facets, no correction
/// is applied — rankings and correlations are unaffected. <see cref="double"/> throughout: logits
/// are statistics.
/// </remarks>
public sealed class RaschCalibration
{
    /// <summary>Beyond this many logits a measure is taken as diverging (real data stay within about ±10).</summary>
    private const double DivergenceLimit = 40;

    private readonly double[] thresholds;

    private RaschCalibration(int maximumCategory, double[] thresholds, double[] thresholdErrors, RaschUnitMeasure[] units, RaschRaterMeasure[] raters, int iterations, DesignConnectivity connectivity)
    {
        MaximumCategory = maximumCategory;
        this.thresholds = thresholds;
        ThresholdStandardErrors = thresholdErrors;
        Units = units;
        Raters = raters;
        Iterations = iterations;
        Connectivity = connectivity;
    }

    /// <summary>m: the highest category index; the scale is 0..m.</summary>
    public int MaximumCategory { get; }

    /// <summary>
    /// F_1..F_m, in logits (index 0 holds F_1): F_k is where categories k−1 and k are equally probable,
    /// relative to B − C. They sum to zero.
    /// </summary>
    public IReadOnlyList<double> Thresholds => thresholds;

    /// <summary>Model standard errors of the thresholds, in logits.</summary>
    public IReadOnlyList<double> ThresholdStandardErrors { get; }

    /// <summary>The units, in order of first appearance.</summary>
    public IReadOnlyList<RaschUnitMeasure> Units { get; }

    /// <summary>The raters, in order of first appearance.</summary>
    public IReadOnlyList<RaschRaterMeasure> Raters { get; }

    /// <summary>Estimation rounds used.</summary>
    public int Iterations { get; }

    /// <summary>The design's connected groups.</summary>
    public DesignConnectivity Connectivity { get; }

    /// <summary>The expected category index (0..m) for a unit of measure <paramref name="unit"/> rated by a rater of severity <paramref name="severity"/>.</summary>
    public double ExpectedScore(double unit, double severity)
    {
        Span<double> p = stackalloc double[thresholds.Length + 1];
        return Categories(unit - severity, thresholds, p, out _);
    }

    /// <summary>
    /// Fits the model. <paramref name="maximumCategory"/> is m (defaults to the highest category used).
    /// Refuses non-integer or out-of-range categories, an unused category, too few ratings, a
    /// disconnected design without an anchoring rule, and non-convergence.
    /// </summary>
    /// <param name="ratings">The round's ratings, category indices 0..m.</param>
    /// <param name="options">Anchoring, tolerance and iteration limit.</param>
    /// <param name="maximumCategory">m, or null for the highest category used.</param>
    /// <param name="start">
    /// A fit of closely related data (the full round, when <paramref name="ratings"/> is a bootstrap
    /// replicate of it) to start from instead of zero: units and raters start at their measures there,
    /// found by name (a replicate's rater <c>name#k</c> starts where <c>name</c> ended), and the thresholds
    /// at its thresholds when m is the same. The answer is the same within the tolerance; it takes fewer
    /// iterations.
    /// </param>
    public static CalibrationOutcome<RaschCalibration> Fit(RatingSet ratings, CalibrationOptions? options = null, int? maximumCategory = null, RaschCalibration? start = null)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        options ??= CalibrationOptions.Default;
        int n = ratings.Count, unitCount = ratings.Units.Count, raterCount = ratings.Raters.Count;
        if (n == 0)
        {
            return Refuse(RefusalReason.TooFewRatings, "没有评分，无法校准。");
        }
        var x = new int[n];
        var m = maximumCategory ?? 0;
        for (var i = 0; i < n; i++)
        {
            var s = ratings.ScoreOf(i);
            if (s < 0 || s != Math.Floor(s) || (maximumCategory is { } max && s > max))
            {
                return Refuse(RefusalReason.InvalidScale,
                    $"第{i + 1}条评分（{ratings.Raters[ratings.RaterIndexOf(i)]} 对 {ratings.Units[ratings.UnitIndexOf(i)]}）的等级“{s}”不是 0 到 {(maximumCategory?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "m")} 之间的整数。");
            }
            x[i] = (int)s;
            if (maximumCategory is null)
            {
                m = Math.Max(m, x[i]);
            }
        }
        if (m < 1)
        {
            return Refuse(RefusalReason.InvalidScale, "等级量表至少需要两个等级（0 和 1）。");
        }
        var refusal = DesignCheck.Check(ratings, options, out var connectivity);
        if (refusal is not null)
        {
            return CalibrationOutcome<RaschCalibration>.Refused(refusal);
        }

        var us = ratings.UnitIndices.ToArray();
        var rs = ratings.RaterIndices.ToArray();
        var unitActive = Enumerable.Repeat(true, unitCount).ToArray();
        var raterActive = Enumerable.Repeat(true, raterCount).ToArray();
        SetAsideExtremes(x, us, rs, m, unitActive, raterActive);
        var active = Enumerable.Range(0, n).Where(i => unitActive[us[i]] && raterActive[rs[i]]).ToArray();
        var categoryCounts = new int[m + 1];
        foreach (var i in active)
        {
            categoryCounts[x[i]]++;
        }
        var unused = Enumerable.Range(0, m + 1).Where(k => categoryCounts[k] == 0).ToList();
        if (active.Length == 0 || unused.Count > 0)
        {
            return Refuse(RefusalReason.InvalidScale,
                active.Length == 0
                    ? "所有单位或评分人的评分都是极端值（全部最低或全部最高等级），无法估计。"
                    : $"等级 {string.Join("、", unused)} 在非极端评分中没有出现，阈值无法估计。请合并相邻等级后再校准。");
        }

        var b = new double[unitCount];
        var c = new double[raterCount];
        var f = new double[m];
        if (start is not null)
        {
            WarmStart(start, ratings, m, b, c, f);
        }
        var cumF = new double[m + 1];
        var p = new double[m + 1];
        var resid = new double[Math.Max(unitCount, raterCount)];
        var info = new double[resid.Length];
        var raterGroup = connectivity.RaterGroup;
        var groups = connectivity.Groups.Count;
        var iterations = 0;
        var converged = false;
        var ratio = new double[m + 1];
        while (iterations < options.MaxIterations && !converged)
        {
            iterations++;
            var change = 0.0;
            Cumulate(f, cumF);
            Ratios(f, ratio);

            // Units.
            Array.Clear(resid);
            Array.Clear(info);
            foreach (var i in active)
            {
                var e = Expect(b[us[i]] - c[rs[i]], ratio, cumF, p, out var v);
                resid[us[i]] += x[i] - e;
                info[us[i]] += v;
            }
            for (var u = 0; u < unitCount; u++)
            {
                if (unitActive[u])
                {
                    var step = Math.Clamp(resid[u] / info[u], -1, 1);
                    b[u] += step;
                    change = Math.Max(change, Math.Abs(step));
                }
            }

            // Raters.
            Array.Clear(resid);
            Array.Clear(info);
            foreach (var i in active)
            {
                var e = Expect(b[us[i]] - c[rs[i]], ratio, cumF, p, out var v);
                resid[rs[i]] += x[i] - e;
                info[rs[i]] += v;
            }
            var previous = (double[])c.Clone();
            for (var r = 0; r < raterCount; r++)
            {
                if (raterActive[r])
                {
                    c[r] -= Math.Clamp(resid[r] / info[r], -1, 1);
                }
            }
            Centre(c, raterActive, raterGroup, groups);
            for (var r = 0; r < raterCount; r++)
            {
                change = Math.Max(change, Math.Abs(c[r] - previous[r]));
            }

            // Thresholds: ∂logL/∂F_k = Σ P(X ≥ k) − #(x ≥ k), information Σ P(X ≥ k)(1 − P(X ≥ k)).
            var gradient = new double[m + 1];
            var hessian = new double[m + 1];
            foreach (var i in active)
            {
                Expect(b[us[i]] - c[rs[i]], ratio, cumF, p, out _);
                var atLeast = 0.0;
                for (var k = m; k >= 1; k--)
                {
                    atLeast += p[k];
                    gradient[k] += atLeast - (x[i] >= k ? 1 : 0);
                    hessian[k] += atLeast * (1 - atLeast);
                }
            }
            var before = (double[])f.Clone();
            for (var k = 1; k <= m; k++)
            {
                f[k - 1] += Math.Clamp(gradient[k] / hessian[k], -1, 1);
            }
            var meanF = f.Average();
            for (var k = 0; k < m; k++)
            {
                f[k] -= meanF;
                change = Math.Max(change, Math.Abs(f[k] - before[k]));
            }
            converged = change < options.Tolerance;
            if (b.Concat(c).Concat(f).Any(v => Math.Abs(v) > DivergenceLimit))
            {
                // Perfectly ordered (Guttman) data: the likelihood keeps rising as measures spread, so
                // no finite estimate exists. Stop rather than iterate towards infinity.
                return Refuse(RefusalReason.NotConverged,
                    $"等级评分呈完全有序的模式（每个单位的等级都能由评分人和单位完全排定），极大似然估计不存在，估计值超过±{DivergenceLimit}logit后停止。" +
                    "请增加评分或合并等级，或改用加性模型。", connectivity);
            }
        }
        if (!converged)
        {
            return Refuse(RefusalReason.NotConverged, $"等级模型（Rasch）在{options.MaxIterations}轮内未收敛。", connectivity);
        }
        Cumulate(f, cumF);

        // Extreme elements, one at a time, with the others fixed.
        var unitKnown = (bool[])unitActive.Clone();
        for (var u = 0; u < unitCount; u++)
        {
            if (!unitActive[u])
            {
                var obs = Enumerable.Range(0, n).Where(i => us[i] == u && raterActive[rs[i]]).ToArray();
                if (obs.Length > 0)
                {
                    b[u] = SolveExtreme(obs, i => -c[rs[i]], x, m, cumF, p, sign: 1);
                    unitKnown[u] = true;
                }
                else
                {
                    b[u] = double.NaN;
                }
            }
        }
        for (var r = 0; r < raterCount; r++)
        {
            if (!raterActive[r])
            {
                var obs = Enumerable.Range(0, n).Where(i => rs[i] == r && unitKnown[us[i]]).ToArray();
                c[r] = obs.Length > 0 ? -SolveExtreme(obs, i => b[us[i]], x, m, cumF, p, sign: 1) : double.NaN;
            }
        }

        // Standard errors and fit, over the observations each element was estimated from.
        var unitInfo = new double[unitCount];
        var unitSq = new double[unitCount];
        var unitZ2 = new double[unitCount];
        var unitN = new int[unitCount];
        var unitSum = new double[unitCount];
        var raterInfo = new double[raterCount];
        var raterSq = new double[raterCount];
        var raterZ2 = new double[raterCount];
        var raterN = new int[raterCount];
        var raterSum = new double[raterCount];
        var thresholdInfo = new double[m + 1];
        for (var i = 0; i < n; i++)
        {
            int u = us[i], r = rs[i];
            unitN[u]++;
            raterN[r]++;
            unitSum[u] += x[i];
            raterSum[r] += x[i];
            if (double.IsNaN(b[u]) || double.IsNaN(c[r]))
            {
                continue;
            }
            var e = Categories(b[u] - c[r], cumF, p, out var v, cumulative: true);
            var sq = (x[i] - e) * (x[i] - e);
            var useForUnit = raterActive[r];
            var useForRater = raterActive[r] ? unitActive[u] : unitKnown[u];
            if (useForUnit)
            {
                unitInfo[u] += v;
                unitSq[u] += sq;
                unitZ2[u] += sq / v;
            }
            if (useForRater)
            {
                raterInfo[r] += v;
                raterSq[r] += sq;
                raterZ2[r] += sq / v;
            }
            if (unitActive[u] && raterActive[r])
            {
                var atLeast = 0.0;
                for (var k = m; k >= 1; k--)
                {
                    atLeast += p[k];
                    thresholdInfo[k] += atLeast * (1 - atLeast);
                }
            }
        }
        var unitsOut = new RaschUnitMeasure[unitCount];
        for (var u = 0; u < unitCount; u++)
        {
            var fit = unitActive[u];
            unitsOut[u] = new RaschUnitMeasure(
                ratings.Units[u], unitN[u], unitSum[u] / unitN[u], b[u], 1 / Math.Sqrt(unitInfo[u]),
                fit ? unitSq[u] / unitInfo[u] : double.NaN,
                fit ? unitZ2[u] / CountUsed(u, us, rs, raterActive) : double.NaN,
                double.IsNaN(b[u]) ? double.NaN : Categories(b[u], cumF, p, out _, cumulative: true),
                !unitActive[u]);
        }
        var ratersOut = new RaschRaterMeasure[raterCount];
        for (var r = 0; r < raterCount; r++)
        {
            var fit = raterActive[r];
            ratersOut[r] = new RaschRaterMeasure(
                ratings.Raters[r], raterN[r], raterSum[r] / raterN[r], c[r], 1 / Math.Sqrt(raterInfo[r]),
                fit ? raterSq[r] / raterInfo[r] : double.NaN,
                fit ? raterZ2[r] / CountUsed(r, rs, us, unitActive) : double.NaN,
                !raterActive[r]);
        }
        var thresholdErrors = Enumerable.Range(1, m).Select(k => 1 / Math.Sqrt(thresholdInfo[k])).ToArray();
        return CalibrationOutcome<RaschCalibration>.Calibrated(new RaschCalibration(m, f, thresholdErrors, unitsOut, ratersOut, iterations, connectivity));
    }

    /// <summary>Starting values from <paramref name="start"/>, by name; anything it does not know starts at zero.</summary>
    private static void WarmStart(RaschCalibration start, RatingSet ratings, int m, double[] b, double[] c, double[] f)
    {
        var units = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var unit in start.Units.Where(u => double.IsFinite(u.Measure)))
        {
            units[unit.Unit] = unit.Measure;
        }
        var raters = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var rater in start.Raters.Where(r => double.IsFinite(r.Severity)))
        {
            raters[rater.Rater] = rater.Severity;
        }
        for (var u = 0; u < b.Length; u++)
        {
            b[u] = units.GetValueOrDefault(ratings.Units[u]);
        }
        for (var r = 0; r < c.Length; r++)
        {
            // A replicate's "name#2" (or "name#2#") is a second draw of "name".
            var name = ratings.Raters[r];
            while (!raters.ContainsKey(name) && name.LastIndexOf('#') is > 0 and var cut)
            {
                name = name[..cut];
            }
            c[r] = raters.GetValueOrDefault(name);
        }
        if (start.MaximumCategory == m)
        {
            start.thresholds.CopyTo(f, 0);
        }
    }

    private static CalibrationOutcome<RaschCalibration> Refuse(RefusalReason reason, string message, DesignConnectivity? connectivity = null) =>
        CalibrationOutcome<RaschCalibration>.Refused(new CalibrationRefusal(reason, message, connectivity));

    /// <summary>Observations of element <paramref name="element"/> (in <paramref name="own"/>) whose other element is active.</summary>
    private static int CountUsed(int element, int[] own, int[] other, bool[] otherActive)
    {
        var count = 0;
        for (var i = 0; i < own.Length; i++)
        {
            if (own[i] == element && otherActive[other[i]])
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>Sets aside, repeatedly, units and raters whose raw score is the minimum or maximum possible.</summary>
    private static void SetAsideExtremes(int[] x, int[] us, int[] rs, int m, bool[] unitActive, bool[] raterActive)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            changed |= SetAside(x, us, rs, m, unitActive, raterActive);
            changed |= SetAside(x, rs, us, m, raterActive, unitActive);
        }

        static bool SetAside(int[] x, int[] own, int[] other, int m, bool[] ownActive, bool[] otherActive)
        {
            var sum = new int[ownActive.Length];
            var count = new int[ownActive.Length];
            for (var i = 0; i < x.Length; i++)
            {
                if (ownActive[own[i]] && otherActive[other[i]])
                {
                    sum[own[i]] += x[i];
                    count[own[i]]++;
                }
            }
            var changed = false;
            for (var e = 0; e < ownActive.Length; e++)
            {
                if (ownActive[e] && (count[e] == 0 || sum[e] == 0 || sum[e] == m * count[e]))
                {
                    ownActive[e] = false;
                    changed = true;
                }
            }
            return changed;
        }
    }

    /// <summary>
    /// The measure θ of one element with the others fixed, such that Σ E(θ + offset_i) equals its raw
    /// score moved 0.3 inside the extremes: Newton–Raphson with steps limited to one logit.
    /// </summary>
    private static double SolveExtreme(int[] observations, Func<int, double> offset, int[] x, int m, double[] cumF, double[] p, int sign)
    {
        double observed = observations.Sum(i => x[i]), most = (double)m * observations.Length;
        var target = Math.Clamp(observed, 0.3, most - 0.3);
        var theta = 0.0;
        for (var iteration = 0; iteration < 100; iteration++)
        {
            double expected = 0, information = 0;
            foreach (var i in observations)
            {
                expected += Categories(sign * theta + offset(i), cumF, p, out var v, cumulative: true);
                information += v;
            }
            var step = Math.Clamp((target - expected) / information, -1, 1);
            theta += step;
            if (Math.Abs(step) < 1e-10)
            {
                break;
            }
        }
        return theta;
    }

    /// <summary>ratio[k] = exp(−F_k) for k = 1..m: the factor from category k−1 to k, apart from exp(η).</summary>
    private static void Ratios(double[] f, double[] ratio)
    {
        ratio[0] = 1;
        for (var k = 1; k < ratio.Length; k++)
        {
            ratio[k] = Math.Exp(-f[k - 1]);
        }
    }

    /// <summary>
    /// <see cref="Categories"/> for the estimation's inner loops, with one exponential instead of m + 1:
    /// P_k ∝ P_(k−1) · exp(η) · exp(−F_k). Where exp(m·|η|) could overflow it takes the exact path.
    /// </summary>
    private static double Expect(double eta, double[] ratio, double[] cumF, Span<double> p, out double variance)
    {
        var m = p.Length - 1;
        if (Math.Abs(eta) * m > 600)
        {
            return Categories(eta, cumF, p, out variance, cumulative: true);
        }
        var x = Math.Exp(eta);
        p[0] = 1;
        var total = 1.0;
        for (var k = 1; k <= m; k++)
        {
            p[k] = p[k - 1] * x * ratio[k];
            total += p[k];
        }
        double mean = 0, square = 0;
        for (var k = 0; k <= m; k++)
        {
            p[k] /= total;
            mean += k * p[k];
            square += k * k * p[k];
        }
        variance = square - mean * mean;
        return mean;
    }

    private static void Cumulate(double[] f, double[] cumF)
    {
        cumF[0] = 0;
        for (var k = 1; k < cumF.Length; k++)
        {
            cumF[k] = cumF[k - 1] + f[k - 1];
        }
    }

    /// <summary>Category probabilities at η = B − C into <paramref name="p"/>; returns the expected category and its variance.</summary>
    private static double Categories(double eta, ReadOnlySpan<double> thresholdsOrCumulative, Span<double> p, out double variance, bool cumulative = false)
    {
        var m = p.Length - 1;
        Span<double> cum = stackalloc double[m + 1];
        if (cumulative)
        {
            thresholdsOrCumulative.CopyTo(cum);
        }
        else
        {
            for (var k = 1; k <= m; k++)
            {
                cum[k] = cum[k - 1] + thresholdsOrCumulative[k - 1];
            }
        }
        var max = double.NegativeInfinity;
        for (var k = 0; k <= m; k++)
        {
            p[k] = k * eta - cum[k];
            max = Math.Max(max, p[k]);
        }
        var total = 0.0;
        for (var k = 0; k <= m; k++)
        {
            p[k] = Math.Exp(p[k] - max);
            total += p[k];
        }
        double mean = 0, square = 0;
        for (var k = 0; k <= m; k++)
        {
            p[k] /= total;
            mean += k * p[k];
            square += k * k * p[k];
        }
        variance = square - mean * mean;
        return mean;
    }

    /// <summary>Subtracts the mean of the active raters' severities (per group).</summary>
    private static void Centre(double[] c, bool[] active, int[] group, int groups)
    {
        var sum = new double[groups];
        var count = new int[groups];
        for (var r = 0; r < c.Length; r++)
        {
            if (active[r])
            {
                sum[group[r]] += c[r];
                count[group[r]]++;
            }
        }
        for (var r = 0; r < c.Length; r++)
        {
            if (active[r] && count[group[r]] > 0)
            {
                c[r] -= sum[group[r]] / count[group[r]];
            }
        }
    }
}
