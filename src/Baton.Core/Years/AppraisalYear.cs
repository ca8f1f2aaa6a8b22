using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Baton.Core.Years;

/// <summary>The lifecycle of an appraisal year (DESIGN.md §4), in order.</summary>
public enum YearState
{
    Draft = 0,
    TargetsIssued = 1,
    InProgress = 2,
    Scoring = 3,
    PublicNotice = 4,
    Final = 5,
    Archived = 6,
}

/// <summary>One year's appraisal (考核年度).</summary>
public sealed class AppraisalYear : Versioned
{
    public long Id { get; set; }

    public int Year { get; set; }

    public required string Name { get; set; }

    public YearState State { get; set; }

    /// <summary>The year the office is working on; exactly one year is current.</summary>
    public bool IsCurrent { get; set; }

    public static string StateName(YearState state) => state switch
    {
        YearState.Draft => "草拟指标",
        YearState.TargetsIssued => "目标已下达",
        YearState.InProgress => "考核进行中",
        YearState.Scoring => "年终计分",
        YearState.PublicNotice => "结果公示",
        YearState.Final => "结果已定",
        YearState.Archived => "已归档",
        _ => state.ToString(),
    };
}

/// <summary>An explicit, reasoned change of a year's state.</summary>
public sealed class YearTransition
{
    public long Id { get; set; }

    public long YearId { get; set; }

    public YearState From { get; set; }

    public YearState To { get; set; }

    public required string Reason { get; set; }

    public required string By { get; set; }

    public DateTime At { get; set; }
}

internal sealed class AppraisalYearConfiguration : IEntityTypeConfiguration<AppraisalYear>
{
    public void Configure(EntityTypeBuilder<AppraisalYear> builder)
    {
        builder.HasIndex(y => y.Year).IsUnique();
        builder.Property(y => y.Name).HasMaxLength(100);
        builder.Property(y => y.State).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class YearTransitionConfiguration : IEntityTypeConfiguration<YearTransition>
{
    public void Configure(EntityTypeBuilder<YearTransition> builder)
    {
        builder.HasOne<AppraisalYear>().WithMany().HasForeignKey(t => t.YearId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(t => t.From).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.To).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Reason).HasMaxLength(500);
        builder.Property(t => t.By).HasMaxLength(256);
    }
}
