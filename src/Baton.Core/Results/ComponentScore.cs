using Baton.Core.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Baton.Core.Results;

/// <summary>
/// A component score entered by the office by hand (手工录入) until the module that computes it
/// exists (satisfaction, ratings); the results and the trace mark it as such.
/// </summary>
public sealed class ComponentScore : Versioned
{
    public long Id { get; set; }

    public int Year { get; set; }

    public long UnitId { get; set; }

    public required string Code { get; set; }

    public decimal Score { get; set; }

    public decimal FullScore { get; set; } = 100m;

    public required string EnteredBy { get; set; }

    public string? Note { get; set; }
}

internal sealed class ComponentScoreConfiguration : IEntityTypeConfiguration<ComponentScore>
{
    public void Configure(EntityTypeBuilder<ComponentScore> e)
    {
        e.HasIndex(c => new { c.Year, c.UnitId, c.Code }).IsUnique();
        e.HasOne<Unit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(c => c.Code).HasMaxLength(32);
        e.Property(c => c.Score).HasPrecision(18, 4);
        e.Property(c => c.FullScore).HasPrecision(18, 4);
        e.Property(c => c.EnteredBy).HasMaxLength(256);
        e.Property(c => c.Note).HasMaxLength(500);
    }
}
