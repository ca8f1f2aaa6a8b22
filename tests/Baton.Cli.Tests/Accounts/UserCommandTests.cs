using Baton.Cli.Accounts;
using Baton.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;

namespace Baton.Cli.Tests.Accounts;

/// <summary><c>baton users</c>: the password comes from standard input or a hidden prompt, never from the command line.</summary>
public sealed class UserCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("baton-cli-users-").FullName;

    private string DbFile => Path.Combine(_folder, "baton.db");

    /// <summary>Whether <paramref name="password"/> opens the account, checked against the stored hash as sign-in does.</summary>
    private bool Opens(string userName, string password)
    {
        using var connection = new SqliteConnection($"Data Source={DbFile};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"PasswordHash\" FROM \"AspNetUsers\" WHERE \"UserName\" = $name";
        command.Parameters.AddWithValue("$name", userName);
        var hash = (string)command.ExecuteScalar()!;
        var user = new BatonUser { UserName = userName, DisplayName = userName };
        return new PasswordHasher<BatonUser>().VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed;
    }

    [Fact]
    public async Task Create_and_reset_read_the_password_from_standard_input()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("migrate", "--db", DbFile)).ExitCode);
        var created = await CliRunner.RunWithInputAsync("Chushi#2026\n", "users", "create", "--name", "zhang", "--display", "张三", "--role", "Office", "--db", DbFile);
        Assert.True(created.ExitCode == 0, created.StdErr);
        Assert.Contains("已新建账号 zhang", created.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("Chushi#2026", created.StdOut + created.StdErr, StringComparison.Ordinal);
        Assert.True(Opens("zhang", "Chushi#2026"));

        var reset = await CliRunner.RunWithInputAsync("Chongzhi#2026\n", "users", "reset-password", "--name", "zhang", "--db", DbFile);
        Assert.True(reset.ExitCode == 0, reset.StdErr);
        Assert.True(Opens("zhang", "Chongzhi#2026"));
        Assert.False(Opens("zhang", "Chushi#2026"));
    }

    [Fact]
    public async Task A_weak_or_missing_password_on_standard_input_is_refused_in_chinese()
    {
        var weak = await CliRunner.RunWithInputAsync("weak\n", "users", "create", "--name", "li", "--role", "Office", "--db", DbFile);
        Assert.Equal(2, weak.ExitCode);
        Assert.Contains("密码至少需要", weak.StdErr, StringComparison.Ordinal);

        var empty = await CliRunner.RunWithInputAsync("", "users", "create", "--name", "li", "--role", "Office", "--db", DbFile);
        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("标准输入中没有密码", empty.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_typed_password_is_read_without_echo_and_backspace_corrects_it()
    {
        var keys = new Queue<ConsoleKeyInfo>("Ab#1x".Select(c => new ConsoleKeyInfo(c, ConsoleKey.A, false, false, false)));
        keys.Enqueue(new ConsoleKeyInfo('\b', ConsoleKey.Backspace, false, false, false));
        foreach (var c in "2026")
        {
            keys.Enqueue(new ConsoleKeyInfo(c, ConsoleKey.D0, false, false, false));
        }
        keys.Enqueue(new ConsoleKeyInfo('\r', ConsoleKey.Enter, false, false, false));
        var echo = new StringWriter();
        Assert.Equal("Ab#12026", PasswordInput.ReadHidden(keys.Dequeue, echo));
        Assert.Equal(Environment.NewLine, echo.ToString());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
