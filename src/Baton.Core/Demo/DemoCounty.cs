using System.Security.Cryptography;
using Baton.Core.Accounts;
using Baton.Core.Adjustments;
using Baton.Core.Units;
using Baton.Core.Years;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Demo;

/// <summary>One demo account: its user name, role and, for unit-scoped roles, the code of its unit.</summary>
public sealed record DemoAccount(string UserName, string DisplayName, string Role, string? UnitCode);

/// <summary>
/// The demo county 示范县: a deterministic generator (the same seed gives the same data) of units,
/// categories, leaders, accounts and years. Each feature adds its own stage to <see cref="SeedAsync"/>,
/// drawing from the same <see cref="Random"/> in a fixed order, so the county grows with the product.
/// Secrets are the exception: security stamps and rating-link tokens come from the cryptographic
/// generator, so no two installs share them and the source does not reveal them.
/// </summary>
public sealed class DemoCounty(IDbContextFactory<BatonDbContext> dbFactory, IPasswordHasher<BatonUser> hasher, TimeProvider clock, EvidenceStore evidence)
{
    public const int DefaultSeed = 2025;

    /// <summary>Demo only: printed at first start and in the README; never use it for real accounts.</summary>
    public const string DemoPassword = "Baton#2025";

    public const int PreviousYear = 2025;
    public const int CurrentYear = 2026;

