using Baton.Core.Indicators;
using Baton.Core.Units;
using Baton.Core.Years;

namespace Baton.Core.Tests.Indicators;

public abstract class ScoringSettingsServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const int Year = 2026;

    /// <summary>A Draft year with one town category and one town in it.</summary>
    internal static async Task<(long Category, long Unit)> DraftCategoryAsync(TestDatabase db, int year)
    {
        Assert.True((await db.Service<YearService>(Office).CreateAsync(year, null)).Ok);
        var units = db.Service<UnitService>(Office);
        Assert.True((await units.CreateCategoryAsync(year, "TOWN-A", "镇一类", UnitKind.Town)).Ok);
        var unit = (await units.CreateAsync(year, new UnitInput("T01", "城关镇", UnitKind.Town, "TOWN-A"))).Value;
        return ((await units.CategoriesAsync(year)).Single().Id, unit);
    }

    private static IndicatorInput Leaf(long category, long? parent, string code, decimal points) =>
        new(category, parent, code, "指标" + code, false, points, null, RuleKind.CompletionRate, null, null, DataSource.SelfReported, "万元", false, 1);

    [Fact]
    public async Task Ahp_weights_are_applied_to_all_siblings_at_once_and_add_up_to_one()
    {
        var (category, unit) = await DraftCategoryAsync(Db, Year);
        var indicators = Db.Service<IndicatorService>(Office);
        var group = (await indicators.SaveAsync(null, 0, new IndicatorInput(category, null, "A", "经济发展", true, 0, null, RuleKind.None, null, null, DataSource.SelfReported, null, false, 1))).Value;
        var a1 = (await indicators.SaveAsync(null, 0, Leaf(category, group, "A1", 50))).Value;
        var a2 = (await indicators.SaveAsync(null, 0, Leaf(category, group, "A2", 30))).Value;
        var a3 = (await indicators.SaveAsync(null, 0, Leaf(category, group, "A3", 20))).Value;
        var settings = Db.Service<ScoringSettingsService>(Office);

        var partial = await settings.SetWeightsAsync(category, new Dictionary<long, decimal> { [a1] = 0.5m, [a2] = 0.5m });
        Assert.Contains("全部指标", partial.Error, StringComparison.Ordinal);
        Assert.Equal(Outcome.Forbidden, (await Db.Service<ScoringSettingsService>(Reporter(unit)).SetWeightsAsync(category, new Dictionary<long, decimal> { [a1] = 1m })).Error);

        var applied = await settings.SetWeightsAsync(category, new Dictionary<long, decimal> { [a1] = 1m / 3, [a2] = 1m / 3, [a3] = 1m / 3 });
        Assert.True(applied.Ok, applied.Error);
        var weights = (await indicators.TreeAsync(category)).Where(r => !r.IsGroup).Select(r => r.Weight!.Value).ToList();
        Assert.Equal(1m, weights.Sum());
        Assert.All(weights, w => Assert.InRange(w, 0.3333m, 0.3334m));
    }

    [Fact]
    public async Task Settings_are_checked_and_defaults_are_sensible()
    {
        var (category, unit) = await DraftCategoryAsync(Db, Year);
        var service = Db.Service<ScoringSettingsService>(Office);
        var settings = await service.SettingsAsync(category);
        Assert.Equal(1m, settings.Components.Sum(c => c.Weight));
        Assert.Equal("优秀", settings.Grades[0].Name);
        var bad = await service.SaveSettingsAsync(settings with { Components = [.. settings.Components.Select(c => c with { Weight = 0.5m })] });
        Assert.False(bad.Ok);
        Assert.Contains("权重合计", bad.Error, StringComparison.Ordinal);
        Assert.True((await service.SaveSettingsAsync(settings with { AwardBase = 60_000m })).Ok);
        Assert.Equal(60_000m, (await service.SettingsAsync(category)).AwardBase);
        Assert.Equal(Outcome.Forbidden, (await Db.Service<ScoringSettingsService>(Reporter(unit)).SaveSettingsAsync(settings)).Error);
    }

    [Fact]
    public async Task Year_settings_are_checked_and_saved()
    {
        await DraftCategoryAsync(Db, Year);
        var service = Db.Service<ScoringSettingsService>(Office);
        var form = await service.YearSettingsAsync(Year);
        Assert.False((await service.SaveYearSettingsAsync(form with { Decimals = 9 })).Ok);
        Assert.True((await service.SaveYearSettingsAsync(form with { AwardBudget = 2_000_000m })).Ok);
        Assert.Equal(2_000_000m, (await service.YearSettingsAsync(Year)).AwardBudget);
    }
}

public sealed class SqliteScoringSettingsServiceTests() : ScoringSettingsServiceTests(DatabaseProvider.Sqlite);

public sealed class PostgresScoringSettingsServiceTests() : ScoringSettingsServiceTests(DatabaseProvider.Postgres);
