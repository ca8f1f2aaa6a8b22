using System.CommandLine;
using Baton.Core;
using Baton.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Cli.Accounts;

/// <summary>
/// <c>baton users create|reset-password</c>. The password is never an option (the command line is
/// visible to <c>ps</c> and kept in shell history): it is read by <see cref="PasswordInput"/>.
/// </summary>
internal static class UserCommands
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Description = "用户名", HelpName = "用户名", Required = true };
        var display = new Option<string?>("--display") { Description = "姓名（默认同用户名）", HelpName = "姓名" };
        var role = new Option<string>("--role")
        {
            Description = "角色：" + string.Join("、", Roles.All.Select(r => $"{r}（{Roles.DisplayName(r)}）")),
            HelpName = "角色",
            Required = true,
        };
        var unit = new Option<string?>("--unit") { Description = "所属单位代码（单位填报员、单位负责人、牵头考核部门必填）", HelpName = "单位代码" };

        var create = new Command("create", "新建账号。初始密码从标准输入读一行，或在终端上输入两次（不回显）；首次登录须修改") { name, display, role, unit };
        create.SetAction(async (parse, ct) =>
        {
            await using var services = await CliHost.OpenAsync(parse, ct);
            await using var scope = services.CreateAsyncScope();
            long? unitId = null;
            if (parse.GetValue(unit) is { Length: > 0 } typed)
            {
                unitId = await scope.ServiceProvider.GetRequiredService<Baton.Core.Units.UnitService>().IdOfCodeAsync(typed, ct);
                if (unitId is null)
                {
                    await Console.Error.WriteLineAsync($"没有代码为「{Baton.Core.Units.Unit.NormaliseCode(typed)}」的单位。");
                    return 2;
                }
            }
            var roleName = Roles.All.FirstOrDefault(r => r.Equals(parse.GetValue(role), StringComparison.OrdinalIgnoreCase)) ?? parse.GetValue(role)!;
            if (PasswordInput.Read("请输入初始密码：", Console.Error) is not { } password)
            {
                return 2;
            }
            var outcome = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync(
                new AccountInput(parse.GetValue(name)!, parse.GetValue(display) ?? parse.GetValue(name)!, roleName, unitId, password), ct);
            return Report(outcome, $"已新建账号 {parse.GetValue(name)}，首次登录须修改密码。");
        });

        var resetName = new Option<string>("--name") { Description = "用户名", HelpName = "用户名", Required = true };
        var reset = new Command("reset-password", "重置密码并解除锁定。新的临时密码从标准输入读一行，或在终端上输入两次（不回显）；下次登录须修改") { resetName };
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
            if (PasswordInput.Read("请输入新的临时密码：", Console.Error) is not { } password)
            {
                return 2;
            }
            var outcome = await scope.ServiceProvider.GetRequiredService<AccountService>().ResetPasswordAsync(user.Id, password, ct);
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
