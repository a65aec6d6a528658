using Miro.Dsl.Model;

namespace Miro.Runtime.Energy;

/// <summary>Which source an energy meter reads, and why.</summary>
/// <param name="Kind">The source kind actually in use (<see cref="MeterKind.Model"/> when falling back).</param>
/// <param name="Requested">The kind the spec asked for (<c>meter</c> in the <c>device</c> block).</param>
/// <param name="Provenance">The provenance of the figures the source produces.</param>
/// <param name="Description">What is read, e.g. <c>INA3221 rail VDD_IN (…/hwmon3)</c>.</param>
/// <param name="FallbackReason">Why the meter uses the model although a sensor was wanted; null when it uses
/// what was asked for (or <c>meter model</c> was asked for).</param>
public sealed record MeterSourceInfo(
    MeterKind Kind,
    MeterKind Requested,
    EnergyProvenance Provenance,
    string Description,
    string? FallbackReason);
