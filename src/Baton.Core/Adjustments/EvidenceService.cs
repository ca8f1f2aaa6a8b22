using System.Globalization;
using Baton.Core.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Adjustments;

/// <summary>An evidence file as people read it: name, type and size; <see cref="Hash"/> is the download's address.</summary>
public sealed record EvidenceInfo(string Hash, string FileName, string ContentType, long Size, DateTime UploadedAt)
{
    /// <summary>"通报.pdf · PDF · 1.2 MB".</summary>
    public string Description => $"{FileName} · {TypeName} · {SizeText(Size)}";

    /// <summary>The file's kind as a person names it: its extension, else its content type.</summary>
    public string TypeName => Path.GetExtension(FileName) is { Length: > 1 } extension
        ? extension[1..].ToUpperInvariant()
        : ContentType;

    public static string SizeText(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + " B",
        < 1024 * 1024 => (bytes / 1024m).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / 1024m / 1024m).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };
}

/// <summary>An evidence file opened for download.</summary>
public sealed record EvidenceDownload(Stream Content, string FileName, string ContentType);

/// <summary>
/// Evidence files (佐证材料): uploaded by those who register adjustments or report and review values,
/// described and downloaded by those allowed to see them — the office, leaders and overseers; the
/// unit's own users for what concerns their unit; a lead unit for the indicators it leads and the
/// events it registered; and whoever uploaded the file.
/// </summary>
public sealed class EvidenceService(IDbContextFactory<BatonDbContext> dbFactory, CurrentUser user, EvidenceStore store)
{
    public const int MaxFileNameLength = 260;

