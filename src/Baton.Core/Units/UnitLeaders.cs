using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Units;

/// <summary>Who leads: a person already on record, by id, or a new person with a name and an identifying note.</summary>
public sealed record PersonPick(long? PersonId, string? Name = null, string? Note = null)
{
    public static PersonPick Existing(long personId) => new(personId);

    public static PersonPick New(string name, string? note = null) => new(null, name, note);
}

/// <summary>A term to record or correct: the person, the post (职务) and the first day of the term.</summary>
public sealed record LeaderInput(PersonPick Person, string Post, DateOnly Since);

/// <summary>A person's name and identifying note (识别信息), as corrected on the units page.</summary>
public sealed record PersonInput(string Name, string? Note);

public sealed record LeaderRow(long Id, long PersonId, string Name, string? Note, string Post, DateOnly Since, DateOnly? Until, long Version, long PersonVersion)
{
    public string Label => Note is null ? Name : $"{Name}（{Note}）";
}

/// <summary>A person to pick from, with the term they hold now (if any), so that two people of one name can be told apart.</summary>
public sealed record PersonRow(long Id, string Name, string? Note, string? CurrentUnit, string? CurrentPost, long Version)
{
    public string Label => (Note is null ? Name : $"{Name}（{Note}）") + (CurrentUnit is null ? "" : $" · 现任{CurrentUnit}{CurrentPost}");
}

/// <summary>One term of a person, in whichever unit: a leader followed across units and years.</summary>
public sealed record TermRow(long UnitId, string UnitCode, string UnitName, string Post, DateOnly Since, DateOnly? Until);

/// <summary>
/// Principal leaders (一把手) as people with terms. A person is picked or created explicitly: a new person whose
/// name and note match someone on record is refused, so two people with one name are always told apart by their
/// note; and a person holds one term at a time, so nobody leads two units at once.
/// </summary>
public sealed partial class UnitService
{
    public async Task<IReadOnlyList<LeaderRow>> LeadersAsync(long unitId, CancellationToken ct = default)
    {
        if (!user.MaySee(unitId))
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.UnitLeaders.AsNoTracking().Where(l => l.UnitId == unitId).OrderByDescending(l => l.Since)
            .Select(l => new LeaderRow(l.Id, l.PersonId, l.Person!.Name, l.Person.Note, l.Post, l.Since, l.Until, l.Version, l.Person.Version)).ToListAsync(ct);
    }

    /// <summary>People on record whose name contains <paramref name="search"/> (all when empty), for the office to pick a leader from.</summary>
    public async Task<IReadOnlyList<PersonRow>> PeopleAsync(string? search, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var people = db.People.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            people = people.Where(p => p.Name.Contains(text));
        }
        var rows = await people.OrderBy(p => p.Name).ThenBy(p => p.Id).Take(500).Select(p => new { p.Id, p.Name, p.Note, p.Version }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var current = (await db.UnitLeaders.AsNoTracking().Where(l => l.Until == null && ids.Contains(l.PersonId))
                .Join(db.Units, l => l.UnitId, u => u.Id, (l, u) => new { l.PersonId, Unit = u.Name, l.Post }).ToListAsync(ct))
            .ToDictionary(c => c.PersonId);
        return [.. rows.Select(p => new PersonRow(p.Id, p.Name, p.Note, current.GetValueOrDefault(p.Id)?.Unit, current.GetValueOrDefault(p.Id)?.Post, p.Version))];
    }

    /// <summary>Every term of a person, newest first, in whichever unit.</summary>
    public async Task<IReadOnlyList<TermRow>> TermsAsync(long personId, CancellationToken ct = default)
    {
        if (!user.SeesAllUnits)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.UnitLeaders.AsNoTracking().Where(l => l.PersonId == personId).OrderByDescending(l => l.Since)
            .Join(db.Units, l => l.UnitId, u => u.Id, (l, u) => new TermRow(u.Id, u.Code, u.Name, l.Post, l.Since, l.Until)).ToListAsync(ct);
    }

