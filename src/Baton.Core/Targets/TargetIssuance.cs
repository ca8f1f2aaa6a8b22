using Baton.Core.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Baton.Core.Targets;

/// <summary>
/// One unit's targets issued (下达) for a year: from then on they are frozen and change only through an approved
/// <see cref="TargetChangeRequest"/>. The unit's responsibility letter (目标责任书) is written from the targets as
/// they stand; the unit head's confirmation in Baton (签收确认) is recorded here.
/// </summary>
public sealed class TargetIssuance : Versioned
{
    public long Id { get; set; }

    public int Year { get; set; }

    public long UnitId { get; set; }

    public DateTime IssuedAt { get; set; }

    public required string IssuedBy { get; set; }

    /// <summary>The county leader who signs the letter for the county (县领导), when the office named one.</summary>
    public string? CountySignatory { get; set; }

    /// <summary>When the unit head confirmed the letter (签收确认), or null while it is unconfirmed.</summary>
    public DateTime? ConfirmedAt { get; set; }

    public string? ConfirmedBy { get; set; }
}

internal sealed class TargetIssuanceConfiguration : IEntityTypeConfiguration<TargetIssuance>
{
    public void Configure(EntityTypeBuilder<TargetIssuance> e)
    {
        e.HasIndex(i => new { i.Year, i.UnitId }).IsUnique();
        e.HasOne<Unit>().WithMany().HasForeignKey(i => i.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(i => i.IssuedBy).HasMaxLength(256);
        e.Property(i => i.CountySignatory).HasMaxLength(100);
        e.Property(i => i.ConfirmedBy).HasMaxLength(256);
    }
}
