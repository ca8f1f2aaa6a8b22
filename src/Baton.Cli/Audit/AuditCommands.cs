using System.CommandLine;
using Baton.Core.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Cli.Audit;

internal static class AuditCommands
{
    public static Command Create()
    {
        var verify = new Command("verify", "校验审计日志的哈希链：发现被修改或删除的记录");
        verify.SetAction(async (parse, ct) =>
        {
            await using var services = await CliHost.OpenAsync(parse, ct);
            var result = await services.GetRequiredService<AuditMaintenance>().VerifyAsync(ct);
            if (result.Intact)
            {
                Console.WriteLine($"审计链完整：共 {result.Checked} 条记录，均未被修改或删除。");
                return 0;
            }
            await Console.Error.WriteLineAsync($"审计链已被破坏：{result.Problem}（已校验 {result.Checked} 条）");
            return 1;
        });
        var purge = new Command("purge", "删除超过保存期（安全策略中设置，至少 190 天）的审计记录，审计链仍可校验");
        purge.SetAction(async (parse, ct) =>
        {
            await using var services = await CliHost.OpenAsync(parse, ct);
            var days = services.GetRequiredService<Baton.Core.Accounts.SecurityPolicy>().Current.AuditRetentionDays;
            var deleted = await services.GetRequiredService<AuditMaintenance>().PurgeExpiredAsync(days, ct);
            Console.WriteLine($"已删除 {deleted} 条超过 {days} 天的审计记录。");
            return 0;
        });
        return new Command("audit", "审计日志") { verify, purge };
    }
}
