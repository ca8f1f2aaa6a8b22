namespace Baton.Core.Audit;

/// <summary>
/// One append-only entry of the audit trail. <see cref="Hash"/> covers every field and
/// <see cref="PreviousHash"/>, so editing or deleting any entry breaks the chain that
/// <c>baton audit verify</c> walks.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    /// <summary>Position in the chain, 1-based, without gaps.</summary>
    public long Sequence { get; set; }

    public DateTime At { get; set; }

    /// <summary>User name of who acted; <c>system</c> for the seeder and CLI without a user.</summary>
    public required string Actor { get; set; }

    /// <summary>What happened, e.g. <c>create</c>, <c>update</c>, <c>login.failed</c>.</summary>
    public required string Action { get; set; }

    public required string EntityType { get; set; }

    public string? EntityId { get; set; }

    /// <summary>JSON of the entity before the change; null for a creation.</summary>
    public string? Before { get; set; }

    /// <summary>JSON of the entity after the change; null for a deletion.</summary>
    public string? After { get; set; }

    /// <summary>Client address for sign-in events.</summary>
    public string? Address { get; set; }

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }
}

/// <summary>
/// The single row that holds the chain's head. Every audited save locks it first, which serialises
/// writers of the chain on both SQLite and PostgreSQL.
/// </summary>
public sealed class AuditHead
{
    public int Id { get; set; }

    public long Sequence { get; set; }

    public required string Hash { get; set; }
}
