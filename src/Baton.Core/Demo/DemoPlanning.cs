using Baton.Core.Planning;
using Baton.Core.Targets;
using Baton.Core.Units;
using Baton.Scoring.Planning;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Demo;

/// <summary>
/// The demo county's 2026 before and around issuance: the city's targets for the county (市考任务) with their indicator
/// types, weights and decomposition to the towns' leaves, one of them lowered after the county asked the city; the
/// office's negotiations with units over their targets (征求意见), all agreed before the targets were issued on
/// 23 January; the heads' confirmations of the responsibility letters; and the county's standing in the city's
/// appraisal each quarter as the city published it. As in <see cref="DemoProgress"/>, only what had happened by now is stored.
/// </summary>
internal static class DemoPlanning
{
    private static readonly TimeSpan s_beijing = TimeSpan.FromHours(8);

    // The county's leaves by indicator type (总量 / 结构 / 质量效益); graded, veto and cap leaves stay undeclared.
    private static readonly Dictionary<(UnitKind Kind, string Code), IndicatorType> s_types = new()
    {
        [(UnitKind.Town, "A1")] = IndicatorType.Total,
        [(UnitKind.Town, "A2")] = IndicatorType.Total,
        [(UnitKind.Town, "A3")] = IndicatorType.Total,
        [(UnitKind.Town, "A4")] = IndicatorType.Structure,
        [(UnitKind.Town, "A5")] = IndicatorType.Quality,
        [(UnitKind.Town, "B1")] = IndicatorType.Total,
        [(UnitKind.Town, "C1")] = IndicatorType.Total,
        [(UnitKind.Town, "C2")] = IndicatorType.Quality,
        [(UnitKind.Town, "D1")] = IndicatorType.Quality,
        [(UnitKind.Department, "A1")] = IndicatorType.Quality,
        [(UnitKind.Department, "A2")] = IndicatorType.Total,
        [(UnitKind.Department, "B1")] = IndicatorType.Total,
    };

    /// <summary>The city's target the county asked to lower (规上工业增加值), and got part of the way.</summary>
    public const string NegotiatedCityTarget = "SJ-03";

