using System.Globalization;
using Baton.Core.Accounts;
using Baton.Core.Adjustments;
using Baton.Core.Targets;
using Baton.Core.Years;
using Baton.Scoring.Warnings;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Projects;

/// <summary>A cooperating unit and its share, percent.</summary>
public sealed record ShareInput(long UnitId, decimal Share);

/// <summary>
/// A key project as the office enters it; <paramref name="Id"/> 0 for a new one. <paramref name="MonthlyPlan"/> is the
/// cumulative month plan ("a;b;…", 12 months, December equal to the year's planned investment); <paramref name="PlannedMilestones"/>
/// the planned date of each milestone that has one.
/// </summary>
public sealed record ProjectInput(
    long Id, string Code, string Name, long OwnerUnitId, decimal OwnerShare, IReadOnlyList<ShareInput> Cooperating,
    decimal PlannedInvestment, string MonthlyPlan, IReadOnlyDictionary<MilestoneKind, DateOnly> PlannedMilestones, long Version);

/// <summary>A project in the list: cumulative investment against plan and the worst warning colour (null: on track).</summary>
public sealed record ProjectRow(
    long Id, string Code, string Name, long OwnerUnitId, string OwnerName, decimal PlannedInvestment, decimal Completed,
    decimal? Ratio, WarningColour? Colour, int SlippedMilestones, int OpenBottlenecks, bool MayReport);

public sealed record ShareRow(long UnitId, string UnitName, decimal Share, bool IsOwner);

/// <summary>A milestone; <paramref name="Slipped"/> when its planned date passed before it was reached (or it was reached late).</summary>
public sealed record MilestoneRow(MilestoneKind Kind, string Name, DateOnly? PlannedOn, DateOnly? ActualOn, bool Slipped, long Version);

public sealed record InvestmentRow(int Month, decimal Amount, decimal Cumulative, decimal? Planned, string? Note, EvidenceInfo? Evidence, string EnteredBy, DateTime EnteredAt);

public sealed record BottleneckRow(
    long Id, string Description, string Owner, DateOnly RaisedOn, string RaisedBy, BottleneckStatus Status, string? Progress,
    DateOnly? ResolvedOn, string? ResolutionNote, long Version);

/// <summary>One event on a project's timeline: planned events are what should happen, the others what did.</summary>
public sealed record TimelineItem(DateOnly Date, string Text, bool IsPlan, bool IsLate);

public sealed record ProjectDetail(
    long Id, int Year, string Code, string Name, long OwnerUnitId, IReadOnlyList<ShareRow> Shares, decimal PlannedInvestment,
    IReadOnlyList<decimal> MonthlyPlan, IReadOnlyList<MilestoneRow> Milestones, IReadOnlyList<InvestmentRow> Investments,
    IReadOnlyList<BottleneckRow> Bottlenecks, IReadOnlyList<Warning> Warnings, IReadOnlyList<TimelineItem> Timeline,
    bool MayReport, long Version);

/// <summary>
/// Key projects (重点项目). The office enters and plans them while targets are set; the owner unit's reporter or head
/// (or the office) records actual milestone dates, monthly investment with evidence and bottleneck progress while
/// progress is reported. The owner and cooperating units see their projects; the office, leaders and overseers all.
/// Behind-plan warnings are <see cref="EarlyWarnings"/> over the cumulative investment, as of today in Beijing.
/// </summary>
public sealed class ProjectService(IDbContextFactory<BatonDbContext> dbFactory, CurrentUser user)
{
    public const int MaxText = 500;

    public bool MayManage => user.IsInRole(Roles.Office);

    /// <summary>May record progress on a project of <paramref name="ownerUnitId"/>: the office, or that unit's reporter or head.</summary>
    public bool MayReport(long ownerUnitId) =>
        user.IsInRole(Roles.Office) || (user.IsInAnyRole(Roles.UnitReporter, Roles.UnitHead) && user.UnitId == ownerUnitId);

