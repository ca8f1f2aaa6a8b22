using Baton.Core.Demo;
using Baton.Core.Investment;
using Baton.Core.Planning;
using Baton.Core.Progress;
using Baton.Core.Targets;
using Baton.Core.Tests.Results;
using Baton.Core.Warnings;
using Baton.Scoring.Warnings;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Tests.Demo;

/// <summary>
/// The demo county's 2026 as its story tells it on 1 December (issue 8, item 9): the year runs through October with
/// realistic progress, a dashboard of a few dozen warnings, two returned reports, slipped milestones, leads at every
/// stage and one city target negotiated down; loaded in March, it holds only what had happened by then.
/// </summary>
public abstract class DemoCurrentYearTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const int Year = DemoCounty.CurrentYear;

    private static readonly DateOnly FirstOfDecember = new(2026, 12, 1);

    [Fact]
    public async Task On_the_first_of_December_the_office_sees_a_believable_dashboard_and_every_stage_of_the_year()
    {
        await ResultServiceTests.SeedDemoAsync(Db, DemoCounty.StoryEnd);

        var report = await Db.Service<WarningService>(Office).ReportAsync(Year, FirstOfDecember);
        Assert.True(report.Ok, report.Error);
        var warnings = report.Value!.Warnings;
        // Most units are on plan: a few dozen warnings at most for 47 units, most of them yellow, every kind present.
        Assert.InRange(warnings.Count, 15, 50);
        Assert.True(warnings.Count(w => w.Colour == WarningColour.Yellow) > warnings.Count(w => w.Colour == WarningColour.Red));
        Assert.Contains(warnings, w => w is { Kind: WarningKind.Behind, Colour: WarningColour.Red });
        Assert.Contains(warnings, w => w is { Kind: WarningKind.Stale });
        // October is missing for one department, returned for two reports, and one confirmed report waits too long for review.
        Assert.Contains(warnings, w => w is { Kind: WarningKind.Overdue, Month: null, UnitCode: DemoProgress.MissingOctober } && w.Months.SequenceEqual([10]));
        Assert.Contains(warnings, w => w.Kind == WarningKind.Overdue && w.Message.Contains("应于", StringComparison.Ordinal) && w.Message.Contains("审核", StringComparison.Ordinal));
        Assert.True(warnings.Select(w => w.UnitCode).Distinct().Count() < 20, "more than a few units are warned");

        await using var db = await Db.ContextAsync();
        var reports = await db.ProgressReports.Where(r => r.Year == Year).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 11), reports.Select(r => r.Month).Distinct().Order());
        var returned = reports.Where(r => r.Status == ReportStatus.Returned).ToList();
        Assert.Equal(2, returned.Count);
        Assert.All(returned, r => Assert.False(string.IsNullOrWhiteSpace(r.ReturnComment)));
        Assert.True(reports.Count(r => r.Status == ReportStatus.Approved) > 0.9 * reports.Count);
        Assert.Contains(reports, r => r.Status == ReportStatus.SignedOff);
        Assert.Contains(reports, r => r.Status == ReportStatus.Entered);
        // Some reports came in after the 5th of the following month (迟报), and some carry evidence.
        Assert.Contains(reports, r => r.Month <= 10 && WarningInputs.Day(r.FirstSubmittedAt!.Value) > ProgressService.DeadlineOf(Year, r.Month, ProgressSettings.DefaultDueDay));
        Assert.True(await db.ProgressEvidence.CountAsync(e => reports.Select(r => r.Id).Contains(e.ReportId)) >= 10);
        // Every time-progress or quantitative target that adds up over the year has a month plan and a responsible person.
        var planned = await db.Targets.Where(t => t.Year == Year && db.MonthlyPlans.Any(p => p.TargetId == t.Id)).ToListAsync();
        Assert.True(planned.Count > 150);
        Assert.All(planned, t => Assert.NotNull(t.ResponsibleName));

        // Targets were issued and every letter confirmed; the negotiations before issuance are all agreed.
        Assert.All(await db.TargetIssuances.Where(i => i.Year == Year).ToListAsync(), i => Assert.NotNull(i.ConfirmedAt));
        var negotiations = await db.TargetNegotiations.Where(n => n.Year == Year).ToListAsync();
        Assert.All(negotiations, n => Assert.NotNull(n.ClosedAt));
        var city = Assert.Single(negotiations, n => n.Kind == NegotiationKind.CityTarget);
        var lowered = await db.SuperiorTargets.SingleAsync(t => t.Id == city.SuperiorTargetId);
        Assert.Equal((DemoPlanning.NegotiatedCityTarget, lowered.CityValue), (lowered.Code, city.AgreedValue!.Value));
        Assert.True(city.AgreedValue < city.FromValue);
        Assert.Equal(3, await db.CityStandings.CountAsync(s => s.Year == Year));

        // Key projects with slipped milestones and open and resolved bottlenecks; leads at every stage.
        var milestones = await db.ProjectMilestones.ToListAsync();
        Assert.True(milestones.Count(m => m.PlannedOn is { } p && (m.ActualOn is { } a ? a > p : p < FirstOfDecember)) >= 5);
        Assert.Contains(await db.ProjectBottlenecks.Select(b => b.Status).ToListAsync(), s => s == Baton.Core.Projects.BottleneckStatus.Resolved);
        Assert.Contains(await db.ProjectBottlenecks.Select(b => b.Status).ToListAsync(), s => s != Baton.Core.Projects.BottleneckStatus.Resolved);
        Assert.Equal(Enum.GetValues<LeadStage>(), (await db.InvestmentLeads.Where(l => l.Year == Year).Select(l => l.Stage).ToListAsync()).Distinct().Order());
        Assert.True(await db.SuperiorSupports.CountAsync(s => s.Year == Year) >= 5);
    }

    [Fact]
    public async Task Loaded_in_March_the_demo_holds_only_what_had_happened_by_then()
    {
        // The test clock: 1 March 2026, 16:00 in Beijing.
        await ResultServiceTests.SeedDemoAsync(Db);

        await using var db = await Db.ContextAsync();
        var reports = await db.ProgressReports.Where(r => r.Year == Year).ToListAsync();
        // January is in and approved; February is not due before 5 March and nobody has reported it yet.
        Assert.Equal([1], reports.Select(r => r.Month).Distinct());
        Assert.All(reports, r => Assert.Equal(ReportStatus.Approved, r.Status));
        // 城关镇's head confirms the letter only on 4 March; the city's first-quarter standing is not published yet.
        var t01 = await ResultServiceTests.UnitIdAsync(Db, "T01");
        Assert.Null((await db.TargetIssuances.SingleAsync(i => i.Year == Year && i.UnitId == t01)).ConfirmedAt);
        Assert.Equal(0, await db.CityStandings.CountAsync(s => s.Year == Year));
        Assert.DoesNotContain(await db.InvestmentLeads.Where(l => l.Year == Year).Select(l => l.Stage).ToListAsync(), s => s >= LeadStage.Contracted);
        Assert.All(await db.ProjectInvestments.ToListAsync(), i => Assert.True(i.Month <= 2));
    }
}

public sealed class SqliteDemoCurrentYearTests() : DemoCurrentYearTests(DatabaseProvider.Sqlite);

public sealed class PostgresDemoCurrentYearTests() : DemoCurrentYearTests(DatabaseProvider.Postgres);
