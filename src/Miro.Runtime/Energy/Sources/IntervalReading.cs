namespace Miro.Runtime.Energy.Sources;

/// <summary>A sensor's energy for one sampling interval, or why there is none.</summary>
/// <param name="Joules">The measured joules when <see cref="Valid"/>.</param>
/// <param name="Valid">False when the interval must be filled by the model.</param>
/// <param name="Fault">The event to report when invalid; null for a quiet re-baseline after an earlier fault.</param>
/// <param name="Message">Detail for the event.</param>
internal readonly record struct IntervalReading(double Joules, bool Valid, MeterEventKind? Fault, string? Message)
{
    public static IntervalReading Measured(double joules) => new(joules, true, null, null);

    public static IntervalReading Invalid(MeterEventKind? fault, string? message) => new(0, false, fault, message);
}
