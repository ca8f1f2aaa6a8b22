using System.Globalization;
using System.Text;
using Baton.Core.Accounts;
using Baton.Core.Adjustments;
using Baton.Core.Indicators;
using Baton.Core.Progress;
using Baton.Core.Ratings;
using Baton.Core.Results;
using Baton.Core.Targets;
using Baton.Core.Units;
using Baton.Core.Years;
using Baton.Scoring.Progress;
using Baton.Scoring.Results;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Demo;

/// <summary>
/// The demo county's indicator systems, targets, actual values, adjustments and results: 2025 is
/// scored and Final; 2026 has its system (copied from 2025) and targets and stays in progress.
/// The indicators follow the speech's priorities: 经济发展, 项目建设, 招商引资, 生态环境, 深化改革, 党建.
/// </summary>
internal static class DemoIndicators
{
    // (code, parent, name, points, rule, parameters, measure, lead unit code, source, target range)
    private sealed record Node(string Code, string? Parent, string Name, decimal Points, RuleKind Rule = RuleKind.None, RuleParameters? Parameters = null,
        string? Measure = null, string? Lead = null, DataSource Source = DataSource.SelfReported, decimal TargetMin = 0, decimal TargetMax = 0);

    private static readonly Node[] s_town =
    [
        new("A", null, "经济发展", 30),
        new("A1", "A", "地区生产总值", 8, RuleKind.CompletionRate, new() { Floor = 0.5m, Cap = 1.1m }, "万元", "D11", DataSource.StatisticsBureau, 80_000, 300_000),
        new("A2", "A", "一般公共预算收入", 8, RuleKind.CompletionRate, new() { Cap = 1.2m }, "万元", "D03", DataSource.StatisticsBureau, 3_000, 15_000),
        new("A3", "A", "规上工业增加值", 6, RuleKind.Tiers, RuleSpec.Defaults(RuleKind.Tiers), "万元", "D02", DataSource.StatisticsBureau, 10_000, 60_000),
        new("A4", "A", "农村居民人均可支配收入", 4, RuleKind.CompletionRate, new() { Cap = 1m }, "元", "D05", DataSource.StatisticsBureau, 14_000, 18_000),
        new("A5", "A", "单位生产总值能耗", 4, RuleKind.CompletionRate, new() { Cap = 1.1m, Reverse = true }, "吨标煤/万元", "D01", DataSource.LeadUnit, 0.4m, 0.6m),
        new("B", null, "项目建设", 20),
        new("B1", "B", "固定资产投资", 10, RuleKind.BaseExcess, RuleSpec.Defaults(RuleKind.BaseExcess) with { MaxExtraPoints = 0m }, "万元", "D01", DataSource.StatisticsBureau, 50_000, 200_000),
        new("B2", "B", "县级重点项目建设进度", 10, RuleKind.TimeProgress, new() { Cap = 1m }, "%", "D01", DataSource.LeadUnit),
        new("C", null, "招商引资", 15),
        new("C1", "C", "招商引资到位资金", 10, RuleKind.CompletionRate, new() { Cap = 1.2m }, "万元", "D12", DataSource.LeadUnit, 20_000, 80_000),
        new("C2", "C", "新签约亿元以上项目", 5, RuleKind.BonusPerItem, new() { PointsPerItem = 2.5m }, "个", "D12", DataSource.LeadUnit),
        new("D", null, "生态环境", 15),
        new("D1", "D", "空气质量优良天数", 6, RuleKind.CompletionRate, new() { Cap = 1m }, "天", "D21", DataSource.LeadUnit, 280, 320),
        new("D2", "D", "河长制工作", 5, RuleKind.Graded, RuleSpec.Defaults(RuleKind.Graded), null, "D09", DataSource.LeadUnit),
        new("D3", "D", "环保督察问题", 4, RuleKind.Deduction, new() { PointsPerOccurrence = 1m, Floor = 0m }, "次", "D21", DataSource.LeadUnit),
        new("E", null, "深化改革", 10),
        new("E1", "E", "重点改革任务", 10, RuleKind.Graded, RuleSpec.Defaults(RuleKind.Graded), null, "D23", DataSource.LeadUnit),
        new("F", null, "党的建设", 10),
        new("F1", "F", "基层党建", 10, RuleKind.Graded, RuleSpec.Defaults(RuleKind.Graded), null, "D24", DataSource.LeadUnit),
        new("F2", "F", "重大安全生产责任事故", 0, RuleKind.Veto, new(), "起", "D19", DataSource.LeadUnit),
        new("F3", "F", "越级上访重大群体性事件", 0, RuleKind.GradeCap, new() { MaxGrade = "良好" }, "起", "D34", DataSource.LeadUnit),
    ];

