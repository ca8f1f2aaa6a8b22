using System.Collections.Immutable;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Baton.Core.Indicators;
using Baton.Scoring.Indicators;
using Baton.Scoring.Results;

namespace Baton.Core.Results;

/// <summary>
/// A year's scoring inputs as plain data: what <see cref="ResultService"/> loads from the database,
/// stores (gzip JSON) in every snapshot, and maps to the engine's <see cref="YearInput"/>. One mapping
/// serves both computing and rebuilding a stored result's trace, so they cannot drift apart.
/// </summary>
public sealed record SnapshotInputs(int Year, decimal? AwardBudget, int Decimals, string RuleVersion, List<CategoryData> Categories, List<UnitData> Units)
{
    private static readonly JsonSerializerOptions s_json = new(RuleSpec.Json) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public byte[] ToGzip()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            JsonSerializer.Serialize(gzip, this, s_json);
        }
        return buffer.ToArray();
    }

    public static SnapshotInputs FromGzip(byte[] data)
    {
        using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<SnapshotInputs>(gzip, s_json)!;
    }

    /// <summary>
    /// Maps to the engine's input. Problems the engine cannot score through (a leaf without a usable
    /// rule, bad settings JSON) come back as Chinese messages; the input is then null.
    /// </summary>
    public (YearInput? Input, IReadOnlyList<string> Problems) ToYearInput()
    {
        var problems = new List<string>();
        var specs = ImmutableArray.CreateBuilder<CategorySpec>(Categories.Count);
        foreach (var category in Categories)
        {
            var children = category.Nodes.Where(n => n.Parent is not null).ToLookup(n => n.Parent!, StringComparer.Ordinal);
            IndicatorNode Build(NodeData node)
            {
                if (node.IsGroup)
                {
                    var kids = children[node.Code].OrderBy(n => n.Order).ThenBy(n => n.Code, StringComparer.Ordinal).Select(Build).ToImmutableArray();
                    return new IndicatorGroup(node.Code, node.Name, kids) { Weight = node.Weight };
                }
                var (parameters, parseError) = RuleSpec.Parse(node.Parameters);
                var (rule, ruleError) = parameters is null ? (null, parseError) : RuleSpec.ToLeafRule(node.Rule, parameters);
                if (rule is null)
                {
                    problems.Add($"考核类别“{category.Name}”的指标“{node.Name}”（{node.Code}）：{ruleError}");
                    rule = new VetoRule();
                }
                return new IndicatorLeaf(node.Code, node.Name, node.Points, rule) { Weight = node.Weight, Unit = node.Measure, LeadUnit = node.LeadUnit };
            }
            var top = category.Nodes.Where(n => n.Parent is null).OrderBy(n => n.Order).ThenBy(n => n.Code, StringComparer.Ordinal).Select(Build).ToImmutableArray();
            var root = new IndicatorGroup("root", category.Name + "指标体系", top);
            specs.Add(new CategorySpec(category.Code, category.Name, root, category.Components, category.Grades)
            {
                TotalPoints = category.TotalPoints,
                BonusCap = category.BonusCap,
                DeductionCap = category.DeductionCap,
                TieBreak = category.TieBreak,
                AwardBase = category.AwardBase,
            });
        }
        var units = ImmutableArray.CreateBuilder<UnitInput>(Units.Count);
        foreach (var unit in Units)
        {
            units.Add(new UnitInput(unit.Code, unit.Name, unit.Category, [.. unit.Values.Select(v => v.ToLeafValue())])
            {
                Components = unit.Components is null ? [] : [.. unit.Components],
                Adjustments = unit.Adjustments is null ? [] : [.. unit.Adjustments],
            });
        }
        if (problems.Count > 0)
        {
            return (null, problems);
        }
        var input = new YearInput(Year.ToString(CultureInfo.InvariantCulture), specs.ToImmutable(), units.ToImmutable())
        {
            AwardBudget = AwardBudget,
            Decimals = Decimals,
            RuleVersion = RuleVersion,
        };
        return (input, problems);
    }
}

public sealed record CategoryData(
    string Code, string Name, decimal TotalPoints, decimal? BonusCap, decimal? DeductionCap, decimal AwardBase, TieBreak TieBreak,
    ImmutableArray<ComponentDefinition> Components, GradePolicy Grades, List<NodeData> Nodes);

public sealed record NodeData(string Code, string Name, string? Parent, bool IsGroup, decimal Points, decimal? Weight, RuleKind Rule, string? Parameters, string? Measure, string? LeadUnit, int Order);

public sealed record UnitData(string Code, string Name, string Category, List<ValueData> Values, List<ComponentValue>? Components, List<Adjustment>? Adjustments);

public sealed record ValueData(string Leaf, decimal? Target, decimal? Actual, string? Grade, string? Plan, string? Monthly, string? Source, string? Evidence, string? Approver)
{
    public LeafValue ToLeafValue() => new(Leaf, Target, Actual)
    {
        Grade = Grade,
        MonthlyPlan = ParsePlan(Plan),
        MonthlyActual = ParseMonthly(Monthly),
        Source = Source,
        Evidence = Evidence,
        Approver = Approver,
    };

    /// <summary>"a;;c" in invariant form → cumulative monthly actuals, an empty entry being an unreported month.</summary>
    public static ImmutableArray<decimal?> ParseMonthly(string? monthly) =>
        string.IsNullOrWhiteSpace(monthly) ? [] : [.. monthly.Split(';').Select(p => p.Trim().Length == 0 ? (decimal?)null : decimal.Parse(p, CultureInfo.InvariantCulture))];

    /// <summary>"a;b;c" in invariant form → cumulative monthly plan; empty for none.</summary>
    public static ImmutableArray<decimal> ParsePlan(string? plan) =>
        string.IsNullOrWhiteSpace(plan) ? [] : [.. plan.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => decimal.Parse(p, CultureInfo.InvariantCulture))];
}
