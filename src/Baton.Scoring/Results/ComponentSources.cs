using System.Collections.Immutable;

namespace Baton.Scoring.Results;

/// <summary>
/// Where a provided component's value comes from (DESIGN.md §3, the snapshot seam), best first: when two
/// sources give a value for the same unit and component, the better one counts. A module that measures
/// (a calibrated rating round, a survey) beats the office's hand entry, which only stands in until the
/// module exists or where it did not reach the unit.
/// </summary>
public enum ComponentOrigin
{
    /// <summary>A calibrated rating round (two deputies and one member, leaders, peers, assessment teams): rater severity removed.</summary>
    Calibrated = 1,

    /// <summary>A survey campaign's estimate (群众满意度).</summary>
    Surveyed = 2,

    /// <summary>Computed by another module from approved records (e.g. ledger and accountability).</summary>
    Approved = 3,

    /// <summary>Entered by hand by the office (手工录入); always marked as such in the results and the trace.</summary>
    HandEntered = 4,
}

/// <summary>A candidate value of a provided component for one unit, with the source it came from.</summary>
/// <param name="Origin">Which kind of source gave it; decides precedence.</param>
/// <param name="Value">The value as the engine takes it.</param>
public sealed record SourcedComponent(ComponentOrigin Origin, ComponentValue Value);

/// <summary>A weighted component of a unit's category for which no source gave the unit a value.</summary>
/// <param name="UnitId">The unit's code.</param>
/// <param name="UnitName">The unit's name.</param>
/// <param name="CategoryCode">The unit's category.</param>
/// <param name="CategoryName">The category's name.</param>
/// <param name="ComponentCode">The missing component's code.</param>
/// <param name="ComponentName">The missing component's name.</param>
public sealed record MissingComponent(string UnitId, string UnitName, string CategoryCode, string CategoryName, string ComponentCode, string ComponentName);

/// <summary>The precedence between the sources of a unit's provided components: one rule, whatever feature loads them.</summary>
public static class ComponentSources
{
    /// <summary>
    /// One value per component code for one unit: the value of the best <see cref="ComponentOrigin"/>
    /// (<see cref="ComponentOrigin.Calibrated"/> first, <see cref="ComponentOrigin.HandEntered"/> last),
    /// ordered by code. <see cref="ComponentValue.HandEntered"/> is set exactly for hand-entered values,
    /// so the results can never present a hand entry as measured or the reverse. Two candidates of one
    /// code and origin mean a loader merged nothing it should have: that is a bug and throws.
    /// </summary>
    public static ImmutableArray<ComponentValue> Resolve(IEnumerable<SourcedComponent> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var best = new SortedDictionary<string, SourcedComponent>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            var code = candidate.Value.Code;
            if (best.TryGetValue(code, out var current))
            {
                if (current.Origin == candidate.Origin)
                {
                    throw new ArgumentException($"考核构成“{code}”有两个来源相同（{candidate.Origin}）的值。", nameof(candidates));
                }
                if (current.Origin < candidate.Origin)
                {
                    continue;
                }
            }
            best[code] = candidate;
        }
        return [.. best.Values.Select(c => c.Value.HandEntered == (c.Origin == ComponentOrigin.HandEntered)
            ? c.Value
            : c.Value with { HandEntered = c.Origin == ComponentOrigin.HandEntered })];
    }
}
