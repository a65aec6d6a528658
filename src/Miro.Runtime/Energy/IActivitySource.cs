namespace Miro.Runtime.Energy;

/// <summary>Measured process activity (CPU time, I/O bytes); a seam so tests control it.</summary>
internal interface IActivitySource
{
    /// <summary>Logical processors the CPU-busy fraction is relative to.</summary>
    int ProcessorCount { get; }

    /// <summary>The cumulative activity now.</summary>
    ActivitySample Read();
}
