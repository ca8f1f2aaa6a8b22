using System.Text.Json;
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

/// <summary>Reads the audit trail (auditor, office, overseer) and verifies its hash chain.</summary>
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

    /// <summary>The action of the entry a purge leaves behind: it anchors the chain at the first entry kept.</summary>
    public const string PurgeAction = "audit.purge";

    private sealed record PurgeAnchor(long UpTo, string Hash, int Deleted, int RetentionDays);

    /// <summary>
    /// Deletes the entries older than the retention period (at least 190 days). The purge appends its own
    /// entry, chained like any other, naming the last purged sequence and its hash, so that verification
    /// can start from the first entry kept and an entry removed any other way is still detected.
    /// </summary>
    public static async Task<int> PurgeExpiredAsync(BatonDbContext db, int retentionDays, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retentionDays, Accounts.SecuritySettings.MinAuditRetentionDays);
        var cutoff = db.UtcNow.AddDays(-retentionDays);
        var last = await db.AuditEntries.Where(a => a.At < cutoff).OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
        if (last is null)
        {
            return 0;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var deleted = await db.AuditEntries.Where(a => a.Sequence <= last.Sequence).ExecuteDeleteAsync(ct);
        db.AuditEvent(PurgeAction, nameof(AuditEntry), null,
            JsonSerializer.Serialize(new PurgeAnchor(last.Sequence, last.Hash, deleted, retentionDays), AuditChain.JsonOptions));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return deleted;
    }

    /// <summary>
    /// Walks the chain in order and recomputes every hash. An edited entry fails its own hash; a deleted
    /// entry leaves a gap in the sequence or a broken link; a deleted tail no longer matches the head row.
    /// Entries removed by <see cref="PurgeExpiredAsync"/> are accepted only where a purge entry anchors the rest.
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(BatonDbContext db, CancellationToken ct = default)
    {
        var head = await db.AuditHeads.AsNoTracking().SingleAsync(h => h.Id == 1, ct);
        var anchors = (await db.AuditEntries.AsNoTracking().Where(a => a.Action == PurgeAction).Select(a => a.After).ToListAsync(ct))
            .Select(json => JsonSerializer.Deserialize<PurgeAnchor>(json!, AuditChain.JsonOptions)!)
            .ToList();
        long expected = 0;
        string? previousHash = null;
        var first = true;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (first && anchors.Any(p => p.UpTo == entry.Sequence - 1 && p.Hash == entry.PreviousHash))
            {
                (expected, previousHash) = (entry.Sequence - 1, entry.PreviousHash);
            }
            first = false;
            if (entry.Sequence != expected + 1)
            {
                return new AuditVerification(expected, expected + 1, $"审计记录第 {expected + 1} 条缺失（序号不连续）。");
            }
            if (entry.PreviousHash != (previousHash ?? AuditChain.GenesisHash))
            {
                return new AuditVerification(expected, entry.Sequence, $"审计记录第 {entry.Sequence} 条与前一条的链接不符。");
            }
            if (AuditChain.Hash(entry) != entry.Hash)
            {
                return new AuditVerification(expected, entry.Sequence, $"审计记录第 {entry.Sequence} 条的内容已被修改（哈希不符）。");
            }
            expected = entry.Sequence;
            previousHash = entry.Hash;
        }
        if (expected != head.Sequence || (previousHash ?? AuditChain.GenesisHash) != head.Hash)
        {
            return new AuditVerification(expected, expected + 1, $"审计链末尾缺失：应有 {head.Sequence} 条，实际到第 {expected} 条为止。");
        }
        return new AuditVerification(expected, null, null);
    }
}
