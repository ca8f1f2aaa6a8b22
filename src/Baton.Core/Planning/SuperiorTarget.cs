using Baton.Core.Indicators;
using Baton.Core.Units;
using Baton.Scoring.Planning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Baton.Core.Planning;

/// <summary>
/// A target the city set for the county for one year (市考任务): the city's figure and weight, its indicator type,
/// the county leaves it is decomposed through (<see cref="SuperiorTargetLink"/>, at most one per category), the
/// units that carry it (<see cref="SuperiorTargetShare"/>) and how the units' targets must add up to the city's
/// figure (<see cref="Aggregation"/> with the county's own margin, "适度抬高标准").
/// </summary>
public sealed class SuperiorTarget : Versioned
{
    public long Id { get; set; }

    public int Year { get; set; }

    /// <summary>The city's code for the task, unique in the year.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>Unit of measure of the figure (亿元, %, 个).</summary>
    public string? Measure { get; set; }

    /// <summary>The city's figure for the county, as currently agreed with the city (lowered by a negotiation, the earlier figure is in it).</summary>
    public decimal CityValue { get; set; }

    public IndicatorType Type { get; set; }

    /// <summary>The city's weight or points for the task in its appraisal of the county.</summary>
    public decimal? CityPoints { get; set; }

    public Aggregation Aggregation { get; set; }

    /// <summary>The county's margin over (or under) the city's figure, 0.05 = 5%.</summary>
    public decimal Margin { get; set; }

    public string? Note { get; set; }
}

/// <summary>A county leaf indicator a superior target is decomposed through.</summary>
public sealed class SuperiorTargetLink
{
    public long Id { get; set; }

    public long SuperiorTargetId { get; set; }

    public long IndicatorId { get; set; }
}

/// <summary>A unit carrying part of a superior target: the lead unit (牵头单位) or a cooperating unit (配合单位) with its share.</summary>
public sealed class SuperiorTargetShare
{
    public long Id { get; set; }

    public long SuperiorTargetId { get; set; }

    public long UnitId { get; set; }

    public bool IsLead { get; set; }

    /// <summary>Share of the county's figure, 0–1.</summary>
    public decimal Share { get; set; }
}

/// <summary>The county's standing in the city's appraisal for one period of the year (the city's periodic score and rank).</summary>
public sealed class CityStanding : Versioned
{
    public long Id { get; set; }

    public int Year { get; set; }

    /// <summary>The period as the city names it (一季度, 上半年, 1—9月, 全年), unique in the year.</summary>
    public required string Period { get; set; }

    /// <summary>The date the city's figures are as of; orders the series.</summary>
    public DateOnly AsOf { get; set; }

    public decimal? Score { get; set; }

    public int? Rank { get; set; }

    /// <summary>How many counties the city ranked.</summary>
    public int? RankOf { get; set; }

    public string? Note { get; set; }
}

internal sealed class SuperiorTargetConfiguration : IEntityTypeConfiguration<SuperiorTarget>
{
    public void Configure(EntityTypeBuilder<SuperiorTarget> e)
    {
        e.HasIndex(t => new { t.Year, t.Code }).IsUnique();
        e.Property(t => t.Code).HasMaxLength(32);
        e.Property(t => t.Name).HasMaxLength(200);
        e.Property(t => t.Measure).HasMaxLength(20);
        e.Property(t => t.Note).HasMaxLength(500);
        e.Property(t => t.CityValue).HasPrecision(20, 6);
        e.Property(t => t.CityPoints).HasPrecision(18, 4);
        e.Property(t => t.Margin).HasPrecision(9, 6);
        e.Property(t => t.Type).HasConversion<string>().HasMaxLength(16);
        e.Property(t => t.Aggregation).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class SuperiorTargetLinkConfiguration : IEntityTypeConfiguration<SuperiorTargetLink>
{
    public void Configure(EntityTypeBuilder<SuperiorTargetLink> e)
    {
        e.HasIndex(l => new { l.SuperiorTargetId, l.IndicatorId }).IsUnique();
        e.HasIndex(l => l.IndicatorId);
        e.HasOne<SuperiorTarget>().WithMany().HasForeignKey(l => l.SuperiorTargetId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Indicator>().WithMany().HasForeignKey(l => l.IndicatorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SuperiorTargetShareConfiguration : IEntityTypeConfiguration<SuperiorTargetShare>
{
    public void Configure(EntityTypeBuilder<SuperiorTargetShare> e)
    {
        e.HasIndex(s => new { s.SuperiorTargetId, s.UnitId }).IsUnique();
        e.Property(s => s.Share).HasPrecision(9, 6);
        e.HasOne<SuperiorTarget>().WithMany().HasForeignKey(s => s.SuperiorTargetId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Unit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CityStandingConfiguration : IEntityTypeConfiguration<CityStanding>
{
    public void Configure(EntityTypeBuilder<CityStanding> e)
    {
        e.HasIndex(s => new { s.Year, s.Period }).IsUnique();
        e.Property(s => s.Period).HasMaxLength(40);
        e.Property(s => s.Note).HasMaxLength(500);
        e.Property(s => s.Score).HasPrecision(18, 4);
    }
}
