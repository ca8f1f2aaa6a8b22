using System.Net;
using System.Text.RegularExpressions;
using Baton.Core;
using Baton.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace Baton.Web.Tests.Audit;

/// <summary>The audit trail read in Chinese: every entity type it records and every action it writes has a name.</summary>
public sealed partial class AuditNamesTests(BatonWebFactory app) : IClassFixture<BatonWebFactory>
{
    private static bool IsChinese(string text) => text.Any(c => c is >= '\u4e00' and <= '\u9fff');

    [Fact]
    public void Every_audited_entity_type_has_a_chinese_name()
    {
        using var db = new BatonDbContext(new DbContextOptionsBuilder<BatonDbContext>().UseSqlite("Data Source=:memory:").Options, TimeProvider.System);
        var types = db.Model.GetEntityTypes().Select(t => t.ClrType).Where(BatonDbContext.IsAudited).Select(t => t.Name).Distinct().ToList();
        Assert.Contains("AdjustmentEvent", types);
        var unnamed = types.Where(t => !AuditNames.Entities.TryGetValue(t, out var name) || !IsChinese(name)).ToList();
        Assert.True(unnamed.Count == 0, "No Chinese name in AuditNames.Entities for: " + string.Join(", ", unnamed));
    }

    [Fact]
    public void Every_field_of_an_audited_row_has_a_chinese_name()
    {
        using var db = new BatonDbContext(new DbContextOptionsBuilder<BatonDbContext>().UseSqlite("Data Source=:memory:").Options, TimeProvider.System);
        var unnamed = db.Model.GetEntityTypes().Where(t => BatonDbContext.IsAudited(t.ClrType))
            .SelectMany(t => t.GetProperties().Select(p => (Type: t.ClrType.Name, Field: p.Name)))
            .Where(x => !AuditNames.FieldNames.TryGetValue(x.Field, out var name) || !IsChinese(name))
            .Select(x => $"{x.Type}.{x.Field}")
            .ToList();
        Assert.True(unnamed.Count == 0, "No Chinese name in AuditNames.FieldNames for: " + string.Join(", ", unnamed));
    }

    [Fact]
    public void Every_action_written_to_the_trail_has_a_chinese_name()
    {
        // Row changes, and every event action the sources write.
        var actions = new HashSet<string>(["create", "update", "delete", AuditMaintenance.PurgeAction], StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryFolder.Root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match match in EventAction().Matches(File.ReadAllText(file)))
            {
                actions.Add(match.Groups[1].Value);
            }
        }
        Assert.Contains("login.success", actions);
        Assert.Contains("seed.province", actions);
        var unnamed = actions.Where(a => !AuditNames.Actions.TryGetValue(a, out var name) || !IsChinese(name)).ToList();
        Assert.True(unnamed.Count == 0, "No Chinese name in AuditNames.Actions for: " + string.Join(", ", unnamed));
    }

    // An event's action is a literal first argument of AuditEvent or RecordSignInAsync.
    [GeneratedRegex("(?:AuditEvent|RecordSignInAsync)\\(\\s*\"([^\"]+)\"")]
    private static partial Regex EventAction();

    [Fact]
    public void Sign_in_details_read_in_chinese()
    {
        Assert.Equal([("用户名", "office"), ("结果", "成功")], AuditNames.Fields("""{"userName":"office","reason":"ok"}"""));
        Assert.Equal([("用户名", "nobody"), ("结果", "用户名不存在")], AuditNames.Fields("""{"userName":"nobody","reason":"unknown user"}"""));
        Assert.Equal([("撤销时间", "（空）"), ("已停用", "是")], AuditNames.Fields("""{"RetiredAt":null,"IsDisabled":true}"""));
    }

    [Fact]
    public async Task The_audit_page_shows_names_not_codes()
    {
        await app.SignedInAsync("office");
        var html = WebUtility.HtmlDecode(await (await app.SignedInAsync("auditor")).GetStringAsync("/audit"));
        Assert.Contains("县考核办（office）", html, StringComparison.Ordinal);
        Assert.Matches(@">\s*登录成功\s*</td>", html);
        Assert.Matches(@">\s*账号\s*</td>", html);
        Assert.DoesNotMatch(@">\s*login\.success\s*<", html);
        Assert.DoesNotMatch(@">\s*BatonUser\s*<", html);
    }
}
