using System.Globalization;
using System.Threading.RateLimiting;
using AntDesign;
using Baton.Core;
using Baton.Core.Accounts;
using Baton.Core.Demo;
using Baton.Web.Components;
using Baton.Web.Features.Accounts;
using Baton.Web.Features.Adjustments;
using Baton.Web.Features.Indicators;
using Baton.Web.Features.Planning;
using Baton.Web.Features.Progress;
using Baton.Web.Features.Ratings;
using Baton.Web.Features.ResultPages;
using Baton.Web.Features.Targets;
using Baton.Web.Features.Units;
using Baton.Web.Features.Warnings;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);
// Serve the packages' static assets (AntDesign's CSS and JS) when run from the build output, not only when published.
builder.WebHost.UseStaticWebAssets();

var database = BatonDatabase.FromConfiguration(builder.Configuration);
builder.Services.AddBaton(database);
builder.Services.AddSingleton<SessionActivity>();
builder.Services.AddHostedService<Baton.Web.Features.Audit.AuditRetention>();
builder.Services.AddHostedService<Baton.Web.Features.Warnings.WarningRefresh>();
builder.Services.AddHttpContextAccessor();

builder.Services.AddIdentity<BatonUser, IdentityRole>(BatonServices.ConfigureIdentity)
    .AddEntityFrameworkStores<BatonDbContext>()
    .AddDefaultTokenProviders()
    .AddPasswordValidator<PolicyPasswordValidator>();
builder.Services.ConfigureApplicationCookie(options =>
{
    options.LoginPath = "/login";
    options.LogoutPath = "/account/logout";
    options.AccessDeniedPath = "/access-denied";
    options.Cookie.Name = "baton";
    options.Cookie.HttpOnly = true;
    options.Cookie.SameSite = SameSiteMode.Strict;
    options.ExpireTimeSpan = TimeSpan.FromHours(12);
    options.SlidingExpiration = false;
    options.Events.OnValidatePrincipal = async context =>
    {
        var activity = context.HttpContext.RequestServices.GetRequiredService<SessionActivity>();
        var session = SessionActivity.SessionOf(context.Principal);
        if (activity.IsIdle(session, context.Properties.IssuedUtc))
        {
            activity.End(session);
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        activity.Touch(session);
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    };
});
builder.Services.Configure<SecurityStampValidatorOptions>(options =>
{
    options.ValidationInterval = TimeSpan.FromMinutes(1);
    // Identity rebuilds the principal from the database; keep the session's own claims.
    options.OnRefreshingPrincipal = context =>
    {
        var identity = context.NewPrincipal?.Identities.FirstOrDefault();
        foreach (var claim in context.CurrentPrincipal?.Claims.Where(c => c.Type.StartsWith("baton:", StringComparison.Ordinal)) ?? [])
        {
            identity?.AddClaim(new System.Security.Claims.Claim(claim.Type, claim.Value));
        }
        return Task.CompletedTask;
    };
});
// Chinese text is written as itself, not as numeric character references.
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
    options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.Services.AddAuthorization(Policies.Add);
builder.Services.AddRateLimiter(options =>
{
    options.AddPolicy(AccountEndpoints.SignInRateLimit, http =>
    {
        var policy = http.RequestServices.GetRequiredService<SecurityPolicy>();
        return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = policy.Current.SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    });
    options.OnRejected = (context, _) =>
    {
        context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.HttpContext.Response.Redirect("/login?error=rate");
        return ValueTask.CompletedTask;
    };
});

builder.Services.AddScoped(CurrentUserFactory.Create);
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddAntDesign();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
// After the framework's own registration, so that circuits get the revalidating provider.
builder.Services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
builder.Services.AddScoped<CircuitHandler, ActivityCircuitHandler>();
builder.Services.AddAntiforgery();

var app = builder.Build();

var zh = new CultureInfo("zh-CN");
CultureInfo.DefaultThreadCurrentCulture = zh;
CultureInfo.DefaultThreadCurrentUICulture = zh;
LocaleProvider.SetLocale("zh-CN");

await StartupAsync(app);

// As deployed: a Chinese error page, the exception only in the log. Development shows the exception page.
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}
app.UseRequestLocalization(new RequestLocalizationOptions { DefaultRequestCulture = new RequestCulture(zh), SupportedCultures = [zh], SupportedUICultures = [zh] });
app.UseStatusCodePagesWithReExecute("/not-found", "?status={0}");
app.UseMiddleware<ErrorPagesAsGet>();
app.UseAuthentication();
app.UseRateLimiter();
app.UseMiddleware<ForcedPasswordChange>();
app.UseAuthorization();
app.UseAntiforgery();
// The change-password page needs its CSS and scripts; static files hold no data and are open to anyone anyway.
app.MapStaticAssets().AllowAnonymous().WithMetadata(new PermittedBeforePasswordChangeAttribute());
app.MapAccountEndpoints();
app.MapUnitEndpoints();
app.MapRatingEndpoints();
app.MapIndicatorEndpoints();
app.MapTargetEndpoints();
app.MapPlanningEndpoints();
app.MapIssuanceEndpoints();
app.MapProgressEndpoints();
app.MapEvidenceEndpoints();
app.MapResultEndpoints();
app.MapWarningEndpoints();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();

// Migrates the database, loads the demo county into an empty one and reads the security policy.
static async Task StartupAsync(WebApplication app)
{
    var services = app.Services;
    var database = services.GetRequiredService<BatonDatabase>();
    var factory = services.GetRequiredService<IDbContextFactory<BatonDbContext>>();
    await database.MigrateAsync(factory);
    await using (var scope = services.CreateAsyncScope())
    {
        var demo = scope.ServiceProvider.GetRequiredService<DemoCounty>();
        if (await demo.IsEmptyAsync())
        {
            await demo.SeedAsync();
            Console.WriteLine(DemoCounty.Banner());
        }
    }
    await services.GetRequiredService<SecurityPolicy>().LoadAsync(factory);
    Console.WriteLine($"指挥棒使用数据库：{database}");
}

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
