namespace Baton.Scoring.Ratings;

/// <summary>One unit's result of the additive calibration.</summary>
/// <param name="Unit">The unit.</param>
/// <param name="Count">How many raters rated it.</param>
/// <param name="RawMean">The plain mean of its scores, in points: what it would get without calibration.</param>
/// <param name="Effect">
/// Its unit effect, in points: how far its calibrated score lies above the mean calibrated score of
/// all units. Unit effects sum to zero.
/// </param>
/// <param name="Calibrated">
/// Its calibrated score, in points: grand mean + effect — the score the average rater (rater effect
/// zero) would be expected to give it.
/// </param>
/// <param name="StandardError">
/// The standard error of <paramref name="Effect"/> (and so of <paramref name="Calibrated"/> relative to
/// the other units), in points; NaN when the design leaves no residual degrees of freedom.
/// </param>
public sealed record UnitEffect(string Unit, int Count, double RawMean, double Effect, double Calibrated, double StandardError);

/// <summary>One rater's result of the additive calibration.</summary>
/// <param name="Rater">The rater.</param>
/// <param name="Count">How many units the rater rated.</param>
/// <param name="RawMean">The plain mean of the rater's scores, in points.</param>
/// <param name="Effect">
/// The rater effect, in points: +3 means this rater scores 3 points above the average rater
/// (lenient), −3 below (severe). Rater effects sum to zero (within each group under
/// <see cref="AnchoringRule.EqualGroupSeverity"/>).
/// </param>
/// <param name="StandardError">The standard error of <paramref name="Effect"/>, in points; NaN without residual degrees of freedom.</param>
/// <param name="ResidualRms">
/// The root mean square of the rater's residuals (score − grand mean − unit effect − rater effect), in
/// points: how far, after allowing for their severity, the rater's scores stray from everyone else's.
/// </param>
/// <param name="MeanSquare">
/// The mean squared residual divided by the residual variance: about 1 for a rater who disagrees with
/// the consensus as much as raters typically do, above 1.5 for a rater who disagrees markedly, near 0
/// for a rater who adds nothing of their own. NaN without residual degrees of freedom.
/// </param>
public sealed record RaterEffect(string Rater, int Count, double RawMean, double Effect, double StandardError, double ResidualRms, double MeanSquare);

/// <summary>How the standard errors of an additive calibration were computed.</summary>
public enum StandardErrorMethod
{
    /// <summary>Exactly, from a dense factorisation of the reduced normal equations.</summary>
    Exact = 0,

    /// <summary>With the diagonal approximation of the rater block described on <see cref="AdditiveCalibration"/>.</summary>
    DiagonalApproximation = 1,
}

