using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Microsoft.Data.Sqlite;
using Miro.Runtime.Data;
using Miro.Runtime.Energy;
using SQLitePCL;

namespace Miro.Runtime.Memory;

/// <summary>
/// The storage tier on flash (DESIGN.md §4.1): every stream sample seen, each with its label, task,
/// element type and a CRC-32C checksum, in an SQLite database in WAL mode (<c>samples.db</c> in the
/// tier's directory). Samples are kept in the data set's own element type (<see cref="Encoding"/>:
/// bytes for IDX and CIFAR pixels) and become floats only when read into DRAM.
/// <para>Crash safety: writes are batched in transactions committed with <c>synchronous=FULL</c>,
/// so a batch whose <see cref="Append(int, ReadOnlySpan{long}, ReadOnlySpan{int}, ReadOnlySpan{byte})"/> returned survives a kill or a power cut; an interrupted
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

    private SampleStore(SqliteConnection connection, string file, int featureCount, SampleEncoding encoding, long? capacitySamples, IIoCounters? io, long nextId)
    {
        _connection = connection;
        FilePath = file;
        FeatureCount = featureCount;
        Encoding = encoding;
        CapacitySamples = capacitySamples;
        _io = io;
        _nextId = nextId;
        _payload = new byte[featureCount * encoding.ElementBytes];
        // The read path is the swap worker's hot loop: a raw prepared statement reads the blob in
        // place (Microsoft.Data.Sqlite's GetBytes copies it into a new array on every call).
        int rc = raw.sqlite3_prepare_v2(connection.Handle, "SELECT source_id, label, task, element, crc, payload FROM samples WHERE id = ?", out _select);
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(connection.Handle).utf8_to_string(), rc);
        }
    }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <summary>Values per sample.</summary>
    public int FeatureCount { get; }

    /// <summary>The element type samples are stored in (the data set's own) and how they become floats on read.</summary>
    public SampleEncoding Encoding { get; }

    /// <summary>Bytes of one sample's payload (<see cref="FeatureCount"/> elements of <see cref="Encoding"/>).</summary>
    public int PayloadBytes => _payload.Length;

    /// <summary>Logical bytes one record occupies: the payload plus id, source id, label, task, element type and checksum.</summary>
    public long RecordBytes => RecordBytesFor(FeatureCount, Encoding);

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
    /// <param name="featureCount">Values per sample; must match what the store already holds.</param>
    /// <param name="encoding">The data set's element type (<see cref="Dataset.Encoding"/>); must match what the store already holds.</param>
    /// <param name="capacityBytes">The tier's capacity in bytes, or null for unbounded.</param>
    /// <param name="io">Where to count the bytes read and written (the energy model's counters), if anywhere.</param>
    /// <param name="runId">The run the store belongs to: recorded in a new store, and an existing store of another run is refused; null for no check.</param>
    /// <exception cref="SampleStoreException">The file is damaged, from another format version, holds samples of another shape or element type, or belongs to another run.</exception>
    public static SampleStore Open(string directory, int featureCount, SampleEncoding encoding, long? capacityBytes = null, IIoCounters? io = null, string? runId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        long recordBytes = RecordBytesFor(featureCount, encoding);
        if (capacityBytes is long bytes && bytes < recordBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(capacityBytes), bytes,
                $"The storage capacity must hold at least one sample ({recordBytes} bytes).");
        }
        string file = Path.GetFullPath(Path.Combine(directory, FileName));
        try
        {
            Files.OwnerOnly.CreateDirectory(Path.GetDirectoryName(file)!);
            // SQLite would create the database 0644 and its -wal and -shm files like it.
            Files.OwnerOnly.EnsureFile(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SampleStoreException(file, Files.FileFailure.Describe("create the sample store", file, e), e);
        }
        SampleStoreSchema.CheckHeader(file);
        // Refuse a damaged or foreign store before a writable connection exists: closing one merges
        // the write-ahead log into the file, and a refused store must stay exactly as it was.
        CheckBeforeWriting(file, featureCount, encoding, runId);

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
            long nextId = SampleStoreSchema.CreateOrValidate(connection, file, featureCount, encoding, runId);
            store = new SampleStore(connection, file, featureCount, encoding, capacityBytes / recordBytes, io, nextId);
            store.LoadIndex();
            store.EnforceCapacityOnOpen();
            return store;
        }
        catch (SqliteException e)
        {
            Dispose(store, connection);
            throw SampleStoreSchema.OpenFailed(file, e);
        }
        catch
        {
            Dispose(store, connection);
            throw;
        }
    }

    /// <summary>Logical bytes of one record of <paramref name="featureCount"/> values of <paramref name="encoding"/> (what a capacity in bytes is divided by).</summary>
    public static long RecordBytesFor(int featureCount, SampleEncoding encoding) =>
        featureCount * (long)encoding.ElementBytes + SampleStoreSchema.HeaderBytes;

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

    internal static uint Checksum(SampleHeader header, SampleElement element, ReadOnlySpan<byte> payload)
    {
        Span<byte> head = stackalloc byte[25];
        BinaryPrimitives.WriteInt64LittleEndian(head, header.Id);
        BinaryPrimitives.WriteInt64LittleEndian(head[8..], header.SourceId);
        BinaryPrimitives.WriteInt32LittleEndian(head[16..], header.Label);
        BinaryPrimitives.WriteInt32LittleEndian(head[20..], header.Task);
        head[24] = (byte)element;
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
