using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Miro.Runtime.Data;
using Miro.Runtime.Memory;
using Xunit;

namespace Miro.Runtime.Tests.Memory;

/// <summary>Format 2 of the sample store: samples in the data set's own element type, older formats refused.</summary>
public sealed class SampleStoreFormatTests : IDisposable
{
    private const int Features = 16;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string FilePath => Path.Combine(_dir.Path, SampleStore.FileName);

    /// <summary>Every byte value occurs: 32 samples of 16 bytes, labels 0..3.</summary>
    private static Dataset ByteDataset()
    {
        var raw = new byte[32 * Features];
        for (int i = 0; i < raw.Length; i++)
        {
            raw[i] = (byte)(i * 37 + 11);
        }
        return new Dataset(raw, SampleEncoding.PixelBytes, Enumerable.Range(0, 32).Select(i => i % 4).ToArray(), new SampleShape(1, 4, 4), "bytes");
    }

    private static void Append(SampleStore store, Dataset data, int task = 1)
    {
        var ids = Enumerable.Range(0, data.Count).Select(i => (long)i).ToArray();
        var payloads = new byte[data.Count * data.RawSampleBytes];
        for (int i = 0; i < data.Count; i++)
        {
            data.RawFeatures(i).CopyTo(payloads.AsSpan(i * data.RawSampleBytes));
        }
        store.Append(task, ids, data.Labels.ToArray(), payloads);
    }

    private byte[][] StoredPayloads()
    {
        using var connection = new SqliteConnection($"Data Source={FilePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM samples ORDER BY id";
        using var reader = command.ExecuteReader();
        var rows = new System.Collections.Generic.List<byte[]>();
        while (reader.Read())
        {
            rows.Add((byte[])reader.GetValue(0));
        }
        return [.. rows];
    }

    private void RawSql(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={FilePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void Byte_samples_round_trip_exactly_as_bytes_on_flash_and_as_the_data_sets_floats_in_dram()
    {
        var data = ByteDataset();
        using (var store = SampleStore.Open(_dir.Path, Features, data.Encoding))
        {
            Append(store, data);
            Assert.Equal(Features, store.PayloadBytes); // one byte per value, not four
            Assert.Equal(Features + 29, store.RecordBytes);
            var buffer = new float[Features];
            for (int i = 0; i < data.Count; i++)
            {
                Assert.True(store.TryRead(i + 1, buffer, out var header));
                Assert.Equal(i, header.SourceId);
                Assert.Equal(data.Features(i).ToArray(), buffer); // bit for bit what training sees without the store
            }
        }

        var stored = StoredPayloads();
        Assert.Equal(data.Count, stored.Length);
        for (int i = 0; i < data.Count; i++)
        {
            Assert.Equal(data.RawFeatures(i).ToArray(), stored[i]);
        }
    }

    [Fact]
    public void Npy_element_types_keep_their_type_and_sign_in_the_store()
    {
        short[] values = Enumerable.Range(0, 4 * Features).Select(i => (short)((i - 30) * 997)).ToArray();
        var data = new Dataset(MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), new SampleEncoding(SampleElement.Int16, 1f), [0, 1, 0, 1],
            new SampleShape(1, 1, Features), "i2");
        using var store = SampleStore.Open(_dir.Path, Features, data.Encoding);
        Append(store, data);
        Assert.Equal(2 * Features, store.PayloadBytes);
        var buffer = new float[Features];
        Assert.True(store.TryRead(2, buffer, out _));
        Assert.Equal(values.Skip(Features).Take(Features).Select(v => (float)v).ToArray(), buffer);
    }

    [Fact]
    public void A_store_written_by_format_1_is_refused_naming_the_file_and_how_to_rebuild_and_left_untouched()
    {
        // What the previous release wrote: float32 payloads, no element type, version 1.
        Directory.CreateDirectory(_dir.Path);
        RawSql("""
            PRAGMA journal_mode = WAL;
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE samples (id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, label INTEGER NOT NULL,
                task INTEGER NOT NULL, crc INTEGER NOT NULL, payload BLOB NOT NULL);
            CREATE INDEX samples_by_label ON samples (label, id);
            CREATE TABLE task_progress (task INTEGER PRIMARY KEY, written INTEGER NOT NULL);
            INSERT INTO meta (key, value) VALUES ('format', 'miro-sample-store'), ('version', '1'), ('features', '16'), ('next_id', '2');
            INSERT INTO samples VALUES (1, 0, 0, 1, 0, zeroblob(64));
            INSERT INTO task_progress VALUES (1, 1);
            PRAGMA wal_checkpoint(TRUNCATE);
            """);
        byte[] before = File.ReadAllBytes(FilePath);

        var error = Assert.Throws<SampleStoreException>(() => SampleStore.Open(_dir.Path, Features, SampleEncoding.PixelBytes));

        Assert.Equal(FilePath, error.FilePath);
        Assert.Contains(FilePath, error.Message);
        Assert.Contains("format 1", error.Message);
        Assert.Contains($"delete the directory '{_dir.Path}'", error.Message);
        Assert.Contains("without --resume", error.Message);
        Assert.Equal(before, File.ReadAllBytes(FilePath));
    }

    [Fact]
    public void Opening_a_store_with_another_element_type_fails_naming_both()
    {
        using (var store = SampleStore.Open(_dir.Path, Features, SampleEncoding.PixelBytes))
        {
            Append(store, ByteDataset());
        }
        var error = Assert.Throws<SampleStoreException>(() => SampleStore.Open(_dir.Path, Features, SampleEncoding.Float32));
        Assert.Contains("u8/255", error.Message);
        Assert.Contains("f32", error.Message);
    }

    [Fact]
    public void A_record_whose_element_type_was_changed_is_refused_as_damaged_never_decoded()
    {
        using (var store = SampleStore.Open(_dir.Path, Features, SampleEncoding.PixelBytes))
        {
            Append(store, ByteDataset());
        }
        RawSql("UPDATE samples SET element = 1 WHERE id = 3");
        using var reopened = SampleStore.Open(_dir.Path, Features, SampleEncoding.PixelBytes);
        var buffer = new float[Features];
        Assert.True(reopened.TryRead(2, buffer, out _));
        var error = Assert.Throws<SampleCorruptedException>(() => reopened.TryRead(3, buffer, out _));
        Assert.Equal(3, error.SampleId);
        Assert.All(buffer, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Floats_cannot_be_appended_to_a_byte_store()
    {
        using var store = SampleStore.Open(_dir.Path, Features, SampleEncoding.PixelBytes);
        var error = Assert.Throws<InvalidOperationException>(() => store.Append(1, [1L], [0], new float[Features]));
        Assert.Contains("u8/255", error.Message);
        Assert.Equal(0, store.Count);
    }
}
