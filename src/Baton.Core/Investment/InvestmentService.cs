using Baton.Core.Accounts;
using Baton.Core.Adjustments;
using Baton.Core.Indicators;
using Baton.Core.Projects;
using Baton.Core.Targets;
using Baton.Core.Years;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Investment;

/// <summary>
/// A lead as entered; <paramref name="Id"/> 0 for a new one (it starts at 洽谈). Amounts are text read by the import rule
/// (full-width digits, thousands separators); an empty contract amount is none.
/// </summary>
public sealed record LeadInput(long Id, long UnitId, string Name, string Industry, string TotalInvestment, string? Screening, string? ContractAmount, string FundsInPlace, long Version);

/// <summary>A move to another stage: the day, optional evidence, and a reason, required when the lead goes back.</summary>
public sealed record StageInput(LeadStage Stage, DateOnly ReachedOn, string? EvidenceHash, string? Note);

public sealed record StageRow(LeadStage Stage, string StageName, DateOnly ReachedOn, EvidenceInfo? Evidence, string? Note, string EnteredBy);

public sealed record LeadRow(
    long Id, long UnitId, string UnitName, string Name, string Industry, decimal TotalInvestment, string? Screening, LeadStage Stage,
    decimal? ContractAmount, decimal FundsInPlace, IReadOnlyList<StageRow> Stages, bool MayChange, long Version);

public sealed record SupportInput(long UnitId, SuperiorSupportKind Kind, string Title, string Amount, DateOnly WonOn, string? EvidenceHash);

public sealed record SupportRow(long Id, long UnitId, string UnitName, SuperiorSupportKind Kind, string Title, decimal Amount, DateOnly WonOn, EvidenceInfo? Evidence, string EnteredBy);

/// <summary>
/// A unit's investment-attraction figures for a year: signed contract amount (leads at 签约 or later), funds in place,
/// the number of leads at each stage, and superior funds won.
/// </summary>
public sealed record UnitInvestmentTotals(
    long UnitId, string UnitCode, string UnitName, decimal SignedAmount, decimal FundsInPlace, IReadOnlyDictionary<LeadStage, int> ByStage, decimal SuperiorFunds, int Policies);

/// <summary>Which of a unit's figures becomes a leaf's actual value.</summary>
public enum InvestmentFigure
{
    /// <summary>签约金额.</summary>
    SignedAmount,

    /// <summary>到位资金.</summary>
    FundsInPlace,

    /// <summary>签约及以后阶段的项目个数.</summary>
    SignedCount,

    /// <summary>争取上级资金.</summary>
    SuperiorFunds,
}

/// <summary>
/// Investment attraction (招商引资): leads through 洽谈 → 框架协议 → 签约 → 开工 → 投产 with dates and evidence per stage, and the
/// superior funds and policies units win. The office or the attracting unit's reporter or head enters them while progress is
/// reported; everyone who sees all units sees all, a unit its own. Per-unit totals can become a leaf's authoritative actual value
/// (<see cref="ApplyAsync"/>), the source named 招商引资台账.
/// </summary>
public sealed class InvestmentService(IDbContextFactory<BatonDbContext> dbFactory, CurrentUser user, TargetService targets)
{
    public bool MayManage => user.IsInRole(Roles.Office);

    public bool MayEnter(long unitId) =>
        user.IsInRole(Roles.Office) || (user.IsInAnyRole(Roles.UnitReporter, Roles.UnitHead) && user.UnitId == unitId);

    public static string FigureName(InvestmentFigure figure) => figure switch
    {
        InvestmentFigure.SignedAmount => "签约金额（万元）",
        InvestmentFigure.FundsInPlace => "到位资金（万元）",
        InvestmentFigure.SignedCount => "签约项目个数",
        _ => "争取上级资金（万元）",
    };

    public async Task<IReadOnlyList<LeadRow>> LeadsAsync(int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = user.SeesAllUnits;
        var own = user.UnitId ?? -1;
        var leads = await db.InvestmentLeads.AsNoTracking().Include(l => l.Stages).Where(l => l.Year == year && (all || l.UnitId == own))
            .OrderBy(l => l.Stage).ThenBy(l => l.Id).ToListAsync(ct);
        var names = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var hashes = leads.SelectMany(l => l.Stages).Select(s => s.EvidenceHash).OfType<string>().ToList();
        var files = await Files(db, hashes, ct);
        return [.. leads.Select(l => new LeadRow(l.Id, l.UnitId, names[l.UnitId], l.Name, l.Industry, l.TotalInvestment, l.Screening, l.Stage,
            l.ContractAmount, l.FundsInPlace,
            [.. l.Stages.OrderBy(s => s.ReachedOn).ThenBy(s => s.Id).Select(s => new StageRow(s.Stage, InvestmentLead.StageName(s.Stage), s.ReachedOn,
                s.EvidenceHash is { } h ? files.GetValueOrDefault(h) : null, s.Note, s.EnteredBy))],
            MayEnter(l.UnitId), l.Version))];
    }

