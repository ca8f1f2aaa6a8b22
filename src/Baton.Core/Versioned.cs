namespace Baton.Core;

/// <summary>
/// A row edited by people. <see cref="Version"/> is an app-managed optimistic concurrency token:
/// <see cref="BatonDbContext"/> increments it on every update, so two people saving the same row
/// cannot silently overwrite each other (SQLite has no row version of its own).
/// </summary>
public abstract class Versioned
{
    public long Version { get; set; }
}
