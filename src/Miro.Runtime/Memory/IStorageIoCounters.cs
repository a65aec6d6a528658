namespace Miro.Runtime.Memory;

/// <summary>
/// Receives the bytes the storage tier reads and writes, so the energy model can charge
/// <c>e_read * bytes_read + e_write * bytes_written</c> (DESIGN.md §4.3). Implementations must be
/// thread-safe: the swap worker reads while the loop writes.
/// </summary>
public interface IStorageIoCounters
{
    /// <summary>Records <paramref name="bytes"/> read from flash.</summary>
    void AddRead(long bytes);

    /// <summary>Records <paramref name="bytes"/> written to flash.</summary>
    void AddWritten(long bytes);
}
