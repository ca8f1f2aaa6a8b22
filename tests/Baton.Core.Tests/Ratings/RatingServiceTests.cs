using Baton.Core.Accounts;
using Baton.Core.Ratings;
using Baton.Core.Units;
using Baton.Core.Years;
using Baton.Scoring.Ratings;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Core.Tests.Ratings;

public abstract class RatingServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const int Year = 2025;

    private static readonly CriterionInput[] s_criteria = [new("工作实绩", 0.6m), new("工作作风", 0.4m)];

    private static RoundInput Numeric(RatingKind kind = RatingKind.PeerRating, int? quota = null, AnchoringRule anchoring = AnchoringRule.None) =>
        new(Year, kind, "2025年度单位互评", RatingScale.Numeric, "好|较好|一般|差", quota, 90, anchoring, s_criteria);

    private async Task<Dictionary<string, long>> UnitsAsync(params string[] codes)
    {
        Assert.True((await Db.Service<YearService>(Office).CreateAsync(Year, null)).Ok);
        var units = Db.Service<UnitService>(Office);
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            ids[code] = (await units.CreateAsync(Year, new UnitInput(code, "单位" + code, UnitKind.Department, null))).Value;
        }
        // Raters submit only while the year is in progress (the year gate).
        await MoveAsync(YearState.TargetsIssued);
        await MoveAsync(YearState.InProgress);
        return ids;
    }

    private async Task MoveAsync(YearState to)
    {
        var years = Db.Service<YearService>(Office);
        var year = (await years.ListAsync()).Single(y => y.Year == Year);
        var moved = await years.TransitionAsync(year.Id, year.Version, to, "测试");
        Assert.True(moved.Ok, moved.Error);
    }

    /// <summary>Puts the year in <paramref name="state"/> directly, as a year that went through its steps would be.</summary>
    private async Task SetStateAsync(YearState state)
    {
        await using var db = await Db.ContextAsync();
        (await db.Years.SingleAsync(y => y.Year == Year)).State = state;
        await db.SaveChangesAsync();
    }

    private async Task<CurrentUser> RaterAccountAsync(string userName, long? unitId)
    {
        await using var db = await Db.ContextAsync();
        var user = new BatonUser { Id = "u-" + userName, UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), DisplayName = "评议人" + userName, UnitId = unitId };
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = "role-rater" });
        await db.SaveChangesAsync();
        return new CurrentUser(userName, [Roles.Rater], unitId);
    }

    private static EntryInput Score(long unitId, double a, double b, string? reason = null) => new(unitId, [a, b], null, reason);

    private async Task<(RatingRoundService Rounds, long Round)> RoundAsync(RoundInput input, IReadOnlyCollection<long> units, IReadOnlyCollection<long>? anchors = null)
    {
        var rounds = Db.Service<RatingRoundService>(Office);
        var created = await rounds.CreateAsync(input);
        Assert.True(created.Ok, created.Error);
        var set = await rounds.SetUnitsAsync(created.Value, units, anchors ?? []);
        Assert.True(set.Ok, set.Error);
        return (rounds, created.Value);
    }

    [Fact]
    public async Task A_rater_cannot_rate_their_own_unit_or_a_conflicting_one()
    {
        var u = await UnitsAsync("D01", "D02", "D03");
        var (rounds, round) = await RoundAsync(Numeric(), u.Values);
        var me = await RaterAccountAsync("r1", u["D01"]);
        var raterId = (await rounds.AddAccountRaterAsync(round, "r1")).Value;
        Assert.True((await rounds.SetRaterUnitsAsync(raterId, [u["D03"]], [])).Ok);

        var form = Db.Service<RatingFormService>(me);
        var myForm = await form.FormAsync(raterId);
        Assert.Equal([u["D02"]], myForm!.Units.Select(x => x.UnitId));

        var own = await form.SubmitAsync(raterId, [Score(u["D01"], 80, 80), Score(u["D02"], 80, 80)]);
        Assert.Contains("本单位", own.Error, StringComparison.Ordinal);
        var conflict = await form.SubmitAsync(raterId, [Score(u["D02"], 80, 80), Score(u["D03"], 80, 80)]);
        Assert.Contains("回避", conflict.Error, StringComparison.Ordinal);
        Assert.True((await form.SubmitAsync(raterId, [Score(u["D02"], 80, 85)])).Ok);

        await using var db = await Db.ContextAsync();
        var entry = await db.RatingEntries.SingleAsync();
        Assert.Equal(82, entry.Score, 9);
        // What the form shows while the rater types is the stored score, by the same rule.
        Assert.Equal(entry.Score, myForm.WeightedScore([80, 85])!.Value, 9);
        Assert.Null(myForm.WeightedScore([80, null]));
    }

    [Fact]
    public async Task A_rater_whose_account_moved_into_a_rated_unit_cannot_rate_that_unit()
    {
        var u = await UnitsAsync("D01", "D02", "D03");
        var (rounds, round) = await RoundAsync(Numeric(), u.Values);
        await RaterAccountAsync("r2", null);
        var raterId = (await rounds.AddAccountRaterAsync(round, "r2")).Value;
        await using (var db = await Db.ContextAsync())
        {
            var account = await db.Users.SingleAsync(x => x.UserName == "r2");
            account.UnitId = u["D02"];
            await db.SaveChangesAsync();
        }
        var form = Db.Service<RatingFormService>(new CurrentUser("r2", [Roles.Rater], u["D02"]));
        var own = await form.SubmitAsync(raterId, [Score(u["D01"], 80, 80), Score(u["D02"], 95, 95), Score(u["D03"], 80, 80)]);
        Assert.Contains("不能评议本单位", own.Error, StringComparison.Ordinal);
        await using var check = await Db.ContextAsync();
        Assert.False(await check.RatingEntries.AnyAsync());
    }

    [Fact]
    public async Task Only_the_office_manages_rounds_and_a_rater_reaches_only_their_own_form()
    {
        var u = await UnitsAsync("D01", "D02");
        Assert.Equal(Outcome.Forbidden, (await Db.Service<RatingRoundService>(Reporter(u["D01"])).CreateAsync(Numeric())).Error);
        var (rounds, round) = await RoundAsync(Numeric(), u.Values);
        var mine = await RaterAccountAsync("r1", null);
        await RaterAccountAsync("r2", null);
        var other = (await rounds.AddAccountRaterAsync(round, "r2")).Value;
        var form = Db.Service<RatingFormService>(mine);
        Assert.Null(await form.FormAsync(other));
        Assert.Equal(Outcome.NotFound, (await form.SubmitAsync(other, [Score(u["D01"], 80, 80), Score(u["D02"], 80, 80)])).Error);
        Assert.Empty(await form.MyRoundsAsync());
        Assert.Null(await Db.Service<CalibrationService>(mine).ReportAsync(round));
        Assert.Equal(Outcome.Forbidden, (await Db.Service<CalibrationService>(mine).CalibrateAsync(round)).Error);
    }

    [Fact]
    public async Task Top_grades_beyond_the_quota_are_refused()
    {
        var u = await UnitsAsync("D01", "D02", "D03", "D04");
        var (rounds, round) = await RoundAsync(Numeric(quota: 2), u.Values);
        var me = await RaterAccountAsync("r1", null);
        var raterId = (await rounds.AddAccountRaterAsync(round, "r1")).Value;
        var form = Db.Service<RatingFormService>(me);

        var three = await form.SubmitAsync(raterId, [Score(u["D01"], 95, 95), Score(u["D02"], 92, 90), Score(u["D03"], 91, 91), Score(u["D04"], 80, 80)]);
        Assert.Equal("90 分及以上最多只能给 2 个单位，您给了 3 个。", three.Error);
        Assert.True((await form.SubmitAsync(raterId, [Score(u["D01"], 95, 95), Score(u["D02"], 92, 90), Score(u["D03"], 85, 91), Score(u["D04"], 80, 80)])).Ok);
    }

    [Fact]
    public async Task An_extreme_score_needs_a_reason_and_a_refused_submission_saves_nothing()
    {
        var u = await UnitsAsync("D01", "D02");
        var (rounds, round) = await RoundAsync(Numeric(), u.Values);
        var me = await RaterAccountAsync("r1", null);
        var raterId = (await rounds.AddAccountRaterAsync(round, "r1")).Value;
        var form = Db.Service<RatingFormService>(me);
        Assert.True((await form.SubmitAsync(raterId, [Score(u["D01"], 80, 80), Score(u["D02"], 70, 70)])).Ok);

        var hundred = await form.SubmitAsync(raterId, [Score(u["D01"], 100, 90), Score(u["D02"], 70, 70)]);
        Assert.Contains("须填写理由", hundred.Error, StringComparison.Ordinal);
        var low = await form.SubmitAsync(raterId, [Score(u["D01"], 80, 80), Score(u["D02"], 59.5, 70)]);
        Assert.Contains("单位D02", low.Error, StringComparison.Ordinal);

        await using (var db = await Db.ContextAsync())
        {
            Assert.Equal([80.0, 70.0], await db.RatingEntries.OrderBy(e => e.UnitId).Select(e => e.Score).ToListAsync());
        }
        Assert.True((await form.SubmitAsync(raterId, [Score(u["D01"], 100, 100, "全年工作全面领先"), Score(u["D02"], 70, 70)])).Ok);
    }

    [Fact]
    public async Task A_closed_round_refuses_submissions_until_reopened_with_a_reason()
    {
        var u = await UnitsAsync("D01");
        var (rounds, round) = await RoundAsync(Numeric(), u.Values);
        var link = (await rounds.AddLinkRaterAsync(round, "张代表")).Value!;
        var anonymous = Db.Service<RatingFormService>(CurrentUser.Anonymous);
        Assert.True((await anonymous.SubmitByTokenAsync(link.Token, [Score(u["D01"], 88, 90)])).Ok);

        var version = (await rounds.GetAsync(round))!.Version;
        Assert.False((await rounds.CloseAsync(round, version, " ")).Ok);
        Assert.True((await rounds.CloseAsync(round, version, "评议期满")).Ok);
        var late = await anonymous.SubmitByTokenAsync(link.Token, [Score(u["D01"], 70, 70)]);
        Assert.Contains("已结束", late.Error, StringComparison.Ordinal);

        var detail = (await rounds.GetAsync(round))!;
        Assert.True((await rounds.ReopenAsync(round, detail.Version, "补充评议")).Ok);
        Assert.True((await anonymous.SubmitByTokenAsync(link.Token, [Score(u["D01"], 70, 70)])).Ok);
        Assert.False((await anonymous.SubmitByTokenAsync("not-a-token", [Score(u["D01"], 70, 70)])).Ok);

        await using var db = await Db.ContextAsync();
        Assert.Equal(70, (await db.RatingEntries.SingleAsync()).Score, 9);
        Assert.Equal([RatingEventKind.Closed, RatingEventKind.Reopened], await db.RatingEvents.OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(RatingRound) && a.Action == "update" && a.Actor == "office"));
        Assert.DoesNotContain(link.Token, string.Concat(await db.AuditEntries.Select(a => a.After).ToListAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rater_cannot_submit_into_a_round_of_a_year_past_its_rating()
    {
        var u = await UnitsAsync("D01", "D02");
        var (rounds, round) = await RoundAsync(Numeric(), u.Values);
        var me = await RaterAccountAsync("r1", null);
        var raterId = (await rounds.AddAccountRaterAsync(round, "r1")).Value;
        var link = (await rounds.AddLinkRaterAsync(round, "张代表")).Value!;
        var form = Db.Service<RatingFormService>(me);
        var anonymous = Db.Service<RatingFormService>(CurrentUser.Anonymous);
        Assert.Null((await form.FormAsync(raterId))!.YearRefusal);

        // The round was left open (and waived) when the year moved on: nobody submits into it any more.
        foreach (var state in new[] { YearState.Scoring, YearState.Final })
        {
            await SetStateAsync(state);
            var signedIn = await form.SubmitAsync(raterId, [Score(u["D01"], 80, 80), Score(u["D02"], 80, 80)]);
            Assert.Contains($"当前为「{AppraisalYear.StateName(state)}」，此阶段不能提交评分", signedIn.Error, StringComparison.Ordinal);
            var byLink = await anonymous.SubmitByTokenAsync(link.Token, [Score(u["D01"], 80, 80), Score(u["D02"], 80, 80)]);
            Assert.Equal(signedIn.Error, byLink.Error);
            Assert.Equal(signedIn.Error, (await anonymous.FormByTokenAsync(link.Token))!.YearRefusal);
        }
        await using var db = await Db.ContextAsync();
        Assert.False(await db.RatingEntries.AnyAsync());
        Assert.False(await db.RatingRaters.AnyAsync(r => r.SubmittedAt != null));
    }

    [Fact]
    public async Task In_a_final_year_the_office_cannot_reopen_recalibrate_or_change_a_closed_round()
    {
        var u = await UnitsAsync("D01", "D02", "D03");
        var (rounds, round) = await RoundAsync(Numeric(), u.Values);
        var anonymous = Db.Service<RatingFormService>(CurrentUser.Anonymous);
        foreach (var (name, offset) in new[] { ("甲", 0), ("乙", 5) })
        {
            var link = (await rounds.AddLinkRaterAsync(round, name)).Value!;
            Assert.True((await anonymous.SubmitByTokenAsync(link.Token, [Score(u["D01"], 80 + offset, 80), Score(u["D02"], 70 + offset, 75), Score(u["D03"], 85, 90 - offset)])).Ok);
        }
        var calibration = Db.Service<CalibrationService>(Office);
        Assert.True((await calibration.CalibrateAsync(round)).Ok);
        Assert.True((await rounds.CloseAsync(round, (await rounds.GetAsync(round))!.Version, "评议期满")).Ok);
        List<(long, double)> stored;
        await using (var db = await Db.ContextAsync())
        {
            stored = await db.CalibratedScores.OrderBy(c => c.UnitId).Select(c => new ValueTuple<long, double>(c.UnitId, c.Calibrated)).ToListAsync();
        }

        await SetStateAsync(YearState.Final);
        var detail = (await rounds.GetAsync(round))!;
        var reopen = await rounds.ReopenAsync(round, detail.Version, "补充评议");
        Assert.Contains("当前为「结果已定」，此阶段不能提交评分、催办或重新开启评议", reopen.Error, StringComparison.Ordinal);
        var recalibrate = await calibration.CalibrateAsync(round);
        Assert.Contains("当前为「结果已定」，此阶段不能结束评议或校准评分", recalibrate.Error, StringComparison.Ordinal);
        var settings = await rounds.UpdateAsync(round, detail.Version, Numeric(quota: 1));
        Assert.Contains("此阶段不能设置评议轮次", settings.Error, StringComparison.Ordinal);
        Assert.Contains("此阶段不能设置评议轮次", (await rounds.ReissueLinkAsync(detail.Raters[0].Id)).Error, StringComparison.Ordinal);
        Assert.Contains("此阶段不能设置评议轮次", (await rounds.CreateAsync(Numeric())).Error, StringComparison.Ordinal);

        await using var after = await Db.ContextAsync();
        Assert.True((await after.RatingRounds.SingleAsync()).IsClosed);
        Assert.Equal(stored, await after.CalibratedScores.OrderBy(c => c.UnitId).Select(c => new ValueTuple<long, double>(c.UnitId, c.Calibrated)).ToListAsync());
        Assert.Equal([RatingEventKind.Calibrated, RatingEventKind.Closed], await after.RatingEvents.OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
    }

    [Fact]
    public async Task Reminders_are_recorded_for_raters_who_have_not_submitted()
    {
        var u = await UnitsAsync("D01");
        var (rounds, round) = await RoundAsync(Numeric(), u.Values);
        var done = (await rounds.AddLinkRaterAsync(round, "甲")).Value!;
        await rounds.AddLinkRaterAsync(round, "乙");
        Assert.True((await Db.Service<RatingFormService>(CurrentUser.Anonymous).SubmitByTokenAsync(done.Token, [Score(u["D01"], 80, 80)])).Ok);

        Assert.Equal(1, (await rounds.RemindAsync(round)).Value);
        var detail = (await rounds.GetAsync(round))!;
        Assert.Equal(["乙"], detail.NotSubmitted.Select(r => r.Name));
        Assert.Equal(1, detail.Raters.Single(r => r.Name == "乙").Reminders);
        Assert.Equal(1, detail.Units.Single().Rated);
    }

    [Fact]
    public async Task A_disconnected_round_is_refused_naming_its_groups_until_an_anchoring_rule_is_chosen()
    {
        var u = await UnitsAsync("T01", "T02", "T03", "T04", "T05");
        var fourTowns = new[] { u["T01"], u["T02"], u["T03"], u["T04"] };
        var (rounds, round) = await RoundAsync(Numeric(RatingKind.AssessmentTeam), fourTowns);
        var teams = new List<(long Id, CurrentUser User)>();
        for (var t = 1; t <= 4; t++)
        {
            var me = await RaterAccountAsync($"team{t}", null);
            teams.Add(((await rounds.AddAccountRaterAsync(round, $"team{t}", $"第{t}考核组")).Value, me));
        }
        // Teams 1 and 2 score T01/T02, teams 3 and 4 score T03/T04: two groups nothing links.
        Assert.True((await rounds.SetRaterUnitsAsync(teams[0].Id, [], [u["T01"], u["T02"]])).Ok);
        Assert.True((await rounds.SetRaterUnitsAsync(teams[1].Id, [], [u["T01"], u["T02"]])).Ok);
        Assert.True((await rounds.SetRaterUnitsAsync(teams[2].Id, [], [u["T03"], u["T04"]])).Ok);
        Assert.True((await rounds.SetRaterUnitsAsync(teams[3].Id, [], [u["T03"], u["T04"]])).Ok);
        double[][] scores = [[80, 70], [82, 74], [88, 78], [86, 80]];
        for (var t = 0; t < 4; t++)
        {
            var (a, b) = t < 2 ? (u["T01"], u["T02"]) : (u["T03"], u["T04"]);
            var submitted = await Db.Service<RatingFormService>(teams[t].User).SubmitAsync(teams[t].Id, [Score(a, scores[t][0], scores[t][0]), Score(b, scores[t][1], scores[t][1])]);
            Assert.True(submitted.Ok, submitted.Error);
        }
        var calibration = Db.Service<CalibrationService>(Office);
        var refused = await calibration.CalibrateAsync(round);
        Assert.False(refused.Ok);
        Assert.Contains("第1组", refused.Error, StringComparison.Ordinal);
        Assert.Contains("第2考核组", refused.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await calibration.ReportAsync(round))!.Groups.Count);

        // The office chooses "equal group severity" explicitly: now it computes.
        var detail = (await rounds.GetAsync(round))!;
        Assert.True((await rounds.UpdateAsync(round, detail.Version, Numeric(RatingKind.AssessmentTeam, anchoring: AnchoringRule.EqualGroupSeverity))).Ok);
        var equal = await calibration.CalibrateAsync(round);
        Assert.True(equal.Ok, equal.Error);

        // Or the office adds an anchor town that every team scores, and chooses the anchoring rule.
        Assert.True((await rounds.SetUnitsAsync(round, u.Values.ToList(), [u["T05"]])).Ok);
        detail = (await rounds.GetAsync(round))!;
        Assert.True((await rounds.UpdateAsync(round, detail.Version, Numeric(RatingKind.AssessmentTeam, anchoring: AnchoringRule.AnchorUnits))).Ok);
        var withoutAnchor = await Db.Service<RatingFormService>(teams[0].User).SubmitAsync(teams[0].Id, [Score(u["T01"], 80, 80), Score(u["T02"], 70, 70)]);
        Assert.Contains("单位T05", withoutAnchor.Error, StringComparison.Ordinal);
        double[] anchor = [75, 76, 83, 82];
        for (var t = 0; t < 4; t++)
        {
            var (a, b) = t < 2 ? (u["T01"], u["T02"]) : (u["T03"], u["T04"]);
            var submitted = await Db.Service<RatingFormService>(teams[t].User).SubmitAsync(teams[t].Id,
                [Score(a, scores[t][0], scores[t][0]), Score(b, scores[t][1], scores[t][1]), Score(u["T05"], anchor[t], anchor[t])]);
            Assert.True(submitted.Ok, submitted.Error);
        }
        var anchored = await calibration.CalibrateAsync(round);
        Assert.True(anchored.Ok, anchored.Error);
        Assert.Single(anchored.Value!.Groups);
        // Teams 3 and 4 score the anchor 7 points higher: they are the lenient ones.
        Assert.True(anchored.Value.Raters.Single(r => r.Name == "第3考核组").Leniency > 2);
        var stored = await calibration.ScoresAsync(Year, RatingKind.AssessmentTeam);
        Assert.Equal(5, stored.Count);
        Assert.All(stored, s => Assert.InRange(s.Score100, 0, 100));
    }

    [Fact]
    public async Task A_grade_round_is_calibrated_with_the_Rasch_model()
    {
        var codes = Enumerable.Range(1, 8).Select(i => $"D{i:00}").ToArray();
        var u = await UnitsAsync(codes);
        var input = new RoundInput(Year, RatingKind.DeputyRating, "民主评议", RatingScale.Grades, "好|较好|一般|差", 3, 90, AnchoringRule.None, []);
        var (rounds, round) = await RoundAsync(input, u.Values);
        var anonymous = Db.Service<RatingFormService>(CurrentUser.Anonymous);
        for (var r = 0; r < 6; r++)
        {
            var link = (await rounds.AddLinkRaterAsync(round, $"代表{r}")).Value!;
            // Each deputy gives every grade; the last two units fare worse. At most two 好 each (quota three).
            var entries = codes.Select((c, i) => new EntryInput(u[c], [], Math.Min(3, (i + r) % 4 + (i >= 6 ? 1 : 0)), "理由")).ToList();
            var submitted = await anonymous.SubmitByTokenAsync(link.Token, entries);
            Assert.True(submitted.Ok, submitted.Error);
        }
        var report = await Db.Service<CalibrationService>(Office).CalibrateAsync(round);
        Assert.True(report.Ok, report.Error);
        Assert.Equal("Rasch 多面模型", report.Value!.Model);
        Assert.Equal(8, report.Value.Units.Count);
        Assert.All(report.Value.Units, x => Assert.InRange(x.Score100, 0, 100));
    }
}

public abstract class DemoRatingTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    [Fact]
    public async Task The_demo_countys_lenient_assessment_team_is_detected_and_its_towns_corrected()
    {
        await Db.Services.GetRequiredService<Baton.Core.Demo.DemoCounty>().SeedAsync();
        var rounds = Db.Service<RatingRoundService>(Office);
        var all = await rounds.ListAsync(2025);
        Assert.Equal([RatingKind.DeputyRating, RatingKind.PeerRating, RatingKind.LeaderRating, RatingKind.AssessmentTeam], all.Select(r => r.Kind));
        // A year an office would publish: every round closed, every rater submitted.
        Assert.All(all, r => Assert.True(r.IsClosed && r.Submitted == r.Raters, r.Name));
        Assert.Equal(47, all.Single(r => r.Kind == RatingKind.DeputyRating).Units);
        Assert.Equal(47, all.Single(r => r.Kind == RatingKind.LeaderRating).Units);

        var calibration = Db.Service<CalibrationService>(Office);
        var teams = (await calibration.ReportAsync(all.Single(r => r.Kind == RatingKind.AssessmentTeam).Id))!;
        Assert.True(teams.IsCalibrated, teams.Refusal);
        var lenient = teams.Raters.Single(r => r.Name == "第三考核组");
        Assert.True(lenient.Leniency > 4 && lenient.Leniency > 3 * lenient.StandardError!.Value, $"{lenient.Leniency} ± {lenient.StandardError}");
        Assert.Equal(lenient, teams.Raters.MaxBy(r => r.Leniency));
        // The towns only the lenient team and one other team scored lose most of their inflated raw mean.
        Assert.Contains(teams.Units, u => u.RawMean - u.Calibrated > 2);
        Assert.All(teams.Units, u => Assert.True(u.RankInterval is { } r && r.Best <= r.Worst, u.Name));

        foreach (var round in all)
        {
            var report = (await calibration.ReportAsync(round.Id))!;
            Assert.True(report.IsCalibrated, $"{round.Name}: {report.Refusal}");
        }
        Assert.Equal(12, (await calibration.ScoresAsync(2025, RatingKind.AssessmentTeam)).Count);
        Assert.Equal(12, (await calibration.ScoresAsync(2025, RatingKind.PeerRating)).Count);
        Assert.Equal(47, (await calibration.ScoresAsync(2025, RatingKind.DeputyRating)).Count);
        Assert.Equal("Rasch 多面模型", (await calibration.ReportAsync(all[0].Id))!.Model);

        // 2026 is in progress: the deputies' mid-year round is open and the account rater has yet to submit.
        var current = Assert.Single(await rounds.ListAsync(2026));
        Assert.False(current.IsClosed);
        Assert.Contains((await rounds.GetAsync(current.Id))!.NotSubmitted, r => r.UserName == "rater");
    }

    [Fact]
    public async Task The_final_demo_2025_has_every_round_closed_and_none_can_be_reopened_recalibrated_or_rated()
    {
        await Db.Services.GetRequiredService<Baton.Core.Demo.DemoCounty>().SeedAsync();
        var rounds = Db.Service<RatingRoundService>(Office);
        var all = await rounds.ListAsync(2025);
        Assert.All(all, r => Assert.True(r.IsClosed, r.Name));
        var deputies = all.Single(r => r.Kind == RatingKind.DeputyRating);
        Assert.Contains("结果已定", (await rounds.ReopenAsync(deputies.Id, deputies.Version, "补充评议")).Error, StringComparison.Ordinal);
        var teams = all.Single(r => r.Kind == RatingKind.AssessmentTeam);
        Assert.Contains("结果已定", (await Db.Service<CalibrationService>(Office).CalibrateAsync(teams.Id)).Error, StringComparison.Ordinal);

        var rater = Db.Service<RatingFormService>(new CurrentUser("rater", [Roles.Rater], null));
        var mine = (await rater.MyRoundsAsync()).Single(r => r.RoundId == deputies.Id);
        var form = (await rater.FormAsync(mine.RaterId))!;
        Assert.True(form.IsClosed);
        Assert.False((await rater.SubmitAsync(mine.RaterId, [.. form.Units.Select(u => new EntryInput(u.UnitId, [], 1, null))])).Ok);
    }
}

public sealed class SqliteDemoRatingTests() : DemoRatingTests(DatabaseProvider.Sqlite);

public sealed class PostgresDemoRatingTests() : DemoRatingTests(DatabaseProvider.Postgres);

public sealed class SqliteRatingServiceTests() : RatingServiceTests(DatabaseProvider.Sqlite);

public sealed class PostgresRatingServiceTests() : RatingServiceTests(DatabaseProvider.Postgres);
