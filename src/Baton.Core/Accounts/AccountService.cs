using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Accounts;

public sealed record AccountRow(
    string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, long? UnitId, string? UnitName,
    bool MustChangePassword, bool IsDisabled, DateTimeOffset? LockedUntil);

public sealed record AccountInput(string UserName, string DisplayName, string Role, long? UnitId, string InitialPassword);

/// <summary>What a sign-in attempt may be told. Only <see cref="Invalid"/> is ever said to a wrong password.</summary>
public enum SignInVerdict
{
    SignedIn,
    Invalid,
    Disabled,
    LockedOut,
}

/// <summary>
/// The verdict on a sign-in attempt, the account when the password was right, and the reason the audit
/// trail records (<c>ok</c>, <c>unknown user</c>, <c>wrong password</c>, <c>disabled</c>, <c>locked out</c>).
/// </summary>
public sealed record SignInCheck(SignInVerdict Verdict, BatonUser? Account, string Reason);

/// <summary>
/// Accounts (system administrator) and account security (security administrator), kept apart as
/// 等保 asks: the one who creates accounts does not set the policy, and neither reads the audit trail.
/// </summary>
/// <remarks>
/// <paramref name="identityDb"/> is the scoped context Identity's stores save through; account changes
/// run in one transaction on it so that, say, a failed role assignment leaves no account behind.
/// </remarks>
public sealed class AccountService(
    IDbContextFactory<BatonDbContext> dbFactory, BatonDbContext identityDb, UserManager<BatonUser> users,
    SecurityPolicy policy, SignInDecoy decoy, CurrentUser user, TimeProvider clock)
{
    public bool MayManageAccounts => user.IsInRole(Roles.Admin);

    public bool MayManageSecurity => user.IsInRole(Roles.SecurityAdmin);

    public async Task<IReadOnlyList<AccountRow>> ListAsync(CancellationToken ct = default)
    {
        if (!MayManageAccounts && !MayManageSecurity)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var accounts = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        return accounts.Select(a => new AccountRow(
            a.Id, a.UserName!, a.DisplayName, roles.Where(r => r.UserId == a.Id).Select(r => r.Name!).ToList(),
            a.UnitId, a.UnitId is { } id && units.TryGetValue(id, out var name) ? name : null,
            a.MustChangePassword, a.IsDisabled, a.LockoutEnd > db.Clock.GetUtcNow() ? a.LockoutEnd : null)).ToList();
    }

    /// <summary>Creates an account; the person must change the initial password at first sign-in.</summary>
    public async Task<Outcome> CreateAsync(AccountInput input, CancellationToken ct = default)
    {
        if (!MayManageAccounts)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        var userName = input.UserName?.Trim() ?? "";
        if (userName.Length is < 2 or > 64 || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
        {
            return Outcome.Fail("用户名应为 2 至 64 个字母、数字、下划线、点或连字符。");
        }
        if (string.IsNullOrWhiteSpace(input.DisplayName))
        {
            return Outcome.Fail("请填写姓名。");
        }
        if (!Roles.All.Contains(input.Role))
        {
            return Outcome.Fail("请选择角色。");
        }
        if (Roles.IsUnitScoped(input.Role) && input.UnitId is null)
        {
            return Outcome.Fail($"角色「{Roles.DisplayName(input.Role)}」必须指定所属单位。");
        }
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (input.UnitId is { } unitId && !await db.Units.AnyAsync(u => u.Id == unitId && u.RetiredAt == null, ct))
            {
                return Outcome.Fail("所属单位不存在或已撤销。");
            }
        }
        if (await users.FindByNameAsync(userName) is not null)
        {
            return Outcome.Fail($"用户名「{userName}」已被使用。");
        }
        var account = new BatonUser
        {
            UserName = userName,
            DisplayName = input.DisplayName.Trim(),
            UnitId = Roles.IsUnitScoped(input.Role) ? input.UnitId : null,
            MustChangePassword = true,
            CreatedAt = Now(),
            LockoutEnabled = true,
        };
        return await InTransactionAsync(async () =>
        {
            var created = await users.CreateAsync(account, input.InitialPassword ?? "");
            if (!created.Succeeded)
            {
                return Describe(created);
            }
            return Describe(await users.AddToRoleAsync(account, input.Role));
        });
    }

    /// <summary>Sets a new initial password, which the person must change at next sign-in; also unlocks.</summary>
    public async Task<Outcome> ResetPasswordAsync(string userId, string newPassword, CancellationToken ct = default)
    {
        if (!MayManageAccounts)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        if (policy.PasswordProblems(newPassword, null) is { Count: > 0 } problems)
        {
            return Outcome.Fail(string.Join(" ", problems));
        }
        var account = await users.FindByIdAsync(userId);
        if (account is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        return await InTransactionAsync(async () =>
        {
            // Remove and add inside one transaction: no reset token (and so no data-protection keys) is needed.
            var removed = await users.RemovePasswordAsync(account);
            if (!removed.Succeeded)
            {
                return Describe(removed);
            }
            var added = await users.AddPasswordAsync(account, newPassword ?? "");
            if (!added.Succeeded)
            {
                return Describe(added);
            }
            account.MustChangePassword = true;
            account.LockoutEnd = null;
            account.AccessFailedCount = 0;
            return Describe(await users.UpdateAsync(account));
        });
    }

    public async Task<Outcome> SetDisabledAsync(string userId, bool disabled, CancellationToken ct = default)
    {
        if (!MayManageAccounts)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        var account = await users.FindByIdAsync(userId);
        if (account is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        if (account.UserName == user.UserName)
        {
            return Outcome.Fail("不能停用自己的账号。");
        }
        identityDb.ActAs(user);
        account.IsDisabled = disabled;
        var result = await users.UpdateAsync(account);
        if (result.Succeeded)
        {
            // A new stamp ends the person's open sessions at the next revalidation.
            await users.UpdateSecurityStampAsync(account);
        }
        return Describe(result);
    }

    /// <summary>Lifts a lockout before it expires (security administrator).</summary>
    public async Task<Outcome> UnlockAsync(string userId, CancellationToken ct = default)
    {
        if (!MayManageSecurity)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        var account = await users.FindByIdAsync(userId);
        if (account is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        identityDb.ActAs(user);
        account.LockoutEnd = null;
        account.AccessFailedCount = 0;
        return Describe(await users.UpdateAsync(account));
    }

    /// <summary>Changes one's own password; clears the forced change.</summary>
    public async Task<Outcome> ChangeOwnPasswordAsync(string currentPassword, string newPassword, string confirmation)
    {
        if (newPassword != confirmation)
        {
            return Outcome.Fail("两次输入的新密码不一致。");
        }
        if (currentPassword == newPassword)
        {
            return Outcome.Fail("新密码不能与当前密码相同。");
        }
        var account = await users.FindByNameAsync(user.UserName);
        if (account is null)
        {
            return Outcome.Fail(Outcome.NotFound);
        }
        return await InTransactionAsync(async () =>
        {
            var changed = await users.ChangePasswordAsync(account, currentPassword ?? "", newPassword ?? "");
            if (!changed.Succeeded)
            {
                return changed.Errors.Any(e => e.Code == "PasswordMismatch") ? Outcome.Fail("当前密码不正确。") : Describe(changed);
            }
            account.MustChangePassword = false;
            return Describe(await users.UpdateAsync(account));
        });
    }

    /// <summary>
    /// Checks a user name and password without telling a stranger whether the account exists.
    /// </summary>
    /// <remarks>
    /// Three leaks are closed here. An unknown name is checked against a decoy hash, so it costs the
    /// same password hashing as a known one. A wrong password is answered "用户名或密码不正确" whatever
    /// the account's state, so only the right password learns that an account is disabled or locked;
    /// GB/T 22239-2019 (等保 2.0) asks for failed-sign-in handling (limit, lock, time out), not for
    /// telling a guesser the account's state. The lockout rule itself is printed on the sign-in page.
    /// A locked account still has its password checked (Identity would answer at once without hashing).
    /// </remarks>
    public async Task<SignInCheck> CheckSignInAsync(string userName, string password, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        password ??= "";
        var account = string.IsNullOrEmpty(userName) ? null : await users.FindByNameAsync(userName);
        if (account is null)
        {
            decoy.Verify(users.PasswordHasher, password);
            return new SignInCheck(SignInVerdict.Invalid, null, "unknown user");
        }
        policy.Apply(users.Options);
        if (await users.IsLockedOutAsync(account))
        {
            return await users.CheckPasswordAsync(account, password)
                ? new SignInCheck(SignInVerdict.LockedOut, null, "locked out")
                : new SignInCheck(SignInVerdict.Invalid, null, "wrong password");
        }
        if (!await users.CheckPasswordAsync(account, password))
        {
            // Counts towards the lockout whatever the account's state, as Identity's own sign-in does.
            await users.AccessFailedAsync(account);
            return new SignInCheck(SignInVerdict.Invalid, null, await users.IsLockedOutAsync(account) ? "wrong password, now locked out" : "wrong password");
        }
        if (account.IsDisabled)
        {
            return new SignInCheck(SignInVerdict.Disabled, null, "disabled");
        }
        await users.ResetAccessFailedCountAsync(account);
        return new SignInCheck(SignInVerdict.SignedIn, account, "ok");
    }

    /// <summary>Names the person signing in as the actor of Identity's own changes on this request (failed-attempt count, lockout).</summary>
    public void ActAsSigningIn(string userName) =>
        identityDb.ActAs(new CurrentUser(string.IsNullOrEmpty(userName) ? CurrentUser.Anonymous.UserName : userName, [], null));

    /// <summary>Appends a sign-in event (<c>login.success</c>, <c>login.failed</c>, <c>logout</c>) to the audit trail, with the client address.</summary>
    public async Task RecordSignInAsync(string action, string userName, string? userId, string? reason, string? address, CancellationToken ct = default)
    {
        identityDb.AuditEvent(action, nameof(BatonUser), userId,
            reason is null ? null : JsonSerializer.Serialize(new { userName, reason }, s_json), address);
        await identityDb.SaveChangesAsync(ct);
    }

    private static readonly JsonSerializerOptions s_json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public SecuritySettings Settings => policy.Current;

    public async Task<Outcome> SaveSettingsAsync(SecuritySettings input, CancellationToken ct = default)
    {
        if (!MayManageSecurity)
        {
            return Outcome.Fail(Outcome.Forbidden);
        }
        var problem =
            input.MinPasswordLength is < 8 or > 64 ? "密码最小长度应在 8 至 64 之间。"
            : input.MinCharacterClasses is < 3 or > 4 ? "密码字符类别应为 3 或 4 类。"
            : input.MaxFailedSignIns is < 1 or > 10 ? "连续失败次数应在 1 至 10 之间。"
            : input.LockoutMinutes is < 1 or > 1440 ? "锁定时长应在 1 至 1440 分钟之间。"
            : input.IdleTimeoutMinutes is < 1 or > 30 ? "空闲超时应在 1 至 30 分钟之间（等保要求不超过 30 分钟）。"
            : input.SignInAttemptsPerMinute is < 1 or > 100 ? "每分钟登录尝试次数应在 1 至 100 之间。"
            : input.AuditRetentionDays < SecuritySettings.MinAuditRetentionDays ? $"审计记录保存期不得少于 {SecuritySettings.MinAuditRetentionDays} 天（六个月）。"
            : null;
        if (problem is not null)
        {
            return Outcome.Fail(problem);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var settings = await db.SecuritySettings.SingleAsync(s => s.Id == 1, ct);
        if (settings.Version != input.Version)
        {
            return Outcome.Fail(Outcome.Conflict);
        }
        settings.MinPasswordLength = input.MinPasswordLength;
        settings.MinCharacterClasses = input.MinCharacterClasses;
        settings.MaxFailedSignIns = input.MaxFailedSignIns;
        settings.LockoutMinutes = input.LockoutMinutes;
        settings.IdleTimeoutMinutes = input.IdleTimeoutMinutes;
        settings.SignInAttemptsPerMinute = input.SignInAttemptsPerMinute;
        settings.AuditRetentionDays = input.AuditRetentionDays;
        await db.ActAs(user).SaveChangesAsync(ct);
        policy.Set(settings);
        return Outcome.Success;
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private async Task<Outcome> InTransactionAsync(Func<Task<Outcome>> work)
    {
        identityDb.ActAs(user);
        await using var transaction = await identityDb.Database.BeginTransactionAsync();
        var outcome = await work();
        if (outcome.Ok)
        {
            await transaction.CommitAsync();
        }
        return outcome;
    }

    private static Outcome Describe(IdentityResult result) => result.Succeeded
        ? Outcome.Success
        : Outcome.Fail(string.Join(" ", result.Errors.Select(e => e.Description)));
}
