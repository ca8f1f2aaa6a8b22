namespace Baton.Core.Accounts;

/// <summary>
/// Who is acting, as every feature service sees it. Unit-scoped users (reporter, head, lead reviewer)
/// act for <see cref="UnitId"/> only; services check <see cref="MaySee"/> and <see cref="MayChange"/>
/// on every unit they touch.
/// </summary>
public sealed record CurrentUser(string UserName, IReadOnlyCollection<string> Roles, long? UnitId)
{
    /// <summary>The seeder and CLI commands run as this user.</summary>
    public static CurrentUser System { get; } = new("system", [Accounts.Roles.Admin, Accounts.Roles.Office], null);

    public static CurrentUser Anonymous { get; } = new("anonymous", [], null);

    public bool IsInRole(string role) => Roles.Contains(role);

    public bool IsInAnyRole(params ReadOnlySpan<string> roles)
    {
        foreach (var role in roles)
        {
            if (Roles.Contains(role))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when every role the user holds is unit-scoped: the user sees only their own unit.</summary>
    public bool IsUnitScoped => Roles.Count > 0 && Roles.All(Accounts.Roles.IsUnitScoped);

    /// <summary>County-wide readers of unit data.</summary>
    public bool SeesAllUnits => IsInAnyRole(Accounts.Roles.Admin, Accounts.Roles.Office, Accounts.Roles.Overseer, Accounts.Roles.Leader);

    public bool MaySee(long unitId) => SeesAllUnits || UnitId == unitId;

    /// <summary>Only the office and the system administrator change unit master data.</summary>
    public bool MayManageUnits => IsInAnyRole(Accounts.Roles.Admin, Accounts.Roles.Office);

    public bool MayChange(long unitId) => MayManageUnits || (IsUnitScoped && UnitId == unitId);
}
