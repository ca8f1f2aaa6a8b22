using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Audit;

/// <summary>
/// What hosts do to the audit trail itself, with no user behind it: the retention job purges expired
/// entries and <c>baton audit verify</c> walks the chain. Neither reads an entry's content for a person.
/// </summary>
public sealed class AuditMaintenance(IDbContextFactory<BatonDbContext> dbFactory)
{
    /// <summary>The action of the entry a purge leaves behind: it anchors the chain at the first entry kept.</summary>
    public const string PurgeAction = "audit.purge";

    private sealed record PurgeAnchor(long UpTo, string Hash, int Deleted, int RetentionDays);

    /// <summary>
    /// Deletes the entries older than the retention period (at least 190 days). The purge appends its own
    /// entry, chained like any other, naming the last purged sequence and its hash, so that verification
    /// can start from the first entry kept and an entry removed any other way is still detected.
    /// </summary>
    public async Task<int> PurgeExpiredAsync(int retentionDays, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retentionDays, Accounts.SecuritySettings.MinAuditRetentionDays);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
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
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
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
