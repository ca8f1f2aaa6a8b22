using System.Globalization;
using Baton.Core.Accounts;
using Baton.Core.Adjustments;
using Baton.Core.Indicators;
using Baton.Core.Progress;
using Baton.Core.Results;
using Baton.Core.Targets;
using Baton.Core.Units;
using Baton.Core.Years;
using Baton.Scoring.Progress;
using Baton.Scoring.Results;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Demo;

public sealed record ProvinceSize(int Units = 10_000, int Categories = 20, int Leaves = 150, int Year = 2030, int Seed = 2025);

public sealed record ProvinceSummary(int Year, int Units, int Categories, int Indicators, int Targets, long ProgressReports, int Adjustments, TimeSpan Elapsed);

/// <summary>
/// A synthetic province for benchmarks (<c>baton seed province</c>): units in categories, each
/// category with an indicator tree of the requested number of leaves (every rule kind, points adding
/// up to 100), targets and actual values for every unit and leaf, for every quantitative target a month plan and
/// twelve monthly progress reports (most on plan, some behind, a few months missing or awaiting review), hand-entered components and a few
/// adjustments. Deterministic for a seed. The rows are bulk-inserted (<see cref="BulkInsert"/>), so
/// they bypass the per-row audit trail; one audit event records the generation itself.
/// </summary>
public sealed class SyntheticProvince(IDbContextFactory<BatonDbContext> dbFactory, TimeProvider clock)
{
    private static readonly string[] s_provided = ["satisfaction", "rating"];

    // Targets, month plans or progress reports held in memory at once before they are written.
    private const int ChunkRows = 240_000;

