using Baton.Core.Accounts;
using Baton.Core.Demo;
using Baton.Core.Indicators;
using Baton.Core.Targets;
using Baton.Core.Units;
using Baton.Core.Years;
using Baton.Scoring.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Core.Tests;

public abstract class MigrationTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    [Fact]
    public async Task Migrations_match_the_model()
    {
        await using var db = await Db.ContextAsync();
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run dotnet ef migrations add for both providers.");
    }

    [Fact]
    public async Task Demo_county_is_deterministic_and_complete()
    {
        await Db.Services.CreateScope().ServiceProvider.GetRequiredService<DemoCounty>().SeedAsync();
        await using var db = await Db.ContextAsync();
        var towns = await db.Units.CountAsync(u => u.Kind == UnitKind.Town);
        var departments = await db.Units.CountAsync(u => u.Kind == UnitKind.Department);
        Assert.InRange(towns, 10, 14);
        Assert.InRange(departments, 30, 40);
        Assert.Equal(2, await db.UnitCategories.Where(c => c.Year == DemoCounty.CurrentYear && c.Kind == UnitKind.Town).CountAsync());
        Assert.Equal(4, await db.UnitCategories.Where(c => c.Year == DemoCounty.CurrentYear && c.Kind == UnitKind.Department).CountAsync());
        Assert.Equal(DemoCounty.Accounts.Count + DemoRatings.Accounts.Count, await db.Users.CountAsync());
        Assert.Equal(Roles.All.Count, DemoCounty.Accounts.Select(a => a.Role).Distinct().Count());
        var leaders = await db.UnitLeaders.OrderBy(l => l.UnitId).Select(l => l.Person!.Name + l.Since).ToListAsync();
        var ratings = await db.RatingEntries.OrderBy(e => e.Id).Select(e => e.Score).ToListAsync();
        Assert.NotEmpty(ratings);

        await using var again = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await again.Services.CreateScope().ServiceProvider.GetRequiredService<DemoCounty>().SeedAsync();
        await using var other = await again.ContextAsync();
        Assert.Equal(leaders, await other.UnitLeaders.OrderBy(l => l.UnitId).Select(l => l.Person!.Name + l.Since).ToListAsync());
        Assert.Equal(ratings, await other.RatingEntries.OrderBy(e => e.Id).Select(e => e.Score).ToListAsync());
    }

    [Fact]
    public async Task Month_plans_and_actual_values_kept_as_strings_become_rows_when_the_database_is_upgraded()
    {
        long target;
        await using (var db = await Db.ContextAsync())
        {
            db.ActAs(CurrentUser.System);
            db.Years.Add(new AppraisalYear { Year = 2024, Name = "2024年度", State = YearState.InProgress });
            var unit = new Unit { Code = "T01", Name = "城关镇", Kind = UnitKind.Town };
            var category = new UnitCategory { Year = 2024, Code = "TA", Name = "乡镇一类", Kind = UnitKind.Town };
            db.AddRange(unit, category);
            await db.SaveChangesAsync();
            var leaf = new Indicator { Year = 2024, CategoryId = category.Id, Code = "B2", Name = "重点项目建设进度", Points = 10, Rule = RuleKind.TimeProgress };
            db.Add(leaf);
            await db.SaveChangesAsync();
            var approved = new Target { Year = 2024, UnitId = unit.Id, IndicatorId = leaf.Id, Value = 120, Status = ReportStatus.Approved, ApprovedBy = "lead" };
            db.Add(approved);
            await db.SaveChangesAsync();
            target = approved.Id;
        }

        // Back to the schema before the rows existed, with the strings as the earlier version wrote them.
        await using (var db = await Db.ContextAsync())
        {
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("SnapshotLastComputation");
            await db.Database.ExecuteSqlRawAsync(
                "UPDATE \"Targets\" SET \"MonthlyPlan\" = '10;20;30;40;50;60;70;80;90;100;110;120', \"MonthlyActual\" = '9.5;21;;38' WHERE \"Id\" = {0}", target);
            await migrator.MigrateAsync();
        }

        await using var upgraded = await Db.ContextAsync();
        var plan = await upgraded.MonthlyPlans.Where(p => p.TargetId == target).OrderBy(p => p.Month).Select(p => p.Value).ToListAsync();
        Assert.Equal([10m, 20m, 30m, 40m, 50m, 60m, 70m, 80m, 90m, 100m, 110m, 120m], plan);
        Assert.Equal(PlanProfile.Custom, (await upgraded.Targets.SingleAsync(t => t.Id == target)).PlanProfile);
        var reports = await upgraded.ProgressReports.Where(r => r.TargetId == target).OrderBy(r => r.Month).ToListAsync();
        Assert.Equal([(1, 9.5m), (2, 21m), (4, 38m)], reports.Select(r => (r.Month, r.Value)));
        Assert.All(reports, r => Assert.Equal((ReportStatus.Approved, "lead", 2024), (r.Status, r.ReviewedBy, r.Year)));
        Assert.All(reports, r => Assert.NotNull(r.ReviewedAt));
    }
}

public sealed class SqliteMigrationTests() : MigrationTests(DatabaseProvider.Sqlite);

public sealed class PostgresMigrationTests() : MigrationTests(DatabaseProvider.Postgres);
