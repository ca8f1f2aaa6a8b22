namespace Baton.Scoring.Ratings;

/// <summary>Why a calibration was not computed.</summary>
public enum RefusalReason
{
    /// <summary>Raters and units form more than one connected group and no anchoring rule was chosen.</summary>
    Disconnected = 1,

    /// <summary>The anchoring rule named anchor units that do not link every group.</summary>
    AnchorsDoNotLinkGroups = 2,

    /// <summary>The model needs every rater to rate every unit (z-scores).</summary>
    IncompleteDesign = 3,

    /// <summary>The data do not fit the model's scale (e.g. a grade category never used, a non-integer category).</summary>
    InvalidScale = 4,

    /// <summary>Too few ratings or raters to estimate anything.</summary>
    TooFewRatings = 5,

    /// <summary>The iterative solver did not reach its tolerance within its iteration limit.</summary>
    NotConverged = 6,
}

/// <summary>A calibration that was refused, with a message (Chinese) a person can act on.</summary>
/// <param name="Reason">The reason, for code.</param>
/// <param name="Message">The message, for people.</param>
/// <param name="Connectivity">The design's groups, when the reason concerns them.</param>
public sealed record CalibrationRefusal(RefusalReason Reason, string Message, DesignConnectivity? Connectivity = null);

/// <summary>Either a calibration or the reason it was refused.</summary>
/// <typeparam name="T">The calibration's result type.</typeparam>
public sealed class CalibrationOutcome<T>
    where T : class
{
    private CalibrationOutcome(T? value, CalibrationRefusal? refusal)
    {
        Value = value;
        Refusal = refusal;
    }

    /// <summary>The calibration, when computed.</summary>
    public T? Value { get; }

    /// <summary>The refusal, when not.</summary>
    public CalibrationRefusal? Refusal { get; }

    /// <summary>True when <see cref="Value"/> is set.</summary>
    public bool IsCalibrated => Value is not null;

    /// <summary>The calibration, or an <see cref="InvalidOperationException"/> carrying the refusal's message.</summary>
    public T GetValueOrThrow() => Value ?? throw new InvalidOperationException(Refusal!.Message);

    internal static CalibrationOutcome<T> Calibrated(T value) => new(value, null);

    internal static CalibrationOutcome<T> Refused(CalibrationRefusal refusal) => new(null, refusal);
}
