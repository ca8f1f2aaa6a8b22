using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Baton.Core;

/// <summary>A file that was imported, by content hash, so that importing the same file twice changes nothing.</summary>
public sealed class ImportRecord
{
    public long Id { get; set; }

    /// <summary>What was imported, e.g. <c>units</c>.</summary>
    public required string Kind { get; set; }

    public required string FileHash { get; set; }

    public required string FileName { get; set; }

    public required string By { get; set; }

    public DateTime At { get; set; }

    public int Rows { get; set; }
}

internal sealed class ImportRecordConfiguration : IEntityTypeConfiguration<ImportRecord>
{
    public void Configure(EntityTypeBuilder<ImportRecord> builder)
    {
        builder.HasIndex(i => new { i.Kind, i.FileHash }).IsUnique();
        builder.Property(i => i.Kind).HasMaxLength(32);
        builder.Property(i => i.FileHash).HasMaxLength(64);
        builder.Property(i => i.FileName).HasMaxLength(260);
        builder.Property(i => i.By).HasMaxLength(256);
    }
}
