using Baton.Core.Units;
using Baton.Scoring.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Baton.Core.Adjustments;

/// <summary>
/// A bonus (加分), deduction (减分), veto (一票否决) or grade cap (不得评为…) for one unit and year,
/// with its reason and evidence. It counts in the results only once the office approved it, and the
/// approver is never the person who entered it.
/// </summary>
public sealed class AdjustmentEvent : Versioned
{
    public long Id { get; set; }

    public int Year { get; set; }

    public long UnitId { get; set; }

    public AdjustmentKind Kind { get; set; }

    /// <summary>Points added or taken, positive; 0 for veto and cap.</summary>
    public decimal Points { get; set; }

    public required string Reason { get; set; }

    /// <summary>For a grade cap, the best grade the unit can get.</summary>
    public string? MaxGrade { get; set; }

    /// <summary>SHA-256 of the evidence file in the evidence store.</summary>
    public string? EvidenceHash { get; set; }

    public string? EvidenceName { get; set; }

    public required string EnteredBy { get; set; }

    public DateTime EnteredAt { get; set; }

    public string? ApprovedBy { get; set; }

    public DateTime? ApprovedAt { get; set; }

    public bool IsApproved => ApprovedBy is not null;

    public static string KindName(AdjustmentKind kind) => kind switch
    {
        AdjustmentKind.Bonus => "加分",
        AdjustmentKind.Deduction => "减分",
        AdjustmentKind.Veto => "一票否决",
        _ => "等次封顶",
    };
}

internal sealed class AdjustmentEventConfiguration : IEntityTypeConfiguration<AdjustmentEvent>
{
    public void Configure(EntityTypeBuilder<AdjustmentEvent> e)
    {
        e.HasIndex(a => new { a.Year, a.UnitId });
        e.Ignore(a => a.IsApproved);
        e.HasOne<Unit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(a => a.Points).HasPrecision(18, 4);
        e.Property(a => a.Reason).HasMaxLength(500);
        e.Property(a => a.MaxGrade).HasMaxLength(20);
        e.Property(a => a.EvidenceHash).HasMaxLength(64);
        e.Property(a => a.EvidenceName).HasMaxLength(260);
        e.Property(a => a.EnteredBy).HasMaxLength(256);
        e.Property(a => a.ApprovedBy).HasMaxLength(256);
    }
}
