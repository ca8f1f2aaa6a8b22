using Baton.Core.Accounts;
using Baton.Core.Adjustments;
using Baton.Core.Demo;
using Baton.Core.Targets;
using Baton.Core.Tests.Documents;
using Baton.Core.Tests.Results;
using Baton.Core.Years;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Tests.Targets;

public abstract class IssuanceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const int Year = DemoCounty.CurrentYear;

    private static CurrentUser Head(long unitId) => new("head", [Roles.UnitHead], unitId);

    /// <summary>The demo's 2026 put back to 草拟, its issuances withdrawn, as before the office issued anything.</summary>
    private async Task DraftAsync()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        await using var db = await Db.ContextAsync();
        (await db.Years.SingleAsync(y => y.Year == Year)).State = YearState.Draft;
        db.TargetIssuances.RemoveRange(await db.TargetIssuances.Where(i => i.Year == Year).ToListAsync());
        await db.SaveChangesAsync();
    }

    private async Task<Target> TargetAsync(string unitCode, string? leafCode = null)
    {
        await using var db = await Db.ContextAsync();
        var unit = await ResultServiceTests.UnitIdAsync(Db, unitCode);
        return await db.Targets.Where(t => t.Year == Year && t.UnitId == unit && t.Value != null
                && (leafCode == null || db.Indicators.Any(i => i.Id == t.IndicatorId && i.Code == leafCode)))
            .OrderBy(t => t.Id).FirstAsync();
    }

    private async Task<IssuanceRow> IssuanceAsync(string unitCode) =>
        (await Db.Service<TargetIssuanceService>(Office).StatusAsync(Year)).Single(r => r.UnitCode == unitCode);

    [Fact]
    public async Task Issuing_freezes_a_units_targets_and_the_year_moves_on_only_when_every_unit_is_issued()
    {
        await DraftAsync();
        var t01 = await ResultServiceTests.UnitIdAsync(Db, "T01");
        var issuance = Db.Service<TargetIssuanceService>(Office);
        var targets = Db.Service<TargetService>(Office);
        var own = await TargetAsync("T01");
        var other = await TargetAsync("T02");

        Assert.Equal(Outcome.Forbidden, (await Db.Service<TargetIssuanceService>(Head(t01)).IssueAsync(Year, t01, null)).Error);
        var one = await issuance.IssueAsync(Year, t01, "县长 李明");
        Assert.True(one.Ok, one.Error);
        Assert.Equal(1, one.Value);
        Assert.Contains("已下达", (await issuance.IssueAsync(Year, t01, null)).Error, StringComparison.Ordinal);

        var frozen = await targets.SetTargetsAsync(Year, [new TargetEdit(t01, own.IndicatorId, 1m, null, own.Version)]);
        Assert.Contains(TargetService.IssuedRefusal, frozen.Error, StringComparison.Ordinal);
        var open = await targets.SetTargetsAsync(Year, [new TargetEdit(other.UnitId, other.IndicatorId, other.Value + 1, null, other.Version)]);
        Assert.True(open.Ok, open.Error);
        Assert.Equal(own.Value, (await TargetAsync("T01")).Value);

        var years = Db.Service<YearService>(Office);
        var year = (await years.ListAsync()).Single(y => y.Year == Year);
        var refused = await years.TransitionAsync(year.Id, year.Version, YearState.TargetsIssued, "目标已下达");
        Assert.Contains("（T02）的目标尚未下达", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("（T01）的目标尚未下达", refused.Error, StringComparison.Ordinal);

        // Withdrawn with a reason while the year is still drafted, the unit's targets may be set again.
        Assert.Contains("撤回原因", (await issuance.WithdrawAsync(Year, t01, " ", (await IssuanceAsync("T01")).Version)).Error, StringComparison.Ordinal);
        Assert.True((await issuance.WithdrawAsync(Year, t01, "目标值录入有误", (await IssuanceAsync("T01")).Version)).Ok);
        var corrected = await targets.SetTargetsAsync(Year, [new TargetEdit(t01, own.IndicatorId, own.Value + 1, null, own.Version)]);
        Assert.True(corrected.Ok, corrected.Error);
        await using (var db = await Db.ContextAsync())
        {
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == TargetIssuanceService.WithdrawAction && a.After!.Contains("目标值录入有误")));
        }

        var all = await issuance.IssueAsync(Year, null, null);
        Assert.True(all.Ok, all.Error);
        Assert.Equal((await issuance.StatusAsync(Year)).Count, all.Value);
        Assert.All(await issuance.StatusAsync(Year), r => Assert.True(r.Issued));
        year = (await years.ListAsync()).Single(y => y.Year == Year);
        var moved = await years.TransitionAsync(year.Id, year.Version, YearState.TargetsIssued, "目标已下达");
        Assert.True(moved.Ok, moved.Error);
    }

    [Fact]
    public async Task A_unit_with_incomplete_targets_is_not_issued()
    {
        await DraftAsync();
        var own = await TargetAsync("T01");
        var issuance = Db.Service<TargetIssuanceService>(Office);
        var cleared = await Db.Service<TargetService>(Office).SetTargetsAsync(Year, [new TargetEdit(own.UnitId, own.IndicatorId, null, null, own.Version)]);
        Assert.True(cleared.Ok, cleared.Error);

        var refused = await issuance.IssueAsync(Year, own.UnitId, null);
        Assert.Contains("缺少目标值", refused.Error, StringComparison.Ordinal);
        Assert.Contains("目标尚不完整，不能下达", (await issuance.IssueAsync(Year, null, null)).Error, StringComparison.Ordinal);
        Assert.False((await IssuanceAsync("T01")).Issued);
        Assert.True((await issuance.IssueAsync(Year, await ResultServiceTests.UnitIdAsync(Db, "T02"), null)).Ok);
    }

    [Fact]
    public async Task A_frozen_target_changes_only_by_an_approved_change_request()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        var target = await TargetAsync("T01");
        var reporter = Db.Service<TargetChangeService>(Reporter(target.UnitId));
        var office = Db.Service<TargetChangeService>(Office);
        Assert.Contains("此阶段不能设定目标值", (await Db.Service<TargetService>(Office).SetTargetsAsync(Year,
            [new TargetEdit(target.UnitId, target.IndicatorId, 1m, null, target.Version)])).Error, StringComparison.Ordinal);

        var upload = await Db.Service<EvidenceService>(Reporter(target.UnitId)).UploadAsync(new MemoryStream(new byte[512]), "县政府专题会议纪要.pdf", "application/pdf");
        Assert.True(upload.Ok, upload.Error);
        var lowered = target.Value!.Value * 0.9m;
        Assert.Contains("调整原因", (await reporter.ProposeAsync(target.Id, lowered, " ", null)).Error, StringComparison.Ordinal);
        var proposed = await reporter.ProposeAsync(target.Id, lowered, "受上级政策调整影响，项目延期", upload.Value!.Hash);
        Assert.True(proposed.Ok, proposed.Error);
        Assert.Equal(target.Value, (await TargetAsync("T01")).Value);
        Assert.Contains("待审批", (await reporter.ProposeAsync(target.Id, lowered, "再次申请", null)).Error, StringComparison.Ordinal);

        var pending = Assert.Single(await office.ListAsync(Year, pendingOnly: true));
        Assert.Equal((target.Value, lowered, "县政府专题会议纪要.pdf"), (pending.CurrentValue, pending.ProposedValue, pending.Evidence?.FileName));
        Assert.Equal(Outcome.Forbidden, (await reporter.ApproveAsync(pending.Id, null, pending.Version)).Error);
        Assert.Equal(target.Value, (await TargetAsync("T01")).Value);

        var approved = await office.ApproveAsync(pending.Id, "同意调整", pending.Version);
        Assert.True(approved.Ok, approved.Error);
        Assert.Equal(lowered, (await TargetAsync("T01")).Value);
        Assert.Contains("已批准", (await office.ApproveAsync(pending.Id, null, pending.Version + 1)).Error, StringComparison.Ordinal);
        var history = Assert.Single(await reporter.ListAsync(Year, target.Id));
        Assert.Equal((ChangeDecision.Approved, "office", "同意调整"), (history.Decision, history.DecidedBy, history.DecisionReason));
        Assert.Empty(await office.ListAsync(Year, pendingOnly: true));

        // The change and the target are audited together, by the office.
        await using var db = await Db.ContextAsync();
        var entries = await db.AuditEntries.Where(a => a.Actor == "office" && (a.EntityType == nameof(Target) || a.EntityType == nameof(TargetChangeRequest)))
            .OrderBy(a => a.Sequence).Select(a => a.EntityType).ToListAsync();
        Assert.Equal([nameof(Target), nameof(TargetChangeRequest)], entries.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_rejected_request_changes_nothing()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        var target = await TargetAsync("T01");
        var head = Db.Service<TargetChangeService>(Head(target.UnitId));
        var office = Db.Service<TargetChangeService>(Office);
        var proposed = await head.ProposeAsync(target.Id, target.Value!.Value / 2, "任务过重", null);
        Assert.True(proposed.Ok, proposed.Error);
        var pending = Assert.Single(await office.ListAsync(Year, pendingOnly: true));

        Assert.Contains("驳回原因", (await office.RejectAsync(pending.Id, "", pending.Version)).Error, StringComparison.Ordinal);
        Assert.True((await office.RejectAsync(pending.Id, "理由不充分，目标与上年持平", pending.Version)).Ok);
        Assert.Equal((target.Value, target.Version), ((await TargetAsync("T01")).Value, (await TargetAsync("T01")).Version));
        var rejected = Assert.Single(await head.ListAsync(Year, target.Id));
        Assert.Equal((ChangeDecision.Rejected, "理由不充分，目标与上年持平"), (rejected.Decision, rejected.DecisionReason));
        Assert.Contains("已驳回", (await office.ApproveAsync(pending.Id, null, rejected.Version)).Error, StringComparison.Ordinal);

        // Once decided, the unit may propose again.
        Assert.True((await head.ProposeAsync(target.Id, target.Value.Value * 0.95m, "补充佐证后重新申请", null)).Ok);
    }

    [Fact]
    public async Task A_unit_cannot_request_for_another_unit_nor_see_its_requests()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        var other = await TargetAsync("T02");
        var t01 = await ResultServiceTests.UnitIdAsync(Db, "T01");
        Assert.Equal(Outcome.NotFound, (await Db.Service<TargetChangeService>(Reporter(t01)).ProposeAsync(other.Id, 1m, "代为申请", null)).Error);
        Assert.Equal(Outcome.NotFound, (await Db.Service<TargetChangeService>(Head(t01)).ProposeAsync(other.Id, 1m, "代为申请", null)).Error);
        var reviewer = new CurrentUser("reviewer", [Roles.LeadReviewer], other.UnitId);
        Assert.Equal(Outcome.Forbidden, (await Db.Service<TargetChangeService>(reviewer).ProposeAsync(other.Id, 1m, "牵头部门申请", null)).Error);
        Assert.DoesNotContain(await Db.Service<TargetChangeService>(Reporter(t01)).TargetsAsync(Year), t => t.UnitId == other.UnitId);

        Assert.True((await Db.Service<TargetChangeService>(Reporter(other.UnitId)).ProposeAsync(other.Id, 1m, "受灾", null)).Ok);
        Assert.Empty(await Db.Service<TargetChangeService>(Reporter(t01)).ListAsync(Year));
        var pending = Assert.Single(await Db.Service<TargetChangeService>(Office).ListAsync(Year, pendingOnly: true));
        Assert.Equal(Outcome.Forbidden, (await Db.Service<TargetChangeService>(Head(other.UnitId)).ApproveAsync(pending.Id, null, pending.Version)).Error);
        Assert.Equal(Outcome.Forbidden, (await Db.Service<TargetChangeService>(Head(other.UnitId)).RejectAsync(pending.Id, "不同意", pending.Version)).Error);
    }

    [Fact]
    public async Task Change_requests_wait_for_issuance_and_stop_when_year_end_inputs_are_locked()
    {
        await DraftAsync();
        var target = await TargetAsync("T01");
        var office = Db.Service<TargetChangeService>(Office);
        Assert.Contains("此阶段不能申请或审批目标调整", (await office.ProposeAsync(target.Id, 1m, "调整", null)).Error, StringComparison.Ordinal);

        await SetStateAsync(YearState.InProgress);
        Assert.True((await office.ProposeAsync(target.Id, 1m, "调整", null)).Ok);
        var pending = Assert.Single(await office.ListAsync(Year, pendingOnly: true));
        await SetStateAsync(YearState.Scoring);
        Assert.Contains("此阶段不能申请或审批目标调整", (await office.ApproveAsync(pending.Id, null, pending.Version)).Error, StringComparison.Ordinal);
        Assert.Equal(target.Value, (await TargetAsync("T01")).Value);
    }

    private async Task SetStateAsync(YearState state)
    {
        await using var db = await Db.ContextAsync();
        (await db.Years.SingleAsync(y => y.Year == Year)).State = state;
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_head_confirms_only_the_own_units_letter_once()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        var t01 = await ResultServiceTests.UnitIdAsync(Db, "T01");
        var t02 = await ResultServiceTests.UnitIdAsync(Db, "T02");
        var version = (await IssuanceAsync("T01")).Version;
        Assert.Contains("本单位负责人", (await Db.Service<TargetIssuanceService>(Head(t02)).ConfirmLetterAsync(Year, t01, version)).Error, StringComparison.Ordinal);
        Assert.Contains("本单位负责人", (await Db.Service<TargetIssuanceService>(Reporter(t01)).ConfirmLetterAsync(Year, t01, version)).Error, StringComparison.Ordinal);
        Assert.Contains("本单位负责人", (await Db.Service<TargetIssuanceService>(Office).ConfirmLetterAsync(Year, t01, version)).Error, StringComparison.Ordinal);
        Assert.Null((await IssuanceAsync("T01")).ConfirmedAt);

        var head = Db.Service<TargetIssuanceService>(Head(t01));
        Assert.True((await head.ConfirmLetterAsync(Year, t01, version)).Ok);
        var confirmed = await IssuanceAsync("T01");
        Assert.Equal(("head", Db.Clock.GetUtcNow().UtcDateTime), (confirmed.ConfirmedBy, confirmed.ConfirmedAt!.Value));
        Assert.Contains("已由 head 签收确认", (await head.ConfirmLetterAsync(Year, t01, confirmed.Version)).Error, StringComparison.Ordinal);
        // The unit's own users see their unit only.
        Assert.Equal(["T01"], (await head.StatusAsync(Year)).Select(r => r.UnitCode));
    }

    [Fact]
    public async Task The_letter_validates_and_names_the_unit_its_leader_and_every_target_with_approved_changes()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        var target = await TargetAsync("T01");
        var t02 = await ResultServiceTests.UnitIdAsync(Db, "T02");
        string leader, unitName;
        List<(string Name, decimal? Value)> leaves;
        await using (var db = await Db.ContextAsync())
        {
            leader = await db.UnitLeaders.Where(l => l.UnitId == target.UnitId && l.Until == null).Select(l => l.Person!.Name).SingleAsync();
            unitName = await db.Units.Where(u => u.Id == target.UnitId).Select(u => u.Name).SingleAsync();
            leaves = [.. (await db.Targets.Where(t => t.Year == Year && t.UnitId == target.UnitId && t.Value != null)
                .Join(db.Indicators, t => t.IndicatorId, i => i.Id, (t, i) => new { i.Code, i.Name, t.Value }).ToListAsync())
                .Select(l => ($"{l.Code} {l.Name}", l.Value))];
        }
        var office = Db.Service<TargetChangeService>(Office);
        Assert.True((await office.ProposeAsync(target.Id, 12345m, "县政府常务会议决定调整", null)).Ok);
        var pending = Assert.Single(await office.ListAsync(Year, pendingOnly: true));
        Assert.True((await office.ApproveAsync(pending.Id, null, pending.Version)).Ok);

        using var file = new MemoryStream();
        var written = await Db.Service<TargetIssuanceService>(Head(target.UnitId)).WriteLetterAsync(Year, target.UnitId, file);
        Assert.True(written.Ok, written.Error);
        Assert.Equal($"2026年度目标管理责任书-{unitName}.docx", written.Value);
        var bytes = file.ToArray();
        Assert.Empty(DocxWriterTests.ValidationErrors(bytes));
        var text = DocxWriterTests.Paragraphs(bytes);
        Assert.Equal("2026年度目标管理责任书", text[0]);
        Assert.Contains(text, p => p.Contains($"责任单位：{unitName}", StringComparison.Ordinal) && p.Contains(leader, StringComparison.Ordinal));
        Assert.Contains($"主要负责人（签字）：{leader}", text);
        Assert.Contains("县领导（签字）：县长 李明", text);
        // 2026's targets were issued on 23 January, after the county's annual appraisal meeting.
        Assert.Contains("2026年1月23日", text);
        Assert.All(leaves, l => Assert.Contains(l.Name, text));
        Assert.Contains("12345", text);
        Assert.Contains("县政府常务会议决定调整", text);

        Assert.Equal(Outcome.NotFound, (await Db.Service<TargetIssuanceService>(Reporter(t02)).WriteLetterAsync(Year, target.UnitId, new MemoryStream())).Error);
        var pdf = await DocxWriterTests.ConvertToPdfAsync(bytes);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
    }
}

public sealed class SqliteIssuanceTests() : IssuanceTests(DatabaseProvider.Sqlite);

public sealed class PostgresIssuanceTests() : IssuanceTests(DatabaseProvider.Postgres);
