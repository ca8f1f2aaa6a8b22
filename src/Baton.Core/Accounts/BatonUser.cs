using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Baton.Core.Accounts;

/// <summary>A person who signs in. Unit-scoped roles carry <see cref="UnitId"/>.</summary>
public sealed class BatonUser : IdentityUser
{
    public required string DisplayName { get; set; }

    /// <summary>The unit this account belongs to; required for unit-scoped roles.</summary>
    public long? UnitId { get; set; }

    /// <summary>Set when an administrator creates or resets the account: the person must choose a password at first sign-in.</summary>
    public bool MustChangePassword { get; set; }

    public bool IsDisabled { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>Account controls of a graded-protection (等保三级) system, editable by the security administrator.</summary>
public sealed class SecuritySettings : Versioned
{
    public int Id { get; set; }

    public int MinPasswordLength { get; set; } = 8;

    /// <summary>How many of the four character classes (lower, upper, digit, symbol) a password needs.</summary>
    public int MinCharacterClasses { get; set; } = 3;

    public int MaxFailedSignIns { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>Sign-in attempts allowed per client address per minute, checked before any password hashing.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>Days the audit trail is kept; at least 190 (等保 requires six months).</summary>
    public int AuditRetentionDays { get; set; } = 365;

    public const int MinAuditRetentionDays = 190;
}

internal sealed class BatonUserConfiguration : IEntityTypeConfiguration<BatonUser>
{
    public void Configure(EntityTypeBuilder<BatonUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(100);
        builder.HasIndex(u => u.UnitId);
    }
}

internal sealed class SecuritySettingsConfiguration : IEntityTypeConfiguration<SecuritySettings>
{
    public void Configure(EntityTypeBuilder<SecuritySettings> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasData(new SecuritySettings { Id = 1 });
    }
}
