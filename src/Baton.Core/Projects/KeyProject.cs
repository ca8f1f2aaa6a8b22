using Baton.Core.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Baton.Core.Projects;

/// <summary>A key project's milestones (节点), in the order a project reaches them.</summary>
public enum MilestoneKind
{
    /// <summary>立项审批.</summary>
    Approval = 0,

    /// <summary>用地.</summary>
    Land = 1,

    /// <summary>开工.</summary>
    Start = 2,

    /// <summary>竣工.</summary>
    Completion = 3,

    /// <summary>投产.</summary>
    Production = 4,
}

/// <summary>Where a bottleneck stands: raised, being worked on, resolved.</summary>
public enum BottleneckStatus
{
    /// <summary>待协调.</summary>
    Open = 0,

    /// <summary>协调中.</summary>
    InProgress = 1,

    /// <summary>已解决.</summary>
    Resolved = 2,
}

/// <summary>
/// A key project (重点项目) of one year: its owner unit (责任单位) and cooperating units (配合单位) with their
/// shares of credit and blame (summing to 100%), the year's planned investment and its cumulative month plan,
/// milestones with planned and actual dates, monthly investment completed with evidence, and the bottlenecks
/// (制约项目落地的突出问题) worked through one by one. Amounts are in 万元.
/// </summary>
public sealed class KeyProject : Versioned
{
    public long Id { get; set; }

    public int Year { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public long OwnerUnitId { get; set; }

    /// <summary>The owner unit's share of credit and blame, percent; with the cooperating units' shares it sums to 100.</summary>
    public decimal OwnerShare { get; set; }

    /// <summary>The year's planned investment, 万元.</summary>
    public decimal PlannedInvestment { get; set; }

    /// <summary>Cumulative planned investment per month, "a;b;c…" in invariant form, 12 months, January first.</summary>
    public required string MonthlyPlan { get; set; }

    public List<ProjectUnit> Cooperating { get; set; } = [];

    public List<ProjectMilestone> Milestones { get; set; } = [];

    public List<ProjectInvestment> Investments { get; set; } = [];

    public List<ProjectBottleneck> Bottlenecks { get; set; } = [];

    public static string MilestoneName(MilestoneKind kind) => kind switch
    {
        MilestoneKind.Approval => "立项审批",
        MilestoneKind.Land => "用地",
        MilestoneKind.Start => "开工",
        MilestoneKind.Completion => "竣工",
        _ => "投产",
    };

    public static string StatusName(BottleneckStatus status) => status switch
    {
        BottleneckStatus.Open => "待协调",
        BottleneckStatus.InProgress => "协调中",
        _ => "已解决",
    };
}

/// <summary>A cooperating unit (配合单位) of a key project and its share of credit and blame, percent.</summary>
public sealed class ProjectUnit : Versioned
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    public long UnitId { get; set; }

    public decimal Share { get; set; }
}

/// <summary>A milestone of a key project: planned date, and the actual date once reached.</summary>
public sealed class ProjectMilestone : Versioned
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    public MilestoneKind Kind { get; set; }

    public DateOnly? PlannedOn { get; set; }

    public DateOnly? ActualOn { get; set; }
}

/// <summary>The investment completed in one month (not cumulative), 万元, with its evidence.</summary>
public sealed class ProjectInvestment : Versioned
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    public int Month { get; set; }

    public decimal Amount { get; set; }

    public string? Note { get; set; }

    /// <summary>SHA-256 of the evidence file in the evidence store.</summary>
    public string? EvidenceHash { get; set; }

    public string? EvidenceName { get; set; }

    public required string EnteredBy { get; set; }

    public DateTime EnteredAt { get; set; }
}

/// <summary>A bottleneck (制约项目落地的突出问题) worked through to closure: raised, owned, progressed, resolved with a note.</summary>
public sealed class ProjectBottleneck : Versioned
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    public required string Description { get; set; }

    /// <summary>Who works on it (a person or unit, as the office names it).</summary>
    public required string Owner { get; set; }

    public DateOnly RaisedOn { get; set; }

    public required string RaisedBy { get; set; }

    public BottleneckStatus Status { get; set; }

    /// <summary>The latest progress (进展情况).</summary>
    public string? Progress { get; set; }

    public DateOnly? ResolvedOn { get; set; }

    public string? ResolutionNote { get; set; }
}

internal sealed class KeyProjectConfiguration : IEntityTypeConfiguration<KeyProject>
{
    public void Configure(EntityTypeBuilder<KeyProject> e)
    {
        e.HasIndex(p => new { p.Year, p.Code }).IsUnique();
        e.HasIndex(p => p.OwnerUnitId);
        e.HasOne<Unit>().WithMany().HasForeignKey(p => p.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(p => p.Code).HasMaxLength(40);
        e.Property(p => p.Name).HasMaxLength(200);
        e.Property(p => p.OwnerShare).HasPrecision(9, 4);
        e.Property(p => p.PlannedInvestment).HasPrecision(20, 4);
        e.Property(p => p.MonthlyPlan).HasMaxLength(400);
        e.HasMany(p => p.Cooperating).WithOne().HasForeignKey(u => u.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(p => p.Milestones).WithOne().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(p => p.Investments).WithOne().HasForeignKey(i => i.ProjectId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(p => p.Bottlenecks).WithOne().HasForeignKey(b => b.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProjectUnitConfiguration : IEntityTypeConfiguration<ProjectUnit>
{
    public void Configure(EntityTypeBuilder<ProjectUnit> e)
    {
        e.HasIndex(u => new { u.ProjectId, u.UnitId }).IsUnique();
        e.HasOne<Unit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(u => u.Share).HasPrecision(9, 4);
    }
}

internal sealed class ProjectMilestoneConfiguration : IEntityTypeConfiguration<ProjectMilestone>
{
    public void Configure(EntityTypeBuilder<ProjectMilestone> e)
    {
        e.HasIndex(m => new { m.ProjectId, m.Kind }).IsUnique();
        e.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class ProjectInvestmentConfiguration : IEntityTypeConfiguration<ProjectInvestment>
{
    public void Configure(EntityTypeBuilder<ProjectInvestment> e)
    {
        e.HasIndex(i => new { i.ProjectId, i.Month }).IsUnique();
        e.Property(i => i.Amount).HasPrecision(20, 4);
        e.Property(i => i.Note).HasMaxLength(500);
        e.Property(i => i.EvidenceHash).HasMaxLength(64);
        e.Property(i => i.EvidenceName).HasMaxLength(260);
        e.Property(i => i.EnteredBy).HasMaxLength(256);
    }
}

internal sealed class ProjectBottleneckConfiguration : IEntityTypeConfiguration<ProjectBottleneck>
{
    public void Configure(EntityTypeBuilder<ProjectBottleneck> e)
    {
        e.HasIndex(b => b.ProjectId);
        e.Property(b => b.Description).HasMaxLength(500);
        e.Property(b => b.Owner).HasMaxLength(100);
        e.Property(b => b.RaisedBy).HasMaxLength(256);
        e.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(b => b.Progress).HasMaxLength(500);
        e.Property(b => b.ResolutionNote).HasMaxLength(500);
    }
}
