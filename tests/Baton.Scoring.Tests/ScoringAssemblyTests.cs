using Baton.Scoring.Results;

namespace Baton.Scoring.Tests;

public class ScoringAssemblyTests
{
    [Fact]
    public void Scoring_references_only_system_assemblies()
    {
        var references = typeof(Rounding).Assembly.GetReferencedAssemblies();
        Assert.All(references, r => Assert.True(
            r.Name == "System" || r.Name!.StartsWith("System.", StringComparison.Ordinal) || r.Name == "netstandard",
            $"Baton.Scoring must stay pure but references {r.Name}"));
    }

    [Theory]
    [InlineData("2.345", 2, "2.35")]
    [InlineData("-2.345", 2, "-2.35")]
    [InlineData("2.344", 2, "2.34")]
    [InlineData("0.5", 0, "1")]
    public void Rounding_is_half_away_from_zero(string value, int decimals, string expected)
    {
        var actual = Rounding.Round(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), decimals);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), actual);
    }
}
