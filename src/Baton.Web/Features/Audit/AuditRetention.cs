using Baton.Core.Accounts;
using Baton.Core.Audit;

namespace Baton.Web.Features.Audit;

/// <summary>Purges audit entries past the security policy's retention period, at start and every six hours.</summary>
public sealed partial class AuditRetention(AuditMaintenance audit, SecurityPolicy policy, TimeProvider clock, ILogger<AuditRetention> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(6), clock);
        do
        {
            var days = policy.Current.AuditRetentionDays;
            var deleted = await audit.PurgeExpiredAsync(days, stoppingToken);
            if (deleted > 0)
            {
                LogPurged(log, deleted, days);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} audit entries older than {Days} days")]
    private static partial void LogPurged(ILogger logger, int count, int days);
}
