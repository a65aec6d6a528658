namespace Miro.Runtime.Energy.Sources;

/// <summary>How much of the device a sensor sees; lower values are preferred (DESIGN.md §4.3).</summary>
internal enum SourceTier
{
    /// <summary>The whole board or module (INA3221 <c>VDD_IN</c>, RAPL <c>psys</c>).</summary>
    WholeBoard,
    /// <summary>CPU package and DRAM, or a sum of component rails.</summary>
    PackageAndDram,
    /// <summary>Battery discharge: whole device, but coarse and only while on battery.</summary>
    Battery,
}
