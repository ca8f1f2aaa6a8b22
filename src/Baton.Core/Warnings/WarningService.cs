using Baton.Core.Accounts;
using Baton.Core.Years;
using Baton.Scoring.Warnings;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Warnings;

/// <summary>A warning as the page, the Excel table and <c>baton warnings</c> show it.</summary>
public sealed record WarningRow(
    long TargetId, string UnitCode, string UnitName, string IndicatorCode, string IndicatorName, WarningKind Kind, WarningColour Colour,
    int? Month, decimal? Planned, decimal? Actual, decimal? Ratio, decimal? Forecast, string Message)
{
    /// <summary>The months the warning concerns (<see cref="Warning.Months"/>): one, or a target's unreported months.</summary>
    public IReadOnlyList<int> Months { get; init; } = Month is { } month ? [month] : [];

    /// <summary>The months in Chinese, consecutive ones as a range ("3—5 月、7 月"), as the page and the Excel table show them.</summary>
    public string MonthsText => EarlyWarnings.MonthsText(Months);
}

/// <summary>The warnings of a year as of a day, with the thresholds that made them.</summary>
public sealed record WarningReport(int Year, DateOnly AsOf, decimal Yellow, decimal Red, int StaleDays, int ReviewDays, IReadOnlyList<WarningRow> Warnings)
{
    public static string Method => EarlyWarnings.Method;
}

/// <summary>One line of the warnings history: when the warning appeared, cleared, and who has seen it.</summary>
public sealed record WarningHistoryRow(
    long Id, string UnitName, string IndicatorName, WarningKind Kind, WarningColour Colour, int? Month, string Message,
    DateTime FirstSeenAt, DateTime? ClearedAt, IReadOnlyList<Sighting> SeenBy);

/// <summary>One page of the warnings history, newest first, and how many records the history holds in all.</summary>
public sealed record WarningHistoryPage(int Total, IReadOnlyList<WarningHistoryRow> Rows);

/// <summary>Who saw a warning first when (user name; the page shows their name).</summary>
public sealed record Sighting(string UserName, DateTime At);

/// <summary>
/// Early warnings (预警, DESIGN.md glossary): the rule is <see cref="EarlyWarnings"/> in Baton.Scoring, fed by
/// <see cref="WarningInputs"/>. Who sees what: the office, leaders and overseers every unit; a lead unit the
/// indicators it leads and its own unit; a unit's reporter and head their own unit. The history of warnings is
/// kept by <see cref="WarningHistory"/>; opening the page records who saw which warning.
/// </summary>
public sealed class WarningService(IDbContextFactory<BatonDbContext> dbFactory, CurrentUser user, TimeProvider clock, WarningHistory history)
{
    public bool MayRead => user.SeesAllUnits || (user.UnitId is not null && user.IsInAnyRole(Roles.LeadReviewer, Roles.UnitReporter, Roles.UnitHead));

    public bool MaySetUp => user.IsInRole(Roles.Office);

    /// <summary>Whether the user sees every unit's warnings, and so may narrow them to a category.</summary>
    public bool SeesAllUnits => user.SeesAllUnits;

