using System;
using SQLitePCL;

namespace Miro.Runtime.Memory;

/// <summary>The store's read path: checksum-verified reads and random same-label draws.</summary>
public sealed partial class SampleStore
{
    /// <summary>
    /// Reads sample <paramref name="id"/> into <paramref name="features"/>.
    /// </summary>
    /// <returns>False when no such sample is stored (never written, or evicted).</returns>
    /// <exception cref="SampleCorruptedException">The sample failed its checksum; it is withdrawn from draws and <paramref name="features"/> is cleared.</exception>
    public bool TryRead(long id, Span<float> features, out SampleHeader header)
    {
        CheckDestination(features);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return ReadLocked(id, features, out header);
        }
    }

    /// <summary>
    /// Reads a uniformly random stored sample of <paramref name="label"/> into <paramref name="features"/>.
    /// </summary>
    /// <param name="label">The class wanted.</param>
    /// <param name="random">The caller's seeded generator (part of the run's state).</param>
    /// <param name="features">Receives the sample's <see cref="FeatureCount"/> floats.</param>
    /// <param name="header">The drawn sample's identity.</param>
    /// <returns>False when the store holds no sample of <paramref name="label"/>.</returns>
    /// <exception cref="SampleCorruptedException">The drawn sample failed its checksum (see <see cref="TryRead"/>).</exception>
    public bool TryDrawRandom(int label, Random random, Span<float> features, out SampleHeader header)
    {
        ArgumentNullException.ThrowIfNull(random);
        CheckDestination(features);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            long id = _index.Draw(label, random);
            if (id < 0)
            {
                header = default;
                return false;
            }
            return ReadLocked(id, features, out header);
        }
    }

    private void CheckDestination(Span<float> features)
    {
        if (features.Length != FeatureCount)
        {
            throw new ArgumentException($"The destination must hold {FeatureCount} floats, not {features.Length}.", nameof(features));
        }
    }

    private bool ReadLocked(long id, Span<float> features, out SampleHeader header)
    {
        try
        {
            raw.sqlite3_bind_int64(_select, 1, id);
            int rc = raw.sqlite3_step(_select);
            if (rc == raw.SQLITE_DONE)
            {
                header = default;
                return false;
            }
            if (rc != raw.SQLITE_ROW)
            {
                throw new SampleStoreException(FilePath,
                    $"Reading sample {id} from '{FilePath}' failed: {raw.sqlite3_errmsg(_connection.Handle).utf8_to_string()} (SQLite error {rc}). " +
                    "The file may be damaged: run `SampleStore.Verify`, or move the store aside.");
            }
            long sourceId = raw.sqlite3_column_int64(_select, 0);
            int label = raw.sqlite3_column_int(_select, 1);
            int task = raw.sqlite3_column_int(_select, 2);
            int element = raw.sqlite3_column_int(_select, 3);
            uint stored = (uint)raw.sqlite3_column_int64(_select, 4);
            ReadOnlySpan<byte> payload = raw.sqlite3_column_blob(_select, 5);
            AddRead(RecordBytes);
            header = new SampleHeader(id, sourceId, label, task);
            // A record of another element type is damage like a bad checksum: never decoded as this store's type.
            uint actual = payload.Length == _payload.Length && element == (int)Encoding.Element
                ? Checksum(header, Encoding.Element, payload)
                : ~stored;
            if (actual != stored)
            {
                features.Clear();
                _index.Remove(label, id);
                NoteCorrupted(id);
                throw new SampleCorruptedException(FilePath, id, stored, actual);
            }
            // Samples become floats here, on their way into DRAM (a batch, the EM, a prefetch buffer).
            Encoding.Decode(payload, features);
            return true;
        }
        finally
        {
            raw.sqlite3_reset(_select);
        }
    }
}