    /// <summary>
    /// How far the demo's story of <see cref="CurrentYear"/> goes: 1 December 2026, 09:00 in Beijing, with October's
    /// reports in and November's due on the 5th. Loaded earlier (tests run on a fake clock in March), the demo holds
    /// what had happened by the clock's now; loaded later, it stops here.
    /// </summary>
    public static readonly DateTime StoryEnd = new(2026, 12, 1, 1, 0, 0, DateTimeKind.Utc);

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("admin", "系统管理员", Roles.Admin, null),
        new("secadmin", "安全管理员", Roles.SecurityAdmin, null),
        new("auditor", "审计管理员", Roles.Auditor, null),
        new("office", "县考核办", Roles.Office, null),
        new("leader", "县领导", Roles.Leader, null),
        new("overseer", "县委组织部", Roles.Overseer, null),
        new("reviewer", "发改局考核专员", Roles.LeadReviewer, "D01"),
        new("reporter", "城关镇填报员", Roles.UnitReporter, "T01"),
        new("head", "城关镇负责人", Roles.UnitHead, "T01"),
        new("rater", "人大代表", Roles.Rater, null),
        new("operator", "电话调查员", Roles.SurveyOperator, null),
    ];

    internal static readonly (string Code, string Name, UnitKind Kind)[] Categories =
    [
        ("TOWN-A", "镇一类（重点镇）", UnitKind.Town),
        ("TOWN-B", "镇二类（一般镇）", UnitKind.Town),
        ("DEPT-ECON", "经济发展部门", UnitKind.Department),
        ("DEPT-SOC", "社会事业部门", UnitKind.Department),
        ("DEPT-PARTY", "党群部门", UnitKind.Department),
        ("DEPT-LAW", "政法执纪部门", UnitKind.Department),
    ];

    private static readonly string[] s_towns =
        ["城关镇", "东河镇", "西坝镇", "南山镇", "北塬镇", "清水镇", "石门镇", "桃花镇", "龙泉镇", "白马镇", "柳林镇", "金川镇"];

    private static readonly (string Category, string[] Names)[] s_departments =
    [
        ("DEPT-ECON", ["县发展和改革局", "县工业和信息化局", "县财政局", "县商务局", "县农业农村局", "县自然资源局",
                       "县住房和城乡建设局", "县交通运输局", "县水利局", "县文化和旅游局", "县统计局", "县投资促进中心"]),
        ("DEPT-SOC", ["县教育局", "县卫生健康局", "县人力资源和社会保障局", "县民政局", "县医疗保障局", "县退役军人事务局",
                      "县应急管理局", "县市场监督管理局", "市生态环境局县分局", "县林业局"]),
        ("DEPT-PARTY", ["县委办公室", "县委组织部", "县委宣传部", "县委统战部", "县委政法委", "县纪委监委机关",
                        "县总工会", "团县委", "县妇联"]),
        ("DEPT-LAW", ["县公安局", "县司法局", "县信访局", "县审计局"]),
    ];

    private static readonly string[] s_surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"];
    private static readonly string[] s_givenNames = ["建国", "志强", "海燕", "文军", "丽华", "国栋", "晓东", "红梅", "卫东", "春生", "秀英", "立新", "爱民", "振华", "桂芳", "永福"];

    /// <summary>What the first start prints: the demo accounts and their (demo-only) password.</summary>
    public static string Banner() =>
        "已载入示范县演示数据。演示账号（仅供演示，密码均为 " + DemoPassword + "）：\n"
        + string.Join("\n", Accounts.Select(a => $"  {a.UserName,-10} {Roles.DisplayName(a.Role)}"))
        + "\n  team1–team5 考核组、leader1–leader6 县领导（评议人，密码同上）";

    /// <summary>True when the database has no units and no accounts: a first start.</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return !await db.Units.AnyAsync(ct) && !await db.Users.AnyAsync(ct);
    }

    /// <summary>Loads the demo county into an empty database, in one transaction.</summary>
    public async Task SeedAsync(int seed = DefaultSeed, CancellationToken ct = default)
    {
        var random = new Random(seed);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ActAs(CurrentUser.System);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // One hash for every demo account (they share the demo password): first start stays fast.
        var passwordHash = hasher.HashPassword(new BatonUser { DisplayName = "" }, DemoPassword);
        var now = clock.GetUtcNow().UtcDateTime;
        var units = await SeedUnitsAsync(db, random, ct);
        foreach (var account in Accounts)
        {
            AddAccount(db, account, account.UnitCode is null ? null : units[account.UnitCode].Id, passwordHash, now);
        }
        await db.SaveChangesAsync(ct);
        await SeedYearsAsync(db, ct);
        // Ratings before indicators: the 2025 results that the indicator stage computes take the calibrated ratings.
        await DemoRatings.SeedAsync(db, random, units, passwordHash, now, ct);
        await DemoIndicators.SeedAsync(db, random, units, evidence, ct);
        // 2026's daily appraisal as far as the story had come by now.
        var storyNow = now < StoryEnd ? now : StoryEnd;
        await DemoPlanning.SeedAsync(db, random, units, storyNow, ct);
        await DemoProgress.SeedAsync(db, random, units, evidence, storyNow, ct);
        await DemoProjects.SeedAsync(db, random, units, storyNow, ct);
        // Later features add their stages here, in order, drawing from the same random.
        await transaction.CommitAsync(ct);
    }

    private static async Task<Dictionary<string, Unit>> SeedUnitsAsync(BatonDbContext db, Random random, CancellationToken ct)
    {
        var units = new Dictionary<string, Unit>(StringComparer.Ordinal);
        for (var i = 0; i < s_towns.Length; i++)
        {
            units[$"T{i + 1:00}"] = new Unit { Code = $"T{i + 1:00}", Name = s_towns[i], Kind = UnitKind.Town };
        }
        var d = 0;
        foreach (var (_, names) in s_departments)
        {
            foreach (var name in names)
            {
                d++;
                units[$"D{d:00}"] = new Unit { Code = $"D{d:00}", Name = name, Kind = UnitKind.Department };
            }
        }
        db.Units.AddRange(units.Values);
        await db.SaveChangesAsync(ct);

        // One person per unit: a drawn name already taken moves on to the next given name, so nobody leads two units
        // at once; the draws from random stay as they were, so the rest of the demo does not change.
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unit in units.Values)
        {
            var (surname, given) = (random.Next(s_surnames.Length), random.Next(s_givenNames.Length));
            var name = s_surnames[surname] + s_givenNames[given];
            for (var step = 1; !taken.Add(name); step++)
            {
                name = s_surnames[(surname + step / s_givenNames.Length) % s_surnames.Length] + s_givenNames[(given + step) % s_givenNames.Length];
            }
            var post = unit.Kind == UnitKind.Town ? "镇党委书记" : unit.Name.EndsWith('局') ? "局长" : "主要负责人";
            var since = new DateOnly(2019 + random.Next(6), 1 + random.Next(12), 1 + random.Next(28));
            db.UnitLeaders.Add(new UnitLeader { UnitId = unit.Id, Person = new Person { Name = name }, Post = post, Since = since });
        }

        foreach (var year in new[] { PreviousYear, CurrentYear })
        {
            var categories = Categories.ToDictionary(c => c.Code, c => new UnitCategory { Year = year, Code = c.Code, Name = c.Name, Kind = c.Kind });
            db.UnitCategories.AddRange(categories.Values);
            await db.SaveChangesAsync(ct);
            // The first five towns are the larger ones (镇一类).
            for (var i = 0; i < s_towns.Length; i++)
            {
                var category = categories[i < 5 ? "TOWN-A" : "TOWN-B"];
                db.CategoryMemberships.Add(new CategoryMembership { Year = year, UnitId = units[$"T{i + 1:00}"].Id, CategoryId = category.Id });
            }
            d = 0;
            foreach (var (code, names) in s_departments)
            {
                foreach (var _ in names)
                {
                    d++;
                    db.CategoryMemberships.Add(new CategoryMembership { Year = year, UnitId = units[$"D{d:00}"].Id, CategoryId = categories[code].Id });
                }
            }
        }
        await db.SaveChangesAsync(ct);
        return units;
    }

    /// <summary>Adds a demo account with its role; its stamps are secrets, so they come from the cryptographic generator.</summary>
    internal static BatonUser AddAccount(BatonDbContext db, DemoAccount account, long? unitId, string passwordHash, DateTime now)
    {
        var user = new BatonUser
        {
            Id = $"demo-{account.UserName}",
            UserName = account.UserName,
            NormalizedUserName = account.UserName.ToUpperInvariant(),
            DisplayName = account.DisplayName,
            UnitId = unitId,
            SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            ConcurrencyStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            LockoutEnabled = true,
            CreatedAt = now,
            PasswordHash = passwordHash,
        };
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = $"role-{account.Role.ToLowerInvariant()}" });
        return user;
    }

    private static async Task SeedYearsAsync(BatonDbContext db, CancellationToken ct)
    {
        foreach (var year in new[] { PreviousYear, CurrentYear })
        {
            // Years start in Draft; the indicator stage moves them on once their targets exist (DemoIndicators).
            db.Years.Add(new AppraisalYear { Year = year, Name = $"{year}年度目标责任考核", State = YearState.Draft, IsCurrent = year == CurrentYear });
        }
        await db.SaveChangesAsync(ct);
    }
}