/// <summary>
/// The additive calibration of numeric ratings: <c>score = μ + unit effect + rater effect + error</c>,
/// fitted by least squares, with unit effects summing to zero and rater effects summing to zero, for
/// complete and incomplete designs. All numbers are in the points of the rating scale. <see cref="double"/>
/// is the right type: these are statistical estimates, exact to about 1e-12 of a point, and they are
/// rounded by <see cref="Results.Rounding"/> only when stored as a score component.
/// </summary>
/// <remarks>
/// <para><b>Estimation.</b> Unit effects are absorbed (their block of the normal equations is
/// diagonal), leaving the reduced rater system <c>S b = r</c> with
/// <c>S = D_R − Nᵀ D_U⁻¹ N</c> (N the unit-by-rater incidence matrix, D the rating counts) and
/// <c>r_j = Σ over rater j's ratings of (score − unit mean)</c>. It is solved by conjugate gradients
/// with a Jacobi preconditioner on the subspace where rater effects sum to zero (per group under
/// <see cref="AnchoringRule.EqualGroupSeverity"/>), to a relative residual of
/// <see cref="CalibrationOptions.Tolerance"/>. Each iteration costs two passes over the ratings; memory is
/// a few arrays of the number of ratings, raters and units. The unit effects follow as
/// <c>unit mean − mean of its raters' effects</c>, centred.</para>
/// <para><b>Standard errors.</b> The residual variance is σ² = SSE / (N − rank), rank = U + R − G
/// (G groups; G = 1 for a connected design, giving 1 + (U−1) + (R−1)). With <c>c_u</c> the vector
/// giving 1/n_u to each rater of unit u and <c>c̄</c> the average of the <c>c_u</c>, the unit effect's
/// variance is exactly
/// <c>σ² [ (1 − 2/U)/n_u + Σ_v (1/n_v)/U² + (c_u − c̄)ᵀ S⁺ (c_u − c̄) ]</c>
/// (unit means are uncorrelated with the rater effects, whose covariance is σ² S⁺). Up to
/// <see cref="CalibrationOptions.ExactStandardErrorRaterLimit"/> raters, S⁺ is formed exactly (Cholesky of
/// S plus the group projections) — <see cref="StandardErrorMethod.Exact"/>. Above it, S⁺ is replaced by
/// <c>P diag(S)⁻¹ P</c> (P the projection onto effects summing to zero per group), which ignores the
/// correlation between raters who share units — <see cref="StandardErrorMethod.DiagonalApproximation"/>.
/// The approximated term is the rater part of the variance only. How good it is depends on how well
/// the design mixes, which the solver's iteration count measures (both reflect how far
/// <c>diag(S)⁻¹ S</c> is from the identity). Measured against the exact path: raters' units drawn at
/// random, 50 raters per unit (the benchmark's density) — unit standard errors equal to 4 decimals,
/// rater ones within 0.1%, 6 iterations; 15–20 raters per unit — within 0.6%; about 4 raters per
/// unit — within 2.5%, 15 iterations; a chain design where each rater shares units only with
/// neighbours — understated fourfold, 99 iterations. Hence <see cref="StandardErrorsMayBeUnderstated"/>
/// when the approximation is used and the solver needed more than
/// <see cref="SlowMixingIterations"/> iterations; raise the limit to get exact values for such a design.
/// Rater effects' variances are σ² S⁺_jj, exact or approximated the same way.</para>
/// </remarks>
public sealed class AdditiveCalibration
{
    private readonly double[] residuals;

    private AdditiveCalibration(
        double grandMean,
        double sse,
        int rank,
        int degreesOfFreedom,
        UnitEffect[] units,
        RaterEffect[] raters,
        double[] residuals,
        DesignConnectivity connectivity,
        AnchoringRule anchoring,
        StandardErrorMethod method,
        int iterations)
    {
        GrandMean = grandMean;
        SumOfSquaredErrors = sse;
        Rank = rank;
        DegreesOfFreedom = degreesOfFreedom;
        ResidualVariance = degreesOfFreedom > 0 ? sse / degreesOfFreedom : double.NaN;
        Units = units;
        Raters = raters;
        this.residuals = residuals;
        Connectivity = connectivity;
        Anchoring = anchoring;
        StandardErrorMethod = method;
        SolverIterations = iterations;
    }

    /// <summary>μ, in points: the mean of the units' calibrated scores (unit effects sum to zero).</summary>
    public double GrandMean { get; }

    /// <summary>The residual sum of squares, in points².</summary>
    public double SumOfSquaredErrors { get; }

    /// <summary>The rank of the design: U + R − G.</summary>
    public int Rank { get; }

    /// <summary>The residual degrees of freedom: N − rank.</summary>
    public int DegreesOfFreedom { get; }

    /// <summary>σ² = SSE / (N − rank), in points²; NaN when N − rank is zero.</summary>
    public double ResidualVariance { get; }

    /// <summary>The units, in order of first appearance.</summary>
    public IReadOnlyList<UnitEffect> Units { get; }

    /// <summary>The raters, in order of first appearance.</summary>
    public IReadOnlyList<RaterEffect> Raters { get; }

    /// <summary>The residual of each rating, in the order of the <see cref="RatingSet"/>, in points.</summary>
    public IReadOnlyList<double> Residuals => residuals;

    /// <summary>The design's connected groups.</summary>
    public DesignConnectivity Connectivity { get; }

    /// <summary>The anchoring rule that was in force (it matters only when the design is disconnected).</summary>
    public AnchoringRule Anchoring { get; }

    /// <summary>How the standard errors were computed.</summary>
    public StandardErrorMethod StandardErrorMethod { get; }

    /// <summary>Conjugate-gradient iterations used (6 for a well-mixed design; around 100 for a chain of raters).</summary>
    public int SolverIterations { get; }

    /// <summary>
    /// Above this many solver iterations the design mixes slowly and the diagonal approximation of the
    /// standard errors can understate them badly (see remarks).
    /// </summary>
    public const int SlowMixingIterations = 30;

