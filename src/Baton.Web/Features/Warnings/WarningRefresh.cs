using Baton.Core.Warnings;

namespace Baton.Web.Features.Warnings;

/// <summary>
/// Keeps the warnings history current without anyone opening the page: at start and every hour it refreshes the
/// current year as of today in Beijing, so that a warning's appearance and clearing are dated within the hour and
/// each person's unseen warnings reach their to-dos.
/// </summary>
public sealed partial class WarningRefresh(WarningHistory history, TimeProvider clock, ILogger<WarningRefresh> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
            var (opened, cleared) = await history.RefreshCurrentAsync(today, stoppingToken);
            if (opened + cleared > 0)
            {
                LogRefreshed(log, opened, cleared);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Warnings refreshed: {Opened} appeared, {Cleared} cleared")]
    private static partial void LogRefreshed(ILogger logger, int opened, int cleared);
}
