using Baton.Core.Accounts;
using Baton.Core.Units;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Core.Tests.Accounts;

public abstract class AccountServiceTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private async Task<long> UnitAsync() =>
        (await Db.Service<UnitService>(Office).CreateAsync(2026, new UnitInput("T01", "城关镇", UnitKind.Town, null))).Value;

    [Fact]
    public async Task Administrator_creates_an_account_that_must_change_its_password()
    {
        var unit = await UnitAsync();
        var accounts = Db.Service<AccountService>(Admin);
        var outcome = await accounts.CreateAsync(new AccountInput("zhang", "张三", Roles.UnitReporter, unit, "Chengguan#1"));
        Assert.True(outcome.Ok, outcome.Error);
        var row = Assert.Single(await accounts.ListAsync());
        Assert.True(row.MustChangePassword);
        Assert.Equal([Roles.UnitReporter], row.Roles);
        Assert.Equal("城关镇", row.UnitName);
    }

    [Theory]
    [InlineData("short1!", "8")]
    [InlineData("alllowercase", "3 类")]
    [InlineData("zhang#Pass1", "用户名")]
    public async Task Weak_password_is_refused_by_the_policy(string password, string expected)
    {
        var outcome = await Db.Service<AccountService>(Admin).CreateAsync(new AccountInput("zhang", "张三", Roles.Office, null, password));
        Assert.False(outcome.Ok);
        Assert.Contains(expected, outcome.Error, StringComparison.Ordinal);
        await using var db = await Db.ContextAsync();
        Assert.Equal(0, await db.Users.CountAsync());
    }

    [Fact]
    public async Task Unit_scoped_role_needs_a_unit_and_only_admin_creates_accounts()
    {
        Assert.False((await Db.Service<AccountService>(Admin).CreateAsync(new AccountInput("zhang", "张三", Roles.UnitHead, null, "Chengguan#1"))).Ok);
        Assert.Equal(Outcome.Forbidden, (await Db.Service<AccountService>(Office).CreateAsync(new AccountInput("li", "李四", Roles.Office, null, "Chengguan#1"))).Error);
        Assert.Equal(Outcome.Forbidden, (await Db.Service<AccountService>(SecurityAdmin).CreateAsync(new AccountInput("li", "李四", Roles.Office, null, "Chengguan#1"))).Error);
    }

    [Fact]
    public async Task Password_change_clears_the_forced_change()
    {
        await Db.Service<AccountService>(Admin).CreateAsync(new AccountInput("zhang", "张三", Roles.Office, null, "Chengguan#1"));
        var self = Db.Service<AccountService>(new CurrentUser("zhang", [Roles.Office], null));
        Assert.Equal("当前密码不正确。", (await self.ChangeOwnPasswordAsync("wrong", "Xinmima#2026", "Xinmima#2026")).Error);
        Assert.False((await self.ChangeOwnPasswordAsync("Chengguan#1", "Xinmima#2026", "Xinmima#2027")).Ok);
        Assert.True((await self.ChangeOwnPasswordAsync("Chengguan#1", "Xinmima#2026", "Xinmima#2026")).Ok);
        await using var scope = Db.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BatonUser>>();
        var user = (await users.FindByNameAsync("zhang"))!;
        Assert.False(user.MustChangePassword);
        Assert.True(await users.CheckPasswordAsync(user, "Xinmima#2026"));
    }

    [Fact]
    public async Task Security_settings_keep_the_graded_protection_minimums()
    {
        var security = Db.Service<AccountService>(SecurityAdmin);
        var settings = security.Settings;
        Assert.Equal((8, 3, 5, 15, 30, 365), (settings.MinPasswordLength, settings.MinCharacterClasses, settings.MaxFailedSignIns,
            settings.LockoutMinutes, settings.IdleTimeoutMinutes, settings.AuditRetentionDays));

        SecuritySettings With(Action<SecuritySettings> change)
        {
            var copy = new SecuritySettings { Version = settings.Version };
            change(copy);
            return copy;
        }
        Assert.Contains("190", (await security.SaveSettingsAsync(With(s => s.AuditRetentionDays = 100))).Error, StringComparison.Ordinal);
        Assert.False((await security.SaveSettingsAsync(With(s => s.MinPasswordLength = 6))).Ok);
        Assert.False((await security.SaveSettingsAsync(With(s => s.IdleTimeoutMinutes = 60))).Ok);
        Assert.Equal(Outcome.Forbidden, (await Db.Service<AccountService>(Admin).SaveSettingsAsync(With(s => s.LockoutMinutes = 30))).Error);
        Assert.True((await security.SaveSettingsAsync(With(s => s.LockoutMinutes = 30))).Ok);
        Assert.Equal(30, Db.Services.GetRequiredService<SecurityPolicy>().Current.LockoutMinutes);
    }

    [Fact]
    public async Task Reset_password_forces_a_change_and_unlocks()
    {
        await Db.Service<AccountService>(Admin).CreateAsync(new AccountInput("zhang", "张三", Roles.Office, null, "Chengguan#1"));
        var self = Db.Service<AccountService>(new CurrentUser("zhang", [Roles.Office], null));
        await self.ChangeOwnPasswordAsync("Chengguan#1", "Xinmima#2026", "Xinmima#2026");
        var row = Assert.Single(await Db.Service<AccountService>(Admin).ListAsync());
        Assert.False((await Db.Service<AccountService>(Admin).ResetPasswordAsync(row.Id, "weak")).Ok);
        Assert.True((await Db.Service<AccountService>(Admin).ResetPasswordAsync(row.Id, "Chongzhi#2026")).Ok);
        Assert.True(Assert.Single(await Db.Service<AccountService>(Admin).ListAsync()).MustChangePassword);
    }
}

public sealed class SqliteAccountServiceTests() : AccountServiceTests(DatabaseProvider.Sqlite);

public sealed class PostgresAccountServiceTests() : AccountServiceTests(DatabaseProvider.Postgres);
