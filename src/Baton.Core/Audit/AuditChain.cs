using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Baton.Core.Audit;

/// <summary>How an audit entry's hash is computed: SHA-256 over its fields and the previous hash.</summary>
public static class AuditChain
{
    /// <summary>The hash the first entry chains to.</summary>
    public static readonly string GenesisHash = new('0', 64);

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Times are kept to the millisecond so that every database returns what was hashed.</summary>
    public static DateTime Truncate(DateTime at) =>
        new(at.Ticks - (at.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

    public static string Hash(AuditEntry e)
    {
        var text = string.Join('\u001f',
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture),
            e.Actor, e.Action, e.EntityType, e.EntityId ?? "", e.Before ?? "", e.After ?? "", e.Address ?? "",
            e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
