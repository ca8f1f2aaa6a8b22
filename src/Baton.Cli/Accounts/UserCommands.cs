using System.CommandLine;
using Baton.Core;
using Baton.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Cli.Accounts;

internal static class UserCommands
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "用户名", Required = true };
        var password = new Option<string>("--password") { Description = "初始密码（首次登录须修改）", Required = true };
        var display = new Option<string?>("--display") { Description = "姓名（默认同用户名）" };
        var role = new Option<string>("--role") { Description = "角色：" + string.Join("、", Roles.All), Required = true };
        var unit = new Option<string?>("--unit") { Description = "所属单位代码（单位填报员、单位负责人、牵头考核部门必填）" };

        var create = new Command("create", "新建账号") { name, password, display, role, unit };
        create.SetAction(async (parse, ct) =>
        {
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            long? unitId = null;
            if (parse.GetValue(unit) is { Length: > 0 } typed)
            {
                var code = Baton.Core.Units.Unit.NormaliseCode(typed);
                await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<BatonDbContext>>().CreateDbContextAsync(ct);
                unitId = await db.Units.Where(u => u.Code == code).Select(u => (long?)u.Id).SingleOrDefaultAsync(ct);
                if (unitId is null)
                {
                    await Console.Error.WriteLineAsync($"没有代码为「{code}」的单位。");
                    return 2;
                }
            }
            var roleName = Roles.All.FirstOrDefault(r => r.Equals(parse.GetValue(role), StringComparison.OrdinalIgnoreCase)) ?? parse.GetValue(role)!;
            var outcome = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync(
                new AccountInput(parse.GetValue(name)!, parse.GetValue(display) ?? parse.GetValue(name)!, roleName, unitId, parse.GetValue(password)!), ct);
            return Report(outcome, $"已新建账号 {parse.GetValue(name)}，首次登录须修改密码。");
        });

        var resetName = new Option<string>("--name") { Description = "用户名", Required = true };
        var resetPassword = new Option<string>("--password") { Description = "新的临时密码（下次登录须修改）", Required = true };
        var reset = new Command("reset-password", "重置密码并解除锁定") { resetName, resetPassword };
        reset.SetAction(async (parse, ct) =>
        {
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<BatonUser>>().FindByNameAsync(parse.GetValue(resetName)!);
            if (user is null)
            {
                await Console.Error.WriteLineAsync($"没有用户名为「{parse.GetValue(resetName)}」的账号。");
                return 2;
            }
            var outcome = await scope.ServiceProvider.GetRequiredService<AccountService>().ResetPasswordAsync(user.Id, parse.GetValue(resetPassword)!, ct);
            return Report(outcome, $"已重置 {user.UserName} 的密码，下次登录须修改。");
        });

        return new Command("users", "账号管理") { create, reset };
    }

    private static int Report(Outcome outcome, string success)
    {
        if (outcome.Ok)
        {
            Console.WriteLine(success);
            return 0;
        }
        Console.Error.WriteLine(outcome.Error);
        return 2;
    }
}
