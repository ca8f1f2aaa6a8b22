using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Baton.Core.Adjustments;

/// <summary>
/// Evidence files (佐证材料) outside the database, addressed by the SHA-256 of their content: the same
/// file stored twice is one file, and a reference proves which content it meant. The folder comes
/// from <c>Evidence:Path</c>; by default it is an <c>evidence</c> folder beside the SQLite file.
/// </summary>
public sealed class EvidenceStore(string root, long maxBytes = EvidenceStore.MaxBytes)
{
    /// <summary>The default largest file accepted, in bytes.</summary>
    public const long MaxBytes = 50 * 1024 * 1024;

    /// <summary>The largest file this store accepts, in bytes.</summary>
    public long Limit { get; } = maxBytes;

    public string Root { get; } = Path.GetFullPath(root);

    public static EvidenceStore For(BatonDatabase database, string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new EvidenceStore(configured);
        }
        var folder = database.Provider == DatabaseProvider.Sqlite
            ? Path.GetDirectoryName(new SqliteConnectionStringBuilder(database.ConnectionString).DataSource)
            : null;
        return new EvidenceStore(Path.Combine(string.IsNullOrEmpty(folder) ? Path.GetDirectoryName(BatonDatabase.DefaultSqlitePath)! : folder, "evidence"));
    }

    /// <summary>Stores the content and returns its hash (lower-case hex), or a Chinese message when it is too large.</summary>
    public async Task<Outcome<string>> SaveAsync(Stream content, CancellationToken ct = default)
    {
        Directory.CreateDirectory(Root);
        var temp = Path.Combine(Root, $".upload-{Guid.NewGuid():N}");
        try
        {
            string hash;
            await using (var file = File.Create(temp))
            {
                using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[81920];
                long total = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    total += read;
                    if (total > Limit)
                    {
                        return Outcome.Fail<string>($"佐证材料不能超过 {EvidenceInfo.SizeText(Limit)}，请压缩或拆分后再上传。");
                    }
                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            }
            var target = PathOf(hash);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (!File.Exists(target))
            {
                File.Move(temp, target);
            }
            return hash;
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Opens stored content, or null when the hash is malformed or unknown.</summary>
    public Stream? Open(string hash)
    {
        if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }
        var path = PathOf(hash);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }

    /// <summary>The stored content's size in bytes.</summary>
    public long SizeOf(string hash) => new FileInfo(PathOf(hash)).Length;

    private string PathOf(string hash) => Path.Combine(Root, hash[..2], hash);
}