    /// <summary>Enters a lead (at 洽谈, reached today) or changes its particulars and amounts; the stage moves only through <see cref="MoveAsync"/>.</summary>
    public async Task<Outcome<long>> SaveLeadAsync(int year, LeadInput input, CancellationToken ct = default)
    {
        if (!MayEnter(input.UnitId))
        {
            return Outcome.Fail<long>("只能登记本单位引进的项目。");
        }
        var name = input.Name?.Trim() ?? "";
        var industry = input.Industry?.Trim() ?? "";
        if (name.Length is 0 or > 200 || industry.Length is 0 or > 100)
        {
            return Outcome.Fail<long>("请填写项目名称（不超过 200 个字符）和所属行业（不超过 100 个字符）。");
        }
        if (input.Screening?.Trim().Length > ProjectService.MaxText)
        {
            return Outcome.Fail<long>($"选商情况不超过 {ProjectService.MaxText} 个字符。");
        }
        var (total, totalProblem) = Amount("计划总投资", input.TotalInvestment);
        var (funds, fundsProblem) = Amount("到位资金", input.FundsInPlace);
        var (contract, contractProblem) = string.IsNullOrWhiteSpace(input.ContractAmount) ? (null, null) : Amount("签约金额", input.ContractAmount);
        if ((totalProblem ?? fundsProblem ?? contractProblem) is { } problem)
        {
            return Outcome.Fail<long>(problem);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await YearGate.RefusalAsync(db, year, YearActivity.ReportProgress, ct) is { } state)
        {
            return Outcome.Fail<long>(state);
        }
        if (!await db.Units.AnyAsync(u => u.Id == input.UnitId && u.RetiredAt == null, ct))
        {
            return Outcome.Fail<long>("引进单位不存在或已撤销。");
        }
        InvestmentLead lead;
        if (input.Id == 0)
        {
            lead = new InvestmentLead { Year = year, Name = name, Industry = industry, UnitId = input.UnitId, Stage = LeadStage.Negotiating };
            lead.Stages.Add(new LeadStageRecord { Stage = LeadStage.Negotiating, ReachedOn = ProjectService.Today(db), EnteredBy = user.UserName, EnteredAt = db.UtcNow });
            db.InvestmentLeads.Add(lead);
        }
        else
        {
            var found = await db.InvestmentLeads.SingleOrDefaultAsync(l => l.Id == input.Id && l.Year == year, ct);
            if (found is null || !MayEnter(found.UnitId))
            {
                return Outcome.Fail<long>(Outcome.NotFound);
            }
            if (found.Version != input.Version)
            {
                return Outcome.Fail<long>(Outcome.Conflict);
            }
            lead = found;
        }
        if (lead.Stage >= LeadStage.Contracted && contract is null)
        {
            return Outcome.Fail<long>("已签约的项目须填写签约金额。");
        }
        lead.Name = name;
        lead.Industry = industry;
        lead.UnitId = input.UnitId;
        lead.TotalInvestment = total!.Value;
        lead.Screening = string.IsNullOrWhiteSpace(input.Screening) ? null : input.Screening.Trim();
        lead.ContractAmount = contract;
        lead.FundsInPlace = funds!.Value;
        await db.ActAs(user).SaveChangesAsync(ct);
        return lead.Id;
    }

