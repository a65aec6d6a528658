using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using Microsoft.Data.Sqlite;
using Miro.Runtime.Energy;
using SQLitePCL;

namespace Miro.Runtime.Memory;

/// <summary>
/// The storage tier on flash (DESIGN.md §4.1): every stream sample seen, each with its label, task
/// and a CRC-32C checksum, in an SQLite database in WAL mode (<c>samples.db</c> in the tier's
/// directory).
/// <para>Crash safety: writes are batched in transactions committed with <c>synchronous=FULL</c>,
/// so a batch whose <see cref="Append"/> returned survives a kill or a power cut; an interrupted
/// batch leaves no trace. Capacity is enforced in the same transaction by class-balanced
/// eviction: the oldest sample of the label with the most samples goes first.</para>
/// <para>Reads verify the checksum and throw <see cref="SampleCorruptedException"/> on a mismatch:
/// damaged data is never returned. All members are thread-safe (one connection, one lock).</para>
/// </summary>
public sealed partial class SampleStore : IDisposable
{
    /// <summary>The database file's name inside the tier's directory.</summary>
    public const string FileName = "samples.db";

    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;
    private readonly LabelIndex _index = new();
    private readonly IIoCounters? _io;
    private readonly byte[] _payload;
    private readonly SQLitePCL.sqlite3_stmt _select;
    private long _nextId;
    private long _bytesRead;
    private long _bytesWritten;
    private bool _disposed;

