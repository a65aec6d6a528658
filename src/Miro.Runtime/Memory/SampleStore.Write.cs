using System;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Miro.Runtime.Data;

namespace Miro.Runtime.Memory;

/// <summary>The store's write path: durable batches, resumable task writes, class-balanced eviction.</summary>
public sealed partial class SampleStore
{
    /// <summary>
    /// Writes a batch in one transaction and returns the id of its first sample (the others follow
    /// consecutively). When this returns, the batch is durable; if the process dies before, none of
    /// it is stored. Evictions needed to stay within capacity commit in the same transaction.
    /// </summary>
    /// <param name="task">The task the samples come from.</param>
    /// <param name="sourceIds">Each sample's id in the stream (kept with it, e.g. to avoid duplicates in DRAM).</param>
    /// <param name="labels">One label per sample.</param>
    /// <param name="payloads">The samples in the store's <see cref="Encoding"/>, row-major: <c>labels.Length * PayloadBytes</c> bytes
    /// (<see cref="Miro.Runtime.Data.Dataset.RawFeatures"/> rows).</param>
    public long Append(int task, ReadOnlySpan<long> sourceIds, ReadOnlySpan<int> labels, ReadOnlySpan<byte> payloads)
    {
        CheckBatch(sourceIds, labels, payloads);
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
                InsertRows(transaction, task, first, sourceIds, labels, payloads);
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
                throw new SampleStoreException(FilePath, $"Writing {labels.Length} samples to '{FilePath}' failed: {Files.FileFailure.Cause(e)}. Nothing of this batch was stored.", e);
            }
            _nextId = first + labels.Length;
            AddWritten(labels.Length * RecordBytes);
            return first;
        }
    }

    /// <summary>Appends float32 samples to a store whose <see cref="Encoding"/> is float32 (see the byte overload).</summary>
    /// <exception cref="InvalidOperationException">The store keeps another element type: append its encoded rows instead.</exception>
    public long Append(int task, ReadOnlySpan<long> sourceIds, ReadOnlySpan<int> labels, ReadOnlySpan<float> features)
    {
        if (Encoding != SampleEncoding.Float32)
        {
            throw new InvalidOperationException($"'{FilePath}' stores {Encoding} samples; append them in that encoding (Dataset.RawFeatures), not as floats.");
        }
        return Append(task, sourceIds, labels, MemoryMarshal.AsBytes(features));
    }

    /// <summary>
    /// Writes a task's samples, resumably: samples of <paramref name="task"/> already
    /// committed (by an earlier, interrupted call) are skipped, so a resumed run does not store them
    /// twice. Commits every <paramref name="batchSize"/> samples.
    /// </summary>
    /// <returns>How many samples this call wrote.</returns>
    public int WriteTask(int task, ReadOnlySpan<long> sourceIds, ReadOnlySpan<int> labels, ReadOnlySpan<byte> payloads, int batchSize = 512)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        CheckBatch(sourceIds, labels, payloads);
        long done = WrittenCount(task);
        int written = 0;
        int stride = PayloadBytes;
        for (long start = done; start < labels.Length; start += batchSize)
        {
            int n = (int)Math.Min(batchSize, labels.Length - start);
            Append(task, sourceIds.Slice((int)start, n), labels.Slice((int)start, n), payloads.Slice((int)start * stride, n * stride));
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

    private void CheckBatch(ReadOnlySpan<long> sourceIds, ReadOnlySpan<int> labels, ReadOnlySpan<byte> payloads)
    {
        if (sourceIds.Length != labels.Length)
        {
            throw new ArgumentException($"Expected one source id per label ({labels.Length}), got {sourceIds.Length}.", nameof(sourceIds));
        }
        if (payloads.Length != labels.Length * (long)PayloadBytes)
        {
            throw new ArgumentException($"Expected {labels.Length} samples x {PayloadBytes} bytes ({FeatureCount} values of {Encoding}), got {payloads.Length} bytes.", nameof(payloads));
        }
    }

    private void InsertRows(SqliteTransaction transaction, int task, long first, ReadOnlySpan<long> sourceIds, ReadOnlySpan<int> labels, ReadOnlySpan<byte> payloads)
    {
        using var insert = _connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO samples (id, source_id, label, task, element, crc, payload) VALUES ($id, $source, $label, $task, $element, $crc, $payload)";
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        var source = insert.Parameters.Add("$source", SqliteType.Integer);
        var label = insert.Parameters.Add("$label", SqliteType.Integer);
        insert.Parameters.AddWithValue("$task", task);
        insert.Parameters.AddWithValue("$element", (int)Encoding.Element);
        var crc = insert.Parameters.Add("$crc", SqliteType.Integer);
        var payload = insert.Parameters.Add("$payload", SqliteType.Blob);
        insert.Prepare();
        int stride = _payload.Length;
        for (int i = 0; i < labels.Length; i++)
        {
            payloads.Slice(i * stride, stride).CopyTo(_payload);
            long sampleId = first + i;
            id.Value = sampleId;
            source.Value = sourceIds[i];
            label.Value = labels[i];
            crc.Value = (long)Checksum(new SampleHeader(sampleId, sourceIds[i], labels[i], task), Encoding.Element, _payload);
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
        command.Parameters.AddWithValue("$next", nextId.ToString(CultureInfo.InvariantCulture));
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
}