    /// <summary>Records a new principal leader; the previous one's term ends the day the new one starts.</summary>
    public async Task<Outcome> SetLeaderAsync(long unitId, LeaderInput input, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        if (PostError(input.Post) is { } postError)
        {
            return Outcome.Fail(postError);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        var (person, pickError) = await PickAsync(db, input.Person, ct);
        if (person is null)
        {
            return Outcome.Fail(pickError!);
        }
        var current = await db.UnitLeaders.Where(l => l.UnitId == unitId && l.Until == null).ToListAsync(ct);
        if (current.Any(l => l.Since >= input.Since))
        {
            return Outcome.Fail("新任一把手的任职时间应晚于现任一把手的任职时间。");
        }
        if (await OverlapErrorAsync(db, person, input.Since, until: null, except: [.. current.Where(l => l.PersonId == person.Id).Select(l => l.Id)], unit.Name, ct) is { } overlap)
        {
            return Outcome.Fail(overlap);
        }
        foreach (var term in current)
        {
            term.Until = input.Since;
        }
        db.UnitLeaders.Add(new UnitLeader { UnitId = unitId, Person = person, Post = input.Post.Trim(), Since = input.Since });
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>Corrects a recorded term (the wrong person picked, a wrong post or date); a new leader is <see cref="SetLeaderAsync"/>.</summary>
    public async Task<Outcome> CorrectLeaderAsync(long leaderId, long version, LeaderInput input, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        if (PostError(input.Post) is { } postError)
        {
            return Outcome.Fail(postError);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var term = await db.UnitLeaders.SingleOrDefaultAsync(l => l.Id == leaderId, ct);
        if (term is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        if (term.Version != version)
        {
            return Outcome.Fail(Outcome.Conflict);
        }
        if (term.Until is { } until && input.Since >= until)
        {
            return Outcome.Fail("任职日期应早于离任日期。");
        }
        var (person, pickError) = await PickAsync(db, input.Person, ct);
        if (person is null)
        {
            return Outcome.Fail(pickError!);
        }
        var unitName = await db.Units.Where(u => u.Id == term.UnitId).Select(u => u.Name).SingleAsync(ct);
        if (await OverlapErrorAsync(db, person, input.Since, term.Until, except: [term.Id], unitName, ct) is { } overlap)
        {
            return Outcome.Fail(overlap);
        }
        term.Person = person;
        term.Post = input.Post.Trim();
        term.Since = input.Since;
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>Corrects a person's name or note (a misspelt name); every term of theirs shows the correction.</summary>
    public async Task<Outcome> CorrectPersonAsync(long personId, long version, PersonInput input, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        var (name, note) = (input.Name?.Trim() ?? "", Note(input.Note));
        if (PersonError(name, note) is { } error)
        {
            return Outcome.Fail(error);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        if (person.Version != version)
        {
            return Outcome.Fail(Outcome.Conflict);
        }
        if (await db.People.AnyAsync(p => p.Id != personId && p.Name == name && p.Note == note, ct))
        {
            return Outcome.Fail($"已有另一位「{(note is null ? name : $"{name}（{note}）")}」。两个不同的人请用识别信息区分。");
        }
        person.Name = name;
        person.Note = note;
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>The person an input names: the one picked, or a new one, refused when a person of that name and note exists.</summary>
    private static async Task<(Person? Person, string? Error)> PickAsync(BatonDbContext db, PersonPick pick, CancellationToken ct)
    {
        if (pick.PersonId is { } id)
        {
            var picked = await db.People.SingleOrDefaultAsync(p => p.Id == id, ct);
            return picked is null ? (null, "所选人员不存在，请刷新后重新选择。") : (picked, null);
        }
        var (name, note) = (pick.Name?.Trim() ?? "", Note(pick.Note));
        if (PersonError(name, note) is { } error)
        {
            return (null, error);
        }
        var namesakes = await db.People.AsNoTracking().Where(p => p.Name == name).ToListAsync(ct);
        if (namesakes.Any(p => p.Note == note))
        {
            return (null, $"已有人员「{(note is null ? name : $"{name}（{note}）")}」。如是同一人，请从已有人员中选择；"
                + "如是不同的人，请填写识别信息（如出生年份、身份证号后四位）以区分。");
        }
        var person = new Person { Name = name, Note = note };
        db.People.Add(person);
        return (person, null);
    }

    /// <summary>Why <paramref name="person"/> cannot hold a term from <paramref name="since"/> to <paramref name="until"/>: another term of theirs overlaps it.</summary>
    private static async Task<string?> OverlapErrorAsync(BatonDbContext db, Person person, DateOnly since, DateOnly? until, IReadOnlyCollection<long> except,
        string unitName, CancellationToken ct)
    {
        if (person.Id == 0)
        {
            return null;
        }
        var terms = await db.UnitLeaders.AsNoTracking().Where(l => l.PersonId == person.Id && !except.Contains(l.Id))
            .Join(db.Units, l => l.UnitId, u => u.Id, (l, u) => new { Term = l, UnitName = u.Name }).ToListAsync(ct);
        var clash = terms.FirstOrDefault(t => t.Term.Overlaps(since, until));
        return clash is null ? null : OverlapMessage(person.Label, clash.UnitName, clash.Term, unitName);
    }

    internal static string OverlapMessage(string person, string otherUnit, UnitLeader other, string unitName) =>
        $"{person}自 {other.Since:yyyy-MM-dd} 起任{otherUnit}{other.Post}"
        + (other.Until is { } end ? $"至 {end:yyyy-MM-dd}" : "（现任）")
        + $"，同一人不能同时担任两个单位的一把手，不能再任{unitName}一把手。如是同名的另一人，请新建人员并填写识别信息；"
        + $"如是调任，请先为{otherUnit}登记新任一把手。";

    internal static string? Note(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();

    internal static string? PersonError(string name, string? note) =>
        name.Length is 0 or > Person.MaxName ? $"一把手姓名必须填写，且不超过 {Person.MaxName} 个字符。"
        : note is { Length: > Person.MaxNote } ? $"识别信息不超过 {Person.MaxNote} 个字符。"
        : null;

    internal static string? PostError(string? post) =>
        string.IsNullOrWhiteSpace(post) || post.Trim().Length > 100 ? "一把手职务必须填写，且不超过 100 个字符。" : null;
}
