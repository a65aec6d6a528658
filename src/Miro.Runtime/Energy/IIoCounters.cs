namespace Miro.Runtime.Energy;

/// <summary>
/// Bytes the runtime itself has read from and written to flash storage. The sample store and the
/// data loaders add to it; the energy model turns the bytes into joules.
/// </summary>
public interface IIoCounters
{
    /// <summary>Total bytes read so far.</summary>
    long BytesRead { get; }

    /// <summary>Total bytes written so far.</summary>
    long BytesWritten { get; }

    /// <summary>Records <paramref name="bytes"/> read.</summary>
    void AddRead(long bytes);

    /// <summary>Records <paramref name="bytes"/> written.</summary>
    void AddWritten(long bytes);
}
