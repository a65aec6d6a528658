using Miro.Runtime.Energy;

namespace Miro.Runtime.Tests.Energy;

/// <summary>Process activity the test sets by hand.</summary>
internal sealed class FakeActivity : IActivitySource
{
    public FakeActivity(int processors = 2) => ProcessorCount = processors;

    public int ProcessorCount { get; }

    public double CpuSeconds { get; set; }

    public long BytesRead { get; set; }

    public long BytesWritten { get; set; }

    public ActivitySample Read() => new(CpuSeconds, BytesRead, BytesWritten);
}
