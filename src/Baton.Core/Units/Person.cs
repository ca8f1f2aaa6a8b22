using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Baton.Core.Units;

/// <summary>
/// A person who leads or has led a unit (一把手), a record of their own: terms in several units and years
/// (<see cref="UnitLeader"/>) belong to one person, and two people with one name stay two people, told apart by
/// <see cref="Note"/>.
/// </summary>
public sealed class Person : Versioned
{
    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>What tells this person from another of the same name (识别信息): a birth year, the last digits of the ID card; null when none was needed.</summary>
    public string? Note { get; set; }

    public List<UnitLeader> Terms { get; set; } = [];

    /// <summary>The name, and the note in brackets when there is one: 张三（1975 年生）.</summary>
    public string Label => Note is null ? Name : $"{Name}（{Note}）";

    public const int MaxName = 50;

    public const int MaxNote = 100;
}

public sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("People");
        builder.Property(p => p.Name).HasMaxLength(Person.MaxName);
        builder.Property(p => p.Note).HasMaxLength(Person.MaxNote);
        builder.HasIndex(p => p.Name);
        builder.HasMany(p => p.Terms).WithOne(t => t.Person).HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
