using Baton.Core.Units;
using Baton.Scoring.Planning;
using Baton.Scoring.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Baton.Core.Indicators;

/// <summary>The leaf rules of DESIGN.md §5.1, as stored; the parameters live in <see cref="Indicator.RuleParameters"/>.</summary>
public enum RuleKind
{
    None = 0,
    CompletionRate = 1,
    Tiers = 2,
    BaseExcess = 3,
    Graded = 4,
    TimeProgress = 5,
    Deduction = 6,
    BonusPerItem = 7,
    Veto = 8,
    GradeCap = 9,
}

/// <summary>Where a leaf's authoritative actual value comes from.</summary>
public enum DataSource
{
    SelfReported = 0,
    StatisticsBureau = 1,
    LeadUnit = 2,

    /// <summary>The investment-attraction ledger (招商引资台账): only ever an authoritative value's source, never a leaf's.</summary>
    InvestmentLedger = 3,
}

/// <summary>
/// A node of a category's indicator tree (指标) for one year: a group, or a leaf with points and a rule.
/// The rule is stored as its kind plus JSON parameters (<see cref="RuleParameters"/>) and mapped to
/// Baton.Scoring's <c>LeafRule</c> by <see cref="RuleSpec"/>.
/// </summary>
public sealed class Indicator : Versioned
{
    public long Id { get; set; }

    public int Year { get; set; }

    public long CategoryId { get; set; }

    public long? ParentId { get; set; }

    /// <summary>Stable code, unique in the category's tree and year (e.g. A1, A1.2).</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public bool IsGroup { get; set; }

    /// <summary>Maximum points (分值) of a leaf; groups add their children's.</summary>
    public decimal Points { get; set; }

    /// <summary>Weight among siblings (0.3 = 30%), or null when the parent adds points.</summary>
    public decimal? Weight { get; set; }

    public RuleKind Rule { get; set; }

    /// <summary>The rule's parameters as JSON (see <see cref="RuleParameters"/>).</summary>
    public string? RuleParameters { get; set; }

    /// <summary>The department that reviews and scores the indicator (牵头考核部门).</summary>
    public long? LeadUnitId { get; set; }

    public DataSource Source { get; set; }

    /// <summary>Unit of measure of targets and actual values (万元, %, 个).</summary>
    public string? Measure { get; set; }

    public bool EvidenceRequired { get; set; }

    /// <summary>Position among siblings.</summary>
    public int Order { get; set; }

    /// <summary>What a leaf measures (总量 / 结构 / 质量效益), or null when not declared.</summary>
    public IndicatorType? Type { get; set; }
}

/// <summary>A category's scoring settings for one year: components, caps, grades with quotas and award coefficients.</summary>
public sealed class CategorySettings : Versioned
{
    public long Id { get; set; }

    public long CategoryId { get; set; }

    public decimal TotalPoints { get; set; } = 100m;

    public decimal? BonusCap { get; set; }

    public decimal? DeductionCap { get; set; }

    public decimal AwardBase { get; set; }

    public TieBreak TieBreak { get; set; }

    public QuotaTieRule QuotaTies { get; set; }

    public string? VetoGrade { get; set; }

    /// <summary>JSON list of <see cref="ComponentSetting"/>.</summary>
    public required string Components { get; set; }

    /// <summary>JSON list of <see cref="GradeSetting"/>, best first.</summary>
    public required string Grades { get; set; }
}

/// <summary>The year's scoring settings: award budget, precision and rule version.</summary>
public sealed class YearSettings : Versioned
{
    public long Id { get; set; }

    public int Year { get; set; }

    /// <summary>The year's target-award budget in yuan (目标奖总额), or null for no limit.</summary>
    public decimal? AwardBudget { get; set; }

    public int Decimals { get; set; } = Rounding.DefaultDecimals;

    public string RuleVersion { get; set; } = "1";
}

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> e)
    {
        e.HasIndex(i => new { i.CategoryId, i.Code }).IsUnique();
        e.HasIndex(i => new { i.Year, i.CategoryId });
        e.Property(i => i.Code).HasMaxLength(32);
        e.Property(i => i.Name).HasMaxLength(200);
        e.Property(i => i.Measure).HasMaxLength(20);
        e.Property(i => i.RuleParameters).HasMaxLength(4000);
        e.Property(i => i.Rule).HasConversion<string>().HasMaxLength(16);
        e.Property(i => i.Source).HasConversion<string>().HasMaxLength(20);
        e.Property(i => i.Points).HasPrecision(18, 4);
        e.Property(i => i.Weight).HasPrecision(18, 6);
        e.Property(i => i.Type).HasConversion<string>().HasMaxLength(16);
        e.HasOne<UnitCategory>().WithMany().HasForeignKey(i => i.CategoryId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Indicator>().WithMany().HasForeignKey(i => i.ParentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Unit>().WithMany().HasForeignKey(i => i.LeadUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CategorySettingsConfiguration : IEntityTypeConfiguration<CategorySettings>
{
    public void Configure(EntityTypeBuilder<CategorySettings> e)
    {
        e.HasIndex(s => s.CategoryId).IsUnique();
        e.HasOne<UnitCategory>().WithMany().HasForeignKey(s => s.CategoryId).OnDelete(DeleteBehavior.Restrict);
        e.Property(s => s.TieBreak).HasConversion<string>().HasMaxLength(24);
        e.Property(s => s.QuotaTies).HasConversion<string>().HasMaxLength(16);
        e.Property(s => s.VetoGrade).HasMaxLength(20);
        e.Property(s => s.Components).HasMaxLength(4000);
        e.Property(s => s.Grades).HasMaxLength(4000);
        e.Property(s => s.TotalPoints).HasPrecision(18, 4);
        e.Property(s => s.BonusCap).HasPrecision(18, 4);
        e.Property(s => s.DeductionCap).HasPrecision(18, 4);
        e.Property(s => s.AwardBase).HasPrecision(18, 2);
    }
}

internal sealed class YearSettingsConfiguration : IEntityTypeConfiguration<YearSettings>
{
    public void Configure(EntityTypeBuilder<YearSettings> e)
    {
        e.HasIndex(s => s.Year).IsUnique();
        e.Property(s => s.AwardBudget).HasPrecision(18, 2);
        e.Property(s => s.RuleVersion).HasMaxLength(32);
    }
}
