using System.Globalization;
using Baton.Core.Investment;
using Baton.Core.Projects;
using Baton.Core.Units;
using Baton.Scoring.Progress;

namespace Baton.Core.Demo;

/// <summary>
/// The demo county's key projects (重点项目) and attracted projects (招商引资) of 2026: projects with owner and
/// cooperating units, month plans of investment, milestones (some reached late, two not reached in time), monthly
/// investment and bottlenecks worked through; leads at every stage from 洽谈 to 投产 (one gone back), with screening
/// notes, amounts and funds in place; and the superior funds and policies units won. Only what had happened by now is stored.
/// </summary>
internal static class DemoProjects
{
    private static readonly TimeSpan s_beijing = TimeSpan.FromHours(8);

    private sealed record Project(
        string Code, string Name, string Owner, (string Unit, decimal Share)[] Cooperating, decimal Planned, PlanProfile Profile, decimal Pace,
        (MilestoneKind Kind, string Planned, string? Actual)[] Milestones, int LastMonth,
        (string Description, string Owner, string Raised, string? Progress, string? Resolved, string? Resolution)[] Bottlenecks);

    private static readonly Project[] s_projects =
    [
        new("XM-2026-01", "城关镇现代物流园（一期）", "T01", [("D01", 20m), ("D06", 10m)], 36_000m, PlanProfile.BackLoaded, 1.02m,
            [(MilestoneKind.Approval, "2026-01-20", "2026-01-18"), (MilestoneKind.Land, "2026-03-31", "2026-04-12"), (MilestoneKind.Start, "2026-04-30", "2026-05-10"),
             (MilestoneKind.Completion, "2026-12-25", null), (MilestoneKind.Production, "2027-03-31", null)], 11,
            [("物流园一期用地指标缺口 120 亩", "县自然资源局", "2026-03-10", null, "2026-04-08", "市里调剂用地指标 120 亩，已完成土地挂牌出让。"),
             ("园区外接 110 千伏供电线路迁改", "国网示范县供电公司", "2026-06-15", "迁改方案已经市供电公司批复，杆线迁移完成 70%，11 月底前完工。", null, null)]),
        new("XM-2026-02", "东河镇有机农产品加工园", "T02", [("D05", 20m)], 12_000m, PlanProfile.Linear, 1.01m,
            [(MilestoneKind.Approval, "2026-02-15", "2026-02-10"), (MilestoneKind.Land, "2026-03-20", "2026-03-18"), (MilestoneKind.Start, "2026-04-10", "2026-04-08"),
             (MilestoneKind.Completion, "2026-11-30", "2026-11-26")], 11, []),
        new("XM-2026-03", "北塬镇新能源装备制造基地", "T05", [("D02", 30m)], 48_000m, PlanProfile.Linear, 0.98m,
            [(MilestoneKind.Approval, "2026-01-25", "2026-01-22"), (MilestoneKind.Land, "2026-02-28", "2026-02-26"), (MilestoneKind.Start, "2026-03-20", "2026-03-28"),
             (MilestoneKind.Completion, "2027-06-30", null)], 11,
            [("企业自筹资金到位滞后", "县财政局", "2026-07-02", null, "2026-08-20", "协调县农商银行发放项目贷款 8000 万元，资金已到位。")]),
        new("XM-2026-04", "县城污水处理厂提标改造", "D07", [("D21", 30m)], 9_000m, PlanProfile.FrontLoaded, 1.0m,
            [(MilestoneKind.Approval, "2026-01-10", "2026-01-10"), (MilestoneKind.Start, "2026-03-01", "2026-03-05"), (MilestoneKind.Completion, "2026-10-31", "2026-10-28"),
             (MilestoneKind.Production, "2026-11-30", "2026-11-20")], 11, []),
        new("XM-2026-05", "国道 310 线示范县段改线工程", "D08", [("D06", 20m), ("T03", 10m)], 42_000m, PlanProfile.Linear, 0.62m,
            [(MilestoneKind.Approval, "2026-02-28", "2026-03-15"), (MilestoneKind.Land, "2026-04-30", null), (MilestoneKind.Start, "2026-06-30", null),
             (MilestoneKind.Completion, "2027-10-31", null)], 11,
            [("沿线 37 户房屋征收补偿标准未达成一致", "西坝镇人民政府", "2026-04-20", "已入户 29 户，签订征收协议 18 户，县领导包抓剩余户。", null, null),
             ("林地占用审批未获省林业局批复", "县林业局", "2026-05-12", null, null, null)]),
        new("XM-2026-06", "桃花镇文旅康养小镇", "T08", [("D10", 30m)], 15_000m, PlanProfile.BackLoaded, 0.97m,
            [(MilestoneKind.Approval, "2026-03-15", "2026-03-12"), (MilestoneKind.Land, "2026-05-31", "2026-06-20"), (MilestoneKind.Start, "2026-07-15", "2026-07-28")], 10,
            [("景区连接道路建设资金缺口", "县交通运输局", "2026-08-05", "已申报省级旅游公路补助资金，等待批复。", null, null)]),
        new("XM-2026-07", "南山镇 50 兆瓦光伏发电项目", "T04", [("D02", 20m)], 20_000m, PlanProfile.FrontLoaded, 1.04m,
            [(MilestoneKind.Approval, "2026-01-15", "2026-01-12"), (MilestoneKind.Start, "2026-03-15", "2026-03-10"), (MilestoneKind.Completion, "2026-09-30", "2026-09-25"),
             (MilestoneKind.Production, "2026-10-31", "2026-10-30")], 11, []),
        new("XM-2026-08", "县人民医院新院区", "D14", [("D07", 20m)], 30_000m, PlanProfile.Linear, 0.84m,
            [(MilestoneKind.Approval, "2026-01-30", "2026-01-30"), (MilestoneKind.Start, "2026-04-15", "2026-05-20"), (MilestoneKind.Completion, "2027-12-31", null)], 11,
            [("施工图审查意见整改进度慢", "县卫生健康局", "2026-09-05", "设计单位已完成 12 项审查意见中的 9 项。", null, null)]),
    ];

