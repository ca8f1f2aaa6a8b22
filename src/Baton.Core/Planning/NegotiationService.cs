using System.Globalization;
using Baton.Core.Accounts;
using Baton.Core.Adjustments;
using Baton.Core.Targets;
using Baton.Core.Years;
using Baton.Scoring.Planning;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Planning;

/// <summary>Who must act next in a negotiation.</summary>
public enum NegotiationTurn
{
    /// <summary>The unit: accept or object (待单位答复).</summary>
    Unit,

    /// <summary>The office: agree, counter or overrule (待考核办处理).</summary>
    Office,

    /// <summary>The city's reply, recorded by the office (待市里答复).</summary>
    City,

    /// <summary>Agreed; the agreed value is the target (已商定).</summary>
    Closed,
}

public sealed record NegotiationStepRow(NegotiationAction Action, decimal? Value, string? Reason, EvidenceInfo? Evidence, string By, DateTime At)
{
    public string ActionName => TargetNegotiation.ActionName(Action);
}

public sealed record NegotiationRow(
    long Id, int Year, NegotiationKind Kind, long? UnitId, string? UnitName, long? IndicatorId, string? IndicatorCode, string? IndicatorName,
    long? SuperiorTargetId, string? SuperiorTargetCode, string? SuperiorTargetName, string? Measure, decimal? FromValue, decimal? OnTable,
    decimal? AgreedValue, NegotiationTurn Turn, DateTime OpenedAt, DateTime? ClosedAt, long Version, IReadOnlyList<NegotiationStepRow> Steps)
{
    /// <summary>What the negotiation is about, as a person reads it: 城关镇「地区生产总值」 or 市考任务「地区生产总值」.</summary>
    public string Subject => Kind == NegotiationKind.UnitTarget ? $"{UnitName}「{IndicatorName}」" : $"市考任务「{SuperiorTargetName}」";

    public static string TurnName(NegotiationTurn turn) => turn switch
    {
        NegotiationTurn.Unit => "待单位答复",
        NegotiationTurn.Office => "待考核办处理",
        NegotiationTurn.City => "待市里答复",
        _ => "已商定",
    };
}

/// <summary>
/// Negotiation of targets before issuance (征求意见 / 协调). The office proposes a unit's target; the unit (its reporter
/// or head) accepts it, or objects with a reason, a counter-value and evidence; the office agrees, counters or
/// overrules with a reason; the agreed value becomes the unit's target. The county's requests to the city to lower a
/// superior target are tracked the same way (request, the city's reply, the agreed value, documents), the agreed value
/// becoming the city's figure. Every step is appended and kept; every change waits on the year gate's permission to
/// set targets. Unit users see and answer only their own unit's proposals.
/// </summary>
public sealed class NegotiationService(IDbContextFactory<BatonDbContext> dbFactory, CurrentUser user)
{
    public const int MaxReasonLength = 1000;

    public bool MayManage => user.IsInRole(Roles.Office);

    /// <summary>May answer the office's proposals for <paramref name="unitId"/>: the unit's reporter or head.</summary>
    public bool MayAnswer(long? unitId) => user.IsInAnyRole(Roles.UnitReporter, Roles.UnitHead) && unitId is { } u && user.UnitId == u;

    public static NegotiationTurn TurnAfter(NegotiationAction last) => last switch
    {
        NegotiationAction.Propose or NegotiationAction.Counter => NegotiationTurn.Unit,
        NegotiationAction.Objection => NegotiationTurn.Office,
        NegotiationAction.AskCity => NegotiationTurn.City,
        _ => NegotiationTurn.Closed,
    };

    /// <summary>The year's negotiations the user may see, open ones first; <paramref name="openOnly"/> leaves out the agreed ones.</summary>
    public async Task<IReadOnlyList<NegotiationRow>> ListAsync(int year, bool openOnly = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await RowsAsync(db, year, openOnly, ct);
    }