    /// <summary>
    /// True when the standard errors come from the diagonal approximation and the design mixes slowly
    /// (<see cref="SolverIterations"/> above <see cref="SlowMixingIterations"/>): the standard errors may be
    /// far too small; compute them exactly by raising <see cref="CalibrationOptions.ExactStandardErrorRaterLimit"/>.
    /// </summary>
    public bool StandardErrorsMayBeUnderstated => StandardErrorMethod == StandardErrorMethod.DiagonalApproximation && SolverIterations > SlowMixingIterations;

    /// <summary>
    /// Fits the additive model. Refuses a disconnected design unless <paramref name="options"/> chooses
    /// an anchoring rule, and a design whose solver does not converge.
    /// </summary>
    public static CalibrationOutcome<AdditiveCalibration> Fit(RatingSet ratings, CalibrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        options ??= CalibrationOptions.Default;
        if (ratings.Count == 0)
        {
            return CalibrationOutcome<AdditiveCalibration>.Refused(new CalibrationRefusal(RefusalReason.TooFewRatings, "没有评分，无法校准。"));
        }
        var refusal = DesignCheck.Check(ratings, options, out var connectivity);
        if (refusal is not null)
        {
            return CalibrationOutcome<AdditiveCalibration>.Refused(refusal);
        }

        var rs = ratings.RaterIndices;
        var us = ratings.UnitIndices;
        var ys = ratings.Scores;
        int n = ys.Length, unitCount = ratings.Units.Count, raterCount = ratings.Raters.Count, groupCount = connectivity.Groups.Count;
        var raterGroup = connectivity.RaterGroup;
        var unitGroup = connectivity.UnitGroup;

        var nU = new int[unitCount];
        var nR = new int[raterCount];
        var sumU = new double[unitCount];
        var sumR = new double[raterCount];
        for (var i = 0; i < n; i++)
        {
            nU[us[i]]++;
            nR[rs[i]]++;
            sumU[us[i]] += ys[i];
            sumR[rs[i]] += ys[i];
        }
        var unitMean = new double[unitCount];
        var invNU = new double[unitCount];
        for (var u = 0; u < unitCount; u++)
        {
            unitMean[u] = sumU[u] / nU[u];
            invNU[u] = 1.0 / nU[u];
        }
        // Right-hand side and diagonal of the reduced rater system; c̄ for the standard errors.
        var rhs = new double[raterCount];
        var diag = new double[raterCount];
        var cBar = new double[raterCount];
        for (var i = 0; i < n; i++)
        {
            rhs[rs[i]] += ys[i] - unitMean[us[i]];
            cBar[rs[i]] += invNU[us[i]];
        }
        for (var r = 0; r < raterCount; r++)
        {
            diag[r] = nR[r] - cBar[r];
            cBar[r] /= unitCount;
        }
        var groupSize = new int[groupCount];
        var groupUnits = new int[groupCount];
        foreach (var g in raterGroup)
        {
            groupSize[g]++;
        }
        foreach (var g in unitGroup)
        {
            groupUnits[g]++;
        }

        var system = new RaterSystem(rs, us, nR, invNU, diag, raterGroup, groupSize);
        var b = new double[raterCount];
        var iterations = system.Solve(rhs, b, options.Tolerance, options.MaxIterations);
        if (iterations < 0)
        {
            return CalibrationOutcome<AdditiveCalibration>.Refused(new CalibrationRefusal(
                RefusalReason.NotConverged,
                $"评分校准的迭代求解在{options.MaxIterations}次内未收敛，设计的连接可能过于薄弱。",
                connectivity));
        }

        // η_u = unit mean − mean effect of its raters; μ = mean η; unit effect = η − μ.
        var raterSumU = new double[unitCount];
        for (var i = 0; i < n; i++)
        {
            raterSumU[us[i]] += b[rs[i]];
        }
        var eta = new double[unitCount];
        var mu = 0.0;
        for (var u = 0; u < unitCount; u++)
        {
            eta[u] = unitMean[u] - raterSumU[u] * invNU[u];
            mu += eta[u];
        }
        mu /= unitCount;

        var residuals = new double[n];
        var sse = 0.0;
        var sseR = new double[raterCount];
        for (var i = 0; i < n; i++)
        {
            var e = ys[i] - eta[us[i]] - b[rs[i]];
            residuals[i] = e;
            sse += e * e;
            sseR[rs[i]] += e * e;
        }
        var rank = unitCount + raterCount - groupCount;
        var df = n - rank;
        var sigma2 = df > 0 ? sse / df : double.NaN;

        var useExact = raterCount <= options.ExactStandardErrorRaterLimit;
        double[] unitQ, raterQ;
        if (useExact)
        {
            ExactVariances(ratings, nR, invNU, cBar, raterGroup, unitGroup, groupSize, groupUnits, out unitQ, out raterQ);
        }
        else
        {
            ApproximateVariances(ratings, invNU, diag, cBar, raterGroup, unitGroup, groupSize, groupUnits, out unitQ, out raterQ);
        }

        var sumInvNU = invNU.Sum();
        var unitsOut = new UnitEffect[unitCount];
        for (var u = 0; u < unitCount; u++)
        {
            var unitPart = (1.0 - 2.0 / unitCount) * invNU[u] + sumInvNU / ((double)unitCount * unitCount);
            var variance = sigma2 * (unitPart + unitQ[u]);
            unitsOut[u] = new UnitEffect(ratings.Units[u], nU[u], unitMean[u], eta[u] - mu, eta[u], Math.Sqrt(Math.Max(variance, 0)));
        }
        var ratersOut = new RaterEffect[raterCount];
        for (var r = 0; r < raterCount; r++)
        {
            var ms = sseR[r] / nR[r];
            ratersOut[r] = new RaterEffect(
                ratings.Raters[r], nR[r], sumR[r] / nR[r], b[r], Math.Sqrt(Math.Max(sigma2 * raterQ[r], 0)), Math.Sqrt(ms), ms / sigma2);
        }
        return CalibrationOutcome<AdditiveCalibration>.Calibrated(new AdditiveCalibration(
            mu, sse, rank, df, unitsOut, ratersOut, residuals, connectivity, options.Anchoring,
            useExact ? StandardErrorMethod.Exact : StandardErrorMethod.DiagonalApproximation, iterations));
    }

