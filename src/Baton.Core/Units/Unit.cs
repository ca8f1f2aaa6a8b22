using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Baton.Core.Units;

public enum UnitKind
{
    Town = 1,
    Department = 2,
}

/// <summary>A unit under appraisal (被考核单位): a town or a department. Units are retired, never deleted.</summary>
public sealed class Unit : Versioned
{
    public long Id { get; set; }

    /// <summary>Stable natural key used by imports and exports, e.g. <c>T01</c>.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public UnitKind Kind { get; set; }

    public DateTime? RetiredAt { get; set; }

    public string? RetiredReason { get; set; }

    /// <summary>The unit's terms of principal leaders (一把手任职), past and current.</summary>
    public List<UnitLeader> Leaders { get; set; } = [];

    public List<CategoryMembership> Memberships { get; set; } = [];

    public bool IsRetired => RetiredAt is not null;

    public static string KindName(UnitKind kind) => kind == UnitKind.Town ? "镇" : "部门";

    /// <summary>
    /// The one form of a unit code, applied wherever a code enters (imports, the units page, the CLI) before it is
    /// compared or stored: full-width characters as half-width, upper case, every space removed. So <c>Ｘ０６</c> is
    /// <c>X06</c> and <c>t 01</c> is <c>T01</c>.
    /// </summary>
    public static string NormaliseCode(string? code) =>
        code is null ? "" : string.Concat(ImportText.ToHalfWidth(code).Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
}

/// <summary>
/// One term of a person as a unit's principal leader (一把手任职), from <see cref="Since"/> up to the day
/// <see cref="Until"/> (null while current). Results follow the <see cref="Person"/>, across units and years, so
/// past terms are kept; a person holds at most one term at a time.
/// </summary>
public sealed class UnitLeader : Versioned
{
    public long Id { get; set; }

    public long UnitId { get; set; }

    public long PersonId { get; set; }

    public Person? Person { get; set; }

    public required string Post { get; set; }

    public DateOnly Since { get; set; }

    /// <summary>The day the term ended, which is the day the next leader's term began; null while current.</summary>
    public DateOnly? Until { get; set; }

    /// <summary>Whether this term and [<paramref name="since"/>, <paramref name="until"/>) share a day.</summary>
    public bool Overlaps(DateOnly since, DateOnly? until) => (Until is null || Until > since) && (until is null || until > Since);
}

/// <summary>A category of units (考核类别) for one appraisal year; units in it share indicators, weights and quotas.</summary>
public sealed class UnitCategory : Versioned
{
    public long Id { get; set; }

    public int Year { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public UnitKind Kind { get; set; }
}

/// <summary>Which category a unit belongs to in a year.</summary>
public sealed class CategoryMembership
{
    public long Id { get; set; }

    public int Year { get; set; }

    public long UnitId { get; set; }

    public long CategoryId { get; set; }
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> builder)
    {
        builder.HasIndex(u => u.Code).IsUnique();
        builder.Property(u => u.Code).HasMaxLength(32);
        builder.Property(u => u.Name).HasMaxLength(100);
        builder.Property(u => u.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(u => u.RetiredReason).HasMaxLength(500);
        builder.HasMany(u => u.Leaders).WithOne().HasForeignKey(l => l.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class UnitLeaderConfiguration : IEntityTypeConfiguration<UnitLeader>
{
    public void Configure(EntityTypeBuilder<UnitLeader> builder)
    {
        builder.Property(l => l.Post).HasMaxLength(100);
        // A person leads one unit at a time; the service refuses overlapping terms, the index the last word on current ones.
        builder.HasIndex(l => l.PersonId).IsUnique().HasFilter("\"Until\" IS NULL");
    }
}

internal sealed class UnitCategoryConfiguration : IEntityTypeConfiguration<UnitCategory>
{
    public void Configure(EntityTypeBuilder<UnitCategory> builder)
    {
        builder.HasIndex(c => new { c.Year, c.Code }).IsUnique();
        builder.Property(c => c.Code).HasMaxLength(32);
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class CategoryMembershipConfiguration : IEntityTypeConfiguration<CategoryMembership>
{
    public void Configure(EntityTypeBuilder<CategoryMembership> builder)
    {
        builder.HasIndex(m => new { m.Year, m.UnitId }).IsUnique();
        builder.HasOne<Unit>().WithMany(u => u.Memberships).HasForeignKey(m => m.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<UnitCategory>().WithMany().HasForeignKey(m => m.CategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}