    private sealed record Lead(
        string Name, string Unit, string Industry, decimal Total, string Screening, (LeadStage Stage, string On, string? Note)[] Stages, decimal Funds);

    private static readonly Lead[] s_leads =
    [
        new("年产 5 万吨新型建材项目", "T05", "新型建材", 52_000m, "符合县新型建材产业链定位；投资方为省级专精特新企业，承诺亩均税收 30 万元。",
            [(LeadStage.Negotiating, "2026-01-15", null), (LeadStage.Framework, "2026-03-10", null), (LeadStage.Contracted, "2026-04-22", null),
             (LeadStage.Started, "2026-07-08", null), (LeadStage.Producing, "2026-11-18", "一号生产线试产")], 31_000m),
        new("南山镇光伏组件封装项目", "T04", "新能源", 35_000m, "产业链延伸项目，与南山镇光伏电站配套；投资方年营收 20 亿元。",
            [(LeadStage.Negotiating, "2026-02-20", null), (LeadStage.Framework, "2026-04-01", null), (LeadStage.Contracted, "2026-05-15", null),
             (LeadStage.Started, "2026-07-20", null), (LeadStage.Producing, "2026-10-30", null)], 35_000m),
        new("新能源汽车零部件产业园", "T01", "汽车零部件", 80_000m, "亿元以上重大项目；投资方为行业前十企业，配套市内整车厂。",
            [(LeadStage.Negotiating, "2026-02-01", null), (LeadStage.Framework, "2026-04-15", null), (LeadStage.Contracted, "2026-06-18", null),
             (LeadStage.Started, "2026-09-26", null)], 18_000m),
        new("冷链物流配送中心", "T02", "现代物流", 25_000m, "补齐县域冷链短板，服务东河镇农产品加工园。",
            [(LeadStage.Negotiating, "2026-03-05", null), (LeadStage.Framework, "2026-05-20", null), (LeadStage.Contracted, "2026-08-12", null)], 3_000m),
        new("桃花湖康养旅游度假区", "T08", "文旅康养", 60_000m, "投资方有三个同类项目运营经验；用地涉及生态红线的部分须调整方案。",
            [(LeadStage.Negotiating, "2026-04-10", null), (LeadStage.Framework, "2026-07-02", null)], 0m),
        new("中药材种植加工一体化项目", "T07", "生物医药", 15_000m, "投资方资金实力一般，须提供银行资信证明后再推进。",
            [(LeadStage.Negotiating, "2026-03-01", null), (LeadStage.Framework, "2026-06-01", null),
             (LeadStage.Negotiating, "2026-08-15", "投资方资金链紧张，框架协议中止，重新洽谈合作方式。")], 0m),
        new("大数据中心项目", "D12", "数字经济", 120_000m, "能耗指标须市里统筹，待能评通过后再议签约。",
            [(LeadStage.Negotiating, "2026-06-18", null)], 0m),
        new("农产品初加工项目", "T06", "农产品加工", 8_000m, "投资强度低于园区准入标准（每亩 300 万元），建议引导入驻标准化厂房（选商）。",
            [(LeadStage.Negotiating, "2026-05-08", null)], 0m),
    ];

    private static readonly (string Unit, SuperiorSupportKind Kind, string Title, decimal Amount, string On)[] s_support =
    [
        ("T02", SuperiorSupportKind.Funds, "中央财政衔接推进乡村振兴补助资金", 1_200m, "2026-04-18"),
        ("D07", SuperiorSupportKind.Funds, "中央预算内城镇老旧小区改造资金", 3_200m, "2026-05-25"),
        ("D02", SuperiorSupportKind.Policy, "省级高新技术产业开发区扩区获批", 0m, "2026-06-20"),
        ("D01", SuperiorSupportKind.Funds, "超长期特别国债项目资金（城乡供水一体化）", 8_500m, "2026-07-30"),
        ("T05", SuperiorSupportKind.Funds, "省级工业转型升级专项资金", 600m, "2026-09-12"),
        ("D05", SuperiorSupportKind.Policy, "国家农业产业强镇创建（东河镇）", 0m, "2026-10-16"),
    ];

