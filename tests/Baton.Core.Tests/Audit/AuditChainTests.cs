using Baton.Core.Audit;
using Baton.Core.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Core.Tests.Audit;

public abstract class AuditChainTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private async Task ChangeSomethingAsync(int count)
    {
        var units = Db.Service<UnitService>(Office);
        for (var i = 1; i <= count; i++)
        {
            Assert.True((await units.CreateAsync(2026, new UnitInput($"T{i:00}", $"第{i}镇", UnitKind.Town, null))).Ok);
        }
    }

    private Task<AuditVerification> VerifyAsync() => Db.Services.GetRequiredService<AuditMaintenance>().VerifyAsync();

    private async Task ExecuteAsync(string sql)
    {
        await using var db = await Db.ContextAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    [Fact]
    public async Task Untouched_chain_verifies()
    {
        await ChangeSomethingAsync(3);
        var result = await VerifyAsync();
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(3, result.Checked);
    }

    [Fact]
    public async Task Edited_entry_is_detected()
    {
        await ChangeSomethingAsync(3);
        await ExecuteAsync("UPDATE \"AuditEntries\" SET \"After\" = 'tampered' WHERE \"Sequence\" = 2");
        var result = await VerifyAsync();
        Assert.False(result.Intact);
        Assert.Equal(2, result.BrokenAt);
    }

    [Fact]
    public async Task Deleted_entry_is_detected()
    {
        await ChangeSomethingAsync(3);
        await ExecuteAsync("DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 2");
        Assert.Equal(2, (await VerifyAsync()).BrokenAt);
    }

    [Fact]
    public async Task Deleted_last_entry_is_detected()
    {
        await ChangeSomethingAsync(3);
        await ExecuteAsync("DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 3");
        Assert.False((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task Rewritten_entry_with_a_recomputed_hash_breaks_the_next_link()
    {
        await ChangeSomethingAsync(3);
        await using (var db = await Db.ContextAsync())
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.Sequence == 2);
            entry.Actor = "someone-else";
            entry.Hash = AuditChain.Hash(entry);
            await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Actor\" = {0}, \"Hash\" = {1} WHERE \"Sequence\" = 2", entry.Actor, entry.Hash);
        }
        Assert.Equal(3, (await VerifyAsync()).BrokenAt);
    }

    [Fact]
    public async Task Failed_save_writes_no_audit_entry()
    {
        await ChangeSomethingAsync(1);
        await using (var db = await Db.ContextAsync())
        {
            db.Units.Add(new Unit { Code = "T01", Name = "重复", Kind = UnitKind.Town });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        await using var check = await Db.ContextAsync();
        Assert.Equal(1, await check.AuditEntries.CountAsync());
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task Purge_keeps_the_retention_period_and_the_chain_verifiable()
    {
        await ChangeSomethingAsync(2);
        Db.Clock.Advance(TimeSpan.FromDays(200));
        Assert.True((await Db.Service<UnitService>(Office).CreateAsync(2026, new UnitInput("T09", "第九镇", UnitKind.Town, null))).Ok);

        var maintenance = Db.Services.GetRequiredService<AuditMaintenance>();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => maintenance.PurgeExpiredAsync(100));
        Assert.Equal(0, await maintenance.PurgeExpiredAsync(365));
        Assert.Equal(2, await maintenance.PurgeExpiredAsync(190));
        await using (var check = await Db.ContextAsync())
        {
            Assert.Equal([3L, 4L], await check.AuditEntries.OrderBy(a => a.Sequence).Select(a => a.Sequence).ToListAsync());
        }
        Assert.True((await VerifyAsync()).Intact);

        // Removing a kept entry by hand is still detected.
        await ExecuteAsync("DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 3");
        Assert.False((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task Deleting_the_first_entries_without_a_purge_is_detected()
    {
        await ChangeSomethingAsync(3);
        await ExecuteAsync("DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 1");
        Assert.Equal(1, (await VerifyAsync()).BrokenAt);
    }

    [Fact]
    public async Task Only_auditor_office_and_overseer_read_the_trail()
    {
        await ChangeSomethingAsync(1);
        Assert.True((await Db.Service<AuditService>(Auditor).SearchAsync(new AuditFilter(), 1, 10)).Ok);
        Assert.Equal(1, (await Db.Service<AuditService>(Office).SearchAsync(new AuditFilter(Actor: "office"), 1, 10)).Value!.Total);
        Assert.False((await Db.Service<AuditService>(Admin).SearchAsync(new AuditFilter(), 1, 10)).Ok);
        Assert.False((await Db.Service<AuditService>(Reporter(1)).SearchAsync(new AuditFilter(), 1, 10)).Ok);
    }
}

public sealed class SqliteAuditChainTests() : AuditChainTests(DatabaseProvider.Sqlite);

public sealed class PostgresAuditChainTests() : AuditChainTests(DatabaseProvider.Postgres);
