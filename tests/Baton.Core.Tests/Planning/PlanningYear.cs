using Baton.Core.Accounts;
using Baton.Core.Indicators;
using Baton.Core.Units;
using Baton.Core.Years;
using Baton.Scoring.Planning;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Tests.Planning;

/// <summary>
/// A draft year for the planning tests: towns T01 and T02 in TOWN-A with leaf A1 (地区生产总值, 亿元), department
/// D01 in DEPT-A with leaf B1 (招商引资到位资金).
/// </summary>
internal sealed record PlanningYear(int Year, long T01, long T02, long D01, long A1, long B1, long TownCategory)
{
    public const int Of = 2027;

    public static async Task<PlanningYear> CreateAsync(TestDatabase db, CurrentUser office)
    {
        Assert.True((await db.Service<YearService>(office).CreateAsync(Of, null)).Ok);
        var units = db.Service<UnitService>(office);
        Assert.True((await units.CreateCategoryAsync(Of, "TOWN-A", "镇一类", UnitKind.Town)).Ok);
        Assert.True((await units.CreateCategoryAsync(Of, "DEPT-A", "经济部门", UnitKind.Department)).Ok);
        var t01 = (await units.CreateAsync(Of, new UnitInput("T01", "城关镇", UnitKind.Town, "TOWN-A"))).Value;
        var t02 = (await units.CreateAsync(Of, new UnitInput("T02", "河口镇", UnitKind.Town, "TOWN-A"))).Value;
        var d01 = (await units.CreateAsync(Of, new UnitInput("D01", "县商务局", UnitKind.Department, "DEPT-A"))).Value;
        var categories = await units.CategoriesAsync(Of);
        var town = categories.Single(c => c.Code == "TOWN-A").Id;
        var dept = categories.Single(c => c.Code == "DEPT-A").Id;
        var indicators = db.Service<IndicatorService>(office);
        var a1 = await indicators.SaveAsync(null, 0, new IndicatorInput(town, null, "A1", "地区生产总值", false, 60, null, RuleKind.CompletionRate, null, null,
            DataSource.StatisticsBureau, "亿元", false, 1, IndicatorType.Total));
        var b1 = await indicators.SaveAsync(null, 0, new IndicatorInput(dept, null, "B1", "招商引资到位资金", false, 40, null, RuleKind.CompletionRate, null, null,
            DataSource.LeadUnit, "亿元", false, 1, IndicatorType.Quality));
        Assert.True(a1.Ok, a1.Error);
        Assert.True(b1.Ok, b1.Error);
        return new PlanningYear(Of, t01, t02, d01, a1.Value, b1.Value, town);
    }

    /// <summary>Moves the year past Draft as if its targets had been issued (the transition's own checks are the years feature's).</summary>
    public static async Task IssueAsync(TestDatabase db)
    {
        await using var context = await db.ContextAsync();
        var year = await context.Years.SingleAsync(y => y.Year == Of);
        year.State = YearState.TargetsIssued;
        await context.SaveChangesAsync();
    }
}
