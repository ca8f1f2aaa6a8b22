using Baton.Core.Indicators;
using Baton.Core.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Baton.Core.Targets;

/// <summary>
/// The targets feature's loader for the snapshot (DESIGN.md §3, the snapshot seam): every target and actual
/// value of the year, by unit, with the source, evidence and approver the trace shows.
/// </summary>
internal static class TargetInputs
{
    /// <summary>
    /// This is the one large read (1.5 million rows for a province), so it goes through a data reader straight
    /// into <see cref="ValueData"/> rather than through EF's materializer and an intermediate list.
    /// </summary>
    /// <remarks><c>monthlyActuals</c>: each time-progress target's approved cumulative values, by target id (<see cref="Progress.ProgressInputs"/>).</remarks>
    public static async Task<Dictionary<long, List<ValueData>>> LoadAsync(
        BatonDbContext db, int year, IReadOnlyDictionary<long, string> leafCodes, IReadOnlyDictionary<long, string> monthlyActuals, CancellationToken ct)
    {
        var byUnit = new Dictionary<long, List<ValueData>>();
        var leafSources = await db.Indicators.AsNoTracking().Where(i => i.Year == year && !i.IsGroup).ToDictionaryAsync(i => i.Id, i => i.Source, ct);
        // Only time-progress leaves are scored on a month plan, so only theirs enter the inputs.
        var plans = await TargetService.PlanTextsAsync(db, db.Targets.Where(t => t.Year == year
            && db.Indicators.Any(i => i.Id == t.IndicatorId && i.Rule == RuleKind.TimeProgress)).Select(t => t.Id), ct);
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(ct);
        }
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = "SELECT \"UnitId\", \"IndicatorId\", \"Value\", \"ReportedActual\", \"AuthoritativeActual\", \"AuthoritativeSource\", "
                + "\"Grade\", \"Id\", \"Evidence\", \"ApprovedBy\", \"Status\" FROM \"Targets\" WHERE \"Year\" = @year";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@year";
            parameter.Value = year;
            command.Parameters.Add(parameter);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (!leafCodes.TryGetValue(reader.GetInt64(1), out var leaf))
                {
                    continue;
                }
                decimal? Number(int i) => reader.IsDBNull(i) ? null : reader.GetDecimal(i);
                string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
                // Which value counts, and why an unchecked report does not, is the target's rule.
                var counted = Target.Counted(leafSources[reader.GetInt64(1)], Number(3), Number(4), Text(5) is { } source ? Enum.Parse<DataSource>(source) : null,
                    Text(10) is { } status ? Enum.Parse<ReportStatus>(status) : ReportStatus.None);
                var unit = reader.GetInt64(0);
                if (!byUnit.TryGetValue(unit, out var list))
                {
                    byUnit[unit] = list = [];
                }
                var id = reader.GetInt64(7);
                list.Add(new ValueData(leaf, Number(2), counted.Value, Text(6), plans.GetValueOrDefault(id), monthlyActuals.GetValueOrDefault(id),
                    counted.Source, Text(8), Text(9)));
            }
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        return byUnit;
    }
}