    /// <summary>
    /// The kinds of file accepted as evidence, by extension: documents, spreadsheets, slides, images, plain text and
    /// archives. Anything else (programs, scripts, web pages) is refused, so that a download never runs something.
    /// </summary>
    public static readonly IReadOnlySet<string> AllowedExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".pdf", ".ofd", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".ppt", ".pptx", ".txt", ".csv",
        ".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".heic", ".zip", ".rar", ".7z",
    };

    public bool MayUpload => user.IsInAnyRole(Roles.Office, Roles.LeadReviewer, Roles.UnitReporter, Roles.UnitHead);

    /// <summary>Stores an upload with its original name and content type; its hash is what adjustments and values refer to.</summary>
    public async Task<Outcome<EvidenceInfo>> UploadAsync(Stream content, string fileName, string? contentType, CancellationToken ct = default)
    {
        if (!MayUpload)
        {
            return Outcome.Fail<EvidenceInfo>(Outcome.Forbidden);
        }
        // Some browsers send the whole client path (C:\报表\年报.xlsx); keep the name only, whatever the separator.
        var name = (fileName ?? "").Split('/', '\\')[^1].Trim();
        if (name.Length is 0 or > MaxFileNameLength)
        {
            return Outcome.Fail<EvidenceInfo>($"佐证材料须有文件名，且不超过 {MaxFileNameLength} 个字符。");
        }
        if (!AllowedExtensions.Contains(Path.GetExtension(name)))
        {
            return Outcome.Fail<EvidenceInfo>($"不接受「{name}」这类文件作为佐证材料；请上传 PDF、OFD、Word、WPS、Excel、PPT、图片、文本或压缩包"
                + $"（{string.Join("、", AllowedExtensions.Order(StringComparer.Ordinal).Select(e => e[1..]))}）。");
        }
        var saved = await store.SaveAsync(content, ct);
        if (!saved.Ok)
        {
            return Outcome.Fail<EvidenceInfo>(saved.Error!);
        }
        var hash = saved.Value!;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var file = await db.EvidenceFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Hash == hash, ct);
        if (file is null)
        {
            file = new EvidenceFile
            {
                Hash = hash,
                FileName = name,
                ContentType = IsContentType(contentType) ? contentType!.Trim() : "application/octet-stream",
                Size = store.SizeOf(hash),
                UploadedBy = user.UserName,
                UploadedAt = db.UtcNow,
            };
            db.ActAs(user).EvidenceFiles.Add(file);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The unique hash: the same content was uploaded by someone else a moment ago; theirs stands.
                await using var again = await dbFactory.CreateDbContextAsync(ct);
                file = await again.EvidenceFiles.AsNoTracking().SingleAsync(f => f.Hash == hash, ct);
            }
        }
        return Info(file);
    }

    private static bool IsContentType(string? value) =>
        value?.Trim() is { Length: > 2 and <= 100 } v && v.Count(c => c == '/') == 1 && v[0] != '/' && v[^1] != '/'
        && v.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '+' or '-');

    /// <summary>The files among <paramref name="hashes"/> that the user may see, by hash; unknown or hidden ones are left out.</summary>
    public async Task<IReadOnlyDictionary<string, EvidenceInfo>> DescribeAsync(IEnumerable<string?> hashes, CancellationToken ct = default)
    {
        var wanted = hashes.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<string, EvidenceInfo>(StringComparer.Ordinal);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var files = await Visible(db, db.EvidenceFiles.AsNoTracking().Where(f => wanted.Contains(f.Hash))).ToListAsync(ct);
        return files.ToDictionary(f => f.Hash, Info, StringComparer.Ordinal);
    }

    /// <summary>Opens a file the user may see, or null (unknown, or not theirs to see).</summary>
    public async Task<EvidenceDownload?> OpenAsync(string hash, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var file = await Visible(db, db.EvidenceFiles.AsNoTracking().Where(f => f.Hash == hash)).SingleOrDefaultAsync(ct);
        return file is not null && store.Open(file.Hash) is { } stream ? new EvidenceDownload(stream, file.FileName, file.ContentType) : null;
    }

    /// <summary>
    /// The stored file for a reference being saved (an adjustment's or a value's), or null when nothing was uploaded
    /// under it or <paramref name="user"/> may not see it (a reference never grants sight of someone else's file).
    /// </summary>
    internal static Task<EvidenceFile?> FindAsync(BatonDbContext db, CurrentUser user, string hash, CancellationToken ct) =>
        Visible(db, user, db.EvidenceFiles.AsNoTracking().Where(f => f.Hash == hash)).SingleOrDefaultAsync(ct);

    private IQueryable<EvidenceFile> Visible(BatonDbContext db, IQueryable<EvidenceFile> files) => Visible(db, user, files);

    private static IQueryable<EvidenceFile> Visible(BatonDbContext db, CurrentUser user, IQueryable<EvidenceFile> files)
    {
        if (user.IsInAnyRole(Roles.Office, Roles.Leader, Roles.Overseer))
        {
            return files;
        }
        var me = user.UserName;
        var own = user.IsUnitScoped && user.UnitId is { } unit ? unit : -1;
        var lead = user.IsInRole(Roles.LeadReviewer) && user.UnitId is { } leadUnit ? leadUnit : -1;
        return files.Where(f => f.UploadedBy == me
            || db.AdjustmentEvents.Any(a => a.EvidenceHash == f.Hash && (a.UnitId == own || (lead != -1 && a.EnteredBy == me)))
            || db.TargetChangeRequests.Any(r => r.Evidence == f.Hash && r.UnitId == own)
            || db.Targets.Any(t => t.Evidence == f.Hash && (t.UnitId == own
                || db.Indicators.Any(i => i.Id == t.IndicatorId && i.LeadUnitId == lead)))
            || db.ProjectInvestments.Any(i => i.EvidenceHash == f.Hash && db.KeyProjects.Any(p => p.Id == i.ProjectId && p.OwnerUnitId == own))
            || db.LeadStageRecords.Any(s => s.EvidenceHash == f.Hash && db.InvestmentLeads.Any(l => l.Id == s.LeadId && l.UnitId == own))
            || db.SuperiorSupports.Any(s => s.EvidenceHash == f.Hash && s.UnitId == own)
            || db.NegotiationSteps.Any(s => s.EvidenceHash == f.Hash
                && db.TargetNegotiations.Any(n => n.Id == s.NegotiationId && n.UnitId == own))
            || db.ProgressEvidence.Any(p => p.Hash == f.Hash && db.ProgressReports.Any(r => r.Id == p.ReportId && (r.UnitId == own
                || db.Indicators.Any(i => i.Id == r.IndicatorId && i.LeadUnitId == lead)))));
    }

    private static EvidenceInfo Info(EvidenceFile f) => new(f.Hash, f.FileName, f.ContentType, f.Size, f.UploadedAt);
}
