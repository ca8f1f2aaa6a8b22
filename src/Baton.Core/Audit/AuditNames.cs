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
        ["MonthlyPlan"] = "月度计划",
        ["ProgressReport"] = "月度进度填报",
        ["ProgressEvidence"] = "月报佐证材料",
        ["ProgressSettings"] = "进度填报设置",
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
        ["EvidenceFile"] = "佐证材料文件",
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
        [AuditMaintenance.PurgeAction] = "清理过期审计记录",
        ["seed.province"] = "生成模拟全省数据",
    };

    /// <summary>
    /// Field names: every property of an audited row (a test checks) and every field of an event's details
    /// (sign-in, purge, seeding). The same name means the same in every entity.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> FieldNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["DueDay"] = "报送截止日",
        ["Explanation"] = "下降说明",
        ["FirstSubmittedAt"] = "首次提交时间",
        ["Month"] = "月份",
        ["Narrative"] = "工作进展",
        ["PlanProfile"] = "月度分解方式",
        ["ReportId"] = "月报",
        ["ResponsibleName"] = "责任人",
        ["ResponsiblePost"] = "责任人职务",
        ["ResponsibleUser"] = "责任人账号",
        ["ReturnComment"] = "退回意见",
        ["ReviewedAt"] = "审核时间",
        ["ReviewedBy"] = "审核人",
        ["SignedOffAt"] = "确认时间",
        ["SubmittedBy"] = "提交人",
        ["TargetId"] = "目标",
        ["AccessFailedCount"] = "连续登录失败次数",
        ["Action"] = "操作",
        ["Actor"] = "操作人",
        ["Address"] = "地址",
        ["After"] = "变更后",
        ["Anchoring"] = "锚定规则",
        ["ApprovedAt"] = "审核时间",
        ["ApprovedBy"] = "审核人",
        ["At"] = "时间",
        ["AuditRetentionDays"] = "审计记录保存期（天）",
        ["AuthoritativeActual"] = "核定完成值",
        ["AuthoritativeSource"] = "核定来源",
        ["Award"] = "目标奖",
        ["AwardBase"] = "目标奖基数",
        ["AwardBudget"] = "目标奖总额",
        ["Before"] = "变更前",
        ["Bonus"] = "加分",
        ["BonusCap"] = "加分上限",
        ["By"] = "操作人",
        ["Calibrated"] = "校准后得分",
        ["CanonicalResults"] = "结果明细",
        ["Capped"] = "等次封顶",
        ["CategoryCode"] = "类别代码",
        ["CategoryId"] = "考核类别",
        ["CategoryName"] = "类别名称",
        ["ClaimType"] = "声明类型",
        ["ClaimValue"] = "声明值",
        ["Code"] = "代码",
        ["Components"] = "考核构成",
        ["ComputedAt"] = "计算时间",
        ["ConcurrencyStamp"] = "并发标记",
        ["ContentType"] = "文件类型",
        ["Count"] = "数量",
        ["CreatedAt"] = "创建时间",
        ["CreatedBy"] = "创建人",
        ["CriterionId"] = "评分项",
        ["Decimals"] = "小数位数",
        ["Deduction"] = "减分",
        ["DeductionCap"] = "减分上限",
        ["Deleted"] = "删除条数",
        ["DisplayName"] = "姓名",
        ["Email"] = "电子邮箱",
        ["EmailConfirmed"] = "邮箱已确认",
        ["EnteredAt"] = "登记时间",
        ["EnteredBy"] = "登记人",
        ["EntityId"] = "对象编号",
        ["EntityType"] = "对象类型",
        ["EntryId"] = "评分记录",
        ["Evidence"] = "佐证材料",
        ["EvidenceHash"] = "佐证材料哈希",
        ["EvidenceName"] = "佐证材料文件名",
        ["EvidenceRequired"] = "须附佐证材料",
        ["FileHash"] = "文件哈希",
        ["FileName"] = "文件名",
        ["From"] = "原阶段",
        ["FullScore"] = "满分",
        ["Grade"] = "等次",
        ["Grades"] = "等次设置",
        ["Hash"] = "哈希",
        ["Id"] = "编号",
        ["IdleTimeoutMinutes"] = "空闲超时（分钟）",
        ["IndicatorId"] = "指标",
        ["IndicatorScore"] = "指标得分",
        ["Inputs"] = "计分输入",
        ["InputsHash"] = "计分输入哈希",
        ["IsAnchor"] = "锚定单位",
        ["IsClosed"] = "已结束",
        ["IsCurrent"] = "当前年度",
        ["IsDisabled"] = "已停用",
        ["IsGroup"] = "指标分组",
        ["ItemKey"] = "条件项",
        ["ItemKind"] = "条件类型",
        ["Kind"] = "类型",
        ["LeadUnitId"] = "牵头考核部门",
        ["LockoutEnabled"] = "允许锁定",
        ["LockoutEnd"] = "锁定至",
        ["LockoutMinutes"] = "锁定时长（分钟）",
        ["LoginProvider"] = "登录提供方",
        ["MaxFailedSignIns"] = "连续失败次数上限",
        ["MaxGrade"] = "最高等次",
        ["Measure"] = "测度",
        ["MinCharacterClasses"] = "密码字符类别下限",
        ["MinPasswordLength"] = "密码最小长度",
        ["MustChangePassword"] = "须修改密码",
        ["Name"] = "名称",
        ["NormalizedEmail"] = "规范化邮箱",
        ["NormalizedName"] = "规范化名称",
        ["NormalizedUserName"] = "规范化用户名",
        ["Note"] = "说明",
        ["Order"] = "顺序",
        ["Overall"] = "综合得分",
        ["ParentId"] = "上级指标",
        ["PasswordHash"] = "密码哈希",
        ["PersonId"] = "人员",
        ["PhoneNumber"] = "电话",
        ["PhoneNumberConfirmed"] = "电话已确认",
        ["Points"] = "分值",
        ["Post"] = "职务",
        ["PreviousHash"] = "前一条哈希",
        ["ProviderDisplayName"] = "登录提供方名称",
        ["ProviderKey"] = "登录提供方标识",
        ["QuotaTies"] = "名额并列规则",
        ["Rank"] = "排名",
        ["RaterId"] = "评议人",
        ["RawMean"] = "原始平均分",
        ["Reason"] = "原因",
        ["ReportedActual"] = "单位自报值",
        ["ResultHash"] = "结果哈希",
        ["RetentionDays"] = "保存期（天）",
        ["RetiredAt"] = "撤销时间",
        ["RetiredReason"] = "撤销原因",
        ["ReturnReason"] = "退回原因",
        ["RoleId"] = "角色",
        ["RoundId"] = "评议轮次",
        ["Rows"] = "行数",
        ["Rule"] = "计分规则",
        ["RuleParameters"] = "规则参数",
        ["RuleVersion"] = "规则版本",
        ["Scale"] = "评分方式",
        ["Score"] = "得分",
        ["Score100"] = "百分制得分",
        ["SecurityStamp"] = "安全标记",
        ["Sequence"] = "序号",
        ["SignInAttemptsPerMinute"] = "每分钟登录尝试次数",
        ["SignedOffBy"] = "签字确认人",
        ["Since"] = "任职日期",
        ["Size"] = "文件大小（字节）",
        ["SnapshotId"] = "结果快照",
        ["Source"] = "数据来源",
        ["StandardError"] = "标准误",
        ["State"] = "阶段",
        ["Status"] = "报送状态",
        ["SubmittedAt"] = "提交时间",
        ["TieBreak"] = "同分排序规则",
        ["To"] = "新阶段",
        ["TokenHash"] = "链接令牌哈希",
        ["TopQuota"] = "高分名额",
        ["TopScore"] = "高分线",
        ["TotalPoints"] = "总分",
        ["TwoFactorEnabled"] = "双因素认证",
        ["UnitCode"] = "单位代码",
        ["UnitId"] = "单位",
        ["UnitName"] = "单位名称",
        ["Units"] = "单位数",
        ["Until"] = "截止时间",
        ["UpTo"] = "清理至第几条",
        ["UploadedAt"] = "上传时间",
        ["UploadedBy"] = "上传人",
        ["UserId"] = "账号",
        ["UserName"] = "用户名",
        ["Value"] = "目标值",
        ["Version"] = "版本",
        ["VetoGrade"] = "否决后等次",
        ["Vetoed"] = "一票否决",
        ["Weight"] = "权重",
        ["Year"] = "年度",
        ["YearId"] = "考核年度",
        ["categories"] = "类别数",
        ["leaves"] = "末级指标数",
        ["reason"] = "结果",
        ["seed"] = "随机种子",
        ["targets"] = "目标值条数",
        ["units"] = "单位数",
        ["userName"] = "用户名",
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
                .Select(p => (FieldNames.TryGetValue(p.Name, out var field) ? field : p.Name, Value(p.Name, p.Value)))
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