    internal static DateOnly Today(BatonDbContext db) => DateOnly.FromDateTime(db.UtcNow.AddHours(8));

    private IQueryable<KeyProject> Visible(BatonDbContext db, int year)
    {
        var projects = db.KeyProjects.AsNoTracking().Where(p => p.Year == year);
        if (user.SeesAllUnits)
        {
            return projects;
        }
        var own = user.UnitId ?? -1;
        return projects.Where(p => p.OwnerUnitId == own || p.Cooperating.Any(c => c.UnitId == own));
    }

    public async Task<IReadOnlyList<ProjectRow>> ListAsync(int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = Today(db);
        var projects = await Visible(db, year).Include(p => p.Milestones).Include(p => p.Investments).Include(p => p.Bottlenecks)
            .OrderBy(p => p.Code).ToListAsync(ct);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => (u.Code, u.Name), ct);
        return [.. projects.Select(p =>
        {
            var warnings = Warnings(p, units[p.OwnerUnitId].Code, today);
            var behind = warnings.FirstOrDefault(w => w.Kind == WarningKind.Behind);
            var colour = warnings.Count == 0 ? (WarningColour?)null : warnings.Max(w => w.Colour);
            return new ProjectRow(p.Id, p.Code, p.Name, p.OwnerUnitId, units[p.OwnerUnitId].Name, p.PlannedInvestment, p.Investments.Sum(i => i.Amount),
                behind?.Ratio ?? Ratio(p, today), colour, p.Milestones.Count(m => Slipped(m, today)), p.Bottlenecks.Count(b => b.Status != BottleneckStatus.Resolved),
                MayReport(p.OwnerUnitId));
        })];
    }

    public async Task<ProjectDetail?> DetailAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.KeyProjects.AsNoTracking().Include(p => p.Cooperating).Include(p => p.Milestones).Include(p => p.Investments)
            .Include(p => p.Bottlenecks).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (project is null || !await Visible(db, project.Year).AnyAsync(p => p.Id == id, ct))
        {
            return null;
        }
        var today = Today(db);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => (u.Code, u.Name), ct);
        var plan = PlanOf(project);
        var hashes = project.Investments.Select(i => i.EvidenceHash).OfType<string>().ToList();
        var files = await db.EvidenceFiles.AsNoTracking().Where(f => hashes.Contains(f.Hash))
            .ToDictionaryAsync(f => f.Hash, f => new EvidenceInfo(f.Hash, f.FileName, f.ContentType, f.Size, f.UploadedAt), ct);
        var cumulative = 0m;
        var investments = project.Investments.OrderBy(i => i.Month).Select(i =>
        {
            cumulative += i.Amount;
            return new InvestmentRow(i.Month, i.Amount, cumulative, plan.Count == 12 ? plan[i.Month - 1] : null, i.Note,
                i.EvidenceHash is { } hash ? files.GetValueOrDefault(hash) : null, i.EnteredBy, i.EnteredAt);
        }).ToList();
        var milestones = Enum.GetValues<MilestoneKind>().Select(kind =>
        {
            var m = project.Milestones.SingleOrDefault(x => x.Kind == kind);
            return new MilestoneRow(kind, KeyProject.MilestoneName(kind), m?.PlannedOn, m?.ActualOn, m is not null && Slipped(m, today), m?.Version ?? 0);
        }).ToList();
        var shares = new List<ShareRow> { new(project.OwnerUnitId, units[project.OwnerUnitId].Name, project.OwnerShare, true) };
        shares.AddRange(project.Cooperating.OrderByDescending(c => c.Share).Select(c => new ShareRow(c.UnitId, units[c.UnitId].Name, c.Share, false)));
        var bottlenecks = project.Bottlenecks.OrderBy(b => b.Status == BottleneckStatus.Resolved).ThenBy(b => b.RaisedOn).ThenBy(b => b.Id)
            .Select(b => new BottleneckRow(b.Id, b.Description, b.Owner, b.RaisedOn, b.RaisedBy, b.Status, b.Progress, b.ResolvedOn, b.ResolutionNote, b.Version))
            .ToList();
        return new ProjectDetail(project.Id, project.Year, project.Code, project.Name, project.OwnerUnitId, shares, project.PlannedInvestment, plan,
            milestones, investments, bottlenecks, Warnings(project, units[project.OwnerUnitId].Code, today), Timeline(project, today),
            MayReport(project.OwnerUnitId), project.Version);
    }

    /// <summary>The office enters a project or changes its plan (owner, shares, investment plan, planned milestone dates).</summary>
    public async Task<Outcome<long>> SaveAsync(int year, ProjectInput input, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail<long>(Outcome.Forbidden);
        }
        var code = input.Code?.Trim() ?? "";
        var name = input.Name?.Trim() ?? "";
        if (code.Length is 0 or > 40 || name.Length is 0 or > 200)
        {
            return Outcome.Fail<long>("请填写项目编号（不超过 40 个字符）和项目名称（不超过 200 个字符）。");
        }
        if (input.PlannedInvestment < 0)
        {
            return Outcome.Fail<long>("计划投资不能为负。");
        }
        if (ShareProblem(input) is { } shareProblem)
        {
            return Outcome.Fail<long>(shareProblem);
        }
        var (plan, planProblem) = TargetService.ReadPlan(input.MonthlyPlan ?? "");
        if (planProblem is not null)
        {
            return Outcome.Fail<long>(planProblem);
        }
        if (plan!.Count != 12)
        {
            return Outcome.Fail<long>($"月度计划须填满 12 个月的累计投资（现为 {plan.Count} 个月），各月用分号分隔。");
        }
        if (plan[11] != input.PlannedInvestment)
        {
            return Outcome.Fail<long>($"月度计划 12 月的累计投资（{Num(plan[11])}）应等于年度计划投资（{Num(input.PlannedInvestment)}）。");
        }
        if (input.PlannedMilestones.Any(m => m.Value.Year is < 2000 or > 2100))
        {
            return Outcome.Fail<long>("节点计划日期不合理，请检查年份。");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await YearGate.RefusalAsync(db, year, YearActivity.SetTargets, ct) is { } state)
        {
            return Outcome.Fail<long>(state);
        }
        var unitIds = input.Cooperating.Select(c => c.UnitId).Append(input.OwnerUnitId).ToList();
        if (await db.Units.CountAsync(u => unitIds.Contains(u.Id) && u.RetiredAt == null, ct) != unitIds.Count)
        {
            return Outcome.Fail<long>("责任单位或配合单位不存在或已撤销。");
        }
        if (await db.KeyProjects.AnyAsync(p => p.Year == year && p.Code == code && p.Id != input.Id, ct))
        {
            return Outcome.Fail<long>($"{year} 年度已有编号为「{code}」的重点项目。");
        }
        KeyProject project;
        if (input.Id == 0)
        {
            project = new KeyProject { Year = year, Code = code, Name = name, MonthlyPlan = "" };
            db.KeyProjects.Add(project);
        }
        else
        {
            var found = await db.KeyProjects.Include(p => p.Cooperating).Include(p => p.Milestones).SingleOrDefaultAsync(p => p.Id == input.Id && p.Year == year, ct);
            if (found is null)
            {
                return Outcome.Fail<long>(Outcome.NotFound);
            }
            if (found.Version != input.Version)
            {
                return Outcome.Fail<long>(Outcome.Conflict);
            }
            project = found;
        }
        project.Code = code;
        project.Name = name;
        project.OwnerUnitId = input.OwnerUnitId;
        project.OwnerShare = input.OwnerShare;
        project.PlannedInvestment = input.PlannedInvestment;
        project.MonthlyPlan = string.Join(";", plan.Select(v => v.ToString(CultureInfo.InvariantCulture)));
        foreach (var gone in project.Cooperating.Where(c => input.Cooperating.All(i => i.UnitId != c.UnitId)).ToList())
        {
            project.Cooperating.Remove(gone);
        }
        foreach (var share in input.Cooperating)
        {
            var row = project.Cooperating.SingleOrDefault(c => c.UnitId == share.UnitId);
            if (row is null)
            {
                project.Cooperating.Add(new ProjectUnit { UnitId = share.UnitId, Share = share.Share });
            }
            else
            {
                row.Share = share.Share;
            }
        }
        foreach (var kind in Enum.GetValues<MilestoneKind>())
        {
            var row = project.Milestones.SingleOrDefault(m => m.Kind == kind);
            var planned = input.PlannedMilestones.TryGetValue(kind, out var date) ? date : (DateOnly?)null;
            if (row is null && planned is not null)
            {
                project.Milestones.Add(new ProjectMilestone { Kind = kind, PlannedOn = planned });
            }
            else if (row is not null)
            {
                row.PlannedOn = planned;
            }
        }
        await db.ActAs(user).SaveChangesAsync(ct);
        return project.Id;
    }

    private static string? ShareProblem(ProjectInput input)
    {
        var all = input.Cooperating.Select(c => c.UnitId).Append(input.OwnerUnitId).ToList();
        if (all.Distinct().Count() != all.Count)
        {
            return "同一单位只能出现一次（责任单位不再列为配合单位）。";
        }
        if (input.OwnerShare <= 0 || input.Cooperating.Any(c => c.Share <= 0))
        {
            return "责任单位和每个配合单位的分担比例都须大于 0。";
        }
        var total = input.OwnerShare + input.Cooperating.Sum(c => c.Share);
        return total == 100m ? null : $"责任单位和配合单位的分担比例合计应为 100%，现为 {Num(total)}%。";
    }

    /// <summary>Records (or clears) the date a milestone was reached; never a day after today.</summary>
    public async Task<Outcome> RecordMilestoneAsync(long projectId, MilestoneKind kind, DateOnly? actualOn, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (project, refusal) = await ForReportAsync(db, projectId, ct);
        if (refusal is not null)
        {
            return Outcome.Fail(refusal);
        }
        if (actualOn is { } date && date > Today(db))
        {
            return Outcome.Fail($"{KeyProject.MilestoneName(kind)}的实际日期 {date:yyyy-MM-dd} 晚于今天，只能登记已经发生的节点。");
        }
        var milestone = await db.ProjectMilestones.SingleOrDefaultAsync(m => m.ProjectId == projectId && m.Kind == kind, ct);
        if (milestone is null)
        {
            milestone = new ProjectMilestone { ProjectId = project!.Id, Kind = kind };
            db.ProjectMilestones.Add(milestone);
        }
        milestone.ActualOn = actualOn;
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>
    /// The investment completed in <paramref name="month"/> (that month's amount, 万元, not cumulative), read by the import rule
    /// (full-width digits, thousands separators); entered again it replaces the month's figure. A month after the current one is refused.
    /// </summary>
    public async Task<Outcome> ReportInvestmentAsync(long projectId, int month, string amount, string? note, string? evidenceHash, CancellationToken ct = default)
    {
        if (month is < 1 or > 12)
        {
            return Outcome.Fail("月份应为 1 至 12。");
        }
        if (!ImportText.TryParseNumber(amount, allowThousands: true, out var value, out var problem))
        {
            return Outcome.Fail($"完成投资：{problem}");
        }
        if (value < 0)
        {
            return Outcome.Fail("完成投资不能为负；如需更正，请填写该月实际完成的金额。");
        }
        if (note?.Trim().Length > MaxText)
        {
            return Outcome.Fail($"说明不超过 {MaxText} 个字符。");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (project, refusal) = await ForReportAsync(db, projectId, ct);
        if (refusal is not null)
        {
            return Outcome.Fail(refusal);
        }
        var today = Today(db);
        if (project!.Year > today.Year || (project.Year == today.Year && month > today.Month))
        {
            return Outcome.Fail($"{project.Year} 年 {month} 月尚未到来，不能填报该月完成投资。");
        }
        var file = evidenceHash is { } hash ? await EvidenceService.FindAsync(db, user, hash, ct) : null;
        if (evidenceHash is not null && file is null)
        {
            return Outcome.Fail("佐证材料引用无效，请重新上传。");
        }
        var row = await db.ProjectInvestments.SingleOrDefaultAsync(i => i.ProjectId == projectId && i.Month == month, ct);
        if (row is null)
        {
            row = new ProjectInvestment { ProjectId = projectId, Month = month, EnteredBy = user.UserName };
            db.ProjectInvestments.Add(row);
        }
        row.Amount = value;
        row.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (file is not null)
        {
            row.EvidenceHash = file.Hash;
            row.EvidenceName = file.FileName;
        }
        row.EnteredBy = user.UserName;
        row.EnteredAt = db.UtcNow;
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>Raises a bottleneck (制约项目落地的突出问题) on a project, to be worked through to closure.</summary>
    public async Task<Outcome<long>> RaiseBottleneckAsync(long projectId, string description, string owner, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(description) || description.Trim().Length > MaxText || string.IsNullOrWhiteSpace(owner) || owner.Trim().Length > 100)
        {
            return Outcome.Fail<long>($"请填写问题描述（不超过 {MaxText} 个字符）和责任人或责任单位（不超过 100 个字符）。");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (project, refusal) = await ForReportAsync(db, projectId, ct);
        if (refusal is not null)
        {
            return Outcome.Fail<long>(refusal);
        }
        var row = new ProjectBottleneck
        {
            ProjectId = project!.Id,
            Description = description.Trim(),
            Owner = owner.Trim(),
            RaisedOn = Today(db),
            RaisedBy = user.UserName,
            Status = BottleneckStatus.Open,
        };
        db.ActAs(user).ProjectBottlenecks.Add(row);
        await db.SaveChangesAsync(ct);
        return row.Id;
    }

    /// <summary>Records a bottleneck's progress, or resolves it (a resolution note is then required); a resolved one stays resolved.</summary>
    public async Task<Outcome> UpdateBottleneckAsync(long bottleneckId, BottleneckStatus status, string? note, long version, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(note) || note.Trim().Length > MaxText)
        {
            return Outcome.Fail(status == BottleneckStatus.Resolved
                ? $"请填写解决情况（不超过 {MaxText} 个字符）。"
                : $"请填写进展情况（不超过 {MaxText} 个字符）。");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.ProjectBottlenecks.SingleOrDefaultAsync(b => b.Id == bottleneckId, ct);
        if (row is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        var (_, refusal) = await ForReportAsync(db, row.ProjectId, ct);
        if (refusal is not null)
        {
            return Outcome.Fail(refusal);
        }
        if (row.Version != version)
        {
            return Outcome.Fail(Outcome.Conflict);
        }
        if (row.Status == BottleneckStatus.Resolved)
        {
            return Outcome.Fail("该问题已解决销号，如问题复现请重新登记。");
        }
        row.Status = status;
        if (status == BottleneckStatus.Resolved)
        {
            row.ResolvedOn = Today(db);
            row.ResolutionNote = note.Trim();
        }
        else
        {
            row.Progress = note.Trim();
        }
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    /// <summary>The project for a progress change: visible, the user may report on it, and the year gate permits reporting.</summary>
    private async Task<(KeyProject? Project, string? Refusal)> ForReportAsync(BatonDbContext db, long projectId, CancellationToken ct)
    {
        var project = await db.KeyProjects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null || !await Visible(db, project.Year).AnyAsync(p => p.Id == projectId, ct))
        {
            return (null, Outcome.NotFound);
        }
        if (!MayReport(project.OwnerUnitId))
        {
            return (null, "只有项目责任单位的填报员、负责人或县考核办可以填报该项目的进展。");
        }
        if (await YearGate.RefusalAsync(db, project.Year, YearActivity.ReportProgress, ct) is { } state)
        {
            return (null, state);
        }
        return (project, null);
    }

    private static IReadOnlyList<decimal> PlanOf(KeyProject project) =>
        TargetService.ReadPlan(project.MonthlyPlan).Months ?? [];

    /// <summary>
    /// The project's warnings as of <paramref name="today"/>: <see cref="EarlyWarnings"/> over the cumulative investment (each month's
    /// entry counted from the day it was entered, due at the month's end), plus a red <see cref="WarningKind.Overdue"/> warning for
    /// each milestone whose planned date has passed without being reached.
    /// </summary>
    internal static IReadOnlyList<Warning> Warnings(KeyProject project, string ownerCode, DateOnly today)
    {
        var plan = PlanOf(project);
        var cumulative = 0m;
        var approved = new List<ApprovedValue>();
        foreach (var i in project.Investments.OrderBy(i => i.Month))
        {
            cumulative += i.Amount;
            approved.Add(new ApprovedValue(i.Month, cumulative, DateOnly.FromDateTime(i.EnteredAt.AddHours(8))));
        }
        var target = new WarningTarget(ownerCode, project.Code, project.Year, project.PlannedInvestment, plan.Count == 12 ? plan : [], approved, [], []);
        var warnings = EarlyWarnings.Evaluate(target, today, WarningRules.Default).ToList();
        foreach (var m in project.Milestones.Where(m => m.ActualOn is null && m.PlannedOn < today).OrderBy(m => m.Kind))
        {
            warnings.Add(new Warning(ownerCode, project.Code, WarningKind.Overdue, WarningColour.Red, null, null, null, null, null,
                $"{KeyProject.MilestoneName(m.Kind)}节点计划于 {m.PlannedOn:yyyy-MM-dd} 完成，已滞后 {today.DayNumber - m.PlannedOn!.Value.DayNumber} 天。"));
        }
        return warnings;
    }

    /// <summary>Cumulative investment ÷ cumulative plan of the last month ended before <paramref name="today"/> (4 decimals), as the warnings compare it.</summary>
    private static decimal? Ratio(KeyProject project, DateOnly today)
    {
        var plan = PlanOf(project);
        var month = project.Year < today.Year ? 12 : project.Year == today.Year ? today.Month - 1 : 0;
        if (plan.Count != 12 || month == 0 || plan[month - 1] == 0)
        {
            return null;
        }
        return Baton.Scoring.Results.Rounding.Round(project.Investments.Where(i => i.Month <= month).Sum(i => i.Amount) / plan[month - 1], 4);
    }

    private static bool Slipped(ProjectMilestone m, DateOnly today) =>
        m.PlannedOn is { } planned && (m.ActualOn is { } actual ? actual > planned : planned < today);

    private static IReadOnlyList<TimelineItem> Timeline(KeyProject project, DateOnly today)
    {
        var items = new List<TimelineItem>();
        foreach (var m in project.Milestones)
        {
            var name = KeyProject.MilestoneName(m.Kind);
            if (m.PlannedOn is { } planned)
            {
                items.Add(new TimelineItem(planned, $"计划{name}", true, m.ActualOn is null && planned < today));
            }
            if (m.ActualOn is { } actual)
            {
                items.Add(new TimelineItem(actual, $"完成{name}", false, m.PlannedOn is { } p && actual > p));
            }
        }
        foreach (var i in project.Investments)
        {
            items.Add(new TimelineItem(DateOnly.FromDateTime(i.EnteredAt.AddHours(8)), $"填报 {i.Month} 月完成投资 {Num(i.Amount)} 万元", false, false));
        }
        foreach (var b in project.Bottlenecks)
        {
            items.Add(new TimelineItem(b.RaisedOn, $"提出问题：{b.Description}", false, false));
            if (b.ResolvedOn is { } resolved)
            {
                items.Add(new TimelineItem(resolved, $"问题解决：{b.Description}", false, false));
            }
        }
        return [.. items.OrderBy(i => i.Date).ThenBy(i => i.IsPlan)];
    }

    internal static string Num(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
