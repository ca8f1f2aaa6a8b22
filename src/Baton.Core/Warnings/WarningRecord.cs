using Baton.Scoring.Warnings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Baton.Core.Warnings;

/// <summary>
/// A year's early-warning settings (预警设置): the completion thresholds, how long without an approved report
/// makes a target stale, and how many days the lead unit has to review a report once the unit head confirmed it.
/// A year without a row uses the defaults.
/// </summary>
public sealed class WarningSettings : Versioned
{
    public const int DefaultStaleDays = 45;

    public const int DefaultReviewDays = 5;

    public long Id { get; set; }

    public int Year { get; set; }

    /// <summary>Below this ratio of actual to planned cumulative value a target is yellow (进度滞后).</summary>
    public decimal Yellow { get; set; } = WarningThresholds.DefaultYellow;

    /// <summary>Below this ratio a target is red (严重滞后).</summary>
    public decimal Red { get; set; } = WarningThresholds.DefaultRed;

    public int StaleDays { get; set; } = DefaultStaleDays;

    public int ReviewDays { get; set; } = DefaultReviewDays;
}

/// <summary>
/// One warning in the history: when it first appeared, when it was last seen by a refresh, and when it cleared
/// (null while open). A warning is one target, kind and month; its colour and figures follow the latest refresh.
/// Derived from audited data (targets, plans, reports), so not itself audited: this history is its record.
/// </summary>
public sealed class WarningRecord
{
    public long Id { get; set; }

    public int Year { get; set; }

    public long TargetId { get; set; }

    public long UnitId { get; set; }

    public long IndicatorId { get; set; }

    public WarningKind Kind { get; set; }

    public WarningColour Colour { get; set; }

    public int? Month { get; set; }

    public decimal? Planned { get; set; }

    public decimal? Actual { get; set; }

    public decimal? Ratio { get; set; }

    public decimal? Forecast { get; set; }

    public required string Message { get; set; }

    /// <summary>The months the warning concerns, "1,2,5" (a target's unreported months, or the one month), null for none.</summary>
    public string? Months { get; set; }

    /// <summary>How <see cref="Months"/> stores a warning's months.</summary>
    public static string? StoreMonths(IReadOnlyList<int> months) =>
        months.Count == 0 ? null : string.Join(',', months.Select(m => m.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The months <see cref="StoreMonths"/> stored.</summary>
    public static IReadOnlyList<int> ReadMonths(string? months) =>
        string.IsNullOrEmpty(months) ? [] : [.. months.Split(',').Select(m => int.Parse(m, System.Globalization.CultureInfo.InvariantCulture))];

    public DateTime FirstSeenAt { get; set; }

    public DateTime LastSeenAt { get; set; }

    public DateTime? ClearedAt { get; set; }
}

/// <summary>Who saw a warning on the warnings page, and when first (谁看过).</summary>
public sealed class WarningSighting
{
    public long Id { get; set; }

    public long WarningId { get; set; }

    public required string UserName { get; set; }

    public DateTime SeenAt { get; set; }
}

internal sealed class WarningSettingsConfiguration : IEntityTypeConfiguration<WarningSettings>
{
    public void Configure(EntityTypeBuilder<WarningSettings> builder)
    {
        builder.HasIndex(s => s.Year).IsUnique();
        builder.Property(s => s.Yellow).HasPrecision(6, 4);
        builder.Property(s => s.Red).HasPrecision(6, 4);
    }
}

internal sealed class WarningRecordConfiguration : IEntityTypeConfiguration<WarningRecord>
{
    public void Configure(EntityTypeBuilder<WarningRecord> builder)
    {
        builder.HasIndex(w => new { w.Year, w.ClearedAt, w.UnitId });
        builder.HasIndex(w => new { w.TargetId, w.Kind, w.Month });
        builder.Property(w => w.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(w => w.Colour).HasConversion<string>().HasMaxLength(16);
        builder.Property(w => w.Message).HasMaxLength(500);
        builder.Property(w => w.Months).HasMaxLength(40);
        foreach (var property in new[] { nameof(WarningRecord.Planned), nameof(WarningRecord.Actual), nameof(WarningRecord.Forecast) })
        {
            builder.Property(property).HasPrecision(20, 6);
        }
        builder.Property(w => w.Ratio).HasPrecision(12, 4);
    }
}

internal sealed class WarningSightingConfiguration : IEntityTypeConfiguration<WarningSighting>
{
    public void Configure(EntityTypeBuilder<WarningSighting> builder)
    {
        builder.HasIndex(s => new { s.WarningId, s.UserName }).IsUnique();
        builder.HasOne<WarningRecord>().WithMany().HasForeignKey(s => s.WarningId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.UserName).HasMaxLength(256);
    }
}
