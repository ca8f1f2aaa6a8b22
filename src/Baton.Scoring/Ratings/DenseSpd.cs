namespace Baton.Scoring.Ratings;

/// <summary>Inverse of a small dense symmetric positive-definite matrix by Cholesky factorisation.</summary>
internal static class DenseSpd
{
    /// <summary>Returns A⁻¹ (A is overwritten by its Cholesky factor).</summary>
    public static double[,] Inverse(double[,] a)
    {
        var n = a.GetLength(0);
        // A = L Lᵀ, L stored in the lower triangle.
        for (var j = 0; j < n; j++)
        {
            var d = a[j, j];
            for (var k = 0; k < j; k++)
            {
                d -= a[j, k] * a[j, k];
            }
            if (d <= 0)
            {
                throw new InvalidOperationException("The reduced normal equations are not positive definite.");
            }
            d = Math.Sqrt(d);
            a[j, j] = d;
            for (var i = j + 1; i < n; i++)
            {
                var s = a[i, j];
                for (var k = 0; k < j; k++)
                {
                    s -= a[i, k] * a[j, k];
                }
                a[i, j] = s / d;
            }
        }
        // W = L⁻¹ (lower triangular), then A⁻¹ = Wᵀ W.
        var w = new double[n, n];
        for (var j = 0; j < n; j++)
        {
            w[j, j] = 1.0 / a[j, j];
            for (var i = j + 1; i < n; i++)
            {
                var s = 0.0;
                for (var k = j; k < i; k++)
                {
                    s -= a[i, k] * w[k, j];
                }
                w[i, j] = s / a[i, i];
            }
        }
        var inverse = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var s = 0.0;
                for (var k = i; k < n; k++)
                {
                    s += w[k, i] * w[k, j];
                }
                inverse[i, j] = s;
                inverse[j, i] = s;
            }
        }
        return inverse;
    }
}
