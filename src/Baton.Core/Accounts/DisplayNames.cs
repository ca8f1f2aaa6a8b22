using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Accounts;

/// <summary>
/// The names people are shown by. Rows record who acted by user name (<c>office</c>, <c>reviewer</c>);
/// pages show the person's name instead (县考核办, 发改局考核专员). All accounts' names are read once
/// per scope (a county has hundreds of accounts, not millions), so a table of rows costs one query.
/// </summary>
public sealed class DisplayNames(IDbContextFactory<BatonDbContext> dbFactory, CurrentUser user)
{
    private Task<Dictionary<string, string>>? _names;

    /// <summary>The display name of the account <paramref name="userName"/>; a name that is no account (a data source, a deleted account) as it is.</summary>
    public async Task<string> OfAsync(string userName, CancellationToken ct = default)
    {
        if (userName == CurrentUser.System.UserName)
        {
            return "系统";
        }
        if (userName == CurrentUser.Anonymous.UserName)
        {
            return "匿名";
        }
        // Colleagues' names are for signed-in staff; the public pages never ask.
        if (user.UserName == CurrentUser.Anonymous.UserName)
        {
            return userName;
        }
        var names = await (_names ??= LoadAsync(ct));
        return names.TryGetValue(userName, out var name) ? name : userName;
    }

    private async Task<Dictionary<string, string>> LoadAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.UserName != null)
            .ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, StringComparer.Ordinal, ct);
    }
}
