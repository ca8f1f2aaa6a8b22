using Baton.Core.Accounts;
using Baton.Core.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Baton.Core.Ratings;

internal sealed class RatingRoundConfiguration : IEntityTypeConfiguration<RatingRound>
{
    public void Configure(EntityTypeBuilder<RatingRound> e)
    {
        e.HasIndex(r => r.Year);
        e.Property(r => r.Name).HasMaxLength(100);
        e.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(r => r.Scale).HasConversion<string>().HasMaxLength(16);
        e.Property(r => r.Anchoring).HasConversion<string>().HasMaxLength(24);
        e.Property(r => r.Grades).HasMaxLength(200);
        e.Ignore(r => r.GradeList);
        e.HasMany(r => r.Criteria).WithOne().HasForeignKey(c => c.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RatingCriterionConfiguration : IEntityTypeConfiguration<RatingCriterion>
{
    public void Configure(EntityTypeBuilder<RatingCriterion> e)
    {
        e.Property(c => c.Name).HasMaxLength(100);
        e.Property(c => c.Weight).HasPrecision(9, 4);
    }
}

internal sealed class RatingRoundUnitConfiguration : IEntityTypeConfiguration<RatingRoundUnit>
{
    public void Configure(EntityTypeBuilder<RatingRoundUnit> e)
    {
        e.HasIndex(u => new { u.RoundId, u.UnitId }).IsUnique();
        e.HasOne<RatingRound>().WithMany().HasForeignKey(u => u.RoundId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Unit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RatingRaterConfiguration : IEntityTypeConfiguration<RatingRater>
{
    public void Configure(EntityTypeBuilder<RatingRater> e)
    {
        e.HasIndex(r => new { r.RoundId, r.UserId }).IsUnique();
        e.HasIndex(r => r.TokenHash).IsUnique();
        e.Property(r => r.Name).HasMaxLength(100);
        e.Property(r => r.TokenHash).HasMaxLength(64);
        e.HasOne<RatingRound>().WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<BatonUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RatingAssignmentConfiguration : IEntityTypeConfiguration<RatingAssignment>
{
    public void Configure(EntityTypeBuilder<RatingAssignment> e)
    {
        e.HasIndex(a => new { a.RaterId, a.UnitId }).IsUnique();
        e.HasOne<RatingRater>().WithMany().HasForeignKey(a => a.RaterId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Unit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RatingConflictConfiguration : IEntityTypeConfiguration<RatingConflict>
{
    public void Configure(EntityTypeBuilder<RatingConflict> e)
    {
        e.HasIndex(c => new { c.RaterId, c.UnitId }).IsUnique();
        e.HasIndex(c => c.RoundId);
        e.HasOne<RatingRater>().WithMany().HasForeignKey(c => c.RaterId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Unit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RatingEntryConfiguration : IEntityTypeConfiguration<RatingEntry>
{
    public void Configure(EntityTypeBuilder<RatingEntry> e)
    {
        e.HasIndex(x => new { x.RaterId, x.UnitId }).IsUnique();
        e.HasIndex(x => x.RoundId);
        e.Property(x => x.Reason).HasMaxLength(500);
        e.HasOne<RatingRater>().WithMany().HasForeignKey(x => x.RaterId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Criteria).WithOne().HasForeignKey(c => c.EntryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RatingCriterionScoreConfiguration : IEntityTypeConfiguration<RatingCriterionScore>
{
    public void Configure(EntityTypeBuilder<RatingCriterionScore> e)
    {
        e.HasIndex(c => new { c.EntryId, c.CriterionId }).IsUnique();
        e.HasOne<RatingCriterion>().WithMany().HasForeignKey(c => c.CriterionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RatingEventConfiguration : IEntityTypeConfiguration<RatingEvent>
{
    public void Configure(EntityTypeBuilder<RatingEvent> e)
    {
        e.HasIndex(x => x.RoundId);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Reason).HasMaxLength(500);
        e.Property(x => x.By).HasMaxLength(256);
        e.HasOne<RatingRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CalibratedScoreConfiguration : IEntityTypeConfiguration<CalibratedScore>
{
    public void Configure(EntityTypeBuilder<CalibratedScore> e)
    {
        e.HasIndex(c => new { c.RoundId, c.UnitId }).IsUnique();
        e.HasOne<RatingRound>().WithMany().HasForeignKey(c => c.RoundId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Unit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
