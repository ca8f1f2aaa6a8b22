using Baton.Core.Tests.Results;
using Baton.Core.Units;
using Baton.Core.Years;
using Microsoft.EntityFrameworkCore;
using static Baton.Core.Tests.Units.UnitImportTests;

namespace Baton.Core.Tests.Units;

/// <summary>一把手 are people with terms, not names (issue 7, §4.12).</summary>
public abstract class UnitLeaderTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private const int Year = 2026;

    private async Task<(UnitService Units, long T01, long T02, long T03)> TownsAsync()
    {
        Assert.True((await Db.Service<YearService>(Office).CreateAsync(Year, null)).Ok);
        var units = Db.Service<UnitService>(Office);
        var ids = new List<long>();
        foreach (var (code, name) in new[] { ("T01", "城关镇"), ("T02", "东河镇"), ("T03", "西山镇") })
        {
            ids.Add((await units.CreateAsync(Year, new UnitInput(code, name, UnitKind.Town, null))).Value);
        }
        return (units, ids[0], ids[1], ids[2]);
    }

    private static LeaderInput Term(PersonPick person, int year, int month = 1, int day = 1, string post = "镇党委书记") => new(person, post, new DateOnly(year, month, day));

    [Fact]
    public async Task One_person_cannot_lead_two_units_at_the_same_time()
    {
        var (units, t01, t02, _) = await TownsAsync();
        Assert.True((await units.SetLeaderAsync(t01, Term(PersonPick.New("张三"), 2021))).Ok);
        var zhang = Assert.Single(await units.LeadersAsync(t01)).PersonId;

        var twice = await units.SetLeaderAsync(t02, Term(PersonPick.Existing(zhang), 2025, 3));
        Assert.Contains("同一人不能同时担任两个单位的一把手", twice.Error, StringComparison.Ordinal);
        Assert.Contains("城关镇", twice.Error, StringComparison.Ordinal);
        Assert.Empty(await units.LeadersAsync(t02));

        // Transferred: 城关镇 gets a new leader from 1 September, and 张三 leads 东河镇 from that day, not a day earlier.
        Assert.True((await units.SetLeaderAsync(t01, Term(PersonPick.New("李四"), 2025, 9))).Ok);
        Assert.Contains("同一人不能同时担任两个单位的一把手", (await units.SetLeaderAsync(t02, Term(PersonPick.Existing(zhang), 2025, 8, 31))).Error, StringComparison.Ordinal);
        var moved = await units.SetLeaderAsync(t02, Term(PersonPick.Existing(zhang), 2025, 9));
        Assert.True(moved.Ok, moved.Error);

        var terms = await units.TermsAsync(zhang);
        Assert.Equal([("东河镇", (DateOnly?)null), ("城关镇", new DateOnly(2025, 9, 1))], terms.Select(t => (t.UnitName, t.Until)));
        var people = await units.PeopleAsync("张");
        Assert.Equal("东河镇", Assert.Single(people).CurrentUnit);
    }

    [Fact]
    public async Task A_person_can_take_a_new_post_in_the_same_unit()
    {
        var (units, t01, _, _) = await TownsAsync();
        Assert.True((await units.SetLeaderAsync(t01, Term(PersonPick.New("张三"), 2021, post: "镇长"))).Ok);
        var zhang = Assert.Single(await units.LeadersAsync(t01)).PersonId;
        var promoted = await units.SetLeaderAsync(t01, Term(PersonPick.Existing(zhang), 2024, post: "镇党委书记"));
        Assert.True(promoted.Ok, promoted.Error);
        Assert.Equal([("镇党委书记", (DateOnly?)null), ("镇长", new DateOnly(2024, 1, 1))], (await units.LeadersAsync(t01)).Select(l => (l.Post, l.Until)));
    }

    [Fact]
    public async Task Two_people_with_one_name_stay_two_people()
    {
        var (units, t01, t02, _) = await TownsAsync();
        Assert.True((await units.SetLeaderAsync(t01, Term(PersonPick.New("张三"), 2021))).Ok);

        var same = await units.SetLeaderAsync(t02, Term(PersonPick.New("张三"), 2022));
        Assert.Contains("已有人员「张三」", same.Error, StringComparison.Ordinal);
        Assert.Contains("识别信息", same.Error, StringComparison.Ordinal);
        var other = await units.SetLeaderAsync(t02, Term(PersonPick.New("张三", "1980 年生"), 2022));
        Assert.True(other.Ok, other.Error);

        var people = await units.PeopleAsync("张三");
        Assert.Equal(2, people.Select(p => p.Id).Distinct().Count());
        Assert.Equal(["张三 · 现任城关镇镇党委书记", "张三（1980 年生） · 现任东河镇镇党委书记"], people.Select(p => p.Label).Order(StringComparer.Ordinal));
        Assert.NotEqual((await units.GetAsync(t01, Year))!.LeaderPersonId, (await units.GetAsync(t02, Year))!.LeaderPersonId);

        var first = Assert.Single(await units.LeadersAsync(t01));
        var renamed = await units.CorrectPersonAsync(first.PersonId, first.PersonVersion, new PersonInput("张三", "1980 年生"));
        Assert.Contains("已有另一位「张三（1980 年生）」", renamed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_picks_a_person_by_name_and_note_and_refuses_a_name_two_people_bear()
    {
        var (units, t01, t02, _) = await TownsAsync();
        await units.SetLeaderAsync(t01, Term(PersonPick.New("张三"), 2021));
        await units.SetLeaderAsync(t02, Term(PersonPick.New("张三", "1980 年生"), 2022));
        string[] Row(string code, string name, string leader, string since, string note = "") => [code, name, "镇", "", leader, "镇党委书记", since, note];

        var ambiguous = await units.ImportAsync(Year, Sheet(UnitService.Columns, Row("T03", "西山镇", "张三", "2026-01-05")), "a.xlsx");
        Assert.Contains("第 2 行「一把手姓名」：「张三」对应 2 位人员（张三；张三（1980 年生））", ambiguous.Error, StringComparison.Ordinal);

        var busy = await units.ImportAsync(Year, Sheet(UnitService.Columns, Row("T03", "西山镇", "张三", "2026-01-05", "1980 年生")), "b.xlsx");
        Assert.Contains("第 2 行「一把手姓名」：张三（1980 年生）自 2022-01-01 起任东河镇镇党委书记（现任）", busy.Error, StringComparison.Ordinal);

        // 张三（1980 年生） moves from 东河镇 to 西山镇 and 王五 takes 东河镇, in one file, whichever row comes first.
        var moved = await units.ImportAsync(Year, Sheet(UnitService.Columns,
            Row("T03", "西山镇", "张三", "2026-01-05", "1980 年生"), Row("T02", "东河镇", "王五", "2026-01-05")), "c.xlsx");
        Assert.True(moved.Ok, moved.Error);
        var changes = moved.Value!.Changes.Where(c => c.Kind == UnitImportChangeKind.LeaderChanged).ToList();
        Assert.Equal(2, changes.Count);
        Assert.Contains("（未登记） → 张三（1980 年生）（镇党委书记，2026-01-05 起）", changes[0].Text, StringComparison.Ordinal);
        Assert.Contains("张三（1980 年生） → 王五（镇党委书记，2026-01-05 起，新建人员记录）", changes[1].Text, StringComparison.Ordinal);
        var mover = (await units.PeopleAsync("张三")).Single(p => p.Note is not null);
        Assert.Equal(["西山镇", "东河镇"], (await units.TermsAsync(mover.Id)).Select(t => t.UnitName));
        Assert.Equal("张三", (await units.GetAsync(t01, Year))!.LeaderName);
    }

    [Fact]
    public async Task Import_refuses_one_new_person_named_for_two_units()
    {
        var (units, _, _, _) = await TownsAsync();
        var file = Sheet(UnitService.Columns,
            ["T01", "城关镇", "镇", "", "赵六", "镇党委书记", "2026-01-05", ""], ["T02", "东河镇", "镇", "", "赵六", "镇党委书记", "2026-02-01", ""]);
        var refused = await units.ImportAsync(Year, file, "a.xlsx");
        Assert.Contains("同一人不能同时担任两个单位的一把手", refused.Error, StringComparison.Ordinal);
        await using var db = await Db.ContextAsync();
        Assert.False(await db.People.AnyAsync());
    }

    [Fact]
    public async Task Demo_county_has_one_person_for_each_unit_and_nobody_leads_two_at_once()
    {
        await ResultServiceTests.SeedDemoAsync(Db);
        await using var db = await Db.ContextAsync();
        var current = await db.UnitLeaders.Where(l => l.Until == null).Select(l => new { l.UnitId, l.PersonId, l.Person!.Name }).ToListAsync();
        Assert.Equal(await db.Units.CountAsync(), current.Count);
        Assert.Equal(current.Count, current.Select(l => l.PersonId).Distinct().Count());
        Assert.Equal(current.Count, current.Select(l => l.Name).Distinct(StringComparer.Ordinal).Count());
    }
}

public sealed class SqliteUnitLeaderTests() : UnitLeaderTests(DatabaseProvider.Sqlite);

public sealed class PostgresUnitLeaderTests() : UnitLeaderTests(DatabaseProvider.Postgres);
