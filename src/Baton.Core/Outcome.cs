namespace Baton.Core;

/// <summary>
/// The result of a feature-service call that may be refused for an expected reason (validation,
/// permission, conflict). <see cref="Error"/> is a Chinese message telling the person what to fix.
/// </summary>
public record Outcome(string? Error)
{
    public static Outcome Success { get; } = new((string?)null);

    public bool Ok => Error is null;

    public static Outcome Fail(string error) => new(error);

    public static Outcome<T> Fail<T>(string error) => new(default, error);

    public const string NotFound = "未找到该记录，或您无权访问。";

    public const string Conflict = "该记录已被他人修改，请刷新后重试。";

    public const string Forbidden = "您没有执行此操作的权限。";
}

/// <summary>An <see cref="Outcome"/> that carries a value when it succeeds.</summary>
public sealed record Outcome<T>(T? Value, string? Error) : Outcome(Error)
{
    public static implicit operator Outcome<T>(T value) => new(value, null);
}