    /// <summary>
    /// (c_u − c̄)ᵀ S⁺ (c_u − c̄) per unit and S⁺_jj per rater, exactly: S⁺ = M⁻¹ − Σ_g 1_g 1_gᵀ / R_g with
    /// M = S + Σ_g 1_g 1_gᵀ / R_g, which is positive definite (each group's null vector gets eigenvalue 1).
    /// </summary>
    private static void ExactVariances(
        RatingSet ratings, int[] nR, double[] invNU, double[] cBar, int[] raterGroup, int[] unitGroup,
        int[] groupSize, int[] groupUnits, out double[] unitQ, out double[] raterQ)
    {
        int raterCount = nR.Length, unitCount = invNU.Length;
        var (start, ratersOfUnit) = UnitAdjacency(ratings);
        var m = new double[raterCount, raterCount];
        for (var r = 0; r < raterCount; r++)
        {
            m[r, r] = nR[r];
        }
        for (var u = 0; u < unitCount; u++)
        {
            for (var a = start[u]; a < start[u + 1]; a++)
            {
                for (var c = start[u]; c < start[u + 1]; c++)
                {
                    m[ratersOfUnit[a], ratersOfUnit[c]] -= invNU[u];
                }
            }
        }
        for (var r = 0; r < raterCount; r++)
        {
            for (var s = 0; s < raterCount; s++)
            {
                if (raterGroup[r] == raterGroup[s])
                {
                    m[r, s] += 1.0 / groupSize[raterGroup[r]];
                }
            }
        }
        var inverse = DenseSpd.Inverse(m);
        var z = new double[raterCount];
        for (var r = 0; r < raterCount; r++)
        {
            var sum = 0.0;
            for (var s = 0; s < raterCount; s++)
            {
                sum += inverse[r, s] * cBar[s];
            }
            z[r] = sum;
        }
        var cBarZ = 0.0;
        for (var r = 0; r < raterCount; r++)
        {
            cBarZ += cBar[r] * z[r];
        }
        unitQ = new double[unitCount];
        for (var u = 0; u < unitCount; u++)
        {
            var quad = 0.0;
            var cross = 0.0;
            for (var a = start[u]; a < start[u + 1]; a++)
            {
                var ra = ratersOfUnit[a];
                cross += z[ra];
                for (var c = start[u]; c < start[u + 1]; c++)
                {
                    quad += inverse[ra, ratersOfUnit[c]];
                }
            }
            var q = quad * invNU[u] * invNU[u] - 2 * cross * invNU[u] + cBarZ;
            // Remove the group projections: (1_gᵀ q)² / R_g with 1_gᵀ(c_u − c̄) = [g = g(u)] − U_g/U.
            for (var g = 0; g < groupSize.Length; g++)
            {
                var t = (g == unitGroup[u] ? 1.0 : 0.0) - (double)groupUnits[g] / unitCount;
                q -= t * t / groupSize[g];
            }
            unitQ[u] = q;
        }
        raterQ = new double[raterCount];
        for (var r = 0; r < raterCount; r++)
        {
            raterQ[r] = inverse[r, r] - 1.0 / groupSize[raterGroup[r]];
        }
    }

