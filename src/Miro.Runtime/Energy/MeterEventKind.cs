namespace Miro.Runtime.Energy;

/// <summary>Kinds of noteworthy things that happen to an energy meter.</summary>
public enum MeterEventKind
{
    /// <summary>A counter went backwards and cannot have wrapped (or its wrapped delta is implausible): it was reset.</summary>
    CounterReset,
    /// <summary>A reading implies more power than the device can draw.</summary>
    ImplausibleReading,
    /// <summary>A sensor file could not be read or parsed.</summary>
    ReadFault,
    /// <summary>The meter gave up on its sensor and uses the energy model from now on.</summary>
    FellBackToModel,
}
