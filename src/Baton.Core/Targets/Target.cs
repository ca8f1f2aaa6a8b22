using Baton.Core.Indicators;
using Baton.Core.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Baton.Core.Targets;

/// <summary>
/// One unit's target (目标值) for one leaf indicator and year, and its year-end actual values: the
/// unit's own report and the authoritative figure (lead unit or statistics bureau). The authoritative
/// figure wins where it exists. Changes are in the audit trail (before/after), which is the history.
/// </summary>
public sealed class Target : Versioned
{
    public long Id { get; set; }

    public int Year { get; set; }

    public long UnitId { get; set; }

    public long IndicatorId { get; set; }

    public decimal? Value { get; set; }

    /// <summary>Cumulative monthly plan for time-progress leaves, "a;b;c…" in invariant form, January first.</summary>
    public string? MonthlyPlan { get; set; }

    /// <summary>Cumulative monthly actual values for time-progress leaves, same form as <see cref="MonthlyPlan"/>; an empty entry is an unreported month.</summary>
    public string? MonthlyActual { get; set; }

    /// <summary>The unit's own reported actual value (单位自报).</summary>
    public decimal? ReportedActual { get; set; }

    /// <summary>The authoritative actual value (牵头部门审核或统计局数据).</summary>
    public decimal? AuthoritativeActual { get; set; }

    /// <summary>Where the authoritative value came from (<see cref="DataSource"/>), when there is one.</summary>
    public DataSource? AuthoritativeSource { get; set; }

    /// <summary>The grade of a qualitative leaf (好, 较好, 一般, 差).</summary>
    public string? Grade { get; set; }

    /// <summary>SHA-256 of the evidence file, when one was attached.</summary>
    public string? Evidence { get; set; }

    /// <summary>Who entered or imported the authoritative value.</summary>
    public string? ApprovedBy { get; set; }

    /// <summary>The value the rules use: authoritative where it exists, else the unit's report.</summary>
    public decimal? Actual => AuthoritativeActual ?? ReportedActual;
}

internal sealed class TargetConfiguration : IEntityTypeConfiguration<Target>
{
    public void Configure(EntityTypeBuilder<Target> e)
    {
        e.HasIndex(t => new { t.IndicatorId, t.UnitId }).IsUnique();
        e.HasIndex(t => new { t.Year, t.UnitId });
        e.Ignore(t => t.Actual);
        e.HasOne<Unit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Indicator>().WithMany().HasForeignKey(t => t.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        e.Property(t => t.Value).HasPrecision(20, 6);
        e.Property(t => t.ReportedActual).HasPrecision(20, 6);
        e.Property(t => t.AuthoritativeActual).HasPrecision(20, 6);
        e.Property(t => t.AuthoritativeSource).HasConversion<string>().HasMaxLength(20);
        e.Property(t => t.MonthlyPlan).HasMaxLength(400);
        e.Property(t => t.MonthlyActual).HasMaxLength(400);
        e.Property(t => t.Grade).HasMaxLength(20);
        e.Property(t => t.Evidence).HasMaxLength(64);
        e.Property(t => t.ApprovedBy).HasMaxLength(256);
    }
}
