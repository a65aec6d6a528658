using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using Miro.Runtime.CrashChild;
using Miro.Runtime.Data;
using Miro.Runtime.Memory;
using Xunit;

namespace Miro.Runtime.Tests.Memory;

/// <summary>
/// DESIGN.md §4.1's crash guarantee, tested with real SIGKILLs: a child process writes batches and
/// swaps from the store; it is killed at seeded random moments (during start-up and WAL recovery,
/// mid-transaction, mid-fsync, mid-read), and after every kill the store must reopen, pass its
/// checks, and hold every batch the child reported committed, whole and bit-exact.
/// </summary>
public sealed class SampleStoreCrashTests
{
    [Fact]
    public void Sigkilled_writer_loses_and_corrupts_no_committed_sample_over_50_kills()
    {
        var random = new Random(20261126);
        int kills = 0;
        long verifiedSamples = 0;
        // Five stores of ten kills each keep every store small enough to re-verify after each kill.
        for (int round = 0; round < 5; round++)
        {
            using var dir = new TempDirectory();
            var committed = new List<(long First, int Count)>();
            for (int k = 0; k < 10; k++)
            {
                var outcome = Kill(dir.Path, random, capacitySamples: null);
                kills++;
                committed.AddRange(outcome.Committed);
                verifiedSamples += VerifyAfterKill(dir.Path, committed, outcome);
            }
        }
        Assert.True(kills >= 50);
        Assert.True(verifiedSamples > 10_000, $"the kills should land after real work was committed (verified {verifiedSamples} samples)");
    }

    [Fact]
    public void Sigkilled_writer_under_eviction_leaves_a_healthy_store_within_capacity()
    {
        var random = new Random(7);
        using var dir = new TempDirectory();
        const long capacity = 500;
        for (int k = 0; k < 10; k++)
        {
            var outcome = Kill(dir.Path, random, capacity);
            using var store = SampleStore.Open(dir.Path, CrashWorkload.Features, SampleEncoding.Float32, capacity * SampleStore.RecordBytesFor(CrashWorkload.Features, SampleEncoding.Float32));
            Assert.True(store.Verify().IsHealthy, outcome.Output);
            Assert.True(store.Count <= capacity);
            var buffer = new float[CrashWorkload.Features];
            foreach (int label in store.Labels())
            {
                var draw = new Random(k);
                for (int i = 0; i < 20; i++)
                {
                    Assert.True(store.TryDrawRandom(label, draw, buffer, out var header));
                    Assert.Equal(CrashWorkload.Label(header.Id), header.Label);
                    Assert.True(CrashWorkload.Matches(buffer, header.Id));
                }
            }
        }
    }

    private static CrashChildProcess.Outcome Kill(string directory, Random random, long? capacitySamples)
    {
        // A third of the kills count from process start, so some land during start-up, WAL recovery
        // and schema checks; the rest land while batches are being written and swapped.
        bool fromReady = random.Next(3) != 0;
        var delay = TimeSpan.FromMilliseconds(fromReady ? random.Next(0, 400) : random.Next(0, 250));
        var outcome = CrashChildProcess.RunAndKill(directory, random.Next(), delay, fromReady, capacitySamples);
        Assert.True(outcome.ExitCode is null, $"the child must still be running when killed; it exited with {outcome.ExitCode}:\n{outcome.Output}");
        return outcome;
    }

    private static long VerifyAfterKill(string directory, List<(long First, int Count)> committed, CrashChildProcess.Outcome outcome)
    {
        using var store = SampleStore.Open(directory, CrashWorkload.Features, SampleEncoding.Float32);
        var report = store.Verify();
        Assert.True(report.IsHealthy, $"after a kill: {report.IntegrityCheck}, corrupted {report.CorruptedIds.Count}\n{outcome.Output}");

        var buffer = new float[CrashWorkload.Features];
        foreach (var (first, count) in committed)
        {
            Assert.Equal(CrashWorkload.BatchSize(first), count);
            for (long id = first; id < first + count; id++)
            {
                Assert.True(store.TryRead(id, buffer, out var header), $"committed sample {id} was lost");
                Assert.Equal(new SampleHeader(id, -id, CrashWorkload.Label(id), (int)first), header);
                Assert.True(CrashWorkload.Matches(buffer, id), $"committed sample {id} reads back different data");
            }
        }

        // Atomicity: every batch in the file, reported or not (a kill can land between commit and
        // print), is whole: its task column is its first id and it holds exactly BatchSize ids.
        var batches = new Dictionary<long, (long Min, long Max, int Count)>();
        using (var connection = new SqliteConnection($"Data Source={store.FilePath};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, task FROM samples";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                long id = reader.GetInt64(0);
                long task = reader.GetInt64(1);
                batches[task] = batches.TryGetValue(task, out var b) ? (Math.Min(b.Min, id), Math.Max(b.Max, id), b.Count + 1) : (id, id, 1);
            }
        }
        foreach (var (first, batch) in batches)
        {
            int expected = CrashWorkload.BatchSize(first);
            Assert.True(batch.Min == first && batch.Count == expected && batch.Max == first + expected - 1,
                $"batch {first} is torn: {batch.Count} of {expected} samples, ids {batch.Min}..{batch.Max}");
        }
        Assert.Equal(report.Samples, store.Count);
        return report.Samples;
    }
}
