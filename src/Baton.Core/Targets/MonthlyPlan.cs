using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Baton.Core.Targets;

/// <summary>
/// One month of a unit target's month plan (月度计划，时序进度): the cumulative value planned by the end of
/// <see cref="Month"/>. A target's rows are replaced together, through its <see cref="Target.PlanProfile"/>.
/// </summary>
public sealed class MonthlyPlan
{
    public long Id { get; set; }

    public long TargetId { get; set; }

    /// <summary>Set when the plan is added together with a new target, so that one save stores both.</summary>
    public Target? Target { get; set; }

    /// <summary>1 (January) to 12.</summary>
    public int Month { get; set; }

    /// <summary>Cumulative planned value by the end of the month, in the indicator's unit of measure.</summary>
    public decimal Value { get; set; }
}

internal sealed class MonthlyPlanConfiguration : IEntityTypeConfiguration<MonthlyPlan>
{
    public void Configure(EntityTypeBuilder<MonthlyPlan> e)
    {
        e.HasIndex(p => new { p.TargetId, p.Month }).IsUnique();
        e.HasOne(p => p.Target).WithMany().HasForeignKey(p => p.TargetId).OnDelete(DeleteBehavior.Cascade);
        e.Property(p => p.Value).HasPrecision(20, 6);
    }
}