    /// <summary>Today in Beijing, the default as-of day.</summary>
    public DateOnly Today => WarningInputs.Day(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// The year's warnings as of <paramref name="asOf"/> (when null: today, or the year's last day for another year), the user's scope only,
    /// and within it the units of <paramref name="categoryId"/> when given; by unit code, indicator code, kind and month. Today's are read
    /// from the history's open warnings (<see cref="WarningHistory"/>: the whole year refreshed within the hour, each target again when
    /// one of its reports changes); another day's are evaluated from the targets, plans and reports.
    /// </summary>
    public async Task<Outcome<WarningReport>> ReportAsync(int year, DateOnly? asOf = null, long? categoryId = null, CancellationToken ct = default)
    {
        if (!MayRead)
        {
            return Outcome.Fail<WarningReport>(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Years.AnyAsync(y => y.Year == year, ct))
        {
            return Outcome.Fail<WarningReport>($"{year} 年度不存在。");
        }
        var day = asOf ?? (Today.Year == year ? Today : new DateOnly(year, 12, 31));
        if (day.Year != year)
        {
            return Outcome.Fail<WarningReport>($"统计日 {day:yyyy-MM-dd} 不在 {year} 年度内，请选择该年度的日期。");
        }
        var settings = await WarningInputs.SettingsAsync(db, year, ct);
        var rows = new List<WarningRow>();
        if (day == Today)
        {
            // Today's warnings are the open ones of the history, kept current by the hourly refresh and by each report's change.
            await history.RefreshWholeIfStaleAsync(year, day, ct);
            var records = Scoped(db, db.WarningRecords.AsNoTracking().Where(w => w.Year == year && w.ClearedAt == null));
            if (categoryId is { } category)
            {
                records = records.Where(w => db.CategoryMemberships.Any(m => m.Year == year && m.UnitId == w.UnitId && m.CategoryId == category));
            }
            var open = await records
                .Join(db.Units, w => w.UnitId, u => u.Id, (w, u) => new { w, UnitCode = u.Code, UnitName = u.Name })
                .Join(db.Indicators, x => x.w.IndicatorId, i => i.Id, (x, i) => new { x.w, x.UnitCode, x.UnitName, IndicatorCode = i.Code, IndicatorName = i.Name })
                .ToListAsync(ct);
            rows.AddRange(open.Select(x => new WarningRow(x.w.TargetId, x.UnitCode, x.UnitName, x.IndicatorCode, x.IndicatorName,
                x.w.Kind, x.w.Colour, x.w.Month, x.w.Planned, x.w.Actual, x.w.Ratio, x.w.Forecast, x.w.Message) { Months = WarningRecord.ReadMonths(x.w.Months) }));
        }
        else
        {
            await foreach (var chunk in WarningInputs.ChunksAsync(db, year, settings, Scope() with { CategoryId = categoryId }, ct))
            {
                rows.AddRange(Evaluate(chunk.Targets, day, settings));
            }
        }
        List<WarningRow> ordered = [.. rows.OrderBy(r => r.UnitCode, StringComparer.Ordinal).ThenBy(r => r.IndicatorCode, StringComparer.Ordinal)
            .ThenBy(r => r.Kind).ThenBy(r => r.Month)];
        return new WarningReport(year, day, settings.Yellow, settings.Red, settings.StaleDays, settings.ReviewDays, ordered);
    }

    /// <summary>Counts of open warnings by colour for the user's scope today: the home page's and the menu's badge.</summary>
    public async Task<IReadOnlyDictionary<WarningColour, int>> CountsAsync(int year, CancellationToken ct = default)
    {
        var report = await ReportAsync(year, Today.Year == year ? Today : null, ct: ct);
        return report.Ok ? report.Value!.Warnings.GroupBy(w => w.Colour).ToDictionary(g => g.Key, g => g.Count()) : new Dictionary<WarningColour, int>();
    }

    /// <summary>
    /// Brings the history of the user's scope up to today and records that the user saw the warnings open now in it:
    /// the warnings page calls this when it opens. A unit's people refresh their unit's (and a lead unit the indicators
    /// it leads); people who see every unit rely on the hourly job and on the refresh after each progress report, and
    /// refresh the whole year only when no whole refresh of today ran within the hour. Returns one page of the history
    /// (within <paramref name="categoryId"/>'s units when given), newest first, and how many records there are in all:
    /// a province's history has hundreds of thousands, so it is never read whole.
    /// </summary>
    public async Task<Outcome<WarningHistoryPage>> OpenHistoryAsync(int year, long? categoryId = null, int page = 1, int pageSize = 100, CancellationToken ct = default)
    {
        if (!MayRead)
        {
            return Outcome.Fail<WarningHistoryPage>(Outcome.Forbidden);
        }
        if (page < 1 || pageSize is < 1 or > 1000)
        {
            return Outcome.Fail<WarningHistoryPage>("页码应从 1 开始，每页 1 到 1000 条。");
        }
        if (year == Today.Year)
        {
            if (user.SeesAllUnits)
            {
                await history.RefreshWholeIfStaleAsync(year, Today, ct);
            }
            else
            {
                await history.RefreshAsync(year, Today, Scope(), ct);
            }
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scoped = Scoped(db, db.WarningRecords.AsNoTracking().Where(w => w.Year == year));
        var open = await scoped.Where(w => w.ClearedAt == null && !db.WarningSightings.Any(s => s.WarningId == w.Id && s.UserName == user.UserName))
            .Select(w => w.Id).ToListAsync(ct);
        var now = db.UtcNow;
        db.WarningSightings.AddRange(open.Select(id => new WarningSighting { WarningId = id, UserName = user.UserName, SeenAt = now }));
        await db.SaveChangesAsync(ct);

        if (categoryId is { } category)
        {
            scoped = scoped.Where(w => db.CategoryMemberships.Any(m => m.Year == year && m.UnitId == w.UnitId && m.CategoryId == category));
        }
        var total = await scoped.CountAsync(ct);
        var records = await scoped.OrderByDescending(r => r.FirstSeenAt).ThenByDescending(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var ids = records.Select(r => r.Id).ToList();
        var sightings = (await db.WarningSightings.AsNoTracking().Where(s => ids.Contains(s.WarningId)).OrderBy(s => s.SeenAt).ThenBy(s => s.Id).ToListAsync(ct)).ToLookup(s => s.WarningId);
        var unitIds = records.Select(r => r.UnitId).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var indicatorIds = records.Select(r => r.IndicatorId).Distinct().ToList();
        var indicators = await db.Indicators.AsNoTracking().Where(i => indicatorIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => $"{i.Code} {i.Name}", ct);
        return new WarningHistoryPage(total, [.. records.Select(r => new WarningHistoryRow(r.Id, units.GetValueOrDefault(r.UnitId, ""), indicators.GetValueOrDefault(r.IndicatorId, ""), r.Kind, r.Colour, r.Month, r.Message,
            r.FirstSeenAt, r.ClearedAt, [.. sightings[r.Id].Select(s => new Sighting(s.UserName, s.SeenAt))]))]);
    }

    /// <summary>How many open warnings in the user's scope they have not seen yet: the in-app notification.</summary>
    public async Task<int> UnseenAsync(int year, CancellationToken ct = default)
    {
        if (!MayRead)
        {
            return 0;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Scoped(db, db.WarningRecords.Where(w => w.Year == year && w.ClearedAt == null))
            .CountAsync(w => !db.WarningSightings.Any(s => s.WarningId == w.Id && s.UserName == user.UserName), ct);
    }

    /// <summary>The office sets the year's thresholds (0 &lt; red &lt; yellow ≤ 1, stale and review periods in days) while the year gate permits it.</summary>
    public async Task<Outcome> SetSettingsAsync(int year, decimal yellow, decimal red, int staleDays, int reviewDays, CancellationToken ct = default)
    {
        if (!MaySetUp)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        if (red <= 0 || red >= yellow || yellow > 1)
        {
            return Outcome.Fail("预警阈值应满足 0 < 红色阈值 < 黄色阈值 ≤ 100%，例如黄色 90%、红色 70%。");
        }
        if (staleDays is < 1 or > 366 || reviewDays is < 1 or > 60)
        {
            return Outcome.Fail("「长期未更新」天数应在 1～366 之间，审核期限应在 1～60 天之间。");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await YearGate.RefusalAsync(db, year, YearActivity.SetUpWarnings, ct) is { } refusal)
        {
            return Outcome.Fail(refusal);
        }
        var settings = await db.WarningSettings.SingleOrDefaultAsync(s => s.Year == year, ct);
        if (settings is null)
        {
            settings = new WarningSettings { Year = year };
            db.WarningSettings.Add(settings);
        }
        (settings.Yellow, settings.Red, settings.StaleDays, settings.ReviewDays) = (yellow, red, staleDays, reviewDays);
        await db.ActAs(user).SaveChangesAsync(ct);
        history.Invalidate(year);
        return Outcome.Success;
    }

    public static string KindName(WarningKind kind) => kind switch
    {
        WarningKind.Behind => "进度滞后",
        WarningKind.Stale => "长期未更新",
        _ => "逾期",
    };

    public static string ColourName(WarningColour colour) => colour switch
    {
        WarningColour.Red => "红色",
        WarningColour.Yellow => "黄色",
        _ => "蓝色",
    };

    /// <summary>The report as an Excel table, one row per warning, with the same figures as the page.</summary>
    public static void WriteExcel(WarningReport report, Stream stream)
    {
        List<string> headers = ["单位代码", "单位名称", "指标代码", "指标名称", "预警类型", "颜色", "月份", "计划累计", "实际累计", "完成率", "年末预测", "说明"];
        var rows = report.Warnings.Select(w => (IReadOnlyList<object?>)
        [
            w.UnitCode, w.UnitName, w.IndicatorCode, w.IndicatorName, KindName(w.Kind), ColourName(w.Colour), w.MonthsText,
            w.Planned, w.Actual, w.Ratio, w.Forecast, w.Message,
        ]);
        ExcelSheet.Write(stream, headers, rows, $"{report.Year}年预警（截至{report.AsOf:MM-dd}）");
    }

    internal static List<WarningRow> Evaluate(IReadOnlyList<WarnedTarget> targets, DateOnly asOf, WarningSettings settings)
    {
        var byCode = targets.ToDictionary(t => (t.Rule.UnitCode, t.Rule.IndicatorCode));
        return [.. EarlyWarnings.Evaluate(targets.Select(t => t.Rule), asOf, WarningInputs.Rules(settings)).Select(w =>
        {
            var target = byCode[(w.UnitCode, w.IndicatorCode)];
            return new WarningRow(target.TargetId, w.UnitCode, target.UnitName, w.IndicatorCode, target.IndicatorName, w.Kind, w.Colour,
                w.Month, w.Planned, w.Actual, w.Ratio, w.Forecast, w.Message) { Months = w.Months };
        })];
    }

    /// <summary>The targets the user sees: every unit's, or their own unit's and, for a lead unit, those of the indicators it leads.</summary>
    private WarningScope Scope() =>
        user.SeesAllUnits ? WarningScope.All
        : user.IsInRole(Roles.LeadReviewer) ? new WarningScope([user.UnitId ?? -1], user.UnitId ?? -1)
        : new WarningScope([user.UnitId ?? -1]);

    private IQueryable<WarningRecord> Scoped(BatonDbContext db, IQueryable<WarningRecord> records)
    {
        if (user.SeesAllUnits)
        {
            return records;
        }
        var own = user.UnitId ?? -1;
        var leads = user.IsInRole(Roles.LeadReviewer);
        return records.Where(w => w.UnitId == own || (leads && db.Indicators.Any(i => i.Id == w.IndicatorId && i.LeadUnitId == own)));
    }
}
