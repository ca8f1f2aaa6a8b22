using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Baton.Core.Years;

/// <summary>What a <see cref="YearWaiver"/> excuses: an item that would otherwise keep the year from leaving 考核进行中.</summary>
public enum WaiverItemKind
{
    /// <summary>A rating round of the year that is still open; the key is the round's id.</summary>
    OpenRound = 1,

    /// <summary>A unit's leaf indicator with no reported or authoritative value; the key is <c>unitId:indicatorId</c>.</summary>
    OutstandingReport = 2,
}

/// <summary>
/// The office's recorded decision that one missing item (an open round, an outstanding report) does not
/// keep the year from moving on to 年终计分, with the reason, who decided and when. Audited like every row.
/// </summary>
public sealed class YearWaiver
{
    public long Id { get; set; }

    public int Year { get; set; }

    public WaiverItemKind ItemKind { get; set; }

    /// <summary>Which item, in the form <see cref="ItemKind"/> documents.</summary>
    public required string ItemKey { get; set; }

    public required string Reason { get; set; }

    public required string By { get; set; }

    public DateTime At { get; set; }
}

internal sealed class YearWaiverConfiguration : IEntityTypeConfiguration<YearWaiver>
{
    public void Configure(EntityTypeBuilder<YearWaiver> e)
    {
        e.HasIndex(w => new { w.Year, w.ItemKind, w.ItemKey }).IsUnique();
        e.Property(w => w.ItemKind).HasConversion<string>().HasMaxLength(24);
        e.Property(w => w.ItemKey).HasMaxLength(64);
        e.Property(w => w.Reason).HasMaxLength(500);
        e.Property(w => w.By).HasMaxLength(256);
    }
}
