using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Baton.Core;

/// <summary>
/// Inserts many entities at once (binary COPY on PostgreSQL, one prepared statement on SQLite),
/// reading table and column names and value conversions from the EF model. It bypasses change
/// tracking and therefore the per-row audit trail: use it only for generated test data, or for rows
/// whose content an audited row already proves (a snapshot's per-unit results, covered by its hash).
/// Ids are either set by the caller (see <see cref="NextIdAsync"/>) or, with <c>generatedIds</c>, left to the database.
/// </summary>
internal static class BulkInsert
{
    public static async Task<long> NextIdAsync<T>(BatonDbContext db, CancellationToken ct)
    {
        var table = db.Model.FindEntityType(typeof(T))!.GetTableName()!;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"SELECT COALESCE(MAX(\"Id\"), 0) FROM \"{table}\"";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) + 1;
    }

    /// <summary>
    /// Writes <paramref name="rows"/> to their entity's table, or to <paramref name="table"/> (a staging table with the
    /// same columns, e.g. a temporary copy), whose ids are not a sequence's.
    /// </summary>
    public static async Task WriteAsync<T>(BatonDbContext db, IReadOnlyList<T> rows, CancellationToken ct, bool generatedIds = false, string? table = null) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var type = db.Model.FindEntityType(typeof(T))!;
        var store = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var staging = table is not null;
        table ??= type.GetTableName()!;
        var properties = type.GetProperties().Where(p => !(generatedIds && p.IsPrimaryKey())).ToList();
        var columns = properties.Select(p => "\"" + p.GetColumnName(store) + "\"").ToList();
        var getters = properties.Select(p =>
        {
            var getter = p.GetGetter();
            var converter = p.GetTypeMapping().Converter;
            return (Func<T, object?>)(e => getter.GetClrValue(e) is { } v ? converter is null ? v : converter.ConvertToProvider(v) : null);
        }).ToList();
        var connection = db.Database.GetDbConnection();
        if (connection is NpgsqlConnection npgsql)
        {
            await using (var importer = await npgsql.BeginBinaryImportAsync($"COPY \"{table}\" ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var row in rows)
                {
                    await importer.StartRowAsync(ct);
                    foreach (var get in getters)
                    {
                        await WriteAsync(importer, get(row), ct);
                    }
                }
                await importer.CompleteAsync(ct);
            }
            if (generatedIds || staging)
            {
                return;
            }
            await using var reset = connection.CreateCommand();
            reset.CommandText = $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), (SELECT MAX(\"Id\") FROM \"{table}\"))";
            await reset.ExecuteNonQueryAsync(ct);
            return;
        }
        await using var command = (SqliteCommand)connection.CreateCommand();
        command.Transaction = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))})";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null))).ToList();
        command.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < getters.Count; i++)
            {
                parameters[i].Value = getters[i](row) switch
                {
                    null => DBNull.Value,
                    // EF's SQLite provider stores decimals as invariant text without trailing zeros.
                    decimal d => d.ToString("0.0###########################", System.Globalization.CultureInfo.InvariantCulture),
                    var v => v,
                };
            }
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static Task WriteAsync(NpgsqlBinaryImporter importer, object? value, CancellationToken ct) => value switch
    {
        null => importer.WriteNullAsync(ct),
        long l => importer.WriteAsync(l, NpgsqlDbType.Bigint, ct),
        int i => importer.WriteAsync(i, NpgsqlDbType.Integer, ct),
        decimal d => importer.WriteAsync(d, NpgsqlDbType.Numeric, ct),
        bool b => importer.WriteAsync(b, NpgsqlDbType.Boolean, ct),
        string s => importer.WriteAsync(s, NpgsqlDbType.Text, ct),
        DateTime t => importer.WriteAsync(t, NpgsqlDbType.TimestampTz, ct),
        byte[] bytes => importer.WriteAsync(bytes, NpgsqlDbType.Bytea, ct),
        _ => throw new NotSupportedException($"Bulk insert cannot write {value.GetType()}."),
    };
}
