using System.Collections.Immutable;

namespace Baton.Scoring.Progress;

/// <summary>How a unit target's year is spread over the months (时序进度).</summary>
public enum PlanProfile
{
    /// <summary>Even months: the cumulative plan of month m is target × m ÷ 12 (均衡推进).</summary>
    Linear = 0,

    /// <summary>More early: target × (1 − (1 − m ÷ 12)²), so half the year brings three quarters (前快后稳).</summary>
    FrontLoaded = 1,

    /// <summary>More late: target × (m ÷ 12)², so half the year brings a quarter (前稳后快).</summary>
    BackLoaded = 2,

    /// <summary>Twelve cumulative values given by the office (自定义累计值).</summary>
    Custom = 3,
}

/// <summary>A month plan built from a profile: twelve cumulative planned values, January first; or why it cannot be built.</summary>
/// <param name="Months">Cumulative planned value of each month, in the target's unit of measure; empty when <see cref="Problem"/> is set.</param>
/// <param name="Problem">Why the plan was refused (Chinese), or null.</param>
public sealed record MonthPlanResult(ImmutableArray<decimal> Months, string? Problem)
{
    /// <summary>True when the plan was built.</summary>
    public bool Ok => Problem is null;
}

/// <summary>
/// Month plans (月度计划): the cumulative planned value of a unit target for each month of the year. A plan never
/// decreases and its December value equals the year's target, so the last month asks for the whole target.
/// </summary>
public static class MonthlyPlans
{
    /// <summary>Months in a plan.</summary>
    public const int Months = 12;

    /// <summary>
    /// Builds the plan. For the formula profiles each month is rounded half away from zero to <paramref name="decimals"/>
    /// places (December is exact: it is the target). For <see cref="PlanProfile.Custom"/> the twelve cumulative values
    /// are taken as given and checked: none negative, none lower than the month before, December equal to the target.
    /// </summary>
    /// <param name="profile">How the year is spread.</param>
    /// <param name="target">The year's target (cumulative value at December); not negative.</param>
    /// <param name="custom">The twelve cumulative values, for <see cref="PlanProfile.Custom"/> only.</param>
    /// <param name="decimals">Places each month is rounded to, 0 to 6.</param>
    public static MonthPlanResult Build(PlanProfile profile, decimal target, IReadOnlyList<decimal>? custom = null, int decimals = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 6);
        if (target < 0)
        {
            return new([], "目标值不能为负。");
        }
        if (profile == PlanProfile.Custom)
        {
            return Custom(target, custom);
        }
        var months = ImmutableArray.CreateBuilder<decimal>(Months);
        for (var m = 1; m <= Months; m++)
        {
            var share = profile switch
            {
                PlanProfile.Linear => m / 12m,
                PlanProfile.FrontLoaded => m * (24m - m) / 144m,
                PlanProfile.BackLoaded => m * m / 144m,
                _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, null),
            };
            months.Add(m == Months ? target : Math.Round(target * share, decimals, MidpointRounding.AwayFromZero));
        }
        return new(months.MoveToImmutable(), null);
    }

    private static MonthPlanResult Custom(decimal target, IReadOnlyList<decimal>? values)
    {
        if (values is null || values.Count != Months)
        {
            return new([], $"自定义月度计划须填写 12 个月的累计值（现为 {values?.Count ?? 0} 个）。");
        }
        for (var m = 0; m < Months; m++)
        {
            if (values[m] < 0)
            {
                return new([], $"{m + 1} 月的累计计划不能为负。");
            }
            if (m > 0 && values[m] < values[m - 1])
            {
                return new([], $"月度计划是累计值，{m + 1} 月不能小于 {m} 月。");
            }
        }
        if (values[^1] != target)
        {
            return new([], $"12 月的累计计划须等于全年目标值 {target}（现为 {values[^1]}）。");
        }
        return new([.. values], null);
    }
}
