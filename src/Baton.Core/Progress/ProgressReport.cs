using Baton.Core.Indicators;
using Baton.Core.Targets;
using Baton.Core.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Baton.Core.Progress;

/// <summary>
/// A unit's monthly progress report (日常考核，进度填报) on one target: the cumulative value reached by the end of
/// <see cref="Month"/>, what was done, and its evidence. It goes reporter (<see cref="ReportStatus.Entered"/>) → unit
/// head (<see cref="ReportStatus.SignedOff"/>) → the indicator's lead unit or the office (<see cref="ReportStatus.Approved"/>,
/// or <see cref="ReportStatus.Returned"/> with a comment, after which the reporter corrects and submits again).
/// Only approved reports feed time-progress scoring and warnings.
/// </summary>
public sealed class ProgressReport : Versioned
{
    public long Id { get; set; }

    public int Year { get; set; }

    public long TargetId { get; set; }

    /// <summary>The target's unit, kept here so that a unit's month is one indexed read.</summary>
    public long UnitId { get; set; }

    /// <summary>The target's indicator, kept here so that a lead unit's review queue is one indexed read.</summary>
    public long IndicatorId { get; set; }

    /// <summary>1 (January) to 12.</summary>
    public int Month { get; set; }

    /// <summary>Cumulative value reached by the end of the month (累计完成值), in the indicator's unit of measure.</summary>
    public decimal Value { get; set; }

    /// <summary>What was done this month (工作进展).</summary>
    public string? Narrative { get; set; }

    /// <summary>Why the cumulative value is lower than the month before's (必须说明), when it is.</summary>
    public string? Explanation { get; set; }

    public ReportStatus Status { get; set; }

    public string? SubmittedBy { get; set; }

    /// <summary>When the reporter last submitted.</summary>
    public DateTime? SubmittedAt { get; set; }

    /// <summary>When the reporter first submitted: a report first submitted after the month's deadline is late.</summary>
    public DateTime? FirstSubmittedAt { get; set; }

    public string? SignedOffBy { get; set; }

    public DateTime? SignedOffAt { get; set; }

    public string? ReviewedBy { get; set; }

    public DateTime? ReviewedAt { get; set; }

    /// <summary>The reviewer's comment when the report was returned (退回意见); kept after resubmission until the next review.</summary>
    public string? ReturnComment { get; set; }
}

/// <summary>One evidence file (<see cref="Adjustments.EvidenceFile"/>, by content hash) attached to a progress report.</summary>
public sealed class ProgressEvidence
{
    public long Id { get; set; }

    public long ReportId { get; set; }

    public required string Hash { get; set; }
}

/// <summary>A year's progress-reporting settings: the day of the following month by which a month's report is due (default the 5th).</summary>
public sealed class ProgressSettings : Versioned
{
    public const int DefaultDueDay = 5;

    public long Id { get; set; }

    public int Year { get; set; }

    /// <summary>Day of the following month, 1 to 28, by the end of which (Beijing time) the month's report is due.</summary>
    public int DueDay { get; set; } = DefaultDueDay;
}

internal sealed class ProgressReportConfiguration : IEntityTypeConfiguration<ProgressReport>
{
    public void Configure(EntityTypeBuilder<ProgressReport> e)
    {
        // Target + month is the report's natural key and the read of approved cumulative values by month.
        e.HasIndex(r => new { r.TargetId, r.Month }).IsUnique();
        e.HasIndex(r => new { r.Year, r.UnitId, r.Month });
        e.HasIndex(r => new { r.Year, r.IndicatorId, r.Status });
        e.HasOne<Target>().WithMany().HasForeignKey(r => r.TargetId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Indicator>().WithMany().HasForeignKey(r => r.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        e.Property(r => r.Value).HasPrecision(20, 6);
        e.Property(r => r.Narrative).HasMaxLength(2000);
        e.Property(r => r.Explanation).HasMaxLength(1000);
        e.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(r => r.SubmittedBy).HasMaxLength(256);
        e.Property(r => r.SignedOffBy).HasMaxLength(256);
        e.Property(r => r.ReviewedBy).HasMaxLength(256);
        e.Property(r => r.ReturnComment).HasMaxLength(500);
    }
}

internal sealed class ProgressEvidenceConfiguration : IEntityTypeConfiguration<ProgressEvidence>
{
    public void Configure(EntityTypeBuilder<ProgressEvidence> e)
    {
        e.HasIndex(p => new { p.ReportId, p.Hash }).IsUnique();
        e.HasIndex(p => p.Hash);
        e.HasOne<ProgressReport>().WithMany().HasForeignKey(p => p.ReportId).OnDelete(DeleteBehavior.Cascade);
        e.Property(p => p.Hash).HasMaxLength(64);
    }
}

internal sealed class ProgressSettingsConfiguration : IEntityTypeConfiguration<ProgressSettings>
{
    public void Configure(EntityTypeBuilder<ProgressSettings> e)
    {
        e.HasIndex(s => s.Year).IsUnique();
    }
}
