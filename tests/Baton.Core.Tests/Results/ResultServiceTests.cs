using Baton.Core.Accounts;
using Baton.Core.Demo;
using Baton.Core.Ratings;
using Baton.Core.Results;
using Baton.Core.Years;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Core.Tests.Results;

public abstract class ResultServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const int Year = DemoCounty.PreviousYear;

    /// <summary>
    /// 31 January 2026, 16:00 in Beijing: the demo's 2026 targets are issued and no month has been reported yet. The
    /// progress and warning tests load the demo as it stood then and go on from there on the test's clock.
    /// </summary>
    internal static readonly DateTimeOffset BeforeReports = new(2026, 1, 31, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Loads the demo county as it stood at the clock's now, or as it stood at <paramref name="asOf"/> (the test's clock stays where it is).</summary>
    internal static async Task SeedDemoAsync(TestDatabase db, DateTimeOffset? asOf = null)
    {
        var services = db.Services.CreateScope().ServiceProvider;
        var demo = asOf is { } then ? ActivatorUtilities.CreateInstance<DemoCounty>(services, (TimeProvider)new FakeTimeProvider(then)) : services.GetRequiredService<DemoCounty>();
        await demo.SeedAsync();
    }

    internal static async Task<long> UnitIdAsync(TestDatabase db, string code)
    {
        await using var context = await db.ContextAsync();
        return await context.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync();
    }

    [Fact]
    public async Task Demo_2025_is_final_with_a_snapshot_a_veto_and_a_cap()
    {
        await SeedDemoAsync(Db);
        await using var context = await Db.ContextAsync();
        Assert.Equal(YearState.Final, await context.Years.Where(y => y.Year == Year).Select(y => y.State).SingleAsync());
        Assert.Equal(YearState.InProgress, await context.Years.Where(y => y.Year == DemoCounty.CurrentYear).Select(y => y.State).SingleAsync());
        Assert.True(await context.Targets.AnyAsync(t => t.Year == DemoCounty.CurrentYear));

        var ranking = await Db.Service<ResultService>(Office).RankingAsync(Year);
        Assert.NotNull(ranking);
        Assert.Equal(6, ranking.Categories.Count);
        var all = ranking.Categories.SelectMany(c => c.Units).ToList();
        Assert.Single(all, u => u.Vetoed);
        Assert.Single(all, u => u.Capped);
        Assert.Contains(all, u => u.Components.Any(c => c.HandEntered));
        Assert.All(ranking.Categories, c => Assert.Equal(1, c.Units[0].Rank));
        Assert.All(all, u => Assert.Empty(u.Missing));
    }

    [Fact]
    public async Task Calibrated_ratings_are_the_rating_components_and_the_trace_shows_them()
    {
        await SeedDemoAsync(Db);
        var town = await UnitIdAsync(Db, "T03");
        double deputies, leaders, teams;
        await using (var context = await Db.ContextAsync())
        {
            double Calibrated(RatingKind kind) => context.CalibratedScores
                .Where(c => c.UnitId == town && context.RatingRounds.Any(r => r.Id == c.RoundId && r.Year == Year && r.Kind == kind))
                .Select(c => c.Score100).ToList().Single();
            deputies = Calibrated(RatingKind.DeputyRating);
            leaders = Calibrated(RatingKind.LeaderRating);
            teams = Calibrated(RatingKind.AssessmentTeam);
        }

        var ranking = await Db.Service<ResultService>(Office).RankingAsync(Year);
        var row = ranking!.Categories.SelectMany(c => c.Units).Single(u => u.UnitId == town);
        // 领导和两代表一委员评价 is what its name says: the deputies' (Rasch) and the leaders' calibrated ratings.
        var rating = row.Components.Single(c => c.Code == "rating");
        Assert.Equal("领导和两代表一委员评价", rating.Name);
        Assert.False(rating.HandEntered);
        Assert.Equal(Scoring.Results.Rounding.Round((decimal)((deputies + leaders) / 2), 2), rating.Score, 2);
        var onSite = row.Components.Single(c => c.Code == "teams");
        Assert.Equal("考核组实地考核", onSite.Name);
        Assert.Equal(Scoring.Results.Rounding.Round((decimal)teams, 2), onSite.Score, 2);
        Assert.True(row.Components.Single(c => c.Code == "satisfaction").HandEntered);
        Assert.Empty(row.Missing);

        var trace = await Db.Service<ResultService>(Office).TraceAsync(Year, town);
        Assert.True(trace.Ok, trace.Error);
        static IEnumerable<Scoring.Results.TraceNode> All(Scoring.Results.TraceNode n) => n.Children.SelectMany(All).Prepend(n);
        var calibrated = All(trace.Value!).Single(n => n.Label == "评议校准" && n.Formula.StartsWith("领导和两代表一委员评价", StringComparison.Ordinal));
        Assert.Equal(["两代表一委员评议", "领导评价"], calibrated.Children.Select(c => c.Label));
    }

    [Fact]
    public async Task A_year_with_a_component_no_source_feeds_is_refused_listing_every_unit_before_scoring()
    {
        await SeedDemoAsync(Db);
        var teachers = await UnitIdAsync(Db, "D13");
        var town = await UnitIdAsync(Db, "T03");
        await using (var context = await Db.ContextAsync())
        {
            var year = await context.Years.SingleAsync(y => y.Year == Year);
            year.State = YearState.Scoring;
            context.ComponentScores.RemoveRange(context.ComponentScores.Where(c => c.Year == Year && c.UnitId == teachers));
            context.CalibratedScores.RemoveRange(context.CalibratedScores.Where(c => c.UnitId == town
                && context.RatingRounds.Any(r => r.Id == c.RoundId && r.Kind == RatingKind.AssessmentTeam)));
            await context.SaveChangesAsync();
        }
        var results = Db.Service<ResultService>(Office);
        var before = await results.LatestAsync(Year);

        var refused = await results.ComputeAsync(Year);
        Assert.False(refused.Ok);
        Assert.Contains("2 个单位缺少考核构成得分", refused.Error, StringComparison.Ordinal);
        Assert.Contains("社会事业部门：缺“群众满意度”（satisfaction）1 个单位——县教育局（D13）", refused.Error, StringComparison.Ordinal);
        Assert.Contains("镇一类（重点镇）：缺“考核组实地考核”（teams）1 个单位——西坝镇（T03）", refused.Error, StringComparison.Ordinal);
        Assert.Equal(before!.Id, (await results.LatestAsync(Year))!.Id);

        var missing = await results.MissingComponentsAsync(Year);
        Assert.True(missing.Ok, missing.Error);
        Assert.Equal([("DEPT-SOC", "D13", "satisfaction"), ("TOWN-A", "T03", "teams")],
            missing.Value!.Select(m => (m.CategoryCode, m.UnitCode, string.Join(",", m.Codes))));
        Assert.Equal(["群众满意度"], missing.Value![0].Names);
        // A unit's own users see their own gap only.
        Assert.Equal(["T03"], (await Db.Service<ResultService>(Reporter(town)).MissingComponentsAsync(Year)).Value!.Select(m => m.UnitCode));

        // The office enters the missing value by hand (marked as such) and recalibration restores the town: now it computes.
        Assert.True((await Db.Service<ComponentScoreService>(Office).SetAsync(Year, teachers, "satisfaction", 88m, 100m, "补录：电话调查结果")).Ok);
        var teamsRound = (await Db.Service<RatingRoundService>(Office).ListAsync(Year)).Single(r => r.Kind == RatingKind.AssessmentTeam);
        Assert.True((await Db.Service<CalibrationService>(Office).CalibrateAsync(teamsRound.Id)).Ok);
        Assert.Empty((await results.MissingComponentsAsync(Year)).Value!);
        var computed = await results.ComputeAsync(Year);
        Assert.True(computed.Ok, computed.Error);
        var row = (await results.RankingAsync(Year))!.Categories.SelectMany(c => c.Units).Single(u => u.UnitId == teachers);
        Assert.True(row.Components.Single(c => c.Code == "satisfaction").HandEntered);
        Assert.False((await results.MissingComponentsAsync(1999)).Ok);
    }

    [Fact]
    public async Task Rank_uncertainty_is_reproducible_and_unit_users_see_only_their_own()
    {
        await SeedDemoAsync(Db);
        var report = await Db.Service<ResultService>(Office).UncertaintyAsync(Year);
        Assert.True(report.Ok, report.Error);
        var office = report.Value!.Units;
        var ranking = await Db.Service<ResultService>(Office).RankingAsync(Year);
        Assert.Equal(ranking!.Categories.Sum(c => c.Units.Count), office.Count);
        Assert.All(office, u =>
        {
            Assert.Equal(1.0, u.GradeProbabilities.Values.Sum(), 9);
            Assert.InRange(u.LowerRank, 1, u.UpperRank);
        });
        // Resampling the raters moves some towns (the assessment teams' round is resampled).
        Assert.Contains(office, u => u.LowerRank != u.UpperRank);
        // The graded deputies' round is resampled too (Rasch): the departments it and the leaders alone
        // rate are not certain of their places either.
        var units = ranking.Categories.SelectMany(c => c.Units.Select(u => (Category: c.Code, u.UnitId))).ToDictionary(x => x.UnitId, x => x.Category);
        foreach (var category in new[] { "DEPT-SOC", "DEPT-PARTY", "DEPT-ECON", "TOWN-A", "TOWN-B" })
        {
            Assert.Contains(office, u => units[u.UnitId] == category && u.LowerRank != u.UpperRank);
        }
        // Every calibrated round is resampled; what stays fixed is said, with the reason.
        Assert.Equal(["rating", "peers", "rating", "teams"], report.Value.Resampled.Select(r => r.ComponentCode));
        Assert.Equal("Rasch 模型", report.Value.Resampled[0].Model);
        Assert.Equal(["indicators", "satisfaction"], report.Value.Held.Select(h => h.Code));
        Assert.Contains("手工录入", report.Value.Held[1].Reason, StringComparison.Ordinal);
        Assert.Contains("2025年度两代表一委员评议（Rasch 模型）", report.Value.Description, StringComparison.Ordinal);

        var again = await Db.Service<ResultService>(Office).UncertaintyAsync(Year);
        Assert.Equal(office.Select(u => (u.UnitId, u.LowerRank, u.UpperRank, u.ProbabilityOfBetterGrade)),
                     again.Value!.Units.Select(u => (u.UnitId, u.LowerRank, u.UpperRank, u.ProbabilityOfBetterGrade)));

        var own = await UnitIdAsync(Db, "T01");
        var reporter = await Db.Service<ResultService>(Reporter(own)).UncertaintyAsync(Year);
        Assert.Equal([own], reporter.Value!.Units.Select(u => u.UnitId));
        Assert.False((await Db.Service<ResultService>(Office).UncertaintyAsync(2030)).Ok);
    }

    [Fact]
    public async Task Recomputing_identical_inputs_gives_the_same_snapshot_across_runs_and_providers()
    {
        await SeedDemoAsync(Db);
        var results = Db.Service<ResultService>(Office);
        var first = await results.LatestAsync(Year);
        var again = await results.ComputeAsync(Year);
        Assert.True(again.Ok, again.Error);
        Assert.Equal(first!.Hash, again.Value!.Hash);
        Assert.Equal(first.Id, again.Value.Id);

        // The same demo data on a fresh SQLite database: on the PostgreSQL run this compares providers.
        await using var other = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await SeedDemoAsync(other);
        var there = await other.Service<ResultService>(Office).LatestAsync(Year);
        Assert.Equal(first.InputsHash, there!.InputsHash);
        Assert.Equal(first.Hash, there.Hash);
    }

    [Fact]
    public async Task A_final_year_is_never_given_a_different_snapshot()
    {
        await SeedDemoAsync(Db);
        await using (var context = await Db.ContextAsync())
        {
            var target = await context.Targets.Where(t => t.Year == Year && t.AuthoritativeActual != null && t.Value != null).OrderBy(t => t.Id).FirstAsync();
            target.AuthoritativeActual += 1000m;
            await context.SaveChangesAsync();
        }
        var results = Db.Service<ResultService>(Office);
        var before = await results.LatestAsync(Year);
        var refused = await results.ComputeAsync(Year);
        Assert.Contains("结果已确定", refused.Error, StringComparison.Ordinal);
        Assert.Equal(before!.Id, (await results.LatestAsync(Year))!.Id);
    }

    [Fact]
    public async Task Changed_actual_value_gives_a_new_snapshot()
    {
        await SeedDemoAsync(Db);
        await using (var context = await Db.ContextAsync())
        {
            var year = await context.Years.SingleAsync(y => y.Year == Year);
            year.State = YearState.Scoring;
            var target = await context.Targets.Where(t => t.Year == Year && t.AuthoritativeActual != null && t.Value != null).OrderBy(t => t.Id).FirstAsync();
            target.AuthoritativeActual += 1000m;
            await context.SaveChangesAsync();
        }
        var results = Db.Service<ResultService>(Office);
        var before = await results.LatestAsync(Year);
        var after = await results.ComputeAsync(Year);
        Assert.True(after.Ok, after.Error);
        Assert.NotEqual(before!.Hash, after.Value!.Hash);
        Assert.Equal(after.Value.Id, (await results.LatestAsync(Year))!.Id);
    }

    [Fact]
    public async Task Data_changed_and_changed_back_makes_the_first_snapshot_the_latest_again()
    {
        await SeedDemoAsync(Db);
        long targetId, yearId;
        decimal? original;
        await using (var context = await Db.ContextAsync())
        {
            var year = await context.Years.SingleAsync(y => y.Year == Year);
            (year.State, yearId) = (YearState.Scoring, year.Id);
            var target = await context.Targets.Where(t => t.Year == Year && t.AuthoritativeActual != null && t.Value != null).OrderBy(t => t.Id).FirstAsync();
            (targetId, original) = (target.Id, target.AuthoritativeActual);
            await context.SaveChangesAsync();
        }
        async Task SetActualAsync(decimal? value)
        {
            await using var context = await Db.ContextAsync();
            (await context.Targets.SingleAsync(t => t.Id == targetId)).AuthoritativeActual = value;
            await context.SaveChangesAsync();
        }
        var results = Db.Service<ResultService>(Office);
        var first = (await results.LatestAsync(Year))!;
        await SetActualAsync(original + 1000m);
        var changed = await results.ComputeAsync(Year);
        Assert.True(changed.Ok, changed.Error);
        Assert.Equal(changed.Value!.Id, (await results.LatestAsync(Year))!.Id);

        await SetActualAsync(original);
        var again = await results.ComputeAsync(Year);
        Assert.Equal(first.Id, again.Value!.Id);
        Assert.Equal(first.Id, (await results.LatestAsync(Year))!.Id);
        // The snapshot the pages show is of the data as they are, so the year may go to public notice.
        var missing = await Db.Service<YearService>(Office).MissingAsync(yearId, YearState.PublicNotice);
        Assert.DoesNotContain(missing.Value!, m => m.Text.Contains("快照", StringComparison.Ordinal) || m.Text.Contains("计算得分", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unit_users_see_only_their_own_trace_and_row()
    {
        await SeedDemoAsync(Db);
        var own = await UnitIdAsync(Db, "T01");
        var other = await UnitIdAsync(Db, "T02");
        var reporter = Db.Service<ResultService>(Reporter(own));
        var trace = await reporter.TraceAsync(Year, own);
        Assert.True(trace.Ok, trace.Error);
        Assert.NotEmpty(trace.Value!.Children);
        Assert.Equal(Outcome.NotFound, (await reporter.TraceAsync(Year, other)).Error);
        var ranking = await reporter.RankingAsync(Year);
        Assert.Equal(["T01"], ranking!.Categories.SelectMany(c => c.Units).Select(u => u.UnitCode));

        var leader = Db.Service<ResultService>(new CurrentUser("leader", [Roles.Leader], null));
        Assert.True((await leader.TraceAsync(Year, other)).Ok);
        Assert.Equal(47, (await leader.RankingAsync(Year))!.Categories.Sum(c => c.Units.Count));
    }

    [Fact]
    public async Task A_unit_sees_no_result_before_public_notice_and_its_own_result_after()
    {
        await SeedDemoAsync(Db);
        var years = Db.Service<YearService>(Office);
        async Task MoveAsync(YearState to)
        {
            var row = (await years.ListAsync()).Single(y => y.Year == Year);
            var moved = await years.TransitionAsync(row.Id, row.Version, to, "更正一项核定值");
            Assert.True(moved.Ok, moved.Error);
        }
        await MoveAsync(YearState.PublicNotice);
        await MoveAsync(YearState.Scoring);

        var own = await UnitIdAsync(Db, "T01");
        var snapshot = (await Db.Service<ResultService>(Office).LatestAsync(Year))!;
        foreach (var unitUser in new[] { Reporter(own), new CurrentUser("head", [Roles.UnitHead], own), new CurrentUser("reviewer", [Roles.LeadReviewer], own) })
        {
            var results = Db.Service<ResultService>(unitUser);
            var hidden = await results.HiddenReasonAsync(Year);
            Assert.Equal("2025 年度当前为「年终计分」，此阶段不能向被考核单位显示结果（允许的阶段：结果公示、结果已定、已归档）。", hidden);
            Assert.Null(await results.RankingAsync(Year));
            Assert.Empty((await results.RankingAsync(snapshot)).Categories);
            Assert.Equal(hidden, (await results.TraceAsync(Year, own)).Error);
            Assert.Equal(hidden, (await results.UncertaintyAsync(Year)).Error);
        }
        // The office, leaders and overseers see the provisional results.
        var other = await UnitIdAsync(Db, "T02");
        foreach (var countyUser in new[] { Office, new CurrentUser("leader", [Roles.Leader], null), new CurrentUser("overseer", [Roles.Overseer], null) })
        {
            var results = Db.Service<ResultService>(countyUser);
            Assert.Null(await results.HiddenReasonAsync(Year));
            Assert.Equal(47, (await results.RankingAsync(Year))!.Categories.Sum(c => c.Units.Count));
            Assert.True((await results.TraceAsync(Year, other)).Ok);
        }

        await MoveAsync(YearState.PublicNotice);
        var reporter = Db.Service<ResultService>(Reporter(own));
        Assert.Null(await reporter.HiddenReasonAsync(Year));
        var mine = Assert.Single((await reporter.RankingAsync(Year))!.Categories.SelectMany(c => c.Units));
        Assert.Equal(own, mine.UnitId);
        Assert.False(string.IsNullOrEmpty(mine.Grade));
        Assert.True((await reporter.TraceAsync(Year, own)).Ok);
    }

    [Fact]
    public async Task A_draft_year_is_not_scored_and_a_vetoed_unit_trace_says_why()
    {
        await SeedDemoAsync(Db);
        var office = Db.Service<ResultService>(Office);
        Assert.True((await Db.Service<YearService>(Office).CreateAsync(2027, null)).Ok);
        Assert.Contains("草拟指标", (await office.ComputeAsync(2027)).Error, StringComparison.Ordinal);
        Assert.Contains("不存在", (await office.ComputeAsync(1999)).Error, StringComparison.Ordinal);

        var vetoed = (await office.RankingAsync(Year))!.Categories.SelectMany(c => c.Units).Single(u => u.Vetoed);
        var trace = await office.TraceAsync(Year, vetoed.UnitId);
        Assert.True(trace.Ok, trace.Error);
        static IEnumerable<Baton.Scoring.Results.TraceNode> All(Baton.Scoring.Results.TraceNode node) => node.Children.SelectMany(All).Prepend(node);
        Assert.Contains(All(trace.Value!), n => n.Flag == "一票否决" || n.Formula.Contains("一票否决", StringComparison.Ordinal));
        Assert.Contains(All(trace.Value!), n => n.Formula.Contains("得分 = ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_the_office_computes_and_enters_component_scores()
    {
        await SeedDemoAsync(Db);
        var own = await UnitIdAsync(Db, "T01");
        Assert.Equal(Outcome.Forbidden, (await Db.Service<ResultService>(Reporter(own)).ComputeAsync(Year)).Error);
        var reporter = Db.Service<ComponentScoreService>(Reporter(own));
        Assert.Equal(Outcome.Forbidden, (await reporter.SetAsync(DemoCounty.CurrentYear, own, "satisfaction", 90, 100, null)).Error);
        var office = Db.Service<ComponentScoreService>(Office);
        Assert.True((await office.SetAsync(DemoCounty.CurrentYear, own, "satisfaction", 90, 100, "电话调查前手工录入")).Ok);
        Assert.False((await office.SetAsync(DemoCounty.CurrentYear, own, "indicators", 90, 100, null)).Ok);
        Assert.False((await office.SetAsync(DemoCounty.CurrentYear, own, "satisfaction", 120, 100, null)).Ok);
        Assert.Equal([("T01", "satisfaction", 90m)], (await reporter.ListAsync(DemoCounty.CurrentYear)).Select(c => (c.UnitCode, c.Code, c.Score)));
    }
}

public sealed class SqliteResultServiceTests() : ResultServiceTests(DatabaseProvider.Sqlite);

public sealed class PostgresResultServiceTests() : ResultServiceTests(DatabaseProvider.Postgres);
