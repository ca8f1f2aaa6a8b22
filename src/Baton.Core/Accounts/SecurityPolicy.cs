using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Accounts;

/// <summary>
/// The security settings in force, read once at start and replaced whenever the security
/// administrator saves them, so that sign-in, password checks and idle timeouts need no query.
/// </summary>
public sealed class SecurityPolicy
{
    private volatile SecuritySettings _current = new() { Id = 1 };

    public SecuritySettings Current => _current;

    public async Task LoadAsync(IDbContextFactory<BatonDbContext> dbFactory, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        _current = await db.SecuritySettings.AsNoTracking().SingleAsync(s => s.Id == 1, ct);
    }

    internal void Set(SecuritySettings settings) => _current = settings;

    /// <summary>Copies the lockout rules into Identity's options before a sign-in is checked.</summary>
    public void Apply(IdentityOptions options)
    {
        var s = _current;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = s.MaxFailedSignIns;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(s.LockoutMinutes);
    }

    /// <summary>Chinese messages for every rule the password breaks; empty when it is acceptable.</summary>
    public IReadOnlyList<string> PasswordProblems(string? password, string? userName)
    {
        var s = _current;
        password ??= "";
        List<string> problems = [];
        if (password.Length < s.MinPasswordLength)
        {
            problems.Add($"密码至少需要 {s.MinPasswordLength} 个字符。");
        }
        var classes = (password.Any(char.IsLower) ? 1 : 0) + (password.Any(char.IsUpper) ? 1 : 0)
            + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        if (classes < s.MinCharacterClasses)
        {
            problems.Add($"密码需包含小写字母、大写字母、数字、符号中的至少 {s.MinCharacterClasses} 类。");
        }
        if (!string.IsNullOrEmpty(userName) && password.Contains(userName, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("密码不能包含用户名。");
        }
        return problems;
    }
}

/// <summary>Identity's password check, by the rules of <see cref="SecurityPolicy"/>.</summary>
public sealed class PolicyPasswordValidator(SecurityPolicy policy) : IPasswordValidator<BatonUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<BatonUser> manager, BatonUser user, string? password)
    {
        var problems = policy.PasswordProblems(password, user.UserName);
        return Task.FromResult(problems.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed(problems.Select(p => new IdentityError { Code = "Policy", Description = p }).ToArray()));
    }
}
