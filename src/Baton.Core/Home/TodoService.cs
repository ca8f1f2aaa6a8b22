using Baton.Core.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Baton.Core.Home;

/// <summary>One thing the signed-in person should do, with the page where it is done.</summary>
public sealed record Todo(string Title, string Link);

/// <summary>The home page's to-do list: what each role has open now. Features add their own items here.</summary>
public sealed class TodoService(IDbContextFactory<BatonDbContext> dbFactory, CurrentUser user)
{
    public async Task<IReadOnlyList<Todo>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var todos = new List<Todo>();
        var year = await db.Years.AsNoTracking().SingleOrDefaultAsync(y => y.IsCurrent, ct);
        if (user.IsInRole(Roles.Office))
        {
            if (year is null)
            {
                todos.Add(new Todo("尚未建立考核年度，请先新建年度。", "/years"));
            }
            else
            {
                var active = db.Units.Where(u => u.RetiredAt == null);
                var uncategorised = await active.CountAsync(u => !db.CategoryMemberships.Any(m => m.Year == year.Year && m.UnitId == u.Id), ct);
                if (uncategorised > 0)
                {
                    todos.Add(new Todo($"{uncategorised} 个单位尚未分配 {year.Year} 年度考核类别。", "/units"));
                }
                var leaderless = await active.CountAsync(u => !u.Leaders.Any(l => l.Until == null), ct);
                if (leaderless > 0)
                {
                    todos.Add(new Todo($"{leaderless} 个单位尚未登记一把手。", "/units"));
                }
            }
        }
        if (user.IsInRole(Roles.SecurityAdmin))
        {
            var now = db.Clock.GetUtcNow();
            var locked = (await db.Users.AsNoTracking().Where(u => u.LockoutEnd != null).Select(u => u.LockoutEnd).ToListAsync(ct))
                .Count(end => end > now);
            if (locked > 0)
            {
                todos.Add(new Todo($"{locked} 个账号因连续输错密码被锁定，请核实后处理。", "/security"));
            }
        }
        if (user.IsInRole(Roles.Auditor))
        {
            var since = db.UtcNow.AddDays(-1);
            var failed = await db.AuditEntries.CountAsync(a => a.Action == "login.failed" && a.At >= since, ct);
            if (failed > 0)
            {
                todos.Add(new Todo($"最近 24 小时有 {failed} 次登录失败，请查阅。", "/audit"));
            }
        }
        if (user.IsInRole(Roles.Rater))
        {
            // Only rounds whose year takes submissions now (the year gate) are something to do.
            var rating = Years.YearGate.StatesFor(Years.YearActivity.Rate).ToList();
            var pending = await (from r in db.RatingRaters
                                 join u in db.Users on r.UserId equals u.Id
                                 join round in db.RatingRounds on r.RoundId equals round.Id
                                 join y in db.Years on round.Year equals y.Year
                                 where u.UserName == user.UserName && r.SubmittedAt == null && !round.IsClosed && rating.Contains(y.State)
                                 select r.Id).CountAsync(ct);
            if (pending > 0)
            {
                todos.Add(new Todo($"有 {pending} 份评议待填写。", "/ratings/my"));
            }
        }
        if (user.IsUnitScoped && user.UnitId is { } unitId
            && !await db.UnitLeaders.AnyAsync(l => l.UnitId == unitId && l.Until == null, ct))
        {
            todos.Add(new Todo("本单位尚未登记一把手，请联系县考核办。", "/units"));
        }
        return todos;
    }
}