    public static async Task SeedAsync(BatonDbContext db, Random random, Dictionary<string, Unit> units, DateTime now, CancellationToken ct)
    {
        var year = DemoCounty.CurrentYear;
        var today = DateOnly.FromDateTime(now + s_beijing);
        foreach (var p in s_projects)
        {
            var plan = MonthlyPlans.Build(p.Profile, p.Planned, decimals: 0).Months;
            var project = new KeyProject
            {
                Year = year, Code = p.Code, Name = p.Name, OwnerUnitId = units[p.Owner].Id, OwnerShare = 100m - p.Cooperating.Sum(c => c.Share),
                PlannedInvestment = p.Planned, MonthlyPlan = string.Join(";", plan.Select(v => v.ToString(CultureInfo.InvariantCulture))),
                Cooperating = [.. p.Cooperating.Select(c => new ProjectUnit { UnitId = units[c.Unit].Id, Share = c.Share })],
            };
            foreach (var (kind, planned, actual) in p.Milestones)
            {
                var reached = actual is null ? (DateOnly?)null : Day(actual);
                project.Milestones.Add(new ProjectMilestone { Kind = kind, PlannedOn = Day(planned), ActualOn = reached <= today ? reached : null });
            }
            // Each month's investment is entered in the last days of the month, the owner's reporter for a town.
            var done = 0m;
            for (var month = 1; month <= 12; month++)
            {
                var noise = 0.95m + (0.1m * (decimal)random.NextDouble());
                var cumulative = Math.Round(plan[month - 1] * p.Pace * noise, 0, MidpointRounding.AwayFromZero);
                var enteredAt = Beijing(new DateOnly(year, month, 1).AddMonths(1).AddDays(-(1 + random.Next(5))), 15 + random.Next(3));
                if (month > p.LastMonth || enteredAt > now)
                {
                    continue;
                }
                var amount = Math.Max(0, cumulative - done);
                done += amount;
                project.Investments.Add(new ProjectInvestment
                {
                    Month = month, Amount = amount, Note = amount == 0 ? "本月无新增投资。" : null,
                    EnteredBy = p.Owner == "T01" ? "reporter" : "office", EnteredAt = enteredAt,
                });
            }
            foreach (var b in p.Bottlenecks.Where(b => Day(b.Raised) <= today))
            {
                var resolved = b.Resolved is { } r && Day(r) <= today;
                project.Bottlenecks.Add(new ProjectBottleneck
                {
                    Description = b.Description, Owner = b.Owner, RaisedOn = Day(b.Raised), RaisedBy = "office",
                    Status = resolved ? BottleneckStatus.Resolved : b.Progress is not null || b.Resolved is not null ? BottleneckStatus.InProgress : BottleneckStatus.Open,
                    Progress = b.Progress ?? (b.Resolved is not null ? "正在协调。" : null),
                    ResolvedOn = resolved ? Day(b.Resolved!) : null, ResolutionNote = resolved ? b.Resolution : null,
                });
            }
            db.KeyProjects.Add(project);
        }

        foreach (var l in s_leads)
        {
            var reached = l.Stages.Where(s => Day(s.On) <= today).ToList();
            if (reached.Count == 0)
            {
                continue;
            }
            var stage = reached[^1].Stage;
            var contracted = reached.FirstOrDefault(s => s.Stage == LeadStage.Contracted).On;
            // Funds arrive from the contract on: by now, the part of the time from the contract to the story's end.
            var funds = contracted is null ? 0m : Math.Round(l.Funds * Math.Min(1m,
                (decimal)(today.DayNumber - Day(contracted).DayNumber) / Math.Max(1, DemoDay.DayNumber - Day(contracted).DayNumber)), 0, MidpointRounding.AwayFromZero);
            db.InvestmentLeads.Add(new InvestmentLead
            {
                Year = year, Name = l.Name, UnitId = units[l.Unit].Id, Industry = l.Industry, TotalInvestment = l.Total, Screening = l.Screening,
                Stage = stage, ContractAmount = stage >= LeadStage.Contracted ? l.Total : null, FundsInPlace = funds,
                Stages = [.. reached.Select(s => new LeadStageRecord
                {
                    Stage = s.Stage, ReachedOn = Day(s.On), Note = s.Note, EnteredBy = l.Unit == "T01" ? "reporter" : "office", EnteredAt = Beijing(Day(s.On), 17),
                })],
            });
        }

        db.SuperiorSupports.AddRange(s_support.Where(s => Day(s.On) <= today).Select(s => new SuperiorSupport
        {
            Year = year, UnitId = units[s.Unit].Id, Kind = s.Kind, Title = s.Title, Amount = s.Amount, WonOn = Day(s.On), EnteredBy = "office",
            EnteredAt = Beijing(Day(s.On), 16),
        }));
        await db.SaveChangesAsync(ct);
    }

    private static readonly DateOnly DemoDay = DateOnly.FromDateTime(DemoCounty.StoryEnd + s_beijing);

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTime Beijing(DateOnly day, int hour) => DateTime.SpecifyKind(day.ToDateTime(new TimeOnly(hour, 0)) - s_beijing, DateTimeKind.Utc);
}
