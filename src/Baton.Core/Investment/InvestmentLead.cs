using Baton.Core.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Baton.Core.Investment;

/// <summary>The stages of an attracted project, in order: 洽谈 → 框架协议 → 签约 → 开工 → 投产.</summary>
public enum LeadStage
{
    /// <summary>洽谈.</summary>
    Negotiating = 0,

    /// <summary>框架协议.</summary>
    Framework = 1,

    /// <summary>签约.</summary>
    Contracted = 2,

    /// <summary>开工.</summary>
    Started = 3,

    /// <summary>投产.</summary>
    Producing = 4,
}

/// <summary>What a unit won from higher levels (争取上级资金/政策).</summary>
public enum SuperiorSupportKind
{
    /// <summary>上级资金.</summary>
    Funds = 0,

    /// <summary>上级政策.</summary>
    Policy = 1,
}

/// <summary>
/// An attracted project (招商引资) of one year: the unit that attracted it, the investor's industry and size, the
/// screening notes (选商: industry, size, quality), its stage with the stages' history, the contract amount and the
/// funds in place (到位资金). Amounts are in 万元.
/// </summary>
public sealed class InvestmentLead : Versioned
{
    public long Id { get; set; }

    public int Year { get; set; }

    public required string Name { get; set; }

    /// <summary>The unit that attracted the project.</summary>
    public long UnitId { get; set; }

    public required string Industry { get; set; }

    /// <summary>Planned total investment, 万元 (项目规模).</summary>
    public decimal TotalInvestment { get; set; }

    /// <summary>Screening notes (选商): the investor's industry fit, size and quality.</summary>
    public string? Screening { get; set; }

    public LeadStage Stage { get; set; }

    /// <summary>The signed contract amount, 万元; required from 签约 on.</summary>
    public decimal? ContractAmount { get; set; }

    /// <summary>Funds in place (到位资金), 万元.</summary>
    public decimal FundsInPlace { get; set; }

    public List<LeadStageRecord> Stages { get; set; } = [];

    public static string StageName(LeadStage stage) => stage switch
    {
        LeadStage.Negotiating => "洽谈",
        LeadStage.Framework => "框架协议",
        LeadStage.Contracted => "签约",
        LeadStage.Started => "开工",
        _ => "投产",
    };

    public static string KindName(SuperiorSupportKind kind) => kind == SuperiorSupportKind.Funds ? "上级资金" : "上级政策";
}

/// <summary>A lead reaching a stage: the day, the evidence, and the reason when it went back to an earlier stage.</summary>
public sealed class LeadStageRecord
{
    public long Id { get; set; }

    public long LeadId { get; set; }

    public LeadStage Stage { get; set; }

    public DateOnly ReachedOn { get; set; }

    public string? EvidenceHash { get; set; }

    public string? EvidenceName { get; set; }

    /// <summary>Why the lead went back, when it did; a note otherwise.</summary>
    public string? Note { get; set; }

    public required string EnteredBy { get; set; }

    public DateTime EnteredAt { get; set; }
}

/// <summary>Superior funds or a policy a unit won (争取上级资金/政策) in a year; <see cref="Amount"/> is 0 for a policy without money.</summary>
public sealed class SuperiorSupport : Versioned
{
    public long Id { get; set; }

    public int Year { get; set; }

    public long UnitId { get; set; }

    public SuperiorSupportKind Kind { get; set; }

    public required string Title { get; set; }

    public decimal Amount { get; set; }

    public DateOnly WonOn { get; set; }

    public string? EvidenceHash { get; set; }

    public string? EvidenceName { get; set; }

    public required string EnteredBy { get; set; }

    public DateTime EnteredAt { get; set; }
}

internal sealed class InvestmentLeadConfiguration : IEntityTypeConfiguration<InvestmentLead>
{
    public void Configure(EntityTypeBuilder<InvestmentLead> e)
    {
        e.HasIndex(l => new { l.Year, l.UnitId });
        e.HasOne<Unit>().WithMany().HasForeignKey(l => l.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(l => l.Name).HasMaxLength(200);
        e.Property(l => l.Industry).HasMaxLength(100);
        e.Property(l => l.TotalInvestment).HasPrecision(20, 4);
        e.Property(l => l.Screening).HasMaxLength(500);
        e.Property(l => l.Stage).HasConversion<string>().HasMaxLength(16);
        e.Property(l => l.ContractAmount).HasPrecision(20, 4);
        e.Property(l => l.FundsInPlace).HasPrecision(20, 4);
        e.HasMany(l => l.Stages).WithOne().HasForeignKey(s => s.LeadId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LeadStageRecordConfiguration : IEntityTypeConfiguration<LeadStageRecord>
{
    public void Configure(EntityTypeBuilder<LeadStageRecord> e)
    {
        e.HasIndex(s => s.LeadId);
        e.Property(s => s.Stage).HasConversion<string>().HasMaxLength(16);
        e.Property(s => s.EvidenceHash).HasMaxLength(64);
        e.Property(s => s.EvidenceName).HasMaxLength(260);
        e.Property(s => s.Note).HasMaxLength(500);
        e.Property(s => s.EnteredBy).HasMaxLength(256);
    }
}

internal sealed class SuperiorSupportConfiguration : IEntityTypeConfiguration<SuperiorSupport>
{
    public void Configure(EntityTypeBuilder<SuperiorSupport> e)
    {
        e.HasIndex(s => new { s.Year, s.UnitId });
        e.HasOne<Unit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(s => s.Title).HasMaxLength(200);
        e.Property(s => s.Amount).HasPrecision(20, 4);
        e.Property(s => s.EvidenceHash).HasMaxLength(64);
        e.Property(s => s.EvidenceName).HasMaxLength(260);
        e.Property(s => s.EnteredBy).HasMaxLength(256);
    }
}