    /// <summary>
    /// Moves a lead to another stage. Forward it may skip stages (a contract signed without a framework agreement); back to an
    /// earlier stage (a contract broken) only with a reason. 签约 and later need the contract amount; the day is never after today
    /// nor before the stage the lead is at.
    /// </summary>
    public async Task<Outcome> MoveAsync(long leadId, StageInput input, long version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await db.InvestmentLeads.Include(l => l.Stages).SingleOrDefaultAsync(l => l.Id == leadId, ct);
        if (lead is null || !(user.SeesAllUnits || user.UnitId == lead.UnitId))
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        if (!MayEnter(lead.UnitId))
        {
            return Outcome.Fail("只能推进本单位引进的项目。");
        }
        if (lead.Version != version)
        {
            return Outcome.Fail(Outcome.Conflict);
        }
        if (input.Stage == lead.Stage)
        {
            return Outcome.Fail($"项目已处于「{InvestmentLead.StageName(lead.Stage)}」阶段。");
        }
        var note = input.Note?.Trim();
        if (input.Stage < lead.Stage && string.IsNullOrEmpty(note))
        {
            return Outcome.Fail($"从「{InvestmentLead.StageName(lead.Stage)}」退回「{InvestmentLead.StageName(input.Stage)}」须说明原因。");
        }
        if (note?.Length > ProjectService.MaxText)
        {
            return Outcome.Fail($"说明不超过 {ProjectService.MaxText} 个字符。");
        }
        if (input.Stage >= LeadStage.Contracted && lead.ContractAmount is null)
        {
            return Outcome.Fail("进入签约及以后阶段前，请先填写签约金额。");
        }
        var today = ProjectService.Today(db);
        if (input.ReachedOn > today)
        {
            return Outcome.Fail($"日期 {input.ReachedOn:yyyy-MM-dd} 晚于今天，只能登记已经发生的阶段。");
        }
        var since = lead.Stages.Where(s => s.Stage == lead.Stage).Select(s => (DateOnly?)s.ReachedOn).Max();
        if (since is { } last && input.ReachedOn < last)
        {
            return Outcome.Fail($"日期 {input.ReachedOn:yyyy-MM-dd} 早于进入当前阶段的日期 {last:yyyy-MM-dd}。");
        }
        var file = input.EvidenceHash is { } hash ? await EvidenceService.FindAsync(db, user, hash, ct) : null;
        if (input.EvidenceHash is not null && file is null)
        {
            return Outcome.Fail("佐证材料引用无效，请重新上传。");
        }
        if (await YearGate.RefusalAsync(db, lead.Year, YearActivity.ReportProgress, ct) is { } state)
        {
            return Outcome.Fail(state);
        }
        lead.Stage = input.Stage;
        lead.Stages.Add(new LeadStageRecord
        {
            Stage = input.Stage,
            ReachedOn = input.ReachedOn,
            EvidenceHash = file?.Hash,
            EvidenceName = file?.FileName,
            Note = string.IsNullOrEmpty(note) ? null : note,
            EnteredBy = user.UserName,
            EnteredAt = db.UtcNow,
        });
        await db.ActAs(user).SaveChangesAsync(ct);
        return Outcome.Success;
    }

    public async Task<IReadOnlyList<SupportRow>> SupportAsync(int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = user.SeesAllUnits;
        var own = user.UnitId ?? -1;
        var rows = await db.SuperiorSupports.AsNoTracking().Where(s => s.Year == year && (all || s.UnitId == own)).OrderByDescending(s => s.WonOn).ThenBy(s => s.Id).ToListAsync(ct);
        var names = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var files = await Files(db, rows.Select(r => r.EvidenceHash).OfType<string>().ToList(), ct);
        return [.. rows.Select(s => new SupportRow(s.Id, s.UnitId, names[s.UnitId], s.Kind, s.Title, s.Amount, s.WonOn,
            s.EvidenceHash is { } h ? files.GetValueOrDefault(h) : null, s.EnteredBy))];
    }

