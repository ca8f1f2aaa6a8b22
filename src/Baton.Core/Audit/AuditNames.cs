using System.Text.Json;

namespace Baton.Core.Audit;

/// <summary>
/// What the audit trail's codes are called in the office. The trail stores code names (entity type,
/// action, event details as JSON) so that it stays stable and searchable; the audit page shows these
/// names. Every entity type the context audits and every action written must have one (a test checks).
/// </summary>
public static class AuditNames
{
    /// <summary>Entity types by CLR name (Identity's generic types keep their arity suffix).</summary>
    public static readonly IReadOnlyDictionary<string, string> Entities = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Unit"] = "考核单位",
        ["UnitLeader"] = "一把手任职",
        ["Person"] = "一把手人员",
        ["YearWaiver"] = "推进条件豁免",
        ["UnitCategory"] = "考核类别",
        ["CategoryMembership"] = "单位类别归属",
        ["AppraisalYear"] = "考核年度",
        ["YearTransition"] = "年度阶段变更",
        ["YearSettings"] = "年度考核设置",
        ["CategorySettings"] = "类别考核设置",
        ["Indicator"] = "指标",
        ["Target"] = "目标值与完成值",
        ["AdjustmentEvent"] = "加减分事项",
        ["ComponentScore"] = "手工录入的考核构成得分",
        ["ResultSnapshot"] = "结果快照",
        ["SnapshotUnit"] = "结果快照中的单位得分",
        ["RatingRound"] = "评议轮次",
        ["RatingCriterion"] = "评议评分项",
        ["RatingRoundUnit"] = "评议对象单位",
        ["RatingRater"] = "评议人",
        ["RatingAssignment"] = "评议分工",
        ["RatingConflict"] = "评议回避",
        ["RatingEntry"] = "评议评分",
        ["RatingCriterionScore"] = "评分项得分",
        ["RatingEvent"] = "评议轮次记录",
        ["CalibratedScore"] = "校准后得分",
        ["ImportRecord"] = "导入记录",
        ["AuditEntry"] = "审计记录",
        ["BatonUser"] = "账号",
        ["SecuritySettings"] = "安全策略",
        ["IdentityRole"] = "角色",
        ["IdentityUserRole`1"] = "账号角色",
        ["IdentityUserClaim`1"] = "账号声明",
        ["IdentityUserLogin`1"] = "账号外部登录",
        ["IdentityRoleClaim`1"] = "角色声明",
        ["IdentityUserToken`1"] = "账号令牌",
    };

    public static readonly IReadOnlyDictionary<string, string> Actions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["create"] = "新增",
        ["update"] = "修改",
        ["delete"] = "删除",
        ["login.success"] = "登录成功",
        ["login.failed"] = "登录失败",
        ["logout"] = "退出登录",
        [AuditService.PurgeAction] = "清理过期审计记录",
        ["seed.province"] = "生成模拟全省数据",
    };

    /// <summary>Names of the fields of event details (sign-in, purge, seeding) and of common row fields.</summary>
    private static readonly Dictionary<string, string> s_fields = new(StringComparer.Ordinal)
    {
        ["userName"] = "用户名",
        ["reason"] = "结果",
        ["UpTo"] = "清理至第几条",
        ["Hash"] = "哈希",
        ["Deleted"] = "删除条数",
        ["RetentionDays"] = "保存期（天）",
        ["units"] = "单位数",
        ["categories"] = "类别数",
        ["leaves"] = "末级指标数",
        ["targets"] = "目标值条数",
        ["seed"] = "随机种子",
    };

    /// <summary>The sign-in results <c>AccountService.CheckSignInAsync</c> records.</summary>
    private static readonly Dictionary<string, string> s_reasons = new(StringComparer.Ordinal)
    {
        ["ok"] = "成功",
        ["unknown user"] = "用户名不存在",
        ["wrong password"] = "密码错误",
        ["wrong password, now locked out"] = "密码错误，账号因连续错误被锁定",
        ["locked out"] = "账号已锁定（密码正确）",
        ["disabled"] = "账号已停用（密码正确）",
    };

    public static string Entity(string type) => Entities.TryGetValue(type, out var name) ? name : type;

    public static string Action(string action) => Actions.TryGetValue(action, out var name) ? name : action;

    /// <summary>
    /// An entry's JSON (row before/after, or event details) as labelled lines: a field's name where
    /// one is known, sign-in results in Chinese, JSON null as （空）. Not JSON at all: the text as it is.
    /// </summary>
    public static IReadOnlyList<(string Field, string Value)> Fields(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [("", json)];
            }
            return document.RootElement.EnumerateObject()
                .Select(p => (s_fields.TryGetValue(p.Name, out var field) ? field : p.Name, Value(p.Name, p.Value)))
                .ToList();
        }
        catch (JsonException)
        {
            return [("", json)];
        }
    }

    private static string Value(string field, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "（空）",
        JsonValueKind.True => "是",
        JsonValueKind.False => "否",
        JsonValueKind.String when field == "reason" && s_reasons.TryGetValue(value.GetString()!, out var reason) => reason,
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        _ => value.GetRawText(),
    };
}
