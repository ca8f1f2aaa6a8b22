using Baton.Core.Accounts;
using Baton.Core.Adjustments;
using Baton.Core.Planning;
using Baton.Scoring.Planning;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Tests.Planning;

/// <summary>征求意见: the office proposes, the unit accepts or objects, the office agrees, counters or overrules; the county and the city likewise.</summary>
public abstract class NegotiationServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private static CurrentUser Head(long unitId) => new("head", [Roles.UnitHead], unitId);

    private async Task<decimal?> TargetAsync(long unitId, long indicatorId)
    {
        await using var db = await Db.ContextAsync();
        return await db.Targets.Where(t => t.UnitId == unitId && t.IndicatorId == indicatorId).Select(t => t.Value).SingleOrDefaultAsync();
    }

    private async Task<NegotiationRow> RowAsync(CurrentUser user, long id) =>
        (await Db.Service<NegotiationService>(user).ListAsync(PlanningYear.Of)).Single(r => r.Id == id);

    [Fact]
    public async Task A_unit_objects_with_evidence_the_office_counters_and_the_accepted_value_becomes_the_target()
    {
        var y = await PlanningYear.CreateAsync(Db, Office);
        var office = Db.Service<NegotiationService>(Office);
        var id = (await office.ProposeAsync(y.Year, y.T01, y.A1, 70m, "按全县 105 亿分解")).Value;
        Assert.Equal(NegotiationTurn.Unit, (await RowAsync(Reporter(y.T01), id)).Turn);

        var file = await Db.Service<EvidenceService>(Reporter(y.T01)).UploadAsync(new MemoryStream([1, 2, 3]), "产能测算.pdf", "application/pdf");
        var unit = Db.Service<NegotiationService>(Reporter(y.T01));
        var objected = await unit.ObjectAsync(id, 0, "两家企业停产，产值下降", 62m, file.Value!.Hash);
        Assert.True(objected.Ok, objected.Error);

        var countered = await office.CounterAsync(id, 1, 66m, "已考虑停产影响，其余企业增长可弥补一部分");
        Assert.True(countered.Ok, countered.Error);
        Assert.Null(await TargetAsync(y.T01, y.A1));

        var accepted = await Db.Service<NegotiationService>(Head(y.T01)).AcceptAsync(id, 2);
        Assert.True(accepted.Ok, accepted.Error);
        Assert.Equal(66m, await TargetAsync(y.T01, y.A1));

        var row = await RowAsync(Office, id);
        Assert.Equal(NegotiationTurn.Closed, row.Turn);
        Assert.Equal(66m, row.AgreedValue);
        Assert.Equal([NegotiationAction.Propose, NegotiationAction.Objection, NegotiationAction.Counter, NegotiationAction.Accept], row.Steps.Select(s => s.Action));
        Assert.Equal([70m, 62m, 66m, 66m], row.Steps.Select(s => s.Value!.Value));
        Assert.Equal("产能测算.pdf", row.Steps[1].Evidence!.FileName);
        // The head of the same unit sees the evidence the reporter attached.
        Assert.NotNull(await Db.Service<EvidenceService>(Head(y.T01)).OpenAsync(file.Value.Hash));
    }

    [Fact]
    public async Task The_office_agrees_to_the_counter_value_or_overrules_it_with_a_reason()
    {
        var y = await PlanningYear.CreateAsync(Db, Office);
        var office = Db.Service<NegotiationService>(Office);
        var agreed = (await office.ProposeAsync(y.Year, y.T01, y.A1, 70m, null)).Value;
        var overruled = (await office.ProposeAsync(y.Year, y.T02, y.A1, 40m, null)).Value;
        Assert.True((await Db.Service<NegotiationService>(Reporter(y.T01)).ObjectAsync(agreed, 0, "产业转移", 64m, null)).Ok);
        Assert.True((await Db.Service<NegotiationService>(Reporter(y.T02)).ObjectAsync(overruled, 0, "基数偏高", 30m, null)).Ok);

        Assert.True((await office.AgreeAsync(agreed, 1, null)).Ok);
        var noReason = await office.OverruleAsync(overruled, 1, " ");
        Assert.Equal("请填写维持原值的理由。", noReason.Error);
        Assert.True((await office.OverruleAsync(overruled, 1, "河口镇新增园区，完成有保障")).Ok);

        Assert.Equal(64m, await TargetAsync(y.T01, y.A1));
        Assert.Equal(40m, await TargetAsync(y.T02, y.A1));
        var check = (await Db.Service<SuperiorTargetService>(Office).SaveAsync(null, 0,
            new SuperiorTargetInput(y.Year, "SK01", "地区生产总值", "亿元", 100m, IndicatorType.Total, 10m, Aggregation.AtLeast, 0.05m, null, [y.A1])));
        Assert.True(check.Ok, check.Error);
        // 64 + 40 = 104 against 105: the gap stays open at 1.
        Assert.Equal(1m, (await Db.Service<SuperiorTargetService>(Office).ListAsync(y.Year)).Single().Check.Gap);
    }

    [Fact]
    public async Task A_unit_cannot_answer_for_another_unit_and_nothing_is_stored()
    {
        var y = await PlanningYear.CreateAsync(Db, Office);
        var id = (await Db.Service<NegotiationService>(Office).ProposeAsync(y.Year, y.T01, y.A1, 70m, null)).Value;
        var other = Db.Service<NegotiationService>(Reporter(y.T02));
        Assert.Equal(Outcome.NotFound, (await other.ObjectAsync(id, 0, "不同意", 50m, null)).Error);
        Assert.Equal(Outcome.NotFound, (await other.AcceptAsync(id, 0)).Error);
        Assert.Empty(await other.ListAsync(y.Year));
        // The office cannot accept on the unit's behalf, nor the unit answer its own objection.
        Assert.Contains("只有该单位的填报员或负责人", (await Db.Service<NegotiationService>(Office).AcceptAsync(id, 0)).Error, StringComparison.Ordinal);
        Assert.Equal(Outcome.Forbidden, (await Db.Service<NegotiationService>(Reporter(y.T01)).ProposeAsync(y.Year, y.T01, y.A1, 10m, null)).Error);
        await using var db = await Db.ContextAsync();
        Assert.Equal(1, await db.NegotiationSteps.CountAsync());
        Assert.False(await db.Targets.AnyAsync());
    }

    [Fact]
    public async Task Answers_out_of_turn_or_without_a_reason_and_counter_value_are_refused()
    {
        var y = await PlanningYear.CreateAsync(Db, Office);
        var office = Db.Service<NegotiationService>(Office);
        var id = (await office.ProposeAsync(y.Year, y.T01, y.A1, 70m, null)).Value;
        var unit = Db.Service<NegotiationService>(Reporter(y.T01));
        Assert.Equal("请填写异议理由。", (await unit.ObjectAsync(id, 0, "", 60m, null)).Error);
        Assert.Equal("请填写本单位认为可以完成的目标值。", (await unit.ObjectAsync(id, 0, "偏高", null, null)).Error);
        Assert.Equal("这项协调当前待单位答复。", (await office.AgreeAsync(id, 0, null)).Error);
        Assert.Contains("已有未办结的征求意见", (await office.ProposeAsync(y.Year, y.T01, y.A1, 75m, null)).Error, StringComparison.Ordinal);
        Assert.Contains("没有这个末级指标", (await office.ProposeAsync(y.Year, y.D01, y.A1, 75m, null)).Error, StringComparison.Ordinal);
        Assert.True((await unit.AcceptAsync(id, 0)).Ok);
        Assert.Equal(Outcome.Conflict, (await unit.AcceptAsync(id, 0)).Error);
        Assert.Equal("这项协调已经办结。", (await unit.AcceptAsync(id, 1)).Error);
    }

    [Fact]
    public async Task After_issuance_every_step_is_refused_by_the_year_gate_and_nothing_is_stored()
    {
        var y = await PlanningYear.CreateAsync(Db, Office);
        var office = Db.Service<NegotiationService>(Office);
        var id = (await office.ProposeAsync(y.Year, y.T01, y.A1, 70m, null)).Value;
        await PlanningYear.IssueAsync(Db);

        Assert.Contains("此阶段不能设定目标值", (await Db.Service<NegotiationService>(Reporter(y.T01)).AcceptAsync(id, 0)).Error, StringComparison.Ordinal);
        Assert.Contains("此阶段不能设定目标值", (await office.ProposeAsync(y.Year, y.T02, y.A1, 30m, null)).Error, StringComparison.Ordinal);
        await using var db = await Db.ContextAsync();
        Assert.Equal(1, await db.NegotiationSteps.CountAsync());
        Assert.False(await db.Targets.AnyAsync());
    }

    [Fact]
    public async Task Shares_are_proposed_to_each_unit_carrying_the_city_target()
    {
        var y = await PlanningYear.CreateAsync(Db, Office);
        var cities = Db.Service<SuperiorTargetService>(Office);
        var st = (await cities.SaveAsync(null, 0,
            new SuperiorTargetInput(y.Year, "SK01", "地区生产总值", "亿元", 100m, IndicatorType.Total, 10m, Aggregation.AtLeast, 0.05m, null, [y.A1]))).Value;
        Assert.True((await cities.SetSharesAsync(st, 0, [new ShareInput(y.T01, true, 0.6m), new ShareInput(y.T02, false, 0.4m)])).Ok);

        var proposed = await Db.Service<NegotiationService>(Office).ProposeSharesAsync(st);
        Assert.Equal(2, proposed.Value);
        var rows = await Db.Service<NegotiationService>(Office).ListAsync(y.Year, openOnly: true);
        Assert.Equal([63m, 42m], rows.OrderBy(r => r.UnitId == y.T01 ? 0 : 1).Select(r => r.OnTable!.Value));
        Assert.Contains("未发起任何征求意见", (await Db.Service<NegotiationService>(Office).ProposeSharesAsync(st)).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_county_asks_the_city_to_lower_a_target_and_the_agreed_value_becomes_the_city_figure()
    {
        var y = await PlanningYear.CreateAsync(Db, Office);
        var st = (await Db.Service<SuperiorTargetService>(Office).SaveAsync(null, 0,
            new SuperiorTargetInput(y.Year, "SK02", "招商引资到位资金", "亿元", 30m, IndicatorType.Quality, 6m, Aggregation.SumEquals, 0, null, [y.B1]))).Value;
        var office = Db.Service<NegotiationService>(Office);
        var letter = await Db.Service<EvidenceService>(Office).UploadAsync(new MemoryStream([9, 9]), "关于调整招商引资目标的请示.pdf", "application/pdf");
        var id = (await office.AskCityAsync(st, 24m, "受园区规划调整影响，请求调减", letter.Value!.Hash)).Value;
        Assert.Equal(NegotiationTurn.City, (await RowAsync(Office, id)).Turn);
        Assert.Contains("待市里答复", (await office.AskCityAsync(st, 20m, "再次申请", null)).Error, StringComparison.Ordinal);

        Assert.True((await office.RecordCityReplyAsync(id, 0, 26m, "市考核办复函同意调减至 26 亿元", null)).Ok);
        var city = (await Db.Service<SuperiorTargetService>(Office).ListAsync(y.Year)).Single();
        Assert.Equal(26m, city.CityValue);
        var row = await RowAsync(Office, id);
        Assert.Equal((30m, 26m), (row.FromValue!.Value, row.AgreedValue!.Value));
        // Units never see the county's exchange with the city.
        Assert.Empty(await Db.Service<NegotiationService>(Reporter(y.D01)).ListAsync(y.Year));
    }

    [Fact]
    public async Task The_whole_exchange_exports_one_row_a_step()
    {
        var y = await PlanningYear.CreateAsync(Db, Office);
        var office = Db.Service<NegotiationService>(Office);
        var id = (await office.ProposeAsync(y.Year, y.T01, y.A1, 70m, null)).Value;
        Assert.True((await Db.Service<NegotiationService>(Reporter(y.T01)).ObjectAsync(id, 0, "偏高", 60m, null)).Ok);
        using var stream = new MemoryStream();
        await office.WriteExportAsync(y.Year, stream);
        stream.Position = 0;
        var rows = ExcelSheet.Read(stream, NegotiationService.ExportColumns);
        Assert.True(rows.Ok, rows.Error);
        Assert.Equal(["考核办提出", "单位提出异议"], rows.Value!.Select(r => r["步骤"]));
        Assert.Equal(["70", "60"], rows.Value!.Select(r => r["数值"]));
        Assert.Equal("城关镇「地区生产总值」", rows.Value![1]["对象"]);
        Assert.Equal("2026-03-01 16:00", rows.Value![1]["时间（北京时间）"]);
    }

    [Fact]
    public async Task Negotiations_waiting_on_a_person_are_counted_for_the_side_whose_turn_it_is()
    {
        var y = await PlanningYear.CreateAsync(Db, Office);
        var office = Db.Service<NegotiationService>(Office);
        async Task<int> CountAsync(CurrentUser user) => await Db.Service<NegotiationService>(user).AwaitingAnswerAsync(y.Year);
        var first = (await office.ProposeAsync(y.Year, y.T01, y.A1, 70m, null)).Value;
        var second = (await office.ProposeAsync(y.Year, y.T02, y.A1, 40m, null)).Value;
        // Two proposals: each unit has one to answer, the office none.
        Assert.Equal((0, 1, 1, 1), (await CountAsync(Office), await CountAsync(Reporter(y.T01)), await CountAsync(Head(y.T01)), await CountAsync(Reporter(y.T02))));
        Assert.Equal(0, await CountAsync(Reporter(y.D01)));
        Assert.Equal(0, await CountAsync(new CurrentUser("leader", [Roles.Leader], null)));

        // 城关镇 objects: the office has one to answer; after its counter-proposal it is the unit's turn again.
        Assert.True((await Db.Service<NegotiationService>(Reporter(y.T01)).ObjectAsync(first, 0, "产业转移", 64m, null)).Ok);
        Assert.Equal((1, 0), (await CountAsync(Office), await CountAsync(Reporter(y.T01))));
        Assert.True((await office.CounterAsync(first, 1, 66m, "折中")).Ok);
        Assert.Equal((0, 1), (await CountAsync(Office), await CountAsync(Reporter(y.T01))));
        // Accepted: closed, nothing left for anyone.
        Assert.True((await Db.Service<NegotiationService>(Reporter(y.T01)).AcceptAsync(first, 2)).Ok);
        Assert.True((await Db.Service<NegotiationService>(Reporter(y.T02)).AcceptAsync(second, 0)).Ok);
        Assert.Equal((0, 0, 0), (await CountAsync(Office), await CountAsync(Reporter(y.T01)), await CountAsync(Reporter(y.T02))));
    }
}

public sealed class SqliteNegotiationServiceTests() : NegotiationServiceTests(DatabaseProvider.Sqlite);

public sealed class PostgresNegotiationServiceTests() : NegotiationServiceTests(DatabaseProvider.Postgres);