    private SampleStore(SqliteConnection connection, string file, int featureCount, long? capacitySamples, IIoCounters? io, long nextId)
    {
        _connection = connection;
        FilePath = file;
        FeatureCount = featureCount;
        CapacitySamples = capacitySamples;
        _io = io;
        _nextId = nextId;
        _payload = new byte[featureCount * sizeof(float)];
        // The read path is the swap worker's hot loop: a raw prepared statement reads the blob in
        // place (Microsoft.Data.Sqlite's GetBytes copies it into a new array on every call).
        int rc = raw.sqlite3_prepare_v2(connection.Handle, "SELECT source_id, label, task, crc, payload FROM samples WHERE id = ?", out _select);
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(connection.Handle).utf8_to_string(), rc);
        }
    }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <summary>Floats per sample.</summary>
    public int FeatureCount { get; }

    /// <summary>Logical bytes one record occupies: the float32 payload plus id, label, task and checksum.</summary>
    public long RecordBytes => FeatureCount * (long)sizeof(float) + SampleStoreSchema.HeaderBytes;

    /// <summary>The most samples the tier keeps (its byte capacity over <see cref="RecordBytes"/>); null when unbounded.</summary>
    public long? CapacitySamples { get; }

    /// <summary>Samples stored.</summary>
    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _index.Count;
            }
        }
    }

    /// <summary>The id the next written sample gets: the store's position, saved in checkpoints.</summary>
    public long NextId
    {
        get
        {
            lock (_gate)
            {
                return _nextId;
            }
        }
    }

    /// <summary>Logical bytes read from flash since this store was opened (records read, draws and verification).</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>Logical bytes written to flash since this store was opened (records appended).</summary>
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    /// <summary>
    /// Opens the store in <paramref name="directory"/>, creating the directory and an empty store
    /// when absent.
    /// </summary>
    /// <param name="directory">The tier's directory (<see cref="Miro.Dsl.Model.StorageTierSpec.Path"/>).</param>
    /// <param name="featureCount">Floats per sample; must match what the store already holds.</param>
    /// <param name="capacityBytes">The tier's capacity in bytes, or null for unbounded.</param>
    /// <param name="io">Where to count the bytes read and written (the energy model's counters), if anywhere.</param>
    /// <exception cref="SampleStoreException">The file is damaged, from another version, or holds samples of another shape.</exception>
    public static SampleStore Open(string directory, int featureCount, long? capacityBytes = null, IIoCounters? io = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        long recordBytes = featureCount * (long)sizeof(float) + SampleStoreSchema.HeaderBytes;
        if (capacityBytes is long bytes && bytes < recordBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(capacityBytes), bytes,
                $"The storage capacity must hold at least one sample ({recordBytes} bytes).");
        }
        string file = Path.GetFullPath(Path.Combine(directory, FileName));
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SampleStoreException(file, $"Cannot create the storage directory for '{file}': {e.Message}. Check the path and its permissions.", e);
        }
        SampleStoreSchema.CheckHeader(file);

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Pooling would keep the file open after Dispose; a closed store must really be closed.
            Pooling = false,
        }.ToString());
        SampleStore? store = null;
        try
        {
            connection.Open();
            // WAL: a commit appends to the log, readers never block; FULL: the log is fsynced at
            // every commit, so a committed batch survives power loss, not only a process kill.
            string mode = Scalar(connection, "PRAGMA journal_mode = WAL") as string ?? "";
            if (!mode.Equals("wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new SampleStoreException(file, $"'{file}' cannot use write-ahead logging (journal mode '{mode}'). Put the store on a local file system.");
            }
            Scalar(connection, "PRAGMA synchronous = FULL");
            string check = Scalar(connection, "PRAGMA quick_check") as string ?? "";
            if (check != "ok")
            {
                throw SampleStoreSchema.Damaged(file, $"SQLite quick_check: {check}");
            }
            long nextId = SampleStoreSchema.CreateOrValidate(connection, file, featureCount);
            store = new SampleStore(connection, file, featureCount, capacityBytes / recordBytes, io, nextId);
            store.LoadIndex();
            store.EnforceCapacityOnOpen();
            return store;
        }
        catch (SqliteException e)
        {
            Dispose(store, connection);
            throw SampleStoreSchema.Damaged(file, $"SQLite error {e.SqliteErrorCode}: {e.Message}", e);
        }
        catch
        {
            Dispose(store, connection);
            throw;
        }
    }

    /// <summary>Samples stored with <paramref name="label"/>.</summary>
    public int CountOf(int label)
    {
        lock (_gate)
        {
            return _index.CountOf(label);
        }
    }

    /// <summary>The labels that have at least one stored sample, ascending.</summary>
    public IReadOnlyList<int> Labels()
    {
        lock (_gate)
        {
            return [.. _index.Labels];
        }
    }

    /// <summary>
    /// Writes a batch in one transaction and returns the id of its first sample (the others follow
    /// consecutively). When this returns, the batch is durable; if the process dies before, none of
    /// it is stored. Evictions needed to stay within capacity commit in the same transaction.
    /// </summary>
    /// <param name="task">The task the samples come from.</param>
    /// <param name="sourceIds">Each sample's id in the stream (kept with it, e.g. to avoid duplicates in DRAM).</param>
    /// <param name="labels">One label per sample.</param>
    /// <param name="features">The samples' features, row-major: <c>labels.Length * FeatureCount</c> floats.</param>
    public long Append(int task, ReadOnlySpan<long> sourceIds, ReadOnlySpan<int> labels, ReadOnlySpan<float> features)
    {
        CheckBatch(sourceIds, labels, features);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            long first = _nextId;
            if (labels.IsEmpty)
            {
                return first;
            }
            try
            {
                using var transaction = _connection.BeginTransaction();
                InsertRows(transaction, task, first, sourceIds, labels, features);
                AdvanceProgress(transaction, task, labels.Length, first + labels.Length);
                for (int i = 0; i < labels.Length; i++)
                {
                    _index.Add(labels[i], first + i);
                }
                Evict(transaction);
                transaction.Commit();
            }
            catch (SqliteException e)
            {
                // The transaction rolled back; rebuild the in-DRAM index from what is committed.
                _index.Clear();
                LoadIndex();
                throw new SampleStoreException(FilePath, $"Writing {labels.Length} samples to '{FilePath}' failed: {e.Message}. Nothing of this batch was stored; check free space on the device.", e);
            }
            _nextId = first + labels.Length;
            AddWritten(labels.Length * RecordBytes);
            return first;
        }
    }

    /// <summary>
    /// Writes a task's samples at task start, resumably: samples of <paramref name="task"/> already
    /// committed (by an earlier, interrupted call) are skipped, so a resumed run does not store them
    /// twice. Commits every <paramref name="batchSize"/> samples.
    /// </summary>
    /// <returns>How many samples this call wrote.</returns>
    public int WriteTask(int task, ReadOnlySpan<long> sourceIds, ReadOnlySpan<int> labels, ReadOnlySpan<float> features, int batchSize = 512)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        CheckBatch(sourceIds, labels, features);
        long done = WrittenCount(task);
        int written = 0;
        for (long start = done; start < labels.Length; start += batchSize)
        {
            int n = (int)Math.Min(batchSize, labels.Length - start);
            Append(task, sourceIds.Slice((int)start, n), labels.Slice((int)start, n), features.Slice((int)start * FeatureCount, n * FeatureCount));
            written += n;
        }
        return written;
    }

    /// <summary>How many samples of <paramref name="task"/> have been committed (evicted ones included).</summary>
    public long WrittenCount(int task)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT written FROM task_progress WHERE task = $task";
            command.Parameters.AddWithValue("$task", task);
            return command.ExecuteScalar() is long n ? n : 0;
        }
    }

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

    /// <summary>Closes the database (checkpointing its write-ahead log).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            _select.Dispose();
            _connection.Dispose();
        }
    }

    private void CheckBatch(ReadOnlySpan<long> sourceIds, ReadOnlySpan<int> labels, ReadOnlySpan<float> features)
    {
        if (sourceIds.Length != labels.Length)
        {
            throw new ArgumentException($"Expected one source id per label ({labels.Length}), got {sourceIds.Length}.", nameof(sourceIds));
        }
        if (features.Length != labels.Length * (long)FeatureCount)
        {
            throw new ArgumentException($"Expected {labels.Length} x {FeatureCount} floats, got {features.Length}.", nameof(features));
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
            uint stored = (uint)raw.sqlite3_column_int64(_select, 3);
            ReadOnlySpan<byte> payload = raw.sqlite3_column_blob(_select, 4);
            AddRead(RecordBytes);
            header = new SampleHeader(id, sourceId, label, task);
            uint actual = payload.Length == _payload.Length ? Checksum(header, payload) : ~stored;
            if (actual != stored)
            {
                features.Clear();
                _index.Remove(label, id);
                throw new SampleCorruptedException(FilePath, id, stored, actual);
            }
            MemoryMarshal.Cast<byte, float>(payload).CopyTo(features);
            return true;
        }
        finally
        {
            raw.sqlite3_reset(_select);
        }
    }

    private void InsertRows(SqliteTransaction transaction, int task, long first, ReadOnlySpan<long> sourceIds, ReadOnlySpan<int> labels, ReadOnlySpan<float> features)
    {
        using var insert = _connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO samples (id, source_id, label, task, crc, payload) VALUES ($id, $source, $label, $task, $crc, $payload)";
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        var source = insert.Parameters.Add("$source", SqliteType.Integer);
        var label = insert.Parameters.Add("$label", SqliteType.Integer);
        insert.Parameters.AddWithValue("$task", task);
        var crc = insert.Parameters.Add("$crc", SqliteType.Integer);
        var payload = insert.Parameters.Add("$payload", SqliteType.Blob);
        insert.Prepare();
        var bytes = MemoryMarshal.AsBytes(features);
        int stride = _payload.Length;
        for (int i = 0; i < labels.Length; i++)
        {
            bytes.Slice(i * stride, stride).CopyTo(_payload);
            long sampleId = first + i;
            id.Value = sampleId;
            source.Value = sourceIds[i];
            label.Value = labels[i];
            crc.Value = (long)Checksum(new SampleHeader(sampleId, sourceIds[i], labels[i], task), _payload);
            payload.Value = _payload;
            insert.ExecuteNonQuery();
        }
    }

    private void AdvanceProgress(SqliteTransaction transaction, int task, int count, long nextId)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO task_progress (task, written) VALUES ($task, $count)
                ON CONFLICT (task) DO UPDATE SET written = written + $count;
            UPDATE meta SET value = $next WHERE key = 'next_id';
            """;
        command.Parameters.AddWithValue("$task", task);
        command.Parameters.AddWithValue("$count", count);
        command.Parameters.AddWithValue("$next", nextId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    /// <summary>Deletes the oldest sample of the fullest label until the store fits its capacity.</summary>
    private void Evict(SqliteTransaction transaction)
    {
        if (CapacitySamples is not long capacity || _index.Count <= capacity)
        {
            return;
        }
        using var delete = _connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM samples WHERE id = $id";
        var id = delete.Parameters.Add("$id", SqliteType.Integer);
        delete.Prepare();
        while (_index.Count > capacity)
        {
            int label = _index.Fullest();
            id.Value = _index.Oldest(label);
            delete.ExecuteNonQuery();
            _index.RemoveOldest(label);
        }
    }

    private void EnforceCapacityOnOpen()
    {
        if (CapacitySamples is long capacity && _index.Count > capacity)
        {
            using var transaction = _connection.BeginTransaction();
            Evict(transaction);
            transaction.Commit();
        }
    }

    private void LoadIndex()
    {
        using var command = _connection.CreateCommand();
        // The covering index (label, id) yields each label's ids in increasing order without
        // reading a single payload page.
        command.CommandText = "SELECT label, id FROM samples ORDER BY label, id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            _index.Add(reader.GetInt32(0), reader.GetInt64(1));
        }
    }

    internal static uint Checksum(SampleHeader header, ReadOnlySpan<byte> payload)
    {
        Span<byte> head = stackalloc byte[24];
        BinaryPrimitives.WriteInt64LittleEndian(head, header.Id);
        BinaryPrimitives.WriteInt64LittleEndian(head[8..], header.SourceId);
        BinaryPrimitives.WriteInt32LittleEndian(head[16..], header.Label);
        BinaryPrimitives.WriteInt32LittleEndian(head[20..], header.Task);
        return Crc32C.Append(Crc32C.Append(0, head), payload);
    }

    private void AddRead(long bytes)
    {
        Interlocked.Add(ref _bytesRead, bytes);
        _io?.AddRead(bytes);
    }

    private void AddWritten(long bytes)
    {
        Interlocked.Add(ref _bytesWritten, bytes);
        _io?.AddWritten(bytes);
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Dispose(SampleStore? store, SqliteConnection connection)
    {
        if (store is not null)
        {
            store.Dispose();
        }
        else
        {
            connection.Dispose();
        }
    }
}
