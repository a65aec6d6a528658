using System;

namespace Miro.Runtime.Energy;

/// <summary>The current process's measured CPU time and the runtime's own I/O byte counters.</summary>
internal sealed class ProcessActivity : IActivitySource
{
    private readonly IIoCounters _io;

    public ProcessActivity(IIoCounters io) => _io = io;

    public int ProcessorCount => Environment.ProcessorCount;

    public ActivitySample Read() =>
        new(Environment.CpuUsage.TotalTime.TotalSeconds, _io.BytesRead, _io.BytesWritten);
}
