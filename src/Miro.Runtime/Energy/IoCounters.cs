using System;
using System.Threading;

namespace Miro.Runtime.Energy;

/// <summary>Thread-safe <see cref="IIoCounters"/>: the swap worker and the trainer add concurrently.</summary>
public sealed class IoCounters : IIoCounters
{
    private long _bytesRead;
    private long _bytesWritten;

    /// <inheritdoc />
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <inheritdoc />
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    /// <inheritdoc />
    public void AddRead(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        Interlocked.Add(ref _bytesRead, bytes);
    }

    /// <inheritdoc />
    public void AddWritten(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        Interlocked.Add(ref _bytesWritten, bytes);
    }
}
