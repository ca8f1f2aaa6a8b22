namespace Baton.Scoring.Ratings;

/// <summary>
/// The additive model's reduced rater system <c>S b = r</c>, <c>S = D_R − Nᵀ D_U⁻¹ N</c>, applied
/// matrix-free (two passes over the ratings per product) and solved by preconditioned conjugate
/// gradients on the subspace where rater effects sum to zero within each group.
/// </summary>
internal sealed class RaterSystem(
    ReadOnlySpan<int> raterOf, ReadOnlySpan<int> unitOf, int[] nR, double[] invNU, double[] diag, int[] raterGroup, int[] groupSize)
{
    private readonly int[] raterOf = raterOf.ToArray();
    private readonly int[] unitOf = unitOf.ToArray();
    private readonly double[] unitTemp = new double[invNU.Length];
    private readonly double[] groupTemp = new double[groupSize.Length];

    /// <summary>Solves into <paramref name="x"/>; returns the iterations used, or −1 when not converged.</summary>
    public int Solve(double[] rhs, double[] x, double tolerance, int maxIterations)
    {
        var count = rhs.Length;
        var residual = (double[])rhs.Clone();
        Project(residual);
        var rhsNorm = Math.Sqrt(Dot(residual, residual));
        Array.Clear(x);
        if (rhsNorm == 0)
        {
            return 0;
        }
        var z = new double[count];
        var p = new double[count];
        var q = new double[count];
        Precondition(residual, z);
        Array.Copy(z, p, count);
        var rz = Dot(residual, z);
        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            Multiply(p, q);
            var alpha = rz / Dot(p, q);
            for (var r = 0; r < count; r++)
            {
                x[r] += alpha * p[r];
                residual[r] -= alpha * q[r];
            }
            if (Math.Sqrt(Dot(residual, residual)) <= tolerance * rhsNorm)
            {
                Project(x);
                return iteration;
            }
            Precondition(residual, z);
            var rzNext = Dot(residual, z);
            var beta = rzNext / rz;
            rz = rzNext;
            for (var r = 0; r < count; r++)
            {
                p[r] = z[r] + beta * p[r];
            }
        }
        return -1;
    }

    /// <summary>q = S p.</summary>
    private void Multiply(double[] p, double[] q)
    {
        Array.Clear(unitTemp);
        var raters = raterOf;
        var units = unitOf;
        for (var i = 0; i < raters.Length; i++)
        {
            unitTemp[units[i]] += p[raters[i]];
        }
        for (var u = 0; u < unitTemp.Length; u++)
        {
            unitTemp[u] *= invNU[u];
        }
        for (var r = 0; r < q.Length; r++)
        {
            q[r] = nR[r] * p[r];
        }
        for (var i = 0; i < raters.Length; i++)
        {
            q[raters[i]] -= unitTemp[units[i]];
        }
    }

    /// <summary>z = P diag(S)⁻¹ P r (r is already projected).</summary>
    private void Precondition(double[] r, double[] z)
    {
        for (var j = 0; j < r.Length; j++)
        {
            z[j] = diag[j] > 1e-12 ? r[j] / diag[j] : 0.0;
        }
        Project(z);
    }

    /// <summary>Subtracts each group's mean, so that effects sum to zero within each group.</summary>
    private void Project(double[] v)
    {
        Array.Clear(groupTemp);
        for (var r = 0; r < v.Length; r++)
        {
            groupTemp[raterGroup[r]] += v[r];
        }
        for (var g = 0; g < groupTemp.Length; g++)
        {
            groupTemp[g] /= groupSize[g];
        }
        for (var r = 0; r < v.Length; r++)
        {
            v[r] -= groupTemp[raterGroup[r]];
        }
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
