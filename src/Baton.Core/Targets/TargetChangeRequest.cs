using Baton.Core.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Baton.Core.Targets;

/// <summary>Where a <see cref="TargetChangeRequest"/> stands.</summary>
public enum ChangeDecision
{
    /// <summary>Awaiting the office's decision (待审批).</summary>
    Pending = 0,

    /// <summary>Approved: the target took the proposed value (已批准).</summary>
    Approved = 1,

    /// <summary>Rejected with a reason: the target is unchanged (已驳回).</summary>
    Rejected = 2,
}

/// <summary>
/// A proposal to change an issued target (目标调整申请): the unit or the office proposes a new value with a reason
/// and evidence; the office approves it (the target takes the value in the same transaction) or rejects it with a
/// reason. <see cref="CurrentValue"/> is the target as it stood when proposed, so the history reads as from → to.
/// </summary>
public sealed class TargetChangeRequest : Versioned
{
    public long Id { get; set; }

    public int Year { get; set; }

    public long TargetId { get; set; }

    public long UnitId { get; set; }

    public long IndicatorId { get; set; }

    public decimal? CurrentValue { get; set; }

    public decimal ProposedValue { get; set; }

    public required string Reason { get; set; }

    /// <summary>SHA-256 of the evidence file (<see cref="Adjustments.EvidenceFile"/>), when one was attached.</summary>
    public string? Evidence { get; set; }

    public required string ProposedBy { get; set; }

    public DateTime ProposedAt { get; set; }

    public ChangeDecision Decision { get; set; }

    public string? DecidedBy { get; set; }

    public DateTime? DecidedAt { get; set; }

    /// <summary>The office's reason: required to reject, optional to approve (审批意见).</summary>
    public string? DecisionReason { get; set; }

    public static string DecisionName(ChangeDecision decision) => decision switch
    {
        ChangeDecision.Approved => "已批准",
        ChangeDecision.Rejected => "已驳回",
        _ => "待审批",
    };
}

internal sealed class TargetChangeRequestConfiguration : IEntityTypeConfiguration<TargetChangeRequest>
{
    public void Configure(EntityTypeBuilder<TargetChangeRequest> e)
    {
        e.HasIndex(r => new { r.Year, r.Decision });
        e.HasIndex(r => r.TargetId);
        e.HasOne<Target>().WithMany().HasForeignKey(r => r.TargetId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(r => r.CurrentValue).HasPrecision(20, 6);
        e.Property(r => r.ProposedValue).HasPrecision(20, 6);
        e.Property(r => r.Reason).HasMaxLength(500);
        e.Property(r => r.Evidence).HasMaxLength(64);
        e.Property(r => r.ProposedBy).HasMaxLength(256);
        e.Property(r => r.Decision).HasConversion<string>().HasMaxLength(16);
        e.Property(r => r.DecidedBy).HasMaxLength(256);
        e.Property(r => r.DecisionReason).HasMaxLength(500);
    }
}
