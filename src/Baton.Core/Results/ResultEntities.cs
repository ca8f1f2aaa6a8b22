using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Baton.Core.Results;

/// <summary>
/// A computed year (DESIGN.md §4): the hashes, the rule version, the canonical results text, every
/// unit's published figures, and the inputs in a form the scoring engine can re-run to rebuild any
/// unit's trace. <see cref="Hash"/> depends only on the inputs and results, so recomputing identical
/// inputs gives the same snapshot.
/// </summary>
public sealed class ResultSnapshot
{
    public long Id { get; set; }

    public int Year { get; set; }

    /// <summary>SHA-256 over the inputs hash and the results hash: the snapshot's identity.</summary>
    public required string Hash { get; set; }

    public required string InputsHash { get; set; }

    public required string ResultHash { get; set; }

    public required string RuleVersion { get; set; }

    public DateTime CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    /// <summary>
    /// Which computation of the year last produced this snapshot (1, 2, …). Recomputing data that went back to an
    /// earlier state finds that earlier snapshot again and makes it the latest, so the pages and the year's
    /// preconditions never show a newer snapshot of data that no longer exist.
    /// </summary>
    public long LastComputation { get; set; }

    public int Units { get; set; }

    /// <summary>Gzip of the inputs as JSON (<see cref="SnapshotInputs"/>), enough to re-run the engine and rebuild each trace.</summary>
    public required byte[] Inputs { get; set; }

    /// <summary>Gzip of the canonical results text (<c>ResultSnapshot.WriteResults</c>), whose hash is <see cref="ResultHash"/>.</summary>
    public required byte[] CanonicalResults { get; set; }
}

/// <summary>One unit's published result in a snapshot: what the ranking shows.</summary>
public sealed class SnapshotUnit
{
    public long Id { get; set; }

    public long SnapshotId { get; set; }

    public long UnitId { get; set; }

    public required string UnitCode { get; set; }

    public required string UnitName { get; set; }

    public required string CategoryCode { get; set; }

    public required string CategoryName { get; set; }

    public int Rank { get; set; }

    public decimal Overall { get; set; }

    public decimal IndicatorScore { get; set; }

    public decimal Bonus { get; set; }

    public decimal Deduction { get; set; }

    public required string Grade { get; set; }

    public bool Vetoed { get; set; }

    public bool Capped { get; set; }

    public decimal Award { get; set; }

    /// <summary>JSON list of the unit's components (code, name, weight, score, hand-entered, missing).</summary>
    public required string Components { get; set; }
}

internal sealed class ResultSnapshotConfiguration : IEntityTypeConfiguration<ResultSnapshot>
{
    public void Configure(EntityTypeBuilder<ResultSnapshot> e)
    {
        e.HasIndex(s => new { s.Year, s.Hash }).IsUnique();
        e.Property(s => s.Hash).HasMaxLength(64);
        e.Property(s => s.InputsHash).HasMaxLength(64);
        e.Property(s => s.ResultHash).HasMaxLength(64);
        e.Property(s => s.RuleVersion).HasMaxLength(32);
        e.Property(s => s.CreatedBy).HasMaxLength(256);
    }
}

internal sealed class SnapshotUnitConfiguration : IEntityTypeConfiguration<SnapshotUnit>
{
    public void Configure(EntityTypeBuilder<SnapshotUnit> e)
    {
        e.HasIndex(u => new { u.SnapshotId, u.UnitId }).IsUnique();
        e.HasOne<ResultSnapshot>().WithMany().HasForeignKey(u => u.SnapshotId).OnDelete(DeleteBehavior.Cascade);
        e.Property(u => u.UnitCode).HasMaxLength(32);
        e.Property(u => u.UnitName).HasMaxLength(100);
        e.Property(u => u.CategoryCode).HasMaxLength(32);
        e.Property(u => u.CategoryName).HasMaxLength(100);
        e.Property(u => u.Grade).HasMaxLength(20);
        e.Property(u => u.Overall).HasPrecision(18, 4);
        e.Property(u => u.IndicatorScore).HasPrecision(18, 4);
        e.Property(u => u.Bonus).HasPrecision(18, 4);
        e.Property(u => u.Deduction).HasPrecision(18, 4);
        e.Property(u => u.Award).HasPrecision(18, 2);
        e.Property(u => u.Components).HasMaxLength(4000);
    }
}

public static class ResultSnapshots
{
    /// <summary>A year's snapshots, the latest computed first: the one the pages show.</summary>
    public static IOrderedQueryable<ResultSnapshot> LatestFirst(this IQueryable<ResultSnapshot> snapshots, int year) =>
        snapshots.Where(s => s.Year == year).OrderByDescending(s => s.LastComputation).ThenByDescending(s => s.Id);
}
