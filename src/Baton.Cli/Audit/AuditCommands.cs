using System.CommandLine;
using Baton.Core;
using Baton.Core.Audit;
using Microsoft.EntityFrameworkCore;
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
            await using var db = await services.GetRequiredService<IDbContextFactory<BatonDbContext>>().CreateDbContextAsync(ct);
            var result = await AuditService.VerifyAsync(db, ct);
            if (result.Intact)
            {
                Console.WriteLine($"审计链完整：共 {result.Checked} 条记录，均未被修改或删除。");
                return 0;
            }
            await Console.Error.WriteLineAsync($"审计链已被破坏：{result.Problem}（已校验 {result.Checked} 条）");
            return 1;
        });
        return new Command("audit", "审计日志") { verify };
    }
}