    public async Task<Outcome<ProvinceSummary>> SeedAsync(ProvinceSize size, CancellationToken ct = default)
    {
        if (size.Units is < 1 or > 1_000_000 || size.Categories < 1 || size.Categories > size.Units || size.Leaves is < 3 or > 1000)
        {
            return Outcome.Fail<ProvinceSummary>("单位数须在 1 到 1000000 之间，类别数在 1 到单位数之间，每类指标数在 3 到 1000 之间。");
        }
        var started = clock.GetTimestamp();
        var random = new Random(size.Seed);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ActAs(CurrentUser.System);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        if (await db.Years.AnyAsync(y => y.Year == size.Year, ct))
        {
            return Outcome.Fail<ProvinceSummary>($"{size.Year} 年度已存在，请用 --year 指定另一个年度。");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var year = new AppraisalYear { Year = size.Year, Name = $"{size.Year}年度全省模拟考核", State = YearState.InProgress };
        db.Years.Add(year);
        db.YearSettings.Add(new YearSettings { Year = size.Year, AwardBudget = size.Units * 40_000m });
        await db.SaveChangesAsync(ct);

        var categoryId = await BulkInsert.NextIdAsync<UnitCategory>(db, ct);
        var categories = Enumerable.Range(1, size.Categories).Select(c => new UnitCategory
        {
            Id = categoryId++, Year = size.Year, Code = $"P{size.Year}-C{c:00}", Name = $"模拟类别{c:00}", Kind = c % 2 == 0 ? UnitKind.Department : UnitKind.Town,
        }).ToList();
        await BulkInsert.WriteAsync(db, categories, ct);
        var settingsId = await BulkInsert.NextIdAsync<CategorySettings>(db, ct);
        var settings = categories.Select(c => RuleSpec.DefaultSettings(c.Id)).ToList();
        settings.ForEach(s => s.Id = settingsId++);
        await BulkInsert.WriteAsync(db, settings, ct);

        var unitId = await BulkInsert.NextIdAsync<Unit>(db, ct);
        var membershipId = await BulkInsert.NextIdAsync<CategoryMembership>(db, ct);
        var units = new List<Unit>(size.Units);
        var memberships = new List<CategoryMembership>(size.Units);
        for (var u = 0; u < size.Units; u++)
        {
            var category = categories[u % categories.Count];
            var unit = new Unit { Id = unitId++, Code = $"P{size.Year}-{u + 1:000000}", Name = $"模拟单位{u + 1:000000}", Kind = category.Kind };
            units.Add(unit);
            memberships.Add(new CategoryMembership { Id = membershipId++, Year = size.Year, UnitId = unit.Id, CategoryId = category.Id });
        }
        await BulkInsert.WriteAsync(db, units, ct);
        await BulkInsert.WriteAsync(db, memberships, ct);

        // One tree per category: groups of 15 leaves, every rule kind, points adding up to 100.
        var indicatorId = await BulkInsert.NextIdAsync<Indicator>(db, ct);
        var indicators = new List<Indicator>();
        var leavesOf = new Dictionary<long, List<Indicator>>();
        var scored = size.Leaves - 2;
        var each = Math.Round(100m / scored, 2, MidpointRounding.ToZero);
        foreach (var category in categories)
        {
            var leaves = new List<Indicator>();
            Indicator? group = null;
            for (var l = 0; l < size.Leaves; l++)
            {
                if (l % 15 == 0)
                {
                    group = new Indicator { Id = indicatorId++, Year = size.Year, CategoryId = category.Id, Code = $"G{l / 15 + 1:00}", Name = $"一级指标{l / 15 + 1:00}", IsGroup = true, Order = l / 15 };
                    indicators.Add(group);
                }
                var (rule, parameters) = l switch
                {
                    _ when l == size.Leaves - 2 => (RuleKind.Veto, new RuleParameters()),
                    _ when l == size.Leaves - 1 => (RuleKind.GradeCap, new RuleParameters { MaxGrade = "良好" }),
                    _ => (l % 20) switch
                    {
                        < 11 => (RuleKind.CompletionRate, new RuleParameters { Floor = 0.5m, Cap = 1.1m, Reverse = l % 20 == 10 }),
                        < 13 => (RuleKind.Tiers, RuleSpec.Defaults(RuleKind.Tiers)),
                        13 => (RuleKind.BaseExcess, RuleSpec.Defaults(RuleKind.BaseExcess)),
                        < 16 => (RuleKind.Graded, RuleSpec.Defaults(RuleKind.Graded)),
                        16 => (RuleKind.TimeProgress, RuleSpec.Defaults(RuleKind.TimeProgress)),
                        < 19 => (RuleKind.Deduction, RuleSpec.Defaults(RuleKind.Deduction)),
                        _ => (RuleKind.BonusPerItem, new RuleParameters { PointsPerItem = each / 2 }),
                    },
                };
                var points = rule is RuleKind.Veto or RuleKind.GradeCap ? 0m : l == scored - 1 ? 100m - (each * (scored - 1)) : each;
                var leaf = new Indicator
                {
                    Id = indicatorId++, Year = size.Year, CategoryId = category.Id, ParentId = group!.Id, Code = $"L{l + 1:000}", Name = $"指标{l + 1:000}",
                    Points = points, Rule = rule, RuleParameters = RuleSpec.Serialize(parameters), Source = (DataSource)(l % 3), Measure = "万元", Order = l,
                };
                indicators.Add(leaf);
                leaves.Add(leaf);
            }
            leavesOf[category.Id] = leaves;
        }
        await BulkInsert.WriteAsync(db, indicators.Where(i => i.IsGroup).ToList(), ct);
        await BulkInsert.WriteAsync(db, indicators.Where(i => !i.IsGroup).ToList(), ct);

        // Targets and actual values, and for every quantitative target a month plan and twelve progress reports,
        // written in chunks to keep memory flat.
        var targetId = await BulkInsert.NextIdAsync<Target>(db, ct);
        var planId = await BulkInsert.NextIdAsync<MonthlyPlan>(db, ct);
        var reportId = await BulkInsert.NextIdAsync<ProgressReport>(db, ct);
        var plans = new List<MonthlyPlan>(ChunkRows);
        var reports = new List<ProgressReport>(ChunkRows);
        string[] grades = ["好", "较好", "较好", "一般", "差"];
        var chunk = new List<Target>(ChunkRows);
        var targets = 0;
        long reportCount = 0;
        foreach (var member in memberships)
        {
            foreach (var leaf in leavesOf[member.CategoryId])
            {
                var t = new Target { Id = targetId++, Year = size.Year, UnitId = member.UnitId, IndicatorId = leaf.Id };
                switch (leaf.Rule)
                {
                    case RuleKind.CompletionRate or RuleKind.Tiers or RuleKind.BaseExcess:
                        t.Value = 1000 + random.Next(9000);
                        t.ReportedActual = Math.Round(t.Value.Value * (0.7m + (0.5m * (decimal)random.NextDouble())), 1);
                        t.AuthoritativeActual = random.Next(4) == 0 ? Math.Round(t.ReportedActual.Value * 0.98m, 1) : null;
                        t.AuthoritativeSource = t.AuthoritativeActual is null ? null : DataSource.StatisticsBureau;
                        t.Status = ReportStatus.Approved;
                        t.PlanProfile = PlanProfile.Linear;
                        AddProgress(t, t.Value.Value);
                        break;
                    case RuleKind.Graded:
                        t.Grade = grades[random.Next(grades.Length)];
                        break;
                    case RuleKind.TimeProgress:
                        t.PlanProfile = PlanProfile.Linear;
                        AddProgress(t, 120m);
                        break;
                    case RuleKind.Deduction or RuleKind.BonusPerItem:
                        t.AuthoritativeActual = random.Next(3);
                        t.AuthoritativeSource = DataSource.LeadUnit;
                        break;
                    default:
                        continue;
                }
                chunk.Add(t);
                if (chunk.Count == chunk.Capacity || reports.Count >= ChunkRows - 12)
                {
                    await WriteTargetsAsync();
                }
            }
        }
        await WriteTargetsAsync();

        // A linear cumulative plan to the year's value, and each month's cumulative report at the target's own pace:
        // four in five targets on plan, three in twenty behind (yellow), one in twenty far behind (red); about one month
        // in a hundred is not reported; of November's and December's reports about one in seven still awaits the head's
        // confirmation or the lead unit's review; the others are submitted in the first days of the following month
        // and approved the day after.
        void AddProgress(Target t, decimal yearValue)
        {
            var roll = random.Next(20);
            var pace = roll < 16 ? 0.95m + (0.2m * (decimal)random.NextDouble())
                : roll < 19 ? 0.72m + (0.17m * (decimal)random.NextDouble())
                : 0.4m + (0.28m * (decimal)random.NextDouble());
            for (var m = 1; m <= 12; m++)
            {
                var planned = Math.Round(yearValue * m / 12, 1);
                plans.Add(new MonthlyPlan { Id = planId++, TargetId = t.Id, Month = m, Value = planned });
                var state = random.Next(100);
                if (state == 0)
                {
                    continue;
                }
                var submitted = new DateTime(size.Year, m, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1).AddDays(random.Next(3));
                var report = new ProgressReport
                {
                    Id = reportId++, Year = size.Year, TargetId = t.Id, UnitId = t.UnitId, IndicatorId = t.IndicatorId, Month = m,
                    Value = Math.Round(planned * pace, 1), Status = ReportStatus.Approved, SubmittedBy = "system", SubmittedAt = submitted,
                    FirstSubmittedAt = submitted, SignedOffBy = "system", SignedOffAt = submitted, ReviewedBy = "system", ReviewedAt = submitted.AddDays(1),
                };
                if (m >= 11 && state < 15)
                {
                    (report.Status, report.ReviewedBy, report.ReviewedAt) = (ReportStatus.SignedOff, null, null);
                    if (state < 8)
                    {
                        (report.Status, report.SignedOffBy, report.SignedOffAt) = (ReportStatus.Entered, null, null);
                    }
                }
                reports.Add(report);
            }
        }

        async Task WriteTargetsAsync()
        {
            await BulkInsert.WriteAsync(db, chunk, ct);
            await BulkInsert.WriteAsync(db, plans, ct);
            await BulkInsert.WriteAsync(db, reports, ct);
            targets += chunk.Count;
            reportCount += reports.Count;
            chunk.Clear();
            plans.Clear();
            reports.Clear();
        }

        var componentId = await BulkInsert.NextIdAsync<ComponentScore>(db, ct);
        var components = memberships.SelectMany(m => s_provided.Select(code => new ComponentScore
        {
            Id = componentId++, Year = size.Year, UnitId = m.UnitId, Code = code, Score = Math.Round(70m + (30m * (decimal)random.NextDouble()), 1), EnteredBy = "system",
        })).ToList();
        await BulkInsert.WriteAsync(db, components, ct);

        var adjustmentId = await BulkInsert.NextIdAsync<AdjustmentEvent>(db, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var adjustments = new List<AdjustmentEvent>();
        foreach (var unit in units)
        {
            var roll = random.Next(1000);
            var (kind, points, reason) = roll switch
            {
                < 30 => (AdjustmentKind.Bonus, 1m + random.Next(3), "模拟加分事项"),
                < 60 => (AdjustmentKind.Deduction, 1m + random.Next(3), "模拟减分事项"),
                < 62 => (AdjustmentKind.Veto, 0m, "模拟一票否决事项"),
                < 65 => (AdjustmentKind.GradeCap, 0m, "模拟等次封顶事项"),
                _ => ((AdjustmentKind?)null, 0m, ""),
            };
            if (kind is { } k)
            {
                adjustments.Add(new AdjustmentEvent
                {
                    Id = adjustmentId++, Year = size.Year, UnitId = unit.Id, Kind = k, Points = points, Reason = reason,
                    MaxGrade = k == AdjustmentKind.GradeCap ? "良好" : null, EnteredBy = "system", EnteredAt = now, ApprovedBy = "office", ApprovedAt = now,
                });
            }
        }
        await BulkInsert.WriteAsync(db, adjustments, ct);

        db.AuditEvent("seed.province", nameof(AppraisalYear), year.Id.ToString(CultureInfo.InvariantCulture),
            $"{{\"units\":{size.Units},\"categories\":{size.Categories},\"leaves\":{size.Leaves},\"targets\":{targets},\"progressReports\":{reportCount},\"seed\":{size.Seed}}}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ProvinceSummary(size.Year, units.Count, categories.Count, indicators.Count, targets, reportCount, adjustments.Count, clock.GetElapsedTime(started));
    }
}