    /// <summary>
    /// The same quantities with S⁺ ≈ P diag(S)⁻¹ P, P subtracting group means: O(ratings + groups·units).
    /// A rater alone in a group has diag 0 and projected component 0; it contributes nothing.
    /// </summary>
    private static void ApproximateVariances(
        RatingSet ratings, double[] invNU, double[] diag, double[] cBar, int[] raterGroup, int[] unitGroup,
        int[] groupSize, int[] groupUnits, out double[] unitQ, out double[] raterQ)
    {
        int raterCount = diag.Length, unitCount = invNU.Length, groupCount = groupSize.Length;
        var invD = new double[raterCount];
        for (var r = 0; r < raterCount; r++)
        {
            invD[r] = diag[r] > 1e-12 ? 1.0 / diag[r] : 0.0;
        }
        // Per group: A = Σ c̄²/d, B = Σ c̄/d, C = Σ 1/d, so that Σ_{r∈g} (c̄_r + m)²/d_r = A + 2mB + m²C.
        var sA = new double[groupCount];
        var sB = new double[groupCount];
        var sC = new double[groupCount];
        for (var r = 0; r < raterCount; r++)
        {
            var g = raterGroup[r];
            sA[g] += cBar[r] * cBar[r] * invD[r];
            sB[g] += cBar[r] * invD[r];
            sC[g] += invD[r];
        }
        // q_r = c_u,r − c̄_r; its group mean is m_h = ([h = g(u)] − U_h/U) / R_h.
        var baseTotal = 0.0;
        var baseMean = new double[groupCount];
        for (var g = 0; g < groupCount; g++)
        {
            baseMean[g] = -(double)groupUnits[g] / unitCount / groupSize[g];
            baseTotal += sA[g] + 2 * baseMean[g] * sB[g] + baseMean[g] * baseMean[g] * sC[g];
        }
        var (start, ratersOfUnit) = UnitAdjacency(ratings);
        unitQ = new double[unitCount];
        for (var u = 0; u < unitCount; u++)
        {
            var g = unitGroup[u];
            var m0 = baseMean[g];
            var m = m0 + 1.0 / groupSize[g];
            var total = baseTotal - (sA[g] + 2 * m0 * sB[g] + m0 * m0 * sC[g]) + (sA[g] + 2 * m * sB[g] + m * m * sC[g]);
            for (var a = start[u]; a < start[u + 1]; a++)
            {
                var r = ratersOfUnit[a];
                var outside = cBar[r] + m;
                var inside = invNU[u] - cBar[r] - m;
                total += (inside * inside - outside * outside) * invD[r];
            }
            unitQ[u] = total;
        }
        raterQ = new double[raterCount];
        for (var r = 0; r < raterCount; r++)
        {
            double size = groupSize[raterGroup[r]];
            raterQ[r] = invD[r] * (1 - 2 / size) + sC[raterGroup[r]] / (size * size);
        }
    }

    /// <summary>For each unit, the raters who rated it (compressed rows).</summary>
    private static (int[] Start, int[] Raters) UnitAdjacency(RatingSet ratings)
    {
        var us = ratings.UnitIndices;
        var rs = ratings.RaterIndices;
        var start = new int[ratings.Units.Count + 1];
        foreach (var u in us)
        {
            start[u + 1]++;
        }
        for (var u = 0; u < ratings.Units.Count; u++)
        {
            start[u + 1] += start[u];
        }
        var next = start[..^1];
        var raters = new int[us.Length];
        for (var i = 0; i < us.Length; i++)
        {
            raters[next[us[i]]++] = rs[i];
        }
        return (start, raters);
    }
}
