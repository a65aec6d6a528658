using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Data.Sqlite;
using System.Runtime.InteropServices;
using Miro.Runtime.Data;
using Miro.Runtime.Energy;
using Miro.Runtime.Memory;
using Xunit;

namespace Miro.Runtime.Tests.Memory;

public sealed class SampleStoreTests : IDisposable
{
    private const int Features = 8;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private SampleStore OpenStore(long? capacityBytes = null, IIoCounters? io = null) =>
        SampleStore.Open(_dir.Path, Features, SampleEncoding.Float32, capacityBytes, io);

    /// <summary>Appends samples tagged with the ids they will get, so contents can be checked by id.</summary>
    private static long AppendTagged(SampleStore store, int task, params int[] labels)
    {
        long first = store.NextId;
        var tags = Enumerable.Range(0, labels.Length).Select(i => first + i).ToArray();
        long id = store.Append(task, tags.Select(t => t + 1000).ToArray(), labels, SampleData.Features(tags, Features));
        Assert.Equal(first, id);
        return first;
    }

    private string FilePath => Path.Combine(_dir.Path, SampleStore.FileName);

    private void RawSql(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={FilePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void Appended_samples_read_back_with_label_task_and_features()
    {
        using var store = OpenStore();
        long first = AppendTagged(store, task: 3, 4, 5, 4);

        var buffer = new float[Features];
        Assert.True(store.TryRead(first + 1, buffer, out var header));
        Assert.Equal(new SampleHeader(first + 1, first + 1001, 5, 3), header);
        Assert.True(SampleData.Matches(buffer, first + 1));
        Assert.Equal(3, store.Count);
        Assert.Equal(2, store.CountOf(4));
        Assert.Equal([4, 5], store.Labels());
    }

    [Fact]
    public void Committed_samples_survive_close_and_reopen()
    {
        long first;
        using (var store = OpenStore())
        {
            first = AppendTagged(store, 1, 0, 1, 2, 0);
        }
        using var reopened = OpenStore();
        Assert.Equal(4, reopened.Count);
        Assert.Equal(first + 4, reopened.NextId);
        var buffer = new float[Features];
        for (long id = first; id < first + 4; id++)
        {
            Assert.True(reopened.TryRead(id, buffer, out _));
            Assert.True(SampleData.Matches(buffer, id));
        }
        Assert.True(reopened.Verify().IsHealthy);
    }

    [Fact]
    public void Read_of_an_absent_id_returns_false()
    {
        using var store = OpenStore();
        AppendTagged(store, 1, 0);
        Assert.False(store.TryRead(999, new float[Features], out _));
    }

    [Fact]
    public void Random_draw_returns_only_samples_of_the_requested_label()
    {
        using var store = OpenStore();
        var labels = Enumerable.Range(0, 60).Select(i => i % 3).ToArray();
        AppendTagged(store, 1, labels);
        var random = new Random(7);
        var buffer = new float[Features];
        var seen = new HashSet<long>();
        for (int i = 0; i < 200; i++)
        {
            Assert.True(store.TryDrawRandom(2, random, buffer, out var header));
            Assert.Equal(2, header.Label);
            Assert.True(SampleData.Matches(buffer, header.Id));
            seen.Add(header.Id);
        }
        Assert.True(seen.Count > 15, $"draws should spread over the label's 20 samples, saw {seen.Count}");
    }

    [Fact]
    public void Random_draw_is_reproducible_for_a_seed()
    {
        using var store = OpenStore();
        AppendTagged(store, 1, Enumerable.Repeat(1, 50).ToArray());
        long[] Draws(int seed)
        {
            var random = new Random(seed);
            return Enumerable.Range(0, 20).Select(_ =>
            {
                store.TryDrawRandom(1, random, new float[Features], out var h);
                return h.Id;
            }).ToArray();
        }
        Assert.Equal(Draws(11), Draws(11));
        Assert.NotEqual(Draws(11), Draws(12));
    }

    [Fact]
    public void Random_draw_of_a_label_never_stored_returns_false()
    {
        using var store = OpenStore();
        AppendTagged(store, 1, 0, 0);
        Assert.False(store.TryDrawRandom(9, new Random(1), new float[Features], out _));
    }

    [Fact]
    public void Over_capacity_the_oldest_samples_of_the_fullest_class_are_evicted()
    {
        using var probe = OpenStore();
        long record = probe.RecordBytes;
        probe.Dispose();
        using var store = OpenStore(capacityBytes: 10 * record + record / 2);
        Assert.Equal(10, store.CapacitySamples);

        long first0 = AppendTagged(store, 1, Enumerable.Repeat(0, 10).ToArray());
        AppendTagged(store, 2, Enumerable.Repeat(1, 4).ToArray());
        Assert.Equal(10, store.Count);
        Assert.Equal(6, store.CountOf(0));
        Assert.Equal(4, store.CountOf(1));
        var buffer = new float[Features];
        Assert.False(store.TryRead(first0 + 3, buffer, out _)); // the four oldest of class 0 went
        Assert.True(store.TryRead(first0 + 4, buffer, out _));

        AppendTagged(store, 3, Enumerable.Repeat(2, 10).ToArray());
        int[] counts = [store.CountOf(0), store.CountOf(1), store.CountOf(2)];
        Assert.Equal(10, counts.Sum());
        Assert.True(counts.Max() - counts.Min() <= 1, $"classes should be balanced: {string.Join(",", counts)}");
    }

    [Fact]
    public void Eviction_is_durable_and_the_reopened_store_keeps_the_same_samples()
    {
        long record;
        using (var probe = OpenStore())
        {
            record = probe.RecordBytes;
        }
        long[] before;
        using (var store = OpenStore(capacityBytes: 6 * record))
        {
            AppendTagged(store, 1, 0, 0, 0, 0, 1, 1, 1, 1);
            before = Enumerable.Range(1, 8).Where(id => store.TryRead(id, new float[Features], out _)).Select(id => (long)id).ToArray();
        }
        using var reopened = OpenStore(capacityBytes: 6 * record);
        var after = Enumerable.Range(1, 8).Where(id => reopened.TryRead(id, new float[Features], out _)).Select(id => (long)id).ToArray();
        Assert.Equal(6, before.Length);
        Assert.Equal(before, after);
    }

    [Fact]
    public void Bytes_read_and_written_are_counted_and_reported_to_the_io_counters()
    {
        var io = new IoCounters();
        using var store = OpenStore(io: io);
        AppendTagged(store, 1, 0, 1, 1);
        store.TryDrawRandom(1, new Random(3), new float[Features], out _);
        store.TryRead(1, new float[Features], out _);

        long record = Features * 4 + 29; // float32 payload + id, source id, label, task, element type, crc
        Assert.Equal(record, store.RecordBytes);
        Assert.Equal(3 * record, store.BytesWritten);
        Assert.Equal(2 * record, store.BytesRead);
        Assert.Equal(store.BytesWritten, io.BytesWritten);
        Assert.Equal(store.BytesRead, io.BytesRead);
    }

    [Fact]
    public void Write_task_skips_samples_already_committed_for_that_task()
    {
        var labels = Enumerable.Range(0, 10).Select(i => i % 2).ToArray();
        var ids = Enumerable.Range(1, 10).Select(i => (long)i).ToArray();
        var features = SampleData.Features(ids, Features);
        using (var store = OpenStore())
        {
            // An interrupted first attempt committed the first 4 samples.
            store.Append(1, ids.AsSpan(0, 4), labels.AsSpan(0, 4), features.AsSpan(0, 4 * Features));
        }
        using var resumed = OpenStore();
        Assert.Equal(6, resumed.WriteTask(1, ids, labels, MemoryMarshal.AsBytes(features.AsSpan()), batchSize: 4));
        Assert.Equal(10, resumed.Count);
        Assert.Equal(10, resumed.WrittenCount(1));
        Assert.Equal(0, resumed.WriteTask(1, ids, labels, MemoryMarshal.AsBytes(features.AsSpan())));
        Assert.Equal(10, resumed.Count);
        var buffer = new float[Features];
        for (long id = 1; id <= 10; id++)
        {
            Assert.True(resumed.TryRead(id, buffer, out var header));
            Assert.True(SampleData.Matches(buffer, id));
            Assert.Equal(labels[id - 1], header.Label);
        }
    }

    [Fact]
    public void A_damaged_payload_is_reported_on_read_and_never_returned_or_drawn_again()
    {
        using (var store = OpenStore())
        {
            AppendTagged(store, 1, 0, 0, 0, 0);
        }
        RawSql("UPDATE samples SET payload = zeroblob(length(payload)) WHERE id = 2");

        using var reopened = OpenStore();
        var buffer = new float[Features];
        buffer.AsSpan().Fill(42f);
        var error = Assert.Throws<SampleCorruptedException>(() => reopened.TryRead(2, buffer, out _));
        Assert.Equal(2, error.SampleId);
        Assert.Contains(FilePath, error.Message);
        Assert.All(buffer, f => Assert.Equal(0f, f));

        var random = new Random(5);
        for (int i = 0; i < 100; i++)
        {
            Assert.True(reopened.TryDrawRandom(0, random, buffer, out var header));
            Assert.NotEqual(2, header.Id);
        }
    }

    [Fact]
    public void A_damaged_label_fails_the_checksum_like_damaged_features()
    {
        using (var store = OpenStore())
        {
            AppendTagged(store, 1, 0, 1);
        }
        RawSql("UPDATE samples SET label = 7 WHERE id = 1");
        using var reopened = OpenStore();
        Assert.Throws<SampleCorruptedException>(() => reopened.TryDrawRandom(7, new Random(1), new float[Features], out _));
    }

    [Fact]
    public void Verify_lists_every_damaged_sample()
    {
        using (var store = OpenStore())
        {
            AppendTagged(store, 1, 0, 1, 2, 3, 4);
        }
        RawSql("UPDATE samples SET crc = crc + 1 WHERE id IN (2, 5); UPDATE samples SET payload = x'00' WHERE id = 3");
        using var reopened = OpenStore();
        var report = reopened.Verify();
        Assert.Equal(5, report.Samples);
        Assert.Equal([2L, 3L, 5L], report.CorruptedIds.ToArray());
        Assert.Equal("ok", report.IntegrityCheck);
        Assert.False(report.IsHealthy);
    }

    [Fact]
    public void Opening_a_store_from_a_newer_version_fails_naming_the_file_and_keeps_the_data()
    {
        using (var store = OpenStore())
        {
            AppendTagged(store, 1, 0, 1);
        }
        RawSql("UPDATE meta SET value = '3' WHERE key = 'version'");
        var error = Assert.Throws<SampleStoreException>(() => OpenStore());
        Assert.Contains(FilePath, error.Message);
        Assert.Contains("newer Miro", error.Message);

        RawSql("UPDATE meta SET value = '2' WHERE key = 'version'");
        using var reopened = OpenStore();
        Assert.Equal(2, reopened.Count);
    }

    [Fact]
    public void Opening_a_store_of_another_sample_shape_fails_naming_both_shapes()
    {
        using (var store = OpenStore())
        {
            AppendTagged(store, 1, 0);
        }
        var error = Assert.Throws<SampleStoreException>(() => SampleStore.Open(_dir.Path, Features + 1, SampleEncoding.Float32));
        Assert.Contains($"{Features} features", error.Message);
        Assert.Contains($"{Features + 1}", error.Message);
        Assert.Equal(FilePath, error.FilePath);
    }

    [Fact]
    public void Opening_a_file_that_is_not_a_database_fails_and_leaves_it_untouched()
    {
        var garbage = new byte[5000];
        new Random(1).NextBytes(garbage);
        File.WriteAllBytes(FilePath, garbage);
        var error = Assert.Throws<SampleStoreException>(() => OpenStore());
        Assert.Contains(FilePath, error.Message);
        Assert.Contains("damaged", error.Message);
        Assert.Equal(garbage, File.ReadAllBytes(FilePath));
    }

    [Fact]
    public void Opening_another_applications_database_fails_as_not_a_sample_store()
    {
        RawSql("CREATE TABLE customers (id INTEGER PRIMARY KEY)");
        var error = Assert.Throws<SampleStoreException>(() => OpenStore());
        Assert.Contains("not a Miro sample store", error.Message);
    }

    [Fact]
    public void Opening_a_store_with_a_damaged_page_fails_with_a_clear_error()
    {
        using (var store = OpenStore())
        {
            var labels = Enumerable.Repeat(0, 400).ToArray();
            store.Append(1, new long[400], labels, new float[400 * Features]);
        }
        byte[] bytes = File.ReadAllBytes(FilePath);
        Assert.True(bytes.Length > 4 * 4096, "the store should span several pages");
        bytes.AsSpan(2 * 4096, 4096).Fill(0xFF);
        File.WriteAllBytes(FilePath, bytes);

        var error = Assert.Throws<SampleStoreException>(() => OpenStore());
        Assert.Contains(FilePath, error.Message);
        Assert.Contains("damaged", error.Message);
        Assert.Equal(bytes, File.ReadAllBytes(FilePath));
    }

    /// <summary>A store as a killed run leaves it: committed batches still in the write-ahead log.</summary>
    private string StoreWithUnmergedLog(TempDirectory into)
    {
        using var store = OpenStore();
        AppendTagged(store, 1, 0, 1, 0, 1);
        AppendTagged(store, 2, 2, 3);
        foreach (string suffix in new[] { "", "-wal", "-shm" })
        {
            File.Copy(FilePath + suffix, Path.Combine(into.Path, SampleStore.FileName + suffix));
        }

        string copy = Path.Combine(into.Path, SampleStore.FileName);
        Assert.True(new FileInfo(copy + "-wal").Length > 0, "the copy should hold committed batches in its log");
        return copy;
    }

    [Fact]
    public void A_refused_open_leaves_the_store_and_its_log_byte_identical()
    {
        using var other = new TempDirectory();
        string copy = StoreWithUnmergedLog(other);
        byte[] db = File.ReadAllBytes(copy);
        byte[] wal = File.ReadAllBytes(copy + "-wal");

        Assert.Throws<SampleStoreException>(() => SampleStore.Open(other.Path, Features + 1, SampleEncoding.Float32));

        Assert.Equal(db, File.ReadAllBytes(copy));
        Assert.True(File.Exists(copy + "-wal"), "the refused open must not merge and delete the log");
        Assert.Equal(wal, File.ReadAllBytes(copy + "-wal"));
    }

    [Fact]
    public void A_refused_open_leaves_no_new_files_beside_a_closed_store()
    {
        using (SampleStore store = OpenStore())
        {
            store.Append(1, [7], [0], new float[Features]);
        }

        string[] before = Directory.GetFiles(_dir.Path).Order().ToArray();
        byte[] db = File.ReadAllBytes(FilePath);

        Assert.Throws<SampleStoreException>(() => SampleStore.Open(_dir.Path, Features + 1, SampleEncoding.Float32));

        Assert.Equal(before, Directory.GetFiles(_dir.Path).Order().ToArray());
        Assert.Equal(db, File.ReadAllBytes(FilePath));
    }

    [Fact]
    public void A_store_with_an_unmerged_log_opens_with_every_committed_sample()
    {
        using var other = new TempDirectory();
        StoreWithUnmergedLog(other);

        using var store = SampleStore.Open(other.Path, Features, SampleEncoding.Float32);

        Assert.Equal(6, store.Count);
        Assert.Equal(7, store.NextId);
    }

    [Fact]
    public void Append_rejects_features_that_do_not_match_the_labels()
    {
        using var store = OpenStore();
        Assert.Throws<ArgumentException>(() => store.Append(1, [7, 8], [0, 1], new float[Features]));
        Assert.Throws<ArgumentException>(() => store.Append(1, [7], [0, 1], new float[2 * Features]));
        Assert.Equal(0, store.Count);
    }
}
