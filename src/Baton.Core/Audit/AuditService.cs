using Baton.Core.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Audit;

public sealed record AuditFilter(string? Actor = null, string? EntityType = null, string? Action = null, DateTime? From = null, DateTime? To = null);

public sealed record AuditResults(IReadOnlyList<AuditEntry> Entries, int Total);

/// <summary>What <c>baton audit verify</c> found: the number of entries checked and the first break, if any.</summary>
public sealed record AuditVerification(long Checked, long? BrokenAt, string? Problem)
{
    public bool Intact => Problem is null;
}

/// <summary>Reads the audit trail (auditor, office, overseer). Hosts purge and verify it through <see cref="AuditMaintenance"/>.</summary>
public sealed class AuditService(IDbContextFactory<BatonDbContext> dbFactory, CurrentUser user)
{
    public bool MayRead => user.IsInAnyRole(Roles.Auditor, Roles.Office, Roles.Overseer);

    public async Task<Outcome<AuditResults>> SearchAsync(AuditFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        if (!MayRead)
        {
            return Outcome.Fail<AuditResults>(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            query = query.Where(a => a.Actor == filter.Actor.Trim());
        }
        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            query = query.Where(a => a.EntityType == filter.EntityType);
        }
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(a => a.Action == filter.Action);
        }
        if (filter.From is { } from)
        {
            query = query.Where(a => a.At >= from);
        }
        if (filter.To is { } to)
        {
            query = query.Where(a => a.At < to);
        }
        var total = await query.CountAsync(ct);
        var entries = await query.OrderByDescending(a => a.Sequence)
            .Skip(Math.Max(0, page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new AuditResults(entries, total);
    }

    public async Task<IReadOnlyList<string>> EntityTypesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return MayRead ? await db.AuditEntries.Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct) : [];
    }
}
