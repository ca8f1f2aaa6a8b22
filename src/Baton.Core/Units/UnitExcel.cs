using System.Globalization;
using Baton.Core.Years;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Units;

public enum UnitImportChangeKind
{
    UnitCreated,
    UnitUpdated,
    MembershipAdded,
    MembershipMoved,
    MembershipRemoved,
    LeaderChanged,
}

/// <summary>One change an import made, in Chinese, with the row of the file that made it.</summary>
public sealed record UnitImportChange(UnitImportChangeKind Kind, int Row, string UnitCode, string Text);

/// <summary>What a units import changed: every unit added or updated (with the fields), every category membership of <see cref="Year"/> added, moved or removed, every leader changed.</summary>
public sealed record UnitImportResult(int Year, bool AlreadyImported, IReadOnlyList<UnitImportChange> Changes)
{
    public int Created => Count(UnitImportChangeKind.UnitCreated);

    public int Updated => Count(UnitImportChangeKind.UnitUpdated);

    /// <summary>One sentence for the page: 「新增 1 个单位，更新 2 个单位；2026 年度考核类别：加入 1 个、调整 0 个、移出 1 个；一把手变更 1 个。」</summary>
    public string Summary
    {
        get
        {
            if (AlreadyImported)
            {
                return "此文件此前已导入过，数据未变化。";
            }
            if (Changes.Count == 0)
            {
                return "文件与现有数据一致，未作任何修改。";
            }
            var parts = new List<string> { $"新增 {Created} 个单位，更新 {Updated} 个单位" };
            var (added, moved, removed) = (Count(UnitImportChangeKind.MembershipAdded), Count(UnitImportChangeKind.MembershipMoved), Count(UnitImportChangeKind.MembershipRemoved));
            if (added + moved + removed > 0)
            {
                parts.Add($"{Year} 年度考核类别：加入 {added} 个、调整 {moved} 个、移出 {removed} 个");
            }
            if (Count(UnitImportChangeKind.LeaderChanged) is > 0 and var leaders)
            {
                parts.Add($"一把手变更 {leaders} 个");
            }
            return string.Join("；", parts) + "。";
        }
    }

    private int Count(UnitImportChangeKind kind) => Changes.Count(c => c.Kind == kind);
}

/// <summary>Excel import and export of units, their category in a year and their current leader.</summary>
public sealed partial class UnitService
{
    public const string ColumnCode = "单位代码";
    public const string ColumnName = "单位名称";
    public const string ColumnKind = "单位类型";
    public const string ColumnCategory = "考核类别代码";
    public const string ColumnLeader = "一把手姓名";
    public const string ColumnPost = "一把手职务";
    public const string ColumnSince = "任职日期";
    public const string ColumnNote = "一把手识别信息";

    // The identifying note comes last, so that files made for the earlier seven columns still line up.
    public static readonly IReadOnlyList<string> Columns =
        [ColumnCode, ColumnName, ColumnKind, ColumnCategory, ColumnLeader, ColumnPost, ColumnSince, ColumnNote];

    private static readonly string[] s_requiredColumns = [ColumnCode, ColumnName, ColumnKind, ColumnCategory];

    /// <summary>A template with the columns and two example rows.</summary>
    public static void WriteTemplate(Stream stream) =>
        ExcelSheet.Write(stream, Columns,
        [
            ["T01", "城关镇", "镇", "TOWN-A", "张三", "镇党委书记", "2023-06-01", ""],
            ["D01", "县发展和改革局", "部门", "DEPT-ECON", "李四", "局长", "2022-01-15", "1972 年生"],
        ], "单位");

