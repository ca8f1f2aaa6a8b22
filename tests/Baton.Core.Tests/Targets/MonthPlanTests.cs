using Baton.Core.Demo;
using Baton.Core.Targets;
using Baton.Core.Tests.Results;
using Baton.Core.Years;
using Baton.Scoring.Progress;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Tests.Targets;

public abstract class MonthPlanTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const int Year = DemoCounty.CurrentYear;

    private async Task<(long Unit, UnitMonthPlan Plan)> DraftYearAsync()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        var t01 = await ResultServiceTests.UnitIdAsync(Db, "T01");
        var plan = (await Db.Service<TargetService>(Office).MonthPlanAsync(Year, t01)).Single(p => p.IndicatorCode == "A1");
        Assert.Contains("此阶段不能设定目标值", (await Db.Service<TargetService>(Office)
            .SetMonthPlanAsync(Year, new MonthPlanEdit(t01, plan.IndicatorId, PlanProfile.Linear, null, null, plan.Version))).Error, StringComparison.Ordinal);
        await using var db = await Db.ContextAsync();
        // The office took the year back to draft to decompose its targets again.
        (await db.Years.SingleAsync(y => y.Year == Year)).State = YearState.Draft;
        await db.SaveChangesAsync();
        return (t01, plan);
    }

    [Fact]
    public async Task A_profile_makes_twelve_cumulative_months_ending_at_the_target_with_a_responsible_person()
    {
        var (t01, plan) = await DraftYearAsync();
        var service = Db.Service<TargetService>(Office);
        var edit = new MonthPlanEdit(t01, plan.IndicatorId, PlanProfile.BackLoaded, null, new ResponsiblePerson(" 李明 ", "副镇长", null), plan.Version);
        Assert.True((await service.SetMonthPlanAsync(Year, edit)).Ok);

        var saved = (await service.MonthPlanAsync(Year, t01)).Single(p => p.IndicatorCode == "A1");
        var target = plan.Value!.Value;
        Assert.Equal((PlanProfile.BackLoaded, 12, target, "李明（副镇长）"), (saved.Profile, saved.Months.Count, saved.Months[^1], saved.Responsible?.ToString()));
        Assert.Equal(Math.Round(target / 4m, 2, MidpointRounding.AwayFromZero), saved.PlannedFor(6));
        Assert.Equal(plan.Version + 1, saved.Version);

        // The grid shows the same plan and person; the unit's reporter reads it, another unit's does not.
        var category = await CategoryAsync(t01);
        var row = (await service.GridAsync(category)).Single(r => r.UnitId == t01 && r.IndicatorCode == "A1");
        Assert.Equal((TargetService.PlanText(saved.Months), "李明"), (row.MonthlyPlan, row.Responsible?.Name));
        Assert.Single(await Db.Service<TargetService>(Reporter(t01)).MonthPlanAsync(Year, t01), p => p.IndicatorCode == "A1");
        Assert.Empty(await Db.Service<TargetService>(Reporter(await ResultServiceTests.UnitIdAsync(Db, "T02"))).MonthPlanAsync(Year, t01));
    }

    [Fact]
    public async Task A_bad_custom_plan_a_foreign_account_or_a_unit_user_is_refused_and_nothing_changes()
    {
        var (t01, plan) = await DraftYearAsync();
        var service = Db.Service<TargetService>(Office);
        decimal[] falling = [.. Enumerable.Range(1, 12).Select(m => m == 3 ? 1m : m * plan.Value!.Value / 12m)];
        Assert.Contains("3 月不能小于 2 月", (await service.SetMonthPlanAsync(Year, new MonthPlanEdit(t01, plan.IndicatorId, PlanProfile.Custom, falling, null, plan.Version))).Error, StringComparison.Ordinal);
        Assert.Equal("账号「nobody」不存在或不属于该单位，责任人的账号须是本单位的账号。", (await service.SetMonthPlanAsync(Year,
            new MonthPlanEdit(t01, plan.IndicatorId, PlanProfile.Linear, null, new ResponsiblePerson("", null, "nobody"), plan.Version))).Error);
        Assert.Equal(Outcome.Forbidden, (await Db.Service<TargetService>(Reporter(t01)).SetMonthPlanAsync(Year,
            new MonthPlanEdit(t01, plan.IndicatorId, PlanProfile.Linear, null, null, plan.Version))).Error);
        Assert.Equal(Outcome.Conflict, (await service.SetMonthPlanAsync(Year, new MonthPlanEdit(t01, plan.IndicatorId, PlanProfile.Linear, null, null, plan.Version + 5))).Error);
        var unchanged = (await service.MonthPlanAsync(Year, t01)).Single(p => p.IndicatorCode == "A1");
        Assert.Equal((plan.Profile, plan.Months.Count, plan.Version, plan.Responsible), (unchanged.Profile, unchanged.Months.Count, unchanged.Version, unchanged.Responsible));
    }

    private async Task<long> CategoryAsync(long unit)
    {
        await using var db = await Db.ContextAsync();
        return await db.CategoryMemberships.Where(m => m.Year == Year && m.UnitId == unit).Select(m => m.CategoryId).SingleAsync();
    }
}

public sealed class SqliteMonthPlanTests() : MonthPlanTests(DatabaseProvider.Sqlite);

public sealed class PostgresMonthPlanTests() : MonthPlanTests(DatabaseProvider.Postgres);
