using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Baton.Web.Features.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace Baton.E2E;

/// <summary>
/// The real app as deployed (Production) on Kestrel (a free loopback port, a fresh SQLite file with
/// the demo county) and Debian's Chromium driven by Playwright. A test class that changes data (or
/// the clock) has one of its own; the tests that only read share one (<see cref="ReadOnlyDemo"/>).
/// </summary>
public class BrowserApp : IAsyncLifetime
{
    /// <summary>The clock's start for most tests: 2 March 2026, 09:00 in Beijing, February being reported.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    public BrowserApp() : this(DefaultStart)
    {
    }

    /// <summary>An app whose clock starts at <paramref name="start"/>: the demo county is loaded as it stood then.</summary>
    protected BrowserApp(DateTimeOffset start) => Clock = new FakeTimeProvider(start);

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"baton-e2e-{Guid.NewGuid():N}.db");
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The app's clock: tests move it to make a session idle.</summary>
    public FakeTimeProvider Clock { get; }

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>The server's checks of live circuits' sign-ins, as it logs them.</summary>
    public Revalidations Revalidations { get; } = new();

    public async Task InitializeAsync()
    {
        // The suite runs beside the other test projects on two cores: a page may take longer than
        // Playwright's 5 s to answer without anything being wrong.
        Assertions.SetDefaultExpectTimeout(20_000);
        var port = FreePort();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.ConfigureLogging(logging => logging.AddProvider(Revalidations)
                .AddFilter<Revalidations>(RevalidatingAuthenticationStateProvider.LogCategory, LogLevel.Debug));
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:Path", _path);
            builder.UseSetting("urls", $"http://127.0.0.1:{port}");
            builder.UseSetting("Security:CircuitRevalidationSeconds", "1");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        });
        _factory.UseKestrel();
        _factory.StartServer();
        BaseUrl = $"http://127.0.0.1:{port}";

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("BATON_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            // As root Chromium needs --no-sandbox; the rest keeps it off a network this machine does not have.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the login form and waits until the landing page's circuit is interactive.</summary>
    public async Task SignInAsync(IPage page, string userName, string password = "Baton#2025")
    {
        await page.GotoAsync(BaseUrl + "/login");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
    }

    /// <summary>Clicks before the Blazor circuit is interactive are lost: wait for the layout's marker.</summary>
    public static Task WaitInteractiveAsync(IPage page) =>
        page.WaitForSelectorAsync("#baton-ready[data-ready='1']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }
}

/// <summary>Tests that only read the demo county share one app and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class ReadOnlyDemo : ICollectionFixture<BrowserApp>
{
    public const string Name = "Demo county, read only";
}

/// <summary>
/// Counts the server's revalidations of live circuits per user and whether each found the sign-in
/// still valid, so that a test can wait for the server to have looked instead of sleeping.
/// </summary>
public sealed class Revalidations : ILoggerProvider
{
    private readonly Lock _lock = new();
    private readonly List<(string User, bool Valid)> _checks = [];
    private readonly List<(Func<bool> Done, TaskCompletionSource Signal)> _waiters = [];

    /// <summary>How many checks of <paramref name="user"/>'s circuits have been made so far.</summary>
    public int Count(string user)
    {
        lock (_lock)
        {
            return _checks.Count(c => c.User == user);
        }
    }

    /// <summary>Waits until <paramref name="user"/>'s circuits have been checked <paramref name="more"/> more times than <paramref name="since"/>; returns those checks' verdicts.</summary>
    public async Task<IReadOnlyList<bool>> WaitAsync(string user, int since, int more, TimeSpan timeout)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool Done() => _checks.Count(c => c.User == user) >= since + more;
        lock (_lock)
        {
            if (Done())
            {
                signal.SetResult();
            }
            else
            {
                _waiters.Add((Done, signal));
            }
        }
        await signal.Task.WaitAsync(timeout);
        lock (_lock)
        {
            return _checks.Where(c => c.User == user).Skip(since).Take(more).Select(c => c.Valid).ToList();
        }
    }

    private void Add(string user, bool valid)
    {
        lock (_lock)
        {
            _checks.Add((user, valid));
            foreach (var waiter in _waiters.Where(w => w.Done()).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Signal.SetResult();
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(Revalidations owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => category == RevalidatingAuthenticationStateProvider.LogCategory;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel) && state is IReadOnlyList<KeyValuePair<string, object?>> values
                && values.FirstOrDefault(v => v.Key == "User").Value is string user && values.FirstOrDefault(v => v.Key == "Valid").Value is bool valid)
            {
                owner.Add(user, valid);
            }
        }
    }
}
