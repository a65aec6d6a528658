namespace Miro.Runtime.Energy.Sources;

/// <summary>One cumulative energy counter in microjoules.</summary>
/// <param name="Name">A label for messages (zone or channel name).</param>
/// <param name="EnergyPath">The counter file (<c>energy_uj</c>, <c>energy1_input</c>).</param>
/// <param name="MaxRangeMicrojoules">The value at which the counter wraps to zero
/// (<c>max_energy_range_uj</c>); null when unknown, so a backwards step can only be a reset.</param>
internal sealed record CounterChannel(string Name, string EnergyPath, long? MaxRangeMicrojoules)
{
    /// <summary>Reads the counter.</summary>
    public long ReadMicrojoules() => SysfsFile.ReadLong(EnergyPath);
}
