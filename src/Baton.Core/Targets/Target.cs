using Baton.Core.Indicators;
using Baton.Core.Units;
using Baton.Scoring.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Baton.Core.Targets;

/// <summary>
/// Where a unit's own report of an actual value stands: the reporter enters it (待确认), the unit head
/// signs it off (待审核), then the lead unit approves it (已审核) or returns it with a reason (已退回).
/// </summary>
public enum ReportStatus
{
    /// <summary>Nothing reported.</summary>
    None = 0,

    /// <summary>Entered by the reporter, awaiting the unit head's sign-off (待确认).</summary>
    Entered = 1,

    /// <summary>Signed off by the unit head, awaiting the lead unit's review (待审核).</summary>
    SignedOff = 2,

    /// <summary>Approved by the lead unit or the office (已审核).</summary>
    Approved = 3,

    /// <summary>Returned by the lead unit or the office with a reason; the reporter corrects it (已退回).</summary>
    Returned = 4,
}

/// <summary>The person a target is assigned to (责任人): a name and post, and the account when they have one.</summary>
public sealed record ResponsiblePerson(string Name, string? Post, string? UserName)
{
    /// <summary>"张三（副镇长）".</summary>
    public override string ToString() => Post is { Length: > 0 } post ? $"{Name}（{post}）" : Name;
}

/// <summary>The actual value scoring counts for a leaf (null: none yet) and, for the trace, where it came from or why it does not count.</summary>
public sealed record CountedActual(decimal? Value, string? Source);

/// <summary>
/// One unit's target (目标值) for one leaf indicator and year, and its year-end actual values: the
/// unit's own report with its sign-off and review, and the authoritative figure (lead unit or
/// statistics bureau). Which of them counts is <see cref="Counted"/>. Changes are in the audit trail
/// (before/after), which is the history.
/// </summary>
public sealed class Target : Versioned
{
    public long Id { get; set; }

    public int Year { get; set; }

    public long UnitId { get; set; }

    public long IndicatorId { get; set; }

    public decimal? Value { get; set; }

    /// <summary>How the month plan (<see cref="Targets.MonthlyPlan"/> rows) was made; null when the target has none.</summary>
    public PlanProfile? PlanProfile { get; set; }

    /// <summary>The responsible person's name (责任人), or null when none is assigned.</summary>
    public string? ResponsibleName { get; set; }

    /// <summary>The responsible person's post (职务).</summary>
    public string? ResponsiblePost { get; set; }

    /// <summary>The responsible person's account (user name), when they have one.</summary>
    public string? ResponsibleUser { get; set; }

    /// <summary>The responsible person, or null.</summary>
    public ResponsiblePerson? Responsible => ResponsibleName is { } name ? new(name, ResponsiblePost, ResponsibleUser) : null;

    /// <summary>The unit's own reported actual value (单位自报).</summary>
    public decimal? ReportedActual { get; set; }

    /// <summary>The authoritative actual value (牵头部门审核或统计局数据).</summary>
    public decimal? AuthoritativeActual { get; set; }

    /// <summary>Where the authoritative value came from (<see cref="DataSource"/>), when there is one.</summary>
    public DataSource? AuthoritativeSource { get; set; }

    /// <summary>The grade of a qualitative leaf (好, 较好, 一般, 差).</summary>
    public string? Grade { get; set; }

    /// <summary>SHA-256 of the evidence file, when one was attached.</summary>
    public string? Evidence { get; set; }

    /// <summary>Who entered or imported the authoritative value, or approved the unit's report.</summary>
    public string? ApprovedBy { get; set; }

    /// <summary>Where the unit's own report stands.</summary>
    public ReportStatus Status { get; set; }

    /// <summary>The unit head who signed the report off (单位负责人确认).</summary>
    public string? SignedOffBy { get; set; }

    /// <summary>Why the lead unit or the office returned the report, while it is <see cref="ReportStatus.Returned"/>.</summary>
    public string? ReturnReason { get; set; }

    public static string StatusName(ReportStatus status) => status switch
    {
        ReportStatus.Entered => "待确认",
        ReportStatus.SignedOff => "待审核",
        ReportStatus.Approved => "已审核",
        ReportStatus.Returned => "已退回",
        _ => "未填报",
    };

    /// <summary>
    /// The actual value scoring counts. The authoritative figure (statistics bureau, lead unit) wins where it
    /// exists. Otherwise the unit's own report counts once it has been checked: after the lead unit's (or the
    /// office's) approval, or — for an indicator whose data source is the unit itself — after the unit head's
    /// sign-off. A report of a statistics-bureau or lead-unit indicator never counts on the unit's word alone.
    /// </summary>
    public static CountedActual Counted(DataSource leafSource, decimal? reported, decimal? authoritative, DataSource? authoritativeSource, ReportStatus status)
    {
        if (authoritative is { } value)
        {
            return new(value, RuleSpec.SourceName(authoritativeSource ?? DataSource.LeadUnit));
        }
        if (reported is not { } own)
        {
            return new(null, null);
        }
        if (status == ReportStatus.Approved)
        {
            return new(own, "单位自报（已审核）");
        }
        if (status == ReportStatus.SignedOff && leafSource == DataSource.SelfReported)
        {
            return new(own, "单位自报（单位负责人已确认）");
        }
        var why = status switch
        {
            ReportStatus.SignedOff => leafSource == DataSource.StatisticsBureau ? "待统计局数据或牵头部门审核" : "待牵头部门审核",
            ReportStatus.Returned => "已被退回，待单位修改",
            _ => "待单位负责人确认",
        };
        return new(null, $"单位自报 {RuleSpec.Num(own)}，{why}，不计分");
    }
}

internal sealed class TargetConfiguration : IEntityTypeConfiguration<Target>
{
    public void Configure(EntityTypeBuilder<Target> e)
    {
        e.HasIndex(t => new { t.IndicatorId, t.UnitId }).IsUnique();
        e.HasIndex(t => new { t.Year, t.UnitId });
        e.HasOne<Unit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Indicator>().WithMany().HasForeignKey(t => t.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        e.Property(t => t.Value).HasPrecision(20, 6);
        e.Property(t => t.ReportedActual).HasPrecision(20, 6);
        e.Property(t => t.AuthoritativeActual).HasPrecision(20, 6);
        e.Property(t => t.AuthoritativeSource).HasConversion<string>().HasMaxLength(20);
        e.Property(t => t.PlanProfile).HasConversion<string>().HasMaxLength(16);
        e.Property(t => t.ResponsibleName).HasMaxLength(50);
        e.Property(t => t.ResponsiblePost).HasMaxLength(100);
        e.Property(t => t.ResponsibleUser).HasMaxLength(256);
        e.Ignore(t => t.Responsible);
        e.Property(t => t.Grade).HasMaxLength(20);
        e.Property(t => t.Evidence).HasMaxLength(64);
        e.Property(t => t.ApprovedBy).HasMaxLength(256);
        // Rows from before the sign-off step start with nothing reported to check.
        e.Property(t => t.Status).HasConversion<string>().HasMaxLength(16).HasDefaultValue(ReportStatus.None);
        e.Property(t => t.SignedOffBy).HasMaxLength(256);
        e.Property(t => t.ReturnReason).HasMaxLength(500);
    }
}