    private static readonly Node[] s_department =
    [
        new("A", null, "职能目标", 50),
        new("A1", "A", "核心业务指标完成", 20, RuleKind.CompletionRate, new() { Floor = 0.6m, Cap = 1.1m }, "%", null, DataSource.SelfReported, 90, 100),
        new("A2", "A", "市考任务完成", 15, RuleKind.Tiers, RuleSpec.Defaults(RuleKind.Tiers), "项", null, DataSource.SelfReported, 8, 20),
        new("A3", "A", "年度重点工作", 15, RuleKind.Graded, RuleSpec.Defaults(RuleKind.Graded), null, "D23", DataSource.LeadUnit),
        new("B", null, "服务发展", 20),
        new("B1", "B", "招商引资任务", 10, RuleKind.CompletionRate, new() { Cap = 1.2m }, "万元", "D12", DataSource.LeadUnit, 2_000, 10_000),
        new("B2", "B", "包抓项目推进", 10, RuleKind.TimeProgress, new() { Cap = 1m }, "%", "D01", DataSource.LeadUnit),
        new("C", null, "深化改革", 10),
        new("C1", "C", "改革任务落实", 10, RuleKind.Graded, RuleSpec.Defaults(RuleKind.Graded), null, "D23", DataSource.LeadUnit),
        new("D", null, "党建和作风", 20),
        new("D1", "D", "机关党建", 10, RuleKind.Graded, RuleSpec.Defaults(RuleKind.Graded), null, "D24", DataSource.LeadUnit),
        new("D2", "D", "作风建设问题", 10, RuleKind.Deduction, new() { PointsPerOccurrence = 2m, Floor = 0m }, "次", "D28", DataSource.LeadUnit),
        new("D3", "D", "重大安全生产责任事故", 0, RuleKind.Veto, new(), "起", "D19", DataSource.LeadUnit),
        new("D4", "D", "重大信访问题", 0, RuleKind.GradeCap, new() { MaxGrade = "良好" }, "起", "D34", DataSource.LeadUnit),
    ];

    private static readonly string[] s_grades = ["好", "好", "较好", "较好", "较好", "一般"];

    /// <summary>
    /// The components of each category's overall score. Every weighted component has a source for every
    /// unit: the indicators, satisfaction (entered by hand until surveys exist, and marked so), and the
    /// calibrated rating rounds that <see cref="DemoRatings"/> seeds — named after what feeds them.
    /// </summary>
    private static IReadOnlyList<ComponentSetting> Components(string category)
    {
        ComponentSetting Rated(string code, decimal weight) => new(code, RatingComponent.Of(code)!.Name, weight, false);
        return category switch
        {
            "TOWN-A" or "TOWN-B" => [new("indicators", "指标考核", 0.6m, true), new("satisfaction", "群众满意度", 0.1m, false), Rated("rating", 0.15m), Rated("teams", 0.15m)],
            "DEPT-ECON" => [new("indicators", "指标考核", 0.7m, true), new("satisfaction", "群众满意度", 0.1m, false), Rated("rating", 0.1m), Rated("peers", 0.1m)],
            _ => [new("indicators", "指标考核", 0.7m, true), new("satisfaction", "群众满意度", 0.15m, false), Rated("rating", 0.15m)],
        };
    }

