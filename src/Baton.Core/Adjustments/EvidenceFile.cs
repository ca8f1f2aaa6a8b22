using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Baton.Core.Adjustments;

/// <summary>
/// An evidence file (佐证材料) as uploaded: its content hash (the file itself is in the
/// <see cref="EvidenceStore"/>), original name, content type and size. Content is stored once, so the
/// same file uploaded again keeps its first name.
/// </summary>
public sealed class EvidenceFile
{
    public long Id { get; set; }

    /// <summary>SHA-256 of the content, lower-case hex: what adjustments, targets and traces refer to.</summary>
    public required string Hash { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    /// <summary>Size in bytes.</summary>
    public long Size { get; set; }

    public required string UploadedBy { get; set; }

    public DateTime UploadedAt { get; set; }
}

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> e)
    {
        e.HasIndex(f => f.Hash).IsUnique();
        e.Property(f => f.Hash).HasMaxLength(64);
        e.Property(f => f.FileName).HasMaxLength(260);
        e.Property(f => f.ContentType).HasMaxLength(100);
        e.Property(f => f.UploadedBy).HasMaxLength(256);
    }
}
