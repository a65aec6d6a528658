using System.IO;

namespace Miro.Runtime.Memory;

/// <summary>
/// The sample store cannot be opened or used: a damaged file, a file from another Miro version, or
/// a store whose sample shape does not match the run. The message names the file and what to do;
/// the store never deletes or rewrites data to get past such an error.
/// </summary>
public class SampleStoreException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="filePath">The store file concerned.</param>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public SampleStoreException(string filePath, string message, System.Exception? inner = null)
        : base(message, inner)
    {
        FilePath = filePath;
    }

    /// <summary>The store file concerned.</summary>
    public string FilePath { get; }
}

/// <summary>
/// A stored sample failed its CRC-32C check on read. The sample's data is never returned; the
/// store stops drawing that sample (see <see cref="SampleStore.TryRead"/>).
/// </summary>
public sealed class SampleCorruptedException : SampleStoreException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="filePath">The store file.</param>
    /// <param name="sampleId">The corrupted sample's id.</param>
    /// <param name="expected">The checksum stored with the sample.</param>
    /// <param name="actual">The checksum computed from the data read.</param>
    public SampleCorruptedException(string filePath, long sampleId, uint expected, uint actual)
        : base(filePath,
            $"Sample {sampleId} in '{filePath}' failed its checksum (stored 0x{expected:X8}, computed 0x{actual:X8}); " +
            "the flash data is damaged. The sample was withdrawn from random draws; run `SampleStore.Verify` " +
            "to list every damaged sample, or delete the store directory to rebuild it from the stream.")
    {
        SampleId = sampleId;
    }

    /// <summary>The corrupted sample's id.</summary>
    public long SampleId { get; }
}