    /// <summary>
    /// How many of the year's open negotiations wait on the user: for the office those whose last step is a unit's objection
    /// (待考核办处理), for a unit's reporter or head their own unit's whose last step is a proposal or a counter-proposal
    /// (待单位答复); none for anyone else.
    /// </summary>
    public async Task<int> AwaitingAnswerAsync(int year, CancellationToken ct = default)
    {
        NegotiationAction[] waiting;
        long? unit = null;
        if (MayManage)
        {
            waiting = [NegotiationAction.Objection];
        }
        else if (user.UnitId is { } own && MayAnswer(own))
        {
            (waiting, unit) = ([NegotiationAction.Propose, NegotiationAction.Counter], own);
        }
        else
        {
            return 0;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.TargetNegotiations.CountAsync(n => n.Year == year && n.ClosedAt == null && n.Kind == NegotiationKind.UnitTarget
            && (unit == null || n.UnitId == unit)
            && waiting.Contains(db.NegotiationSteps.Where(s => s.NegotiationId == n.Id).OrderByDescending(s => s.Id).Select(s => s.Action).First()), ct);
    }

    private async Task<List<NegotiationRow>> RowsAsync(BatonDbContext db, int year, bool openOnly, CancellationToken ct)
    {
        var query = db.TargetNegotiations.AsNoTracking().Where(n => n.Year == year);
        if (!user.SeesAllUnits)
        {
            var own = user.UnitId ?? -1;
            query = query.Where(n => n.Kind == NegotiationKind.UnitTarget && n.UnitId == own);
        }
        if (openOnly)
        {
            query = query.Where(n => n.ClosedAt == null);
        }
        var threads = await (from n in query
                             join u in db.Units on n.UnitId equals u.Id into us
                             from unit in us.DefaultIfEmpty()
                             join i in db.Indicators on n.IndicatorId equals i.Id into ins
                             from leaf in ins.DefaultIfEmpty()
                             join s in db.SuperiorTargets on n.SuperiorTargetId equals s.Id into ss
                             from city in ss.DefaultIfEmpty()
                             select new
                             {
                                 Thread = n,
                                 UnitName = unit == null ? null : unit.Name,
                                 LeafCode = leaf == null ? null : leaf.Code,
                                 LeafName = leaf == null ? null : leaf.Name,
                                 LeafMeasure = leaf == null ? null : leaf.Measure,
                                 CityCode = city == null ? null : city.Code,
                                 CityName = city == null ? null : city.Name,
                                 CityMeasure = city == null ? null : city.Measure,
                             }).ToListAsync(ct);
        var ids = threads.Select(t => t.Thread.Id).ToList();
        var steps = await db.NegotiationSteps.AsNoTracking().Where(s => ids.Contains(s.NegotiationId)).OrderBy(s => s.Id).ToListAsync(ct);
        var hashes = steps.Select(s => s.EvidenceHash).OfType<string>().Distinct().ToList();
        var files = await db.EvidenceFiles.AsNoTracking().Where(f => hashes.Contains(f.Hash))
            .ToDictionaryAsync(f => f.Hash, f => new EvidenceInfo(f.Hash, f.FileName, f.ContentType, f.Size, f.UploadedAt), ct);
        var byThread = steps.ToLookup(s => s.NegotiationId);
        return [.. threads.Select(t =>
        {
            var n = t.Thread;
            var own = byThread[n.Id].Select(s => new NegotiationStepRow(s.Action, s.Value, s.Reason,
                s.EvidenceHash is { } h ? files.GetValueOrDefault(h) : null, s.By, s.At)).ToList();
            var onTable = own.LastOrDefault(s => s.Value is not null)?.Value;
            return new NegotiationRow(n.Id, n.Year, n.Kind, n.UnitId, t.UnitName, n.IndicatorId, t.LeafCode, t.LeafName, n.SuperiorTargetId, t.CityCode, t.CityName,
                t.LeafMeasure ?? t.CityMeasure, n.FromValue, onTable, n.AgreedValue, n.ClosedAt is null ? TurnAfter(own[^1].Action) : NegotiationTurn.Closed,
                n.OpenedAt, n.ClosedAt, n.Version, own);
        }).OrderBy(r => r.Turn == NegotiationTurn.Closed).ThenBy(r => r.OpenedAt).ThenBy(r => r.Id)];
    }

    /// <summary>The office proposes a unit's target for a leaf of the unit's category; no other negotiation of it may be open.</summary>
    public async Task<Outcome<long>> ProposeAsync(int year, long unitId, long indicatorId, decimal value, string? note, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail<long>(Outcome.Forbidden);
        }
        if (ValueProblem(value) is { } bad)
        {
            return Outcome.Fail<long>(bad);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await YearGate.RefusalAsync(db, year, YearActivity.SetTargets, ct) is { } refusal)
        {
            return Outcome.Fail<long>(refusal);
        }
        var problem = await ProposalProblemAsync(db, year, unitId, indicatorId, ct);
        if (problem is not null)
        {
            return Outcome.Fail<long>(problem);
        }
        var thread = Open(db, year, unitId, indicatorId, value, note,
            await db.Targets.Where(t => t.UnitId == unitId && t.IndicatorId == indicatorId).Select(t => t.Value).SingleOrDefaultAsync(ct));
        await db.ActAs(user).SaveChangesAsync(ct);
        return thread.Id;
    }

