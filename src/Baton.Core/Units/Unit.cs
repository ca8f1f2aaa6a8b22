namespace Baton.Core.Units;

public enum UnitKind
{
    Town = 1,
    Department = 2,
}

/// <summary>A unit under appraisal (被考核单位): a town or a department. Units are retired, never deleted.</summary>
public sealed class Unit : Versioned
{
    public long Id { get; set; }

    /// <summary>Stable natural key used by imports and exports, e.g. <c>T01</c>.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public UnitKind Kind { get; set; }

    public DateTime? RetiredAt { get; set; }

    public string? RetiredReason { get; set; }

    public List<UnitLeader> Leaders { get; set; } = [];

    public bool IsRetired => RetiredAt is not null;

    public static string KindName(UnitKind kind) => kind == UnitKind.Town ? "镇" : "部门";

    /// <summary>
    /// The one form of a unit code, applied wherever a code enters (imports, the units page, the CLI) before it is
    /// compared or stored: full-width characters as half-width, upper case, every space removed. So <c>Ｘ０６</c> is
    /// <c>X06</c> and <c>t 01</c> is <c>T01</c>.
    /// </summary>
    public static string NormaliseCode(string? code) =>
        code is null ? "" : string.Concat(ImportText.ToHalfWidth(code).Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
}

/// <summary>The unit's principal leader (一把手). Results follow the person, so past leaders are kept.</summary>
public sealed class UnitLeader : Versioned
{
    public long Id { get; set; }

    public long UnitId { get; set; }

    public required string Name { get; set; }

    public required string Post { get; set; }

    public DateOnly Since { get; set; }

    public DateOnly? Until { get; set; }
}

/// <summary>A category of units (考核类别) for one appraisal year; units in it share indicators, weights and quotas.</summary>
public sealed class UnitCategory : Versioned
{
    public long Id { get; set; }

    public int Year { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public UnitKind Kind { get; set; }
}

/// <summary>Which category a unit belongs to in a year.</summary>
public sealed class CategoryMembership
{
    public long Id { get; set; }

    public int Year { get; set; }

    public long UnitId { get; set; }

    public long CategoryId { get; set; }
}
