using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Baton.Core.Audit;

/// <summary>
/// One append-only entry of the audit trail. <see cref="Hash"/> covers every field and
/// <see cref="PreviousHash"/>, so editing or deleting any entry breaks the chain that
/// <c>baton audit verify</c> walks.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    /// <summary>Position in the chain, 1-based, without gaps.</summary>
    public long Sequence { get; set; }

    public DateTime At { get; set; }

    /// <summary>User name of who acted; <c>system</c> for the seeder and CLI without a user.</summary>
    public required string Actor { get; set; }

    /// <summary>What happened, e.g. <c>create</c>, <c>update</c>, <c>login.failed</c>.</summary>
    public required string Action { get; set; }

    public required string EntityType { get; set; }

    public string? EntityId { get; set; }

    /// <summary>JSON of the entity before the change; null for a creation.</summary>
    public string? Before { get; set; }

    /// <summary>JSON of the entity after the change; null for a deletion.</summary>
    public string? After { get; set; }

    /// <summary>Client address for sign-in events.</summary>
    public string? Address { get; set; }

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }
}

/// <summary>
/// The single row that holds the chain's head. Every audited save locks it first, which serialises
/// writers of the chain on both SQLite and PostgreSQL.
/// </summary>
public sealed class AuditHead
{
    public int Id { get; set; }

    public long Sequence { get; set; }

    public required string Hash { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.HasIndex(a => a.Sequence).IsUnique();
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.EntityType, a.EntityId });
        builder.Property(a => a.Actor).HasMaxLength(256);
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.EntityType).HasMaxLength(64);
        builder.Property(a => a.EntityId).HasMaxLength(128);
        builder.Property(a => a.Address).HasMaxLength(64);
        builder.Property(a => a.PreviousHash).HasMaxLength(64);
        builder.Property(a => a.Hash).HasMaxLength(64);
    }
}

internal sealed class AuditHeadConfiguration : IEntityTypeConfiguration<AuditHead>
{
    public void Configure(EntityTypeBuilder<AuditHead> builder)
    {
        builder.ToTable("AuditHead");
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Hash).HasMaxLength(64);
        builder.HasData(new AuditHead { Id = 1, Sequence = 0, Hash = AuditChain.GenesisHash });
    }
}