    /// <summary>
    /// Proposes to each unit carrying a superior target the figure its share suggests (see
    /// <see cref="SuperiorTargetService.ListAsync"/>), all or nothing.
    /// </summary>
    public async Task<Outcome<int>> ProposeSharesAsync(long superiorTargetId, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail<int>(Outcome.Forbidden);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await db.SuperiorTargets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == superiorTargetId, ct);
        if (target is null)
        {
            return Outcome.Fail<int>(Outcome.NotFound);
        }
        if (await YearGate.RefusalAsync(db, target.Year, YearActivity.SetTargets, ct) is { } refusal)
        {
            return Outcome.Fail<int>(refusal);
        }
        var shares = await db.SuperiorTargetShares.AsNoTracking().Where(s => s.SuperiorTargetId == superiorTargetId).ToListAsync(ct);
        if (shares.Count == 0)
        {
            return Outcome.Fail<int>("请先为此市考任务指定牵头单位和配合单位及分担比例。");
        }
        var required = Decomposition.Required(target.CityValue, target.Aggregation, target.Margin) ?? target.CityValue;
        var parts = Decomposition.Allocate(required, [.. shares.Select(s => new UnitShare(s.UnitId, s.IsLead, s.Share))], SuperiorTargetService.Decimals);
        var leaves = await db.SuperiorTargetLinks.AsNoTracking().Where(l => l.SuperiorTargetId == superiorTargetId)
            .Join(db.Indicators, l => l.IndicatorId, i => i.Id, (l, i) => new { i.Id, i.CategoryId }).ToListAsync(ct);
        var unitIds = shares.Select(s => s.UnitId).ToList();
        var memberships = await db.CategoryMemberships.AsNoTracking().Where(m => m.Year == target.Year && unitIds.Contains(m.UnitId)).ToListAsync(ct);
        var errors = new List<string>();
        var planned = new List<(long Unit, long Leaf, decimal Value)>();
        foreach (var share in shares)
        {
            var leaf = leaves.FirstOrDefault(l => memberships.Any(m => m.UnitId == share.UnitId && m.CategoryId == l.CategoryId));
            var problem = leaf is null ? "所在考核类别没有与此任务关联的县级指标。" : await ProposalProblemAsync(db, target.Year, share.UnitId, leaf.Id, ct);
            if (problem is not null)
            {
                var name = await db.Units.Where(u => u.Id == share.UnitId).Select(u => u.Name).SingleAsync(ct);
                errors.Add($"{name}：{problem}");
                continue;
            }
            planned.Add((share.UnitId, leaf!.Id, parts[share.UnitId]));
        }
        if (errors.Count > 0)
        {
            return Outcome.Fail<int>("未发起任何征求意见：\n" + string.Join("\n", errors));
        }
        var current = await db.Targets.AsNoTracking().Where(t => unitIds.Contains(t.UnitId)).ToDictionaryAsync(t => (t.UnitId, t.IndicatorId), t => t.Value, ct);
        var note = $"按市考任务「{target.Name}」分解";
        foreach (var (unit, leaf, value) in planned)
        {
            Open(db, target.Year, unit, leaf, value, note, current.GetValueOrDefault((unit, leaf)));
        }
        await db.ActAs(user).SaveChangesAsync(ct);
        return planned.Count;
    }

    private TargetNegotiation Open(BatonDbContext db, int year, long unitId, long indicatorId, decimal value, string? note, decimal? from)
    {
        var thread = new TargetNegotiation
        {
            Year = year, Kind = NegotiationKind.UnitTarget, UnitId = unitId, IndicatorId = indicatorId, FromValue = from,
            OpenedBy = user.UserName, OpenedAt = db.UtcNow,
        };
        thread.Steps.Add(Step(db, thread, NegotiationAction.Propose, value, note, null));
        db.TargetNegotiations.Add(thread);
        return thread;
    }

    private static async Task<string?> ProposalProblemAsync(BatonDbContext db, int year, long unitId, long indicatorId, CancellationToken ct)
    {
        var leaf = await db.Indicators.AsNoTracking().SingleOrDefaultAsync(i => i.Id == indicatorId && i.Year == year && !i.IsGroup, ct);
        if (leaf is null || !await db.CategoryMemberships.AnyAsync(m => m.Year == year && m.UnitId == unitId && m.CategoryId == leaf.CategoryId, ct))
        {
            return $"该单位 {year} 年度所在考核类别没有这个末级指标。";
        }
        if (await db.TargetNegotiations.AnyAsync(n => n.UnitId == unitId && n.IndicatorId == indicatorId && n.ClosedAt == null, ct))
        {
            return $"「{leaf.Name}」已有未办结的征求意见，请在其中继续协调。";
        }
        return null;
    }

    /// <summary>The unit accepts the value on the table, which becomes its target.</summary>
    public Task<Outcome> AcceptAsync(long id, long version, CancellationToken ct = default) =>
        ActAsync(id, version, NegotiationTurn.Unit, async (db, thread, onTable) =>
        {
            db.NegotiationSteps.Add(Step(db, thread, NegotiationAction.Accept, onTable, null, null));
            await CloseAsync(db, thread, onTable!.Value, ct);
            return null;
        }, ct);

    /// <summary>The unit objects: a reason, the value it can commit to, and optionally an evidence file it uploaded.</summary>
    public Task<Outcome> ObjectAsync(long id, long version, string? reason, decimal? counterValue, string? evidenceHash, CancellationToken ct = default) =>
        ActAsync(id, version, NegotiationTurn.Unit, async (db, thread, _) =>
        {
            if (ReasonProblem(reason, "异议理由") is { } problem)
            {
                return problem;
            }
            if (counterValue is not { } counter)
            {
                return "请填写本单位认为可以完成的目标值。";
            }
            if (ValueProblem(counter) is { } bad)
            {
                return bad;
            }
            string? hash = null;
            if (!string.IsNullOrWhiteSpace(evidenceHash))
            {
                var file = await EvidenceService.FindAsync(db, user, evidenceHash.Trim(), ct);
                if (file is null)
                {
                    return "佐证材料未上传成功或无权使用，请重新上传。";
                }
                hash = file.Hash;
            }
            db.NegotiationSteps.Add(Step(db, thread, NegotiationAction.Objection, counter, reason!.Trim(), hash));
            return null;
        }, ct);

    /// <summary>The office agrees to the unit's counter-value, which becomes the unit's target.</summary>
    public Task<Outcome> AgreeAsync(long id, long version, string? note, CancellationToken ct = default) =>
        ActAsync(id, version, NegotiationTurn.Office, async (db, thread, onTable) =>
        {
            db.NegotiationSteps.Add(Step(db, thread, NegotiationAction.Agree, onTable, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), null));
            await CloseAsync(db, thread, onTable!.Value, ct);
            return null;
        }, ct);

    /// <summary>The office proposes another value, with a reason; the unit answers again.</summary>
    public Task<Outcome> CounterAsync(long id, long version, decimal value, string? reason, CancellationToken ct = default) =>
        ActAsync(id, version, NegotiationTurn.Office, (db, thread, _) =>
        {
            var problem = ValueProblem(value) ?? ReasonProblem(reason, "理由");
            if (problem is null)
            {
                db.NegotiationSteps.Add(Step(db, thread, NegotiationAction.Counter, value, reason!.Trim(), null));
            }
            return Task.FromResult(problem);
        }, ct);

    /// <summary>The office keeps its own last proposal over the unit's objection, with a reason; that value becomes the target.</summary>
    public Task<Outcome> OverruleAsync(long id, long version, string? reason, CancellationToken ct = default) =>
        ActAsync(id, version, NegotiationTurn.Office, async (db, thread, _) =>
        {
            if (ReasonProblem(reason, "维持原值的理由") is { } problem)
            {
                return problem;
            }
            var own = await db.NegotiationSteps.Where(s => s.NegotiationId == thread.Id && (s.Action == NegotiationAction.Propose || s.Action == NegotiationAction.Counter))
                .OrderByDescending(s => s.Id).Select(s => s.Value).FirstAsync(ct);
            db.NegotiationSteps.Add(Step(db, thread, NegotiationAction.Overrule, own, reason!.Trim(), null));
            await CloseAsync(db, thread, own!.Value, ct);
            return null;
        }, ct);

    /// <summary>The county asks the city to lower a superior target to <paramref name="value"/>, with its reasons and documents.</summary>
    public async Task<Outcome<long>> AskCityAsync(long superiorTargetId, decimal value, string? reason, string? evidenceHash, CancellationToken ct = default)
    {
        if (!MayManage)
        {
            return Outcome.Fail<long>(Outcome.Forbidden);
        }
        if ((ValueProblem(value) ?? ReasonProblem(reason, "申请理由")) is { } bad)
        {
            return Outcome.Fail<long>(bad);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = await db.SuperiorTargets.AsNoTracking().SingleOrDefaultAsync(t => t.Id == superiorTargetId, ct);
        if (target is null)
        {
            return Outcome.Fail<long>(Outcome.NotFound);
        }
        if (await YearGate.RefusalAsync(db, target.Year, YearActivity.SetTargets, ct) is { } refusal)
        {
            return Outcome.Fail<long>(refusal);
        }
        if (await db.TargetNegotiations.AnyAsync(n => n.SuperiorTargetId == superiorTargetId && n.ClosedAt == null, ct))
        {
            return Outcome.Fail<long>($"「{target.Name}」已有待市里答复的申请，请先登记市里的答复。");
        }
        var hash = await EvidenceAsync(db, evidenceHash, ct);
        if (!hash.Ok)
        {
            return Outcome.Fail<long>(hash.Error!);
        }
        var thread = new TargetNegotiation
        {
            Year = target.Year, Kind = NegotiationKind.CityTarget, SuperiorTargetId = target.Id, FromValue = target.CityValue,
            OpenedBy = user.UserName, OpenedAt = db.UtcNow,
        };
        db.ActAs(user).TargetNegotiations.Add(thread);
        thread.Steps.Add(Step(db, thread, NegotiationAction.AskCity, value, reason!.Trim(), hash.Value));
        await db.SaveChangesAsync(ct);
        return thread.Id;
    }

    /// <summary>Records the city's reply and the value agreed with the city (its figure as before when it refused), which becomes the city's figure.</summary>
    public Task<Outcome> RecordCityReplyAsync(long id, long version, decimal agreedValue, string? reply, string? evidenceHash, CancellationToken ct = default) =>
        ActAsync(id, version, NegotiationTurn.City, async (db, thread, _) =>
        {
            if ((ValueProblem(agreedValue) ?? ReasonProblem(reply, "市里的答复")) is { } problem)
            {
                return problem;
            }
            var hash = await EvidenceAsync(db, evidenceHash, ct);
            if (!hash.Ok)
            {
                return hash.Error;
            }
            db.NegotiationSteps.Add(Step(db, thread, NegotiationAction.CityReply, agreedValue, reply!.Trim(), hash.Value));
            await CloseAsync(db, thread, agreedValue, ct);
            return null;
        }, ct);

    /// <summary>
    /// One step of an open negotiation whose turn is <paramref name="turn"/>: the caller's right, the year gate and the
    /// version are checked here; <paramref name="step"/> appends the step (and closes the negotiation) or returns why not.
    /// </summary>
    private async Task<Outcome> ActAsync(long id, long version, NegotiationTurn turn, Func<BatonDbContext, TargetNegotiation, decimal?, Task<string?>> step, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var thread = await db.TargetNegotiations.SingleOrDefaultAsync(n => n.Id == id, ct);
        if (thread is null || !(user.SeesAllUnits || (thread.Kind == NegotiationKind.UnitTarget && thread.UnitId == user.UnitId)))
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        var allowed = turn == NegotiationTurn.Unit ? MayAnswer(thread.UnitId) : MayManage;
        if (!allowed)
        {
            return Outcome.Fail(turn == NegotiationTurn.Unit ? "只有该单位的填报员或负责人可以答复考核办提出的目标。" : Outcome.Forbidden);
        }
        if (await YearGate.RefusalAsync(db, thread.Year, YearActivity.SetTargets, ct) is { } refusal)
        {
            return Outcome.Fail(refusal);
        }
        if (thread.Version != version)
        {
            return Outcome.Fail(Outcome.Conflict);
        }
        var last = await db.NegotiationSteps.Where(s => s.NegotiationId == id).OrderByDescending(s => s.Id).FirstAsync(ct);
        var now = thread.ClosedAt is null ? TurnAfter(last.Action) : NegotiationTurn.Closed;
        if (now != turn)
        {
            return Outcome.Fail(now == NegotiationTurn.Closed ? "这项协调已经办结。" : $"这项协调当前{NegotiationRow.TurnName(now)}。");
        }
        db.ActAs(user);
        if (await step(db, thread, last.Value) is { } problem)
        {
            return Outcome.Fail(problem);
        }
        // Every step moves the negotiation's version, so two people answering at once cannot both succeed.
        db.Entry(thread).State = EntityState.Modified;
        await db.SaveChangesAsync(ct);
        return Outcome.Success;
    }

    private static async Task CloseAsync(BatonDbContext db, TargetNegotiation thread, decimal value, CancellationToken ct)
    {
        thread.ClosedAt = db.UtcNow;
        thread.AgreedValue = value;
        if (thread.Kind == NegotiationKind.CityTarget)
        {
            var city = await db.SuperiorTargets.SingleAsync(t => t.Id == thread.SuperiorTargetId, ct);
            city.CityValue = value;
            return;
        }
        var target = await db.Targets.SingleOrDefaultAsync(t => t.UnitId == thread.UnitId && t.IndicatorId == thread.IndicatorId, ct);
        if (target is null)
        {
            target = new Target { Year = thread.Year, UnitId = thread.UnitId!.Value, IndicatorId = thread.IndicatorId!.Value };
            db.Targets.Add(target);
        }
        target.Value = value;
    }

    private NegotiationStep Step(BatonDbContext db, TargetNegotiation thread, NegotiationAction action, decimal? value, string? reason, string? evidence) =>
        new() { NegotiationId = thread.Id, Action = action, Value = value, Reason = reason, EvidenceHash = evidence, By = user.UserName, At = db.UtcNow };

    private async Task<Outcome<string?>> EvidenceAsync(BatonDbContext db, string? evidenceHash, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(evidenceHash))
        {
            return new Outcome<string?>(null, null);
        }
        var file = await EvidenceService.FindAsync(db, user, evidenceHash.Trim(), ct);
        return file is null ? Outcome.Fail<string?>("文件未上传成功或无权使用，请重新上传。") : file.Hash;
    }

    private static string? ValueProblem(decimal value) => value < 0 ? "目标值不能为负。" : null;

    private static string? ReasonProblem(string? reason, string what) =>
        string.IsNullOrWhiteSpace(reason) ? $"请填写{what}。"
        : reason.Trim().Length > MaxReasonLength ? $"{what}不超过 {MaxReasonLength} 个字符。"
        : null;

    public static readonly IReadOnlyList<string> ExportColumns =
        ["编号", "类型", "对象", "指标或任务编码", "计量单位", "协调前目标值", "步骤", "数值", "理由或说明", "佐证材料", "操作人", "时间（北京时间）", "商定值", "状态"];

    /// <summary>Every step of every negotiation of the year the user may see, one row a step, in order.</summary>
    public async Task WriteExportAsync(int year, Stream stream, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await RowsAsync(db, year, openOnly: false, ct);
        var beijing = TimeSpan.FromHours(8);
        static string Num(decimal? v) => v?.ToString("0.######", CultureInfo.InvariantCulture) ?? "";
        ExcelSheet.Write(stream, ExportColumns, rows.OrderBy(r => r.Id).SelectMany(r => r.Steps.Select(s => (IReadOnlyList<object?>)
        [
            r.Id, r.Kind == NegotiationKind.UnitTarget ? "单位目标征求意见" : "向市里协调", r.Subject, r.IndicatorCode ?? r.SuperiorTargetCode, r.Measure,
            Num(r.FromValue), s.ActionName, Num(s.Value), s.Reason, s.Evidence?.FileName, s.By,
            (s.At + beijing).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Num(r.AgreedValue), NegotiationRow.TurnName(r.Turn),
        ])), "征求意见记录");
    }
}