    public async Task WriteExportAsync(int year, Stream stream, CancellationToken ct = default)
    {
        var rows = await ListAsync(year, includeRetired: false, ct);
        ExcelSheet.Write(stream, Columns, rows.Select(u => (IReadOnlyList<object?>)
        [
            u.Code, u.Name, Unit.KindName(u.Kind), u.CategoryCode, u.LeaderName, u.LeaderPost,
            u.LeaderSince?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), u.LeaderNote,
        ]), "单位");
    }

    /// <summary>
    /// Imports units from an Excel file, all or nothing: any bad row refuses the whole file with a message naming each
    /// bad row and column. Units are matched by code (normalised, <see cref="Unit.NormaliseCode"/>), so importing the
    /// same data twice changes nothing; importing the very same file again is recognised by its hash. An empty category
    /// cell means the unit is not appraised in <paramref name="year"/>. Changing any membership of the year asks the year
    /// gate (<see cref="YearActivity.EditMembership"/>); units themselves are not bound to a year. A leader is a person:
    /// a name with a note (一把手识别信息) picks the person with both or creates one; a name alone picks the one person of
    /// that name or creates one, and is refused when two people bear it. One import is one transaction and one save.
    /// </summary>
    public async Task<Outcome<UnitImportResult>> ImportAsync(int year, Stream file, string fileName, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail<UnitImportResult>(Outcome.Forbidden);
        }
        var upload = await ExcelSheet.UploadAsync(file, s_requiredColumns, ct);
        if (!upload.Ok)
        {
            return Outcome.Fail<UnitImportResult>(upload.Error!);
        }
        var (hash, rows) = upload.Value!;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Imports.AnyAsync(i => i.Kind == "units" && i.FileHash == hash, ct))
        {
            return new UnitImportResult(year, AlreadyImported: true, []);
        }
        // Everything the rows are compared with is read once, into dictionaries: no query per row.
        var categories = await db.UnitCategories.AsNoTracking().Where(c => c.Year == year).ToDictionaryAsync(c => c.Code, StringComparer.Ordinal, ct);
        var categoryNames = categories.Values.ToDictionary(c => c.Id, c => c.Name);
        var units = await db.Units.ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, ct);
        var errors = new List<string>();
        var firstRowOfCode = new Dictionary<string, int>(StringComparer.Ordinal);
        var parsed = new List<ParsedRow>();
        foreach (var row in rows)
        {
            if (Parse(row, year, categories, units, firstRowOfCode, errors) is { } ok)
            {
                parsed.Add(ok);
            }
        }
        if (errors.Count > 0)
        {
            return Refused(errors);
        }

        var memberships = await db.CategoryMemberships.Where(m => m.Year == year).ToDictionaryAsync(m => m.UnitId, ct);
        // People first, so that loading the terms fixes up each term's Person.
        var people = (await db.People.ToListAsync(ct)).ToLookup(p => p.Name, StringComparer.Ordinal);
        var terms = await db.UnitLeaders.ToListAsync(ct);
        var unitsById = units.Values.ToDictionary(u => u.Id);
        var unitOf = terms.ToDictionary(t => t, t => unitsById[t.UnitId]);
        var current = unitOf.Where(t => t.Key.Until == null).GroupBy(t => t.Value, t => t.Key).ToDictionary(g => g.Key, g => g.ToList());
        var termsOf = terms.GroupBy(t => t.Person!).ToDictionary(g => g.Key, g => g.ToList());
        var changes = new List<UnitImportChange>();
        var membershipRows = new List<int>();
        var newPeople = new Dictionary<(string Name, string? Note), Person>();
        var newTerms = new List<(int Row, UnitLeader Term)>();
        foreach (var (row, code, kind, category, leader) in parsed)
        {
            void Change(UnitImportChangeKind what, string text) => changes.Add(new UnitImportChange(what, row.Number, code, text));
            var name = row[ColumnName];
            if (!units.TryGetValue(code, out var unit))
            {
                unit = new Unit { Code = code, Name = name, Kind = kind };
                db.Units.Add(unit);
                units[code] = unit;
                Change(UnitImportChangeKind.UnitCreated, $"新增单位 {code}「{name}」（{Unit.KindName(kind)}）");
            }
            else if (unit.Name != name || unit.Kind != kind)
            {
                var fields = new List<string>();
                if (unit.Name != name)
                {
                    fields.Add($"名称「{unit.Name}」→「{name}」");
                }
                if (unit.Kind != kind)
                {
                    fields.Add($"类型 {Unit.KindName(unit.Kind)} → {Unit.KindName(kind)}");
                }
                Change(UnitImportChangeKind.UnitUpdated, $"{code}：{string.Join("，", fields)}");
                unit.Name = name;
                unit.Kind = kind;
            }

            var membership = unit.Id == 0 ? null : memberships.GetValueOrDefault(unit.Id);
            if (membership?.CategoryId != category?.Id)
            {
                membershipRows.Add(row.Number);
                if (category is null)
                {
                    db.CategoryMemberships.Remove(membership!);
                    Change(UnitImportChangeKind.MembershipRemoved, $"{code}「{name}」{year} 年度移出考核类别「{categoryNames[membership!.CategoryId]}」（表中考核类别为空）");
                }
                else if (membership is null)
                {
                    unit.Memberships.Add(new CategoryMembership { Year = year, CategoryId = category.Id });
                    Change(UnitImportChangeKind.MembershipAdded, $"{code}「{name}」{year} 年度加入考核类别「{category.Name}」");
                }
                else
                {
                    Change(UnitImportChangeKind.MembershipMoved, $"{code}「{name}」{year} 年度考核类别「{categoryNames[membership.CategoryId]}」→「{category.Name}」");
                    membership.CategoryId = category.Id;
                }
            }

            if (leader is null)
            {
                continue;
            }
            var now = current.GetValueOrDefault(unit) ?? [];
            if (now.Any(t => t.Person!.Name == leader.Name && (leader.Note is null || t.Person.Note == leader.Note) && t.Post == leader.Post))
            {
                continue;
            }
            if (now.Any(t => t.Since >= leader.Since))
            {
                errors.Add($"第 {row.Number} 行「{ColumnSince}」：新任一把手的任职日期应晚于现任一把手的任职日期（{now.Max(t => t.Since):yyyy-MM-dd}）。");
                continue;
            }
            var namesakes = people[leader.Name].Where(p => leader.Note is null || p.Note == leader.Note).ToList();
            if (namesakes.Count > 1)
            {
                errors.Add($"第 {row.Number} 行「{ColumnLeader}」：「{leader.Name}」对应 {namesakes.Count} 位人员（{string.Join("；", namesakes.Select(p => p.Label))}），"
                    + $"请在「{ColumnNote}」列填写识别信息以指明是哪一位；如是另一位同名的人，也请填写识别信息。");
                continue;
            }
            var created = false;
            if (namesakes.SingleOrDefault() is not { } person)
            {
                if (!newPeople.TryGetValue((leader.Name, leader.Note), out person))
                {
                    person = new Person { Name = leader.Name, Note = leader.Note };
                    newPeople[(leader.Name, leader.Note)] = person;
                    db.People.Add(person);
                    created = true;
                }
            }
            var before = now.Count == 0 ? "（未登记）" : string.Join("、", now.Select(t => t.Person!.Label));
            foreach (var term in now)
            {
                term.Until = leader.Since;
            }
            var next = new UnitLeader { Person = person, Post = leader.Post, Since = leader.Since };
            unit.Leaders.Add(next);
            unitOf[next] = unit;
            current[unit] = [next];
            if (!termsOf.TryGetValue(person, out var personTerms))
            {
                termsOf[person] = personTerms = [];
            }
            personTerms.Add(next);
            newTerms.Add((row.Number, next));
            Change(UnitImportChangeKind.LeaderChanged,
                $"{code}「{name}」一把手：{before} → {person.Label}（{leader.Post}，{leader.Since:yyyy-MM-dd} 起{(created ? "，新建人员记录" : "")}）");
        }
        // Checked once every row is applied, so that two leaders swapping units in one file are not refused.
        foreach (var (row, term) in newTerms)
        {
            if (termsOf[term.Person!].FirstOrDefault(t => !ReferenceEquals(t, term) && t.Overlaps(term.Since, term.Until)) is { } clash)
            {
                errors.Add($"第 {row} 行「{ColumnLeader}」：" + OverlapMessage(term.Person!.Label, unitOf[clash].Name, clash, unitOf[term].Name));
            }
        }
        if (errors.Count > 0)
        {
            return Refused(errors);
        }
        if (membershipRows.Count > 0 && await YearGate.RefusalAsync(db, year, YearActivity.EditMembership, ct) is { } refusal)
        {
            var listed = string.Join("、", membershipRows.Take(20)) + (membershipRows.Count > 20 ? " 等" : "");
            return Outcome.Fail<UnitImportResult>($"文件将调整 {year} 年度 {membershipRows.Count} 个单位的考核类别（第 {listed} 行），未导入任何数据：{refusal}");
        }
        db.Imports.Add(new ImportRecord { Kind = "units", FileHash = hash, FileName = Path.GetFileName(fileName), By = user.UserName, At = db.UtcNow, Rows = rows.Count });
        await db.ActAs(user).SaveChangesAsync(ct);
        return new UnitImportResult(year, AlreadyImported: false, changes);
    }

    private sealed record LeaderCells(string Name, string? Note, string Post, DateOnly Since);

    private sealed record ParsedRow(ExcelRow Row, string Code, UnitKind Kind, UnitCategory? Category, LeaderCells? Leader);

    private static Outcome<UnitImportResult> Refused(List<string> errors) =>
        Outcome.Fail<UnitImportResult>($"文件有 {errors.Count} 处错误，未导入任何数据：\n" + string.Join("\n", errors));

    /// <summary>Checks one row on its own (and its code against earlier rows and retired units); null when it is bad.</summary>
    private static ParsedRow? Parse(ExcelRow row, int year, Dictionary<string, UnitCategory> categories, Dictionary<string, Unit> units,
        Dictionary<string, int> firstRowOfCode, List<string> errors)
    {
        var before = errors.Count;
        void Bad(string column, string message) => errors.Add($"第 {row.Number} 行「{column}」：{message}");
        var code = Unit.NormaliseCode(row[ColumnCode]);
        if (code.Length == 0)
        {
            Bad(ColumnCode, "不能为空。");
        }
        else if (code.Length > 32)
        {
            Bad(ColumnCode, "不能超过 32 个字符。");
        }
        else if (firstRowOfCode.TryGetValue(code, out var first))
        {
            Bad(ColumnCode, $"「{code}」与第 {first} 行重复。");
        }
        else if (units.TryGetValue(code, out var known) && known.IsRetired)
        {
            Bad(ColumnCode, $"单位「{code}」已撤销，不能再导入；如需恢复请联系系统管理员。");
        }
        else
        {
            firstRowOfCode[code] = row.Number;
        }
        var name = row[ColumnName];
        if (name.Length == 0)
        {
            Bad(ColumnName, "不能为空。");
        }
        else if (name.Length > 100)
        {
            Bad(ColumnName, "不能超过 100 个字符。");
        }
        UnitKind? kind = row[ColumnKind] switch { "镇" or "乡镇" or "街道" => UnitKind.Town, "部门" => UnitKind.Department, _ => null };
        if (kind is null)
        {
            Bad(ColumnKind, $"应填「镇」或「部门」，而不是「{row[ColumnKind]}」。");
        }
        UnitCategory? category = null;
        var categoryCode = row[ColumnCategory];
        if (categoryCode.Length > 0)
        {
            if (!categories.TryGetValue(categoryCode, out category))
            {
                Bad(ColumnCategory, $"{year} 年度没有代码为「{categoryCode}」的考核类别。");
            }
            else if (kind is not null && category.Kind != kind)
            {
                Bad(ColumnCategory, $"类别「{category.Name}」只收{Unit.KindName(category.Kind)}，与单位类型不符。");
            }
        }
        LeaderCells? leader = null;
        var (leaderName, post, since, note) = (row[ColumnLeader], row[ColumnPost], row[ColumnSince], Note(row[ColumnNote]));
        if (leaderName.Length + post.Length + since.Length > 0 || note is not null)
        {
            if (!DateOnly.TryParseExact(since, ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var sinceDate))
            {
                Bad(ColumnSince, $"应为日期，如 2023-06-01，而不是「{since}」。");
            }
            if (PersonError(leaderName, note) is { } personError)
            {
                Bad(leaderName.Length is 0 or > Person.MaxName ? ColumnLeader : ColumnNote, personError);
            }
            if (PostError(post) is { } postError)
            {
                Bad(ColumnPost, postError);
            }
            leader = new LeaderCells(leaderName, note, post, sinceDate);
        }
        return errors.Count > before ? null : new ParsedRow(row, code, kind!.Value, category, leader);
    }
}
