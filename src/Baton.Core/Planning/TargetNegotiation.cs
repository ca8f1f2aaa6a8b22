using Baton.Core.Indicators;
using Baton.Core.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Baton.Core.Planning;

/// <summary>What a negotiation is about.</summary>
public enum NegotiationKind
{
    /// <summary>The office and a unit on the unit's target for one leaf (征求意见).</summary>
    UnitTarget = 1,

    /// <summary>The county asking the city to lower a superior target (向市里协调).</summary>
    CityTarget = 2,
}

/// <summary>One step of a negotiation; steps are only ever appended.</summary>
public enum NegotiationAction
{
    /// <summary>The office proposes the unit's target (考核办提出).</summary>
    Propose = 1,

    /// <summary>The unit accepts the value on the table (单位同意).</summary>
    Accept = 2,

    /// <summary>The unit objects with a reason, a counter-value and evidence (单位提出异议).</summary>
    Objection = 3,

    /// <summary>The office agrees to the unit's counter-value (考核办同意).</summary>
    Agree = 4,

    /// <summary>The office counters with another value and a reason (考核办再次提出).</summary>
    Counter = 5,

    /// <summary>The office keeps its own value over the objection, with a reason (考核办维持原值).</summary>
    Overrule = 6,

    /// <summary>The county asks the city to lower a superior target (县里申请调整).</summary>
    AskCity = 7,

    /// <summary>The city's reply and the value agreed with it (市里答复).</summary>
    CityReply = 8,
}

/// <summary>
/// A negotiation (征求意见 / 协调) over one value: a unit's target for a leaf, or a superior target the county asks the
/// city to lower. Its steps (<see cref="NegotiationStep"/>) are the whole exchange; <see cref="ClosedAt"/> and
/// <see cref="AgreedValue"/> are set once, when the exchange ends, and the agreed value becomes the target.
/// </summary>
public sealed class TargetNegotiation : Versioned
{
    public long Id { get; set; }

    public int Year { get; set; }

    public NegotiationKind Kind { get; set; }

    public long? UnitId { get; set; }

    public long? IndicatorId { get; set; }

    public long? SuperiorTargetId { get; set; }

    /// <summary>The target before the negotiation (none for a unit without a target yet).</summary>
    public decimal? FromValue { get; set; }

    public decimal? AgreedValue { get; set; }

    public required string OpenedBy { get; set; }

    public DateTime OpenedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    /// <summary>The steps, when loaded or being added with a new negotiation.</summary>
    public List<NegotiationStep> Steps { get; set; } = [];

    public bool IsOpen => ClosedAt is null;

    public static string ActionName(NegotiationAction action) => action switch
    {
        NegotiationAction.Propose => "考核办提出",
        NegotiationAction.Accept => "单位同意",
        NegotiationAction.Objection => "单位提出异议",
        NegotiationAction.Agree => "考核办同意单位意见",
        NegotiationAction.Counter => "考核办再次提出",
        NegotiationAction.Overrule => "考核办维持原值",
        NegotiationAction.AskCity => "申请市里调整",
        NegotiationAction.CityReply => "市里答复",
        _ => action.ToString(),
    };
}

/// <summary>One step of a negotiation: who did what, with which value, reason and evidence.</summary>
public sealed class NegotiationStep
{
    public long Id { get; set; }

    public long NegotiationId { get; set; }

    public NegotiationAction Action { get; set; }

    public decimal? Value { get; set; }

    public string? Reason { get; set; }

    /// <summary>SHA-256 of an evidence file (<see cref="Adjustments.EvidenceFile"/>), when one was attached.</summary>
    public string? EvidenceHash { get; set; }

    public required string By { get; set; }

    public DateTime At { get; set; }
}

internal sealed class TargetNegotiationConfiguration : IEntityTypeConfiguration<TargetNegotiation>
{
    public void Configure(EntityTypeBuilder<TargetNegotiation> e)
    {
        e.HasIndex(n => new { n.Year, n.UnitId });
        e.Property(n => n.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(n => n.FromValue).HasPrecision(20, 6);
        e.Property(n => n.AgreedValue).HasPrecision(20, 6);
        e.Property(n => n.OpenedBy).HasMaxLength(256);
        e.Ignore(n => n.IsOpen);
        e.HasOne<Unit>().WithMany().HasForeignKey(n => n.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Indicator>().WithMany().HasForeignKey(n => n.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<SuperiorTarget>().WithMany().HasForeignKey(n => n.SuperiorTargetId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NegotiationStepConfiguration : IEntityTypeConfiguration<NegotiationStep>
{
    public void Configure(EntityTypeBuilder<NegotiationStep> e)
    {
        e.HasIndex(s => s.NegotiationId);
        e.HasIndex(s => s.EvidenceHash);
        e.Property(s => s.Action).HasConversion<string>().HasMaxLength(16);
        e.Property(s => s.Value).HasPrecision(20, 6);
        e.Property(s => s.Reason).HasMaxLength(1000);
        e.Property(s => s.EvidenceHash).HasMaxLength(64);
        e.Property(s => s.By).HasMaxLength(256);
        e.HasOne<TargetNegotiation>().WithMany(n => n.Steps).HasForeignKey(s => s.NegotiationId).OnDelete(DeleteBehavior.Restrict);
    }
}
