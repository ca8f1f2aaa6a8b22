using System.Numerics;

namespace Baton.Scoring.Tests.Ratings;

/// <summary>An exact rational number, for checking the calibration against exact arithmetic.</summary>
internal readonly record struct Fraction
{
    public Fraction(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException();
        }
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }
        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!gcd.IsZero && !gcd.IsOne)
        {
            numerator /= gcd;
            denominator /= gcd;
        }
        Numerator = numerator;
        Denominator = denominator;
    }

    public BigInteger Numerator { get; }

    public BigInteger Denominator { get; }

    public static Fraction Zero => new(0, 1);

    public static Fraction One => new(1, 1);

    public bool IsZero => Numerator.IsZero;

    public static implicit operator Fraction(int value) => new(value, 1);

    public static Fraction operator +(Fraction a, Fraction b) => new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Fraction operator -(Fraction a, Fraction b) => new(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Fraction operator -(Fraction a) => new(-a.Numerator, a.Denominator);

    public static Fraction operator *(Fraction a, Fraction b) => new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static Fraction operator /(Fraction a, Fraction b) => new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public double ToDouble() => BigInteger.Abs(Numerator).GetBitLength() < 1000 && Denominator.GetBitLength() < 1000
        ? (double)Numerator / (double)Denominator
        : Math.Exp(BigInteger.Log(BigInteger.Abs(Numerator)) - BigInteger.Log(Denominator)) * Numerator.Sign;
}

/// <summary>
/// The additive model solved independently of Baton.Scoring: the bordered normal equations
/// [[XᵀX, Cᵀ], [C, 0]] (constraints: unit effects sum to zero, rater effects sum to zero within each
/// listed rater group) inverted by Gauss–Jordan elimination in exact rational arithmetic. The top-left
/// block G of the inverse gives θ = G Xᵀy and Cov(θ) = σ² G.
/// </summary>
internal sealed class ExactLeastSquares
{
    public ExactLeastSquares(int units, int raters, IReadOnlyList<(int Rater, int Unit, int Score)> ratings, int[]? raterGroup = null)
    {
        raterGroup ??= new int[raters];
        var groups = raterGroup.Max() + 1;
        var p = 1 + units + raters;
        var size = p + 1 + groups;
        var m = new Fraction[size, size];
        var rhs = new Fraction[p];
        for (var i = 0; i < size; i++)
        {
            for (var j = 0; j < size; j++)
            {
                m[i, j] = Fraction.Zero;
            }
        }
        for (var i = 0; i < p; i++)
        {
            rhs[i] = Fraction.Zero;
        }
        foreach (var (r, u, y) in ratings)
        {
            int[] columns = [0, 1 + u, 1 + units + r];
            foreach (var a in columns)
            {
                rhs[a] += y;
                foreach (var b in columns)
                {
                    m[a, b] += 1;
                }
            }
        }
        for (var u = 0; u < units; u++)
        {
            m[p, 1 + u] = 1;
            m[1 + u, p] = 1;
        }
        for (var r = 0; r < raters; r++)
        {
            m[p + 1 + raterGroup[r], 1 + units + r] = 1;
            m[1 + units + r, p + 1 + raterGroup[r]] = 1;
        }
        var inverse = Invert(m);
        var theta = new Fraction[p];
        for (var i = 0; i < p; i++)
        {
            theta[i] = Fraction.Zero;
            for (var j = 0; j < p; j++)
            {
                theta[i] += inverse[i, j] * rhs[j];
            }
        }
        var sse = Fraction.Zero;
        foreach (var (r, u, y) in ratings)
        {
            var e = (Fraction)y - theta[0] - theta[1 + u] - theta[1 + units + r];
            sse += e * e;
        }
        var rank = units + raters - groups;
        ResidualVariance = sse / (ratings.Count - rank);
        GrandMean = theta[0];
        UnitEffects = [.. Enumerable.Range(0, units).Select(u => theta[1 + u])];
        RaterEffects = [.. Enumerable.Range(0, raters).Select(r => theta[1 + units + r])];
        UnitVariances = [.. Enumerable.Range(0, units).Select(u => ResidualVariance * inverse[1 + u, 1 + u])];
        RaterVariances = [.. Enumerable.Range(0, raters).Select(r => ResidualVariance * inverse[1 + units + r, 1 + units + r])];
    }

    public Fraction GrandMean { get; }

    public Fraction ResidualVariance { get; }

    public Fraction[] UnitEffects { get; }

    public Fraction[] RaterEffects { get; }

    /// <summary>Squared standard errors of the unit effects.</summary>
    public Fraction[] UnitVariances { get; }

    public Fraction[] RaterVariances { get; }

    private static Fraction[,] Invert(Fraction[,] a)
    {
        var n = a.GetLength(0);
        var m = (Fraction[,])a.Clone();
        var inv = new Fraction[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                inv[i, j] = i == j ? Fraction.One : Fraction.Zero;
            }
        }
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            while (m[pivot, col].IsZero)
            {
                pivot++;
            }
            if (pivot != col)
            {
                for (var j = 0; j < n; j++)
                {
                    (m[col, j], m[pivot, j]) = (m[pivot, j], m[col, j]);
                    (inv[col, j], inv[pivot, j]) = (inv[pivot, j], inv[col, j]);
                }
            }
            var d = m[col, col];
            for (var j = 0; j < n; j++)
            {
                m[col, j] /= d;
                inv[col, j] /= d;
            }
            for (var i = 0; i < n; i++)
            {
                if (i == col || m[i, col].IsZero)
                {
                    continue;
                }
                var f = m[i, col];
                for (var j = 0; j < n; j++)
                {
                    m[i, j] -= f * m[col, j];
                    inv[i, j] -= f * inv[col, j];
                }
            }
        }
        return inv;
    }
}