    public static async Task SeedAsync(BatonDbContext db, Random random, Dictionary<string, Unit> units, EvidenceStore evidence, CancellationToken ct)
    {
        var previous = await db.Years.SingleAsync(y => y.Year == DemoCounty.PreviousYear, ct);
        var current = await db.Years.SingleAsync(y => y.Year == DemoCounty.CurrentYear, ct);

        // The indicator system of 2025, settings with the defaults, and the year's award budget.
        db.YearSettings.Add(new YearSettings { Year = previous.Year, AwardBudget = 2_400_000m });
        var categories = await db.UnitCategories.Where(c => c.Year == previous.Year).OrderBy(c => c.Code).ToListAsync(ct);
        foreach (var category in categories)
        {
            var settings = RuleSpec.DefaultSettings(category.Id);
            settings.Components = RuleSpec.ToJson(Components(category.Code));
            db.CategorySettings.Add(settings);
            var template = category.Kind == UnitKind.Town ? s_town : s_department;
            var ids = new Dictionary<string, Indicator>(StringComparer.Ordinal);
            foreach (var level in new[] { template.Where(n => n.Parent is null), template.Where(n => n.Parent is not null) })
            {
                var order = 0;
                foreach (var node in level)
                {
                    var entity = new Indicator
                    {
                        Year = previous.Year, CategoryId = category.Id, ParentId = node.Parent is null ? null : ids[node.Parent].Id,
                        Code = node.Code, Name = node.Name, IsGroup = node.Rule == RuleKind.None, Points = node.Points,
                        Rule = node.Rule, RuleParameters = node.Rule == RuleKind.None ? null : RuleSpec.Serialize(node.Parameters ?? new()),
                        LeadUnitId = node.Lead is null ? null : units[node.Lead].Id, Source = node.Source, Measure = node.Measure,
                        EvidenceRequired = node.Rule is RuleKind.Graded or RuleKind.BonusPerItem, Order = ++order,
                    };
                    ids[node.Code] = entity;
                    db.Indicators.Add(entity);
                }
                await db.SaveChangesAsync(ct);
            }
        }

        // Targets of 2025, then the year-end values: the unit's report, and the authoritative figure.
        var members = await db.CategoryMemberships.Where(m => m.Year == previous.Year).OrderBy(m => m.UnitId).ToListAsync(ct);
        var leaves = await db.Indicators.Where(i => i.Year == previous.Year && !i.IsGroup).OrderBy(i => i.Id).ToListAsync(ct);
        var targets2025 = new List<Target>();
        var monthly2025 = new List<(Target Target, decimal[] Plan, decimal[] Actual)>();
        foreach (var member in members)
        {
            var unitCategory = categories.Single(c => c.Id == member.CategoryId);
            var template = (unitCategory.Kind == UnitKind.Town ? s_town : s_department).ToDictionary(n => n.Code, StringComparer.Ordinal);
            foreach (var leaf in leaves.Where(l => l.CategoryId == member.CategoryId))
            {
                var node = template[leaf.Code];
                var target = new Target { Year = previous.Year, UnitId = member.UnitId, IndicatorId = leaf.Id };
                switch (leaf.Rule)
                {
                    case RuleKind.CompletionRate or RuleKind.Tiers or RuleKind.BaseExcess:
                        var value = Round(node.TargetMin + ((node.TargetMax - node.TargetMin) * (decimal)random.NextDouble()), node.TargetMax < 10 ? 2 : 0);
                        target.Value = value;
                        var factor = node.Parameters?.Reverse == true ? 0.9m + (0.2m * (decimal)random.NextDouble()) : 0.82m + (0.33m * (decimal)random.NextDouble());
                        target.ReportedActual = Round(value * factor, node.TargetMax < 10 ? 3 : 1);
                        target.AuthoritativeActual = random.Next(5) == 0 ? Round(target.ReportedActual.Value * 0.97m, node.TargetMax < 10 ? 3 : 1) : target.ReportedActual;
                        // The unit's report went through its head's sign-off and the lead unit's review.
                        target.Status = ReportStatus.Approved;
                        break;
                    case RuleKind.TimeProgress:
                        // Whole percent of the year's work, to one place: a custom plan whose December is 100.
                        decimal[] plan = [.. Enumerable.Range(1, 12).Select(m => OnePlace(m * 100m / 12m))];
                        var pace = 0.85m + (0.2m * (decimal)random.NextDouble());
                        decimal[] actual = [.. Enumerable.Range(1, 12).Select(m => OnePlace(Math.Min(100m, m * 100m / 12m * pace)))];
                        target.PlanProfile = PlanProfile.Custom;
                        monthly2025.Add((target, plan, actual));
                        for (var m = 0; m < plan.Length; m++)
                        {
                            db.MonthlyPlans.Add(new MonthlyPlan { Target = target, Month = m + 1, Value = plan[m] });
                        }
                        break;
                    case RuleKind.Graded:
                        target.Grade = s_grades[random.Next(s_grades.Length)];
                        break;
                    case RuleKind.Deduction:
                        target.AuthoritativeActual = random.Next(3);
                        break;
                    case RuleKind.BonusPerItem:
                        target.AuthoritativeActual = random.Next(3);
                        break;
                    default:
                        continue;
                }
                if (target.AuthoritativeActual is not null || target.Grade is not null || leaf.Rule == RuleKind.TimeProgress)
                {
                    target.AuthoritativeSource = leaf.Source == DataSource.SelfReported ? DataSource.LeadUnit : leaf.Source;
                    target.ApprovedBy = leaf.Source == DataSource.StatisticsBureau ? "office" : "reviewer";
                }
                targets2025.Add(target);
                db.Targets.Add(target);
            }
        }
        await db.SaveChangesAsync(ct);
        // Every month of 2025 was reported, confirmed by the unit head and approved by the lead unit on time.
        foreach (var (target, _, actual) in monthly2025)
        {
            for (var m = 1; m <= 12; m++)
            {
                var reportedAt = new DateTime(previous.Year, m, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1).AddDays(1);
                db.ProgressReports.Add(new ProgressReport
                {
                    Year = previous.Year, TargetId = target.Id, UnitId = target.UnitId, IndicatorId = target.IndicatorId, Month = m, Value = actual[m - 1],
                    Narrative = "按计划推进。", Status = ReportStatus.Approved, SubmittedBy = "reporter", SubmittedAt = reportedAt, FirstSubmittedAt = reportedAt,
                    SignedOffBy = "head", SignedOffAt = reportedAt, ReviewedBy = "reviewer", ReviewedAt = reportedAt.AddDays(1),
                });
            }
        }
        await db.SaveChangesAsync(ct);

        // Satisfaction is entered by hand until surveys exist, marked as such in the results; the rating
        // component comes from the calibrated rating rounds (DemoRatings runs first).
        foreach (var member in members)
        {
            foreach (var code in new[] { "satisfaction" })
            {
                db.ComponentScores.Add(new ComponentScore
                {
                    Year = previous.Year, UnitId = member.UnitId, Code = code, Score = Round(80m + (18m * (decimal)random.NextDouble()), 1),
                    EnteredBy = "office", Note = "手工录入（满意度调查模块上线前）",
                });
            }
        }

        // A few bonuses and deductions, one veto and one grade cap; entered by the lead unit, approved by the
        // office. The veto and the cap carry the document that established them, stored in the evidence store.
        var at = db.UtcNow;
        (string Unit, AdjustmentKind Kind, decimal Points, string Reason, string? MaxGrade)[] events =
        [
            ("T02", AdjustmentKind.Bonus, 2m, "获评省级乡村振兴示范镇", null),
            ("T05", AdjustmentKind.Bonus, 1.5m, "招商引资工作受市政府通报表扬", null),
            ("D03", AdjustmentKind.Bonus, 1m, "财政管理绩效考核获全市第一", null),
            ("T09", AdjustmentKind.Deduction, 2m, "省环保督察反馈问题整改不到位", null),
            ("D07", AdjustmentKind.Deduction, 1m, "重点民生实事逾期未完成", null),
            (VetoedUnit, AdjustmentKind.Veto, 0m, "发生较大安全生产责任事故", null),
            (CappedUnit, AdjustmentKind.GradeCap, 0m, "年度内发生越级集体上访事件", "良好"),
        ];
        foreach (var e in events)
        {
            var document = e.Kind switch
            {
                AdjustmentKind.Veto => VetoReport(units[e.Unit].Name),
                AdjustmentKind.GradeCap => CapNotice(units[e.Unit].Name),
                _ => ((string Name, string Text)?)null,
            };
            string? hash = null;
            if (document is { } d)
            {
                using var content = new MemoryStream(Encoding.UTF8.GetBytes(d.Text));
                var saved = await evidence.SaveAsync(content, ct);
                hash = saved.Ok ? saved.Value : throw new InvalidOperationException("The demo's evidence cannot be stored: " + saved.Error);
            }
            db.AdjustmentEvents.Add(new AdjustmentEvent
            {
                Year = previous.Year, UnitId = units[e.Unit].Id, Kind = e.Kind, Points = e.Points, Reason = e.Reason, MaxGrade = e.MaxGrade,
                EvidenceHash = hash, EvidenceName = document?.Name,
                EnteredBy = "reviewer", EnteredAt = at, ApprovedBy = "office", ApprovedAt = at,
            });
        }
        await db.SaveChangesAsync(ct);

        // 2025 goes through its lifecycle as the office's would, each step passing its preconditions: targets issued,
        // the year in progress, every rating round closed before the year-end inputs are locked, then → Scoring,
        // the results computed, → PublicNotice → Final.
        await IssueAsync(db, previous.Year, new DateTime(previous.Year, 2, 28, 2, 0, 0, DateTimeKind.Utc), confirmed: true, ct);
        await MoveAsync(db, previous, YearState.TargetsIssued, "示范县数据：目标已下达", ct);
        await MoveAsync(db, previous, YearState.InProgress, "示范县数据：考核开始", ct);
        await CloseRoundsAsync(db, previous.Year, ct);
        await MoveAsync(db, previous, YearState.Scoring, "年终计分", ct);
        var computed = await ResultService.ComputeAsync(db, previous.Year, CurrentUser.System, ct);
        if (!computed.Ok)
        {
            throw new InvalidOperationException("The demo county's 2025 cannot be scored: " + computed.Error);
        }
        await MoveAsync(db, previous, YearState.PublicNotice, "计分完成，结果公示", ct);
        await MoveAsync(db, previous, YearState.Final, "公示期满无异议，结果确定", ct);

        // 2026: the same system copied from 2025, targets raised from 2025's results; stays in progress.
        await IndicatorService.CopyAsync(db, previous.Year, current.Year, ct);
        await db.SaveChangesAsync(ct);
        var leaves2026 = await db.Indicators.Where(i => i.Year == current.Year && !i.IsGroup).ToListAsync(ct);
        var leafCodes = leaves.ToDictionary(l => l.Id, l => (categories.Single(c => c.Id == l.CategoryId).Code, l.Code));
        var categories2026 = await db.UnitCategories.Where(c => c.Year == current.Year).ToDictionaryAsync(c => c.Id, c => c.Code, ct);
        var leafByCode = leaves2026.ToDictionary(l => (categories2026[l.CategoryId], l.Code));
        var plans2025 = monthly2025.ToDictionary(m => m.Target, m => m.Plan);
        var assigned = 0;
        foreach (var old in targets2025.Where(t => t.Value is not null || plans2025.ContainsKey(t)))
        {
            var growth = 1.05m + (0.05m * (decimal)random.NextDouble());
            var (name, post) = s_responsible[assigned++ % s_responsible.Length];
            var target = new Target
            {
                Year = current.Year, UnitId = old.UnitId, IndicatorId = leafByCode[leafCodes[old.IndicatorId]].Id,
                Value = old.Value is { } v ? Round(v < 10 ? v * 0.97m : v * growth, v < 10 ? 2 : 0) : null,
                PlanProfile = plans2025.ContainsKey(old) ? PlanProfile.Custom : null,
                ResponsibleName = name, ResponsiblePost = post,
            };
            db.Targets.Add(target);
            foreach (var (value, month) in plans2025.GetValueOrDefault(old, []).Select((v, i) => (v, i + 1)))
            {
                db.MonthlyPlans.Add(new MonthlyPlan { Target = target, Month = month, Value = value });
            }
        }
        await db.SaveChangesAsync(ct);
        // 2026's targets were issued after the county's annual appraisal meeting in January; DemoProgress records the heads' confirmations.
        await IssueAsync(db, current.Year, new DateTime(current.Year, 1, 23, 2, 0, 0, DateTimeKind.Utc), confirmed: false, ct);
        await MoveAsync(db, current, YearState.TargetsIssued, "示范县数据：目标已下达", ct);
        await MoveAsync(db, current, YearState.InProgress, "示范县数据：考核开始", ct);
    }