    /// <summary>Records superior funds or a policy a unit won (争取上级资金/政策); a policy may have no amount.</summary>
    public async Task<Outcome<long>> AddSupportAsync(int year, SupportInput input, CancellationToken ct = default)
    {
        if (!MayEnter(input.UnitId))
        {
            return Outcome.Fail<long>("只能登记本单位争取的上级资金或政策。");
        }
        var title = input.Title?.Trim() ?? "";
        if (title.Length is 0 or > 200)
        {
            return Outcome.Fail<long>("请填写资金或政策名称（不超过 200 个字符）。");
        }
        var (amount, problem) = input.Kind == SuperiorSupportKind.Policy && string.IsNullOrWhiteSpace(input.Amount) ? (0m, null) : Amount("金额", input.Amount);
        if (problem is not null)
        {
            return Outcome.Fail<long>(problem);
        }
        if (input.Kind == SuperiorSupportKind.Funds && amount == 0)
        {
            return Outcome.Fail<long>("上级资金的金额须大于 0。");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (input.WonOn > ProjectService.Today(db) || input.WonOn.Year != year)
        {
            return Outcome.Fail<long>($"争取日期须在 {year} 年内，且不晚于今天。");
        }
        var file = input.EvidenceHash is { } hash ? await EvidenceService.FindAsync(db, user, hash, ct) : null;
        if (input.EvidenceHash is not null && file is null)
        {
            return Outcome.Fail<long>("佐证材料引用无效，请重新上传。");
        }
        if (await YearGate.RefusalAsync(db, year, YearActivity.ReportProgress, ct) is { } state)
        {
            return Outcome.Fail<long>(state);
        }
        if (!await db.Units.AnyAsync(u => u.Id == input.UnitId && u.RetiredAt == null, ct))
        {
            return Outcome.Fail<long>("单位不存在或已撤销。");
        }
        var row = new SuperiorSupport
        {
            Year = year,
            UnitId = input.UnitId,
            Kind = input.Kind,
            Title = title,
            Amount = amount!.Value,
            WonOn = input.WonOn,
            EvidenceHash = file?.Hash,
            EvidenceName = file?.FileName,
            EnteredBy = user.UserName,
            EnteredAt = db.UtcNow,
        };
        db.ActAs(user).SuperiorSupports.Add(row);
        await db.SaveChangesAsync(ct);
        return row.Id;
    }

    /// <summary>Each unit's figures for the year (units with no lead and no support are left out); unit-scoped users get their own unit only.</summary>
    public async Task<IReadOnlyList<UnitInvestmentTotals>> TotalsAsync(int year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = user.SeesAllUnits;
        var own = user.UnitId ?? -1;
        var leads = await db.InvestmentLeads.AsNoTracking().Where(l => l.Year == year && (all || l.UnitId == own))
            .Select(l => new { l.UnitId, l.Stage, l.ContractAmount, l.FundsInPlace }).ToListAsync(ct);
        var support = await db.SuperiorSupports.AsNoTracking().Where(s => s.Year == year && (all || s.UnitId == own))
            .Select(s => new { s.UnitId, s.Kind, s.Amount }).ToListAsync(ct);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => (u.Code, u.Name), ct);
        return [.. leads.Select(l => l.UnitId).Concat(support.Select(s => s.UnitId)).Distinct().Select(id =>
        {
            var mine = leads.Where(l => l.UnitId == id).ToList();
            var won = support.Where(s => s.UnitId == id).ToList();
            return new UnitInvestmentTotals(id, units[id].Code, units[id].Name,
                mine.Where(l => l.Stage >= LeadStage.Contracted).Sum(l => l.ContractAmount ?? 0m),
                mine.Sum(l => l.FundsInPlace),
                Enum.GetValues<LeadStage>().ToDictionary(s => s, s => mine.Count(l => l.Stage == s)),
                won.Where(s => s.Kind == SuperiorSupportKind.Funds).Sum(s => s.Amount),
                won.Count(s => s.Kind == SuperiorSupportKind.Policy));
        }).OrderBy(t => t.UnitCode, StringComparer.Ordinal)];
    }

    public static decimal Value(UnitInvestmentTotals totals, InvestmentFigure figure) => figure switch
    {
        InvestmentFigure.SignedAmount => totals.SignedAmount,
        InvestmentFigure.FundsInPlace => totals.FundsInPlace,
        InvestmentFigure.SignedCount => totals.ByStage.Where(s => s.Key >= LeadStage.Contracted).Sum(s => s.Value),
        _ => totals.SuperiorFunds,
    };

    /// <summary>
    /// The office applies one figure of every unit's totals to a leaf's targets as authoritative actual values (source
    /// 招商引资台账), through <see cref="TargetService.ApplyAuthoritativeAsync"/>; a unit without figures gets 0.
    /// </summary>
    public async Task<Outcome<int>> ApplyAsync(int year, long indicatorId, InvestmentFigure figure, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail<int>(Outcome.Forbidden);
        }
        var totals = await TotalsAsync(year, ct);
        return await targets.ApplyAuthoritativeAsync(year, indicatorId, totals.ToDictionary(t => t.UnitId, t => Value(t, figure)), DataSource.InvestmentLedger, ct);
    }

    private static (decimal? Value, string? Problem) Amount(string field, string? text)
    {
        if (!ImportText.TryParseNumber(text, allowThousands: true, out var value, out var problem))
        {
            return (null, $"{field}：{problem}");
        }
        return value < 0 ? (null, $"{field}不能为负。") : (value, null);
    }

    private static async Task<Dictionary<string, EvidenceInfo>> Files(BatonDbContext db, List<string> hashes, CancellationToken ct) =>
        await db.EvidenceFiles.AsNoTracking().Where(f => hashes.Contains(f.Hash))
            .ToDictionaryAsync(f => f.Hash, f => new EvidenceInfo(f.Hash, f.FileName, f.ContentType, f.Size, f.UploadedAt), ct);
}
