using Baton.Core.Accounts;

namespace Baton.Core.Tests.Accounts;

/// <summary>A sign-in attempt learns nothing about an account from a wrong password.</summary>
public abstract class SignInCheckTests(DatabaseProvider provider) : DatabaseTest(provider)
{
    private async Task<string> AccountAsync(string userName)
    {
        var accounts = Db.Service<AccountService>(Admin);
        Assert.True((await accounts.CreateAsync(new AccountInput(userName, "张三", Roles.Office, null, "Chushi#2026"))).Ok);
        return (await accounts.ListAsync()).Single(a => a.UserName == userName).Id;
    }

    private Task<SignInCheck> CheckAsync(string userName, string password) =>
        Db.Service<AccountService>(CurrentUser.Anonymous).CheckSignInAsync(userName, password);

    [Fact]
    public async Task The_right_password_signs_in_and_an_unknown_name_is_just_invalid()
    {
        await AccountAsync("zhang");
        var signedIn = await CheckAsync("zhang", "Chushi#2026");
        Assert.Equal(SignInVerdict.SignedIn, signedIn.Verdict);
        Assert.Equal("zhang", signedIn.Account!.UserName);

        var unknown = await CheckAsync("nobody", "Chushi#2026");
        Assert.Equal((SignInVerdict.Invalid, "unknown user"), (unknown.Verdict, unknown.Reason));
        Assert.Null(unknown.Account);
    }

    [Fact]
    public async Task A_locked_account_says_so_only_to_the_right_password()
    {
        await AccountAsync("zhang");
        var reasons = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await CheckAsync("zhang", "wrong-password");
            Assert.Equal(SignInVerdict.Invalid, wrong.Verdict);
            reasons.Add(wrong.Reason);
        }
        Assert.Equal([.. Enumerable.Repeat("wrong password", 4), "wrong password, now locked out"], reasons);
        Assert.Equal(SignInVerdict.Invalid, (await CheckAsync("zhang", "wrong-password")).Verdict);
        var right = await CheckAsync("zhang", "Chushi#2026");
        Assert.Equal(SignInVerdict.LockedOut, right.Verdict);
        Assert.Null(right.Account);
    }

    [Fact]
    public async Task A_disabled_account_says_so_only_to_the_right_password()
    {
        var id = await AccountAsync("zhang");
        Assert.True((await Db.Service<AccountService>(Admin).SetDisabledAsync(id, true)).Ok);
        Assert.Equal(SignInVerdict.Invalid, (await CheckAsync("zhang", "wrong-password")).Verdict);
        var right = await CheckAsync("zhang", "Chushi#2026");
        Assert.Equal(SignInVerdict.Disabled, right.Verdict);
        Assert.Null(right.Account);
    }
}

public sealed class SqliteSignInCheckTests() : SignInCheckTests(DatabaseProvider.Sqlite);

public sealed class PostgresSignInCheckTests() : SignInCheckTests(DatabaseProvider.Postgres);
