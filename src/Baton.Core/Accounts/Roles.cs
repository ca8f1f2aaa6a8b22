namespace Baton.Core.Accounts;

/// <summary>The roles of DESIGN.md §1. Names are code names; <see cref="DisplayName"/> is what people read.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string SecurityAdmin = "SecurityAdmin";
    public const string Auditor = "Auditor";
    public const string Office = "Office";
    public const string UnitReporter = "UnitReporter";
    public const string UnitHead = "UnitHead";
    public const string LeadReviewer = "LeadReviewer";
    public const string Overseer = "Overseer";
    public const string Leader = "Leader";
    public const string Rater = "Rater";
    public const string SurveyOperator = "SurveyOperator";

    public static readonly IReadOnlyList<string> All =
        [Admin, SecurityAdmin, Auditor, Office, UnitReporter, UnitHead, LeadReviewer, Overseer, Leader, Rater, SurveyOperator];

    /// <summary>Roles that act for one unit and see only that unit's data.</summary>
    public static readonly IReadOnlyList<string> UnitScoped = [UnitReporter, UnitHead, LeadReviewer];

    public static bool IsUnitScoped(string role) => UnitScoped.Contains(role);

    public static string DisplayName(string role) => role switch
    {
        Admin => "系统管理员",
        SecurityAdmin => "安全管理员",
        Auditor => "审计管理员",
        Office => "县考核办",
        UnitReporter => "单位填报员",
        UnitHead => "单位负责人",
        LeadReviewer => "牵头考核部门",
        Overseer => "组织部/纪委",
        Leader => "县领导",
        Rater => "评议人",
        SurveyOperator => "电话调查员",
        _ => role,
    };
}