    /// <summary>
    /// Issues every unit's targets at <paramref name="issuedAt"/>, as the office does early in the year. With
    /// <paramref name="confirmed"/> the first town's head (the demo's `head` account) confirmed the letter two days later.
    /// </summary>
    private static async Task IssueAsync(BatonDbContext db, int year, DateTime issuedAt, bool confirmed, CancellationToken ct)
    {
        var first = await db.Units.Where(u => u.Code == "T01").Select(u => u.Id).SingleAsync(ct);
        foreach (var unit in await db.CategoryMemberships.Where(m => m.Year == year).Select(m => m.UnitId).ToListAsync(ct))
        {
            var mine = confirmed && unit == first;
            db.TargetIssuances.Add(new TargetIssuance
            {
                Year = year, UnitId = unit, IssuedAt = issuedAt, IssuedBy = "office", CountySignatory = "县长 李明",
                ConfirmedAt = mine ? issuedAt.AddDays(2) : null, ConfirmedBy = mine ? "head" : null,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    private static decimal OnePlace(decimal value) => decimal.Parse(value.ToString("0.#", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    // Who answers for a unit's target (责任人): the deputy in charge, by the demo's invented names.
    private static readonly (string Name, string Post)[] s_responsible =
    [
        ("王建国", "分管副职"), ("李红梅", "分管副职"), ("张志强", "办公室主任"), ("刘海燕", "分管副职"), ("陈立新", "业务股长"),
        ("杨晓东", "分管副职"), ("赵丽华", "业务股长"), ("黄振宇", "办公室主任"),
    ];

    /// <summary>Closes the year's rating rounds that are still open, as the office does when the rating period ends.</summary>
    private static async Task CloseRoundsAsync(BatonDbContext db, int year, CancellationToken ct)
    {
        foreach (var round in await db.RatingRounds.Where(r => r.Year == year && !r.IsClosed).ToListAsync(ct))
        {
            round.IsClosed = true;
            db.RatingEvents.Add(new RatingEvent { RoundId = round.Id, Kind = RatingEventKind.Closed, Reason = "评议期满", By = "office", At = db.UtcNow });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The town under the year's veto (一票否决): a serious work-safety accident.</summary>
    public const string VetoedUnit = "T11";

    /// <summary>The department under the year's grade cap (不得评为优秀): an escalated collective petition.</summary>
    public const string CappedUnit = "D07";

    private static (string Name, string Text) VetoReport(string unit) =>
        ($"{unit}较大生产安全事故调查报告.txt",
         $"""
         示范县应急管理局
         关于{unit}“8·17”较大生产安全事故调查处理情况的报告

         县考核办：
         2025年8月17日，{unit}辖区一家建材企业在设备检修中发生较大生产安全事故，造成3人死亡。
         经县事故调查组调查认定，该事故为较大生产安全责任事故，{unit}对辖区企业安全生产监管不到位，
         负有属地管理责任。依据《示范县2025年度目标责任考核办法》一票否决的规定，建议对{unit}
         年度目标责任考核实行一票否决。

         附件：事故调查报告（县政府批复件）

         示范县应急管理局
         2025年11月20日
         """);

    private static (string Name, string Text) CapNotice(string unit) =>
        ($"{unit}越级集体上访事件情况通报.txt",
         $"""
         示范县信访局
         关于{unit}信访事项处置情况的通报

         县考核办：
         2025年6月，{unit}办理的一起群众诉求事项因化解不及时，引发群众赴市越级集体上访，
         经市信访联席会议通报。依据《示范县2025年度目标责任考核办法》，建议{unit}本年度
         考核等次不得评为优秀。

         示范县信访局
         2025年12月5日
         """);

    private static decimal Round(decimal value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);

    /// <summary>Moves the year one step as <see cref="YearService.TransitionAsync"/> does, refused by the same preconditions.</summary>
    private static async Task MoveAsync(BatonDbContext db, AppraisalYear year, YearState to, string reason, CancellationToken ct)
    {
        if (await YearPreconditions.MissingAsync(db, year, to, ct) is { Count: > 0 } missing)
        {
            throw new InvalidOperationException("The demo county's year cannot move on: " + YearPreconditions.Refusal(year, to, missing));
        }
        db.YearTransitions.Add(new YearTransition { YearId = year.Id, From = year.State, To = to, Reason = reason, By = CurrentUser.System.UserName, At = db.UtcNow });
        year.State = to;
        await db.SaveChangesAsync(ct);
    }
}
