using System.Net;
using System.Text.RegularExpressions;
using Baton.Core.Accounts;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Baton.Web.Tests;

/// <summary>
/// The web app as deployed (the Production environment) on a fresh SQLite file with the demo county, a
/// fake clock, and (unless told otherwise) a sign-in rate limit high enough for tests that sign in many
/// users. <see cref="UnhandledPath"/> throws, to see what a person is shown when something breaks.
/// </summary>
public sealed partial class BatonWebFactory : WebApplicationFactory<Program>
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"baton-web-{Guid.NewGuid():N}.db");
    private readonly int? _signInAttemptsPerMinute;

    public BatonWebFactory() : this(100)
    {
    }

    internal BatonWebFactory(int? signInAttemptsPerMinute) => _signInAttemptsPerMinute = signInAttemptsPerMinute;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    /// <summary>A request here throws an exception the app does not handle.</summary>
    public const string UnhandledPath = "/test/unhandled";

    /// <summary>The message of that exception, which must reach the log and never the browser.</summary>
    public const string UnhandledDetail = "Test failure in /work/src/Secret/Source.cs with a detail";

    /// <summary>Signing in with this user name throws inside the sign-in form's post.</summary>
    public const string UnhandledUserName = "unhandled-failure";

    /// <summary>What the app logged.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>Identity's own password hasher, counting how often a password is checked.</summary>
    public CountingPasswordHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:Path", _path);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IPasswordHasher<BatonUser>>(Hasher);
            services.AddSingleton<IStartupFilter, UnhandledFailure>();
            services.AddSingleton<ILookupNormalizer, FailingNormalizer>();
        });
    }

    /// <summary>Starts the app and applies the test's rate limit through the security administrator's own service.</summary>
    public async Task StartAsync()
    {
        _ = Server;
        if (_signInAttemptsPerMinute is { } limit)
        {
            await using var scope = Services.CreateAsyncScope();
            var security = ActivatorUtilities.CreateInstance<AccountService>(scope.ServiceProvider, new CurrentUser("secadmin", [Roles.SecurityAdmin], null));
            var settings = security.Settings;
            var outcome = await security.SaveSettingsAsync(new SecuritySettings
            {
                Version = settings.Version, MinPasswordLength = settings.MinPasswordLength, MinCharacterClasses = settings.MinCharacterClasses,
                MaxFailedSignIns = settings.MaxFailedSignIns, LockoutMinutes = settings.LockoutMinutes, IdleTimeoutMinutes = settings.IdleTimeoutMinutes,
                SignInAttemptsPerMinute = limit, AuditRetentionDays = settings.AuditRetentionDays,
            });
            Assert.True(outcome.Ok, outcome.Error);
        }
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the login form, as a browser does. Returns the client and the response to the form post.</summary>
    public async Task<(HttpClient Client, HttpResponseMessage Response)> SignInAsync(string userName, string password = "Baton#2025")
    {
        var client = Anonymous();
        var response = await PostLoginAsync(client, userName, password);
        return (client, response);
    }

    public async Task<HttpClient> SignedInAsync(string userName)
    {
        var (client, response) = await SignInAsync(userName);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("error", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        return client;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password)
    {
        var token = await AntiforgeryTokenAsync(client, "/login");
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName,
            ["password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>The query of a redirect's target (the app redirects to relative addresses).</summary>
    public static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> LocationQuery(HttpResponseMessage response) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), response.Headers.Location!).Query);

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page) =>
        AntiforgeryToken(await client.GetStringAsync(page));

    /// <summary>The antiforgery token of the form in <paramref name="html"/>.</summary>
    public static string AntiforgeryToken(string html)
    {
        var match = TokenInput().Match(html);
        Assert.True(match.Success, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }
}

/// <summary>Identity's password hasher, unchanged, with a count of password checks (no timing needed to compare two sign-ins).</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<BatonUser>
{
    private readonly PasswordHasher<BatonUser> _inner = new();
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public void Reset() => Interlocked.Exchange(ref _verifications, 0);

    public string HashPassword(BatonUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(BatonUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>Throws at <see cref="BatonWebFactory.UnhandledPath"/>, behind the app's whole pipeline (so inside its error handling).</summary>
internal sealed class UnhandledFailure : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Use((HttpContext context, RequestDelegate rest) =>
            context.Request.Path == BatonWebFactory.UnhandledPath ? throw new InvalidOperationException(BatonWebFactory.UnhandledDetail) : rest(context));
    };
}

/// <summary>Identity's normalizer, except that it throws for <see cref="BatonWebFactory.UnhandledUserName"/>.</summary>
internal sealed class FailingNormalizer : ILookupNormalizer
{
    private readonly UpperInvariantLookupNormalizer _inner = new();

    public string? NormalizeName(string? name) =>
        name == BatonWebFactory.UnhandledUserName ? throw new InvalidOperationException(BatonWebFactory.UnhandledDetail) : _inner.NormalizeName(name);

    public string? NormalizeEmail(string? email) => _inner.NormalizeEmail(email);
}

/// <summary>Every log entry the app writes, with its exception.</summary>
public sealed class LogCapture : ILoggerProvider
{
    public sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception);

    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception));
            }
        }
    }
}
