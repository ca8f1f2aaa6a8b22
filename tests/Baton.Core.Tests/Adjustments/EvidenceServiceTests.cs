using Baton.Core.Accounts;
using Baton.Core.Adjustments;
using Baton.Core.Demo;
using Baton.Core.Targets;
using Baton.Core.Tests.Results;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Tests.Adjustments;

public abstract class EvidenceServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const int Year = DemoCounty.CurrentYear;

    [Fact]
    public async Task A_values_evidence_keeps_its_name_type_and_size_and_only_those_concerned_see_it()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        var t01 = await ResultServiceTests.UnitIdAsync(Db, "T01");
        var t02 = await ResultServiceTests.UnitIdAsync(Db, "T02");
        var d01 = await ResultServiceTests.UnitIdAsync(Db, "D01");
        long category, leaf, lead;
        await using (var db = await Db.ContextAsync())
        {
            category = await db.CategoryMemberships.Where(m => m.Year == Year && m.UnitId == t01).Select(m => m.CategoryId).SingleAsync();
            var indicator = await db.Indicators.SingleAsync(i => i.CategoryId == category && i.Code == "A1");
            // The office asked for evidence of this value when it set up the year.
            indicator.EvidenceRequired = true;
            await db.SaveChangesAsync();
            (leaf, lead) = (indicator.Id, indicator.LeadUnitId!.Value);
        }
        Assert.NotEqual(d01, lead);

        var upload = await Db.Service<EvidenceService>(Reporter(t01)).UploadAsync(new MemoryStream(new byte[2048]), "C:\\报表\\统计年报.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        Assert.True(upload.Ok, upload.Error);
        Assert.Equal(("统计年报.xlsx", 2048L, "XLSX", "统计年报.xlsx · XLSX · 2 KB"), (upload.Value!.FileName, upload.Value.Size, upload.Value.TypeName, upload.Value.Description));
        var hash = upload.Value.Hash;

        var reporter = Db.Service<TargetService>(Reporter(t01));
        async Task<long> Version() => (await reporter.GridAsync(category)).Single(r => r.IndicatorId == leaf).Version;
        Assert.True((await reporter.ReportActualAsync(Year, t01, leaf, 150_000m, null, await Version())).Ok);
        var head = Db.Service<TargetService>(new CurrentUser("head", [Roles.UnitHead], t01));
        Assert.Contains("须附佐证材料", (await head.SignOffAsync(Year, t01, leaf, await Version())).Error, StringComparison.Ordinal);
        Assert.True((await reporter.ReportActualAsync(Year, t01, leaf, 150_000m, hash, await Version())).Ok);
        Assert.True((await head.SignOffAsync(Year, t01, leaf, await Version())).Ok);
        Assert.Equal("统计年报.xlsx", (await reporter.GridAsync(category)).Single(r => r.IndicatorId == leaf).Evidence!.FileName);

        // Another unit cannot borrow the reference, and does not see the file.
        var otherReporter = new CurrentUser("reporter-t02", [Roles.UnitReporter], t02);
        var other = Db.Service<TargetService>(otherReporter);
        var otherVersion = (await other.GridAsync(category)).Single(r => r.UnitId == t02 && r.IndicatorId == leaf).Version;
        Assert.Equal("佐证材料引用无效，请重新上传。", (await other.ReportActualAsync(Year, t02, leaf, 1m, hash, otherVersion)).Error);

        async Task<bool> SeesAsync(CurrentUser user)
        {
            var service = Db.Service<EvidenceService>(user);
            var described = (await service.DescribeAsync([hash])).ContainsKey(hash);
            var opened = await service.OpenAsync(hash);
            Assert.Equal(described, opened is not null);
            if (opened is not null)
            {
                Assert.Equal(("统计年报.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (opened.FileName, opened.ContentType));
                await opened.Content.DisposeAsync();
            }
            return described;
        }
        Assert.True(await SeesAsync(Office));
        Assert.True(await SeesAsync(new CurrentUser("leader", [Roles.Leader], null)));
        Assert.True(await SeesAsync(new CurrentUser("overseer", [Roles.Overseer], null)));
        Assert.True(await SeesAsync(new CurrentUser("head", [Roles.UnitHead], t01)));
        Assert.True(await SeesAsync(new CurrentUser("stats", [Roles.LeadReviewer], lead)));
        Assert.False(await SeesAsync(otherReporter));
        Assert.False(await SeesAsync(new CurrentUser("reviewer", [Roles.LeadReviewer], d01)));
        Assert.False(await SeesAsync(new CurrentUser("admin", [Roles.Admin], null)));
        Assert.Null(await Db.Service<EvidenceService>(Office).OpenAsync("../../etc/passwd"));
    }

    [Fact]
    public async Task Only_those_who_enter_adjustments_or_values_upload_evidence()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        Assert.Equal(Outcome.Forbidden, (await Db.Service<EvidenceService>(new CurrentUser("leader", [Roles.Leader], null))
            .UploadAsync(new MemoryStream([1, 2, 3]), "a.pdf", "application/pdf")).Error);
        var odd = await Db.Service<EvidenceService>(Office).UploadAsync(new MemoryStream([1, 2, 3]), "照片.jpg", "<script>");
        Assert.Equal("application/octet-stream", odd.Value!.ContentType);
        Assert.False((await Db.Service<EvidenceService>(Office).UploadAsync(new MemoryStream([1]), "  ", null)).Ok);
    }
}

public sealed class SqliteEvidenceServiceTests() : EvidenceServiceTests(DatabaseProvider.Sqlite);

public sealed class PostgresEvidenceServiceTests() : EvidenceServiceTests(DatabaseProvider.Postgres);