    public static async Task SeedAsync(BatonDbContext db, Random random, Dictionary<string, Unit> units, DateTime now, CancellationToken ct)
    {
        var year = DemoCounty.CurrentYear;
        var categories = await db.UnitCategories.Where(c => c.Year == year).ToDictionaryAsync(c => c.Id, c => c.Kind, ct);
        var leaves = await db.Indicators.Where(i => i.Year == year && !i.IsGroup).ToListAsync(ct);
        foreach (var leaf in leaves)
        {
            if (s_types.TryGetValue((categories[leaf.CategoryId], leaf.Code), out var type))
            {
                leaf.Type = type;
            }
        }
        await db.SaveChangesAsync(ct);

        var targets = await db.Targets.Where(t => t.Year == year).ToListAsync(ct);
        var townLeaves = leaves.Where(l => categories[l.CategoryId] == UnitKind.Town).ToList();
        decimal TownSum(string code) => targets.Where(t => townLeaves.Any(l => l.Id == t.IndicatorId && l.Code == code)).Sum(t => t.Value ?? 0);
        long[] TownLinks(string code) => [.. townLeaves.Where(l => l.Code == code).Select(l => l.Id)];
        static decimal Below(decimal value, decimal margin, decimal step) => Math.Floor(value / (1 + margin) / step) * step;

        var econ = await db.UnitCategories.Where(c => c.Year == year && c.Code == "DEPT-ECON").Select(c => c.Id).SingleAsync(ct);
        var investmentLeaves = TownLinks("C1").Append(leaves.Single(l => l.CategoryId == econ && l.Code == "B1").Id).ToArray();
        (string Unit, bool Lead, decimal Share)[] investmentShares = [("D12", true, 0.3m), ("T01", false, 0.25m), ("T02", false, 0.15m), ("T05", false, 0.15m), ("T03", false, 0.15m)];
        var investmentSum = investmentShares.Sum(s => targets.Single(t => t.UnitId == units[s.Unit].Id && investmentLeaves.Contains(t.IndicatorId)).Value ?? 0);

        var industry = Below(TownSum("A3"), 0.03m, 100);
        (string Code, string Name, string Measure, decimal Value, IndicatorType Type, decimal Points, Aggregation Aggregation, decimal Margin, long[] Links, string? Note)[] city =
        [
            ("SJ-01", "地区生产总值", "万元", Below(TownSum("A1"), 0.05m, 1000), IndicatorType.Total, 10, Aggregation.AtLeast, 0.05m, TownLinks("A1"), "县里按高于市下达目标 5% 分解到各镇"),
            ("SJ-02", "一般公共预算收入", "万元", Below(TownSum("A2"), 0.03m, 100), IndicatorType.Total, 8, Aggregation.AtLeast, 0.03m, TownLinks("A2"), null),
            (NegotiatedCityTarget, "规上工业增加值", "万元", industry, IndicatorType.Total, 8, Aggregation.AtLeast, 0.03m, TownLinks("A3"), "经向市里协调，由市下达数调减"),
            ("SJ-04", "固定资产投资", "万元", Below(TownSum("B1"), 0.05m, 1000), IndicatorType.Total, 10, Aggregation.AtLeast, 0.05m, TownLinks("B1"), null),
            ("SJ-05", "招商引资到位资金", "万元", Math.Floor(investmentSum / 100) * 100, IndicatorType.Total, 8, Aggregation.AtLeast, 0m, investmentLeaves, "县投资促进中心牵头，重点镇配合"),
            ("SJ-06", "农村居民人均可支配收入增速", "%", 7.5m, IndicatorType.Structure, 6, Aggregation.None, 0m, TownLinks("A4"), "增速指标，不按合计校核"),
            ("SJ-07", "战略性新兴产业增加值占规上工业比重", "%", 18m, IndicatorType.Structure, 6, Aggregation.None, 0m, [], "县工业和信息化局牵头"),
            ("SJ-08", "单位生产总值能耗降低率", "%", 3.2m, IndicatorType.Quality, 6, Aggregation.None, 0m, TownLinks("A5"), null),
            ("SJ-09", "空气质量优良天数比例", "%", 82m, IndicatorType.Quality, 6, Aggregation.None, 0m, TownLinks("D1"), null),
        ];
        var superior = new Dictionary<string, SuperiorTarget>(StringComparer.Ordinal);
        foreach (var c in city)
        {
            var entity = new SuperiorTarget
            {
                Year = year, Code = c.Code, Name = c.Name, Measure = c.Measure, CityValue = c.Value, Type = c.Type, CityPoints = c.Points,
                Aggregation = c.Aggregation, Margin = c.Margin, Note = c.Note,
            };
            db.SuperiorTargets.Add(entity);
            superior[c.Code] = entity;
        }
        await db.SaveChangesAsync(ct);
        foreach (var c in city)
        {
            db.SuperiorTargetLinks.AddRange(c.Links.Select(l => new SuperiorTargetLink { SuperiorTargetId = superior[c.Code].Id, IndicatorId = l }));
        }
        db.SuperiorTargetShares.AddRange(investmentShares.Select(s => new SuperiorTargetShare
        {
            SuperiorTargetId = superior["SJ-05"].Id, UnitId = units[s.Unit].Id, IsLead = s.Lead, Share = s.Share,
        }));
        db.SuperiorTargetShares.Add(new SuperiorTargetShare { SuperiorTargetId = superior["SJ-07"].Id, UnitId = units["D02"].Id, IsLead = true, Share = 1m });

        // The city first asked for 12% more industrial value added than the towns can carry; the county asked for 4% less
        // than it finally got, and the city met it part of the way.
        var asked = Beijing(year, 1, 8, 10, 30);
        var replied = Beijing(year, 1, 20, 15, 0);
        var cityFirst = Math.Round(industry * 1.12m / 100, MidpointRounding.AwayFromZero) * 100;
        var cityNegotiation = new TargetNegotiation
        {
            Year = year, Kind = NegotiationKind.CityTarget, SuperiorTargetId = superior[NegotiatedCityTarget].Id, FromValue = cityFirst,
            OpenedBy = "office", OpenedAt = asked, ClosedAt = replied <= now ? replied : null, AgreedValue = replied <= now ? industry : null,
        };
        cityNegotiation.Steps.Add(new NegotiationStep
        {
            Action = NegotiationAction.AskCity, Value = Math.Round(industry * 0.96m / 100, MidpointRounding.AwayFromZero) * 100, By = "office", At = asked,
            Reason = "县内主导企业示范县化工有限公司 2026 年上半年实施技改停产，预计减少规上工业增加值约 1.2 亿元，申请调减市下达目标。附企业技改备案和停产计划。",
        });
        if (replied <= now)
        {
            cityNegotiation.Steps.Add(new NegotiationStep
            {
                Action = NegotiationAction.CityReply, Value = industry, By = "office", At = replied,
                Reason = "市考核办函复：经市统计局、市工信局核实，同意部分调减，按调整后目标考核，技改完成后须加快恢复生产。",
            });
        }
        else
        {
            superior[NegotiatedCityTarget].CityValue = cityFirst;
        }
        db.TargetNegotiations.Add(cityNegotiation);

        // The office's proposals to units in early January, every one agreed before issuance: accepted, objected to
        // and agreed, countered and accepted, or kept over the objection.
        Target TargetOf(string unit, string code) => targets.Single(t => t.UnitId == units[unit].Id && leaves.Any(l => l.Id == t.IndicatorId && l.Code == code));
        (string Unit, string Leaf, (NegotiationAction Action, decimal Factor, string? Reason)[] Steps)[] threads =
        [
            ("T01", "A2", [(NegotiationAction.Propose, 1m, null), (NegotiationAction.Accept, 1m, null)]),
            ("T05", "B1", [(NegotiationAction.Propose, 1m, null), (NegotiationAction.Accept, 1m, null)]),
            ("T03", "A1", [(NegotiationAction.Propose, 1.06m, "按全县地区生产总值增长目标分解。"),
                (NegotiationAction.Objection, 1m, "辖区龙头企业西坝建材年内整体搬迁入园，停产约三个月，申请按调整后的数值下达。附企业搬迁计划。"),
                (NegotiationAction.Agree, 1m, "经核实企业搬迁计划，同意按单位意见下达。")]),
            ("T08", "C1", [(NegotiationAction.Propose, 1.15m, "按全县招商引资到位资金目标分解。"),
                (NegotiationAction.Objection, 0.9m, "桃花镇在谈项目多为文旅项目，资金分期到位，申请调低目标。"),
                (NegotiationAction.Counter, 1m, "考虑桃花镇已签约项目的资金计划，调整为此值，请镇里加大在谈项目推进力度。"),
                (NegotiationAction.Accept, 1m, null)]),
            ("D04", "B1", [(NegotiationAction.Propose, 1m, "按县直部门招商任务分解。"),
                (NegotiationAction.Objection, 0.8m, "本局内资招商职能已划转县投资促进中心，申请调低招商任务。"),
                (NegotiationAction.Overrule, 1m, "县商务局仍承担外贸外资企业招引职责，任务不作调整。")]),
        ];
        var day = 5;
        foreach (var (unit, code, steps) in threads)
        {
            var target = TargetOf(unit, code);
            var value = target.Value!.Value;
            var at = Beijing(year, 1, day++, 9, 0);
            var thread = new TargetNegotiation
            {
                Year = year, Kind = NegotiationKind.UnitTarget, UnitId = target.UnitId, IndicatorId = target.IndicatorId,
                OpenedBy = "office", OpenedAt = at, ClosedAt = at.AddDays(steps.Length), AgreedValue = value,
            };
            var onTable = (decimal?)null;
            for (var i = 0; i < steps.Length; i++)
            {
                var (action, factor, reason) = steps[i];
                var stepValue = action switch
                {
                    NegotiationAction.Accept or NegotiationAction.Agree or NegotiationAction.Overrule => onTable,
                    _ => Math.Round(value * factor, target.Value < 10 ? 2 : 0, MidpointRounding.AwayFromZero),
                };
                if (action is NegotiationAction.Propose or NegotiationAction.Counter)
                {
                    onTable = stepValue;
                }
                if (action == NegotiationAction.Objection)
                {
                    // Agreeing takes the unit's counter-value; overruling keeps the office's.
                    onTable = steps[i + 1].Action == NegotiationAction.Agree ? stepValue : onTable;
                }
                var office = action is NegotiationAction.Propose or NegotiationAction.Agree or NegotiationAction.Counter or NegotiationAction.Overrule;
                thread.Steps.Add(new NegotiationStep { Action = action, Value = stepValue, Reason = reason, By = office ? "office" : "head", At = at.AddDays(i) });
            }
            db.TargetNegotiations.Add(thread);
        }

        // The heads confirm their letters within days of issuance; 城关镇's head (the demo's `head`) only in March.
        foreach (var issuance in await db.TargetIssuances.Where(i => i.Year == year).OrderBy(i => i.UnitId).ToListAsync(ct))
        {
            var confirmed = issuance.UnitId == units["T01"].Id ? Beijing(year, 3, 4, 10, 20) : issuance.IssuedAt.AddDays(1 + random.Next(10)).AddHours(random.Next(8));
            if (confirmed <= now)
            {
                (issuance.ConfirmedAt, issuance.ConfirmedBy) = (confirmed, "head");
            }
        }

        // The city publishes the county's standing about three weeks after each quarter.
        (string Period, DateOnly AsOf, decimal Score, int Rank, string Note)[] standings =
        [
            ("一季度", new DateOnly(year, 3, 31), 86.4m, 5, "规上工业增加值增速低于全市平均，拖累排名"),
            ("上半年", new DateOnly(year, 6, 30), 88.1m, 4, "固定资产投资、招商引资到位资金进位明显"),
            ("1—9月", new DateOnly(year, 9, 30), 89.7m, 3, "一般公共预算收入、空气质量优良天数比例居全市前列"),
        ];
        var today = DateOnly.FromDateTime(now + s_beijing);
        db.CityStandings.AddRange(standings.Where(s => s.AsOf.AddDays(21) <= today).Select(s => new CityStanding
        {
            Year = year, Period = s.Period, AsOf = s.AsOf, Score = s.Score, Rank = s.Rank, RankOf = 9, Note = s.Note,
        }));
        await db.SaveChangesAsync(ct);
    }

    private static DateTime Beijing(int year, int month, int day, int hour, int minute) =>
        DateTime.SpecifyKind(new DateTime(year, month, day, hour, minute, 0) - s_beijing, DateTimeKind.Utc);
}
