using System;
using System.Linq;
using Miro.Dsl.Model;
using Miro.Runtime.Memory;
using Xunit;

namespace Miro.Runtime.Tests.Memory;

public sealed class SwapWorkerTests
{
    private static SwapSpec Spec(double ratio = 1.0, int every = 1, SwapPolicy policy = SwapPolicy.Random) => new(ratio, every, policy);

    private static (int[] Labels, long[] Ids) Snapshot(EpisodicMemory memory) =>
        (Enumerable.Range(0, memory.Count).Select(memory.Label).ToArray(), Enumerable.Range(0, memory.Count).Select(memory.SampleId).ToArray());

    [Fact]
    public void Swap_replaces_slot_with_same_label_sample()
    {
        using var f = new SwapFixture();
        var (labels, before) = Snapshot(f.Memory);
        using (var worker = new SwapWorker(f.Store, f.Memory, Spec(), new SeededRandom(1)))
        {
            worker.Submit(2, 1, Enumerable.Range(0, f.Memory.Count).ToArray());
            Assert.Equal(f.Memory.Count, worker.Drain());
        }
        var (labelsAfter, after) = Snapshot(f.Memory);
        Assert.Equal(labels, labelsAfter);
        for (int slot = 0; slot < f.Memory.Count; slot++)
        {
            Assert.True(after[slot] >= 1000, $"slot {slot} should hold a stored sample now");
            Assert.Equal(labels[slot], SwapFixture.LabelOfStored(after[slot]));
            Assert.True(f.SlotIsWhole(slot, f.Memory.Features(slot)));
        }
    }

    [Theory]
    [InlineData(1.0, 32, 32)]
    [InlineData(0.25, 32, 8)]
    [InlineData(0.3, 10, 3)]
    [InlineData(0.01, 10, 1)]
    public void Ratio_swaps_ceil_of_ratio_times_the_steps_slots(double ratio, int slots, int expected)
    {
        using var f = new SwapFixture(classes: 4, perClass: 8);
        var (_, before) = Snapshot(f.Memory);
        using var worker = new SwapWorker(f.Store, f.Memory, Spec(ratio), new SeededRandom(3));
        worker.Submit(2, 1, Enumerable.Range(0, slots).ToArray());
        worker.Drain();
        var (_, after) = Snapshot(f.Memory);
        Assert.Equal(expected, Enumerable.Range(0, slots).Count(s => after[s] != before[s]));
        Assert.True(Enumerable.Range(slots, f.Memory.Count - slots).All(s => after[s] == before[s]), "slots the step did not use are never swapped");
        Assert.Equal(expected, worker.Metrics.Swaps);
    }

    [Fact]
    public void A_slot_is_replaced_only_after_later_steps_so_its_own_step_used_it()
    {
        Assert.Equal(2, SwapWorker.PublishLag);
        using var f = new SwapFixture();
        var (_, before) = Snapshot(f.Memory);
        using var worker = new SwapWorker(f.Store, f.Memory, Spec(), new SeededRandom(4));

        worker.Submit(2, 1, [0, 1, 2]);
        Assert.Equal(0, worker.Publish()); // step 2 assembles next: slots 0-2 may still be as they were
        worker.Submit(2, 1, [3, 4]);
        Assert.Equal(0, worker.Publish()); // step 3 too: the worker has two steps for each request
        Assert.Equal(before[..5], Snapshot(f.Memory).Ids[..5]);

        worker.Submit(2, 1, [5]);
        Assert.Equal(3, worker.Publish()); // before step 4: step 1's swaps are in, steps 2-3's are not
        var ids = Snapshot(f.Memory).Ids;
        Assert.All(ids[..3], id => Assert.True(id >= 1000));
        Assert.Equal(before[3..6], ids[3..6]);

        Assert.Equal(3, worker.Drain());
        Assert.All(Snapshot(f.Memory).Ids[..6], id => Assert.True(id >= 1000));
    }

    [Fact]
    public void Nothing_swaps_in_task_1_or_outside_every_kth_epoch()
    {
        using var f = new SwapFixture();
        var (_, before) = Snapshot(f.Memory);
        using var worker = new SwapWorker(f.Store, f.Memory, Spec(every: 2), new SeededRandom(5));
        worker.Submit(1, 2, [0, 1]); // task 1
        worker.Submit(2, 1, [0, 1]); // epoch 1 of every 2
        worker.Submit(3, 3, [0, 1]); // epoch 3 of every 2
        worker.Drain();
        Assert.Equal(before, Snapshot(f.Memory).Ids);
        Assert.Equal(0, worker.Metrics.Requests);

        worker.Submit(2, 4, [0, 1]);
        worker.Drain();
        Assert.Equal(2, worker.Metrics.Swaps);
    }

    [Fact]
    public void Paused_worker_drops_submissions_until_resumed()
    {
        using var f = new SwapFixture();
        var (_, before) = Snapshot(f.Memory);
        using var worker = new SwapWorker(f.Store, f.Memory, Spec(), new SeededRandom(6));
        worker.Submit(2, 1, [0]);
        worker.Pause(); // drains: slot 0 is swapped
        Assert.True(worker.IsPaused);
        long swappedId = Snapshot(f.Memory).Ids[0];
        Assert.NotEqual(before[0], swappedId);

        worker.Submit(2, 1, [1, 2]);
        worker.Drain();
        Assert.Equal(before[1..3], Snapshot(f.Memory).Ids[1..3]);
        Assert.Equal(1, worker.Metrics.Dropped);

        worker.Resume();
        worker.Submit(2, 1, [1, 2]);
        worker.Drain();
        Assert.All(Snapshot(f.Memory).Ids[1..3], id => Assert.True(id >= 1000));
    }

    [Fact]
    public void A_label_missing_from_the_store_leaves_its_slots_alone()
    {
        using var f = new SwapFixture(emptyInStore: [1]);
        var (labels, before) = Snapshot(f.Memory);
        using var worker = new SwapWorker(f.Store, f.Memory, Spec(), new SeededRandom(7));
        worker.Submit(2, 1, Enumerable.Range(0, f.Memory.Count).ToArray());
        worker.Drain();
        var (_, after) = Snapshot(f.Memory);
        for (int s = 0; s < labels.Length; s++)
        {
            Assert.Equal(labels[s] == 1, after[s] == before[s]);
        }
        Assert.Equal(labels.Count(l => l == 1), worker.Metrics.Missing);
    }

    [Fact]
    public void A_damaged_stored_sample_is_counted_and_never_copied_into_the_memory()
    {
        using var f = new SwapFixture(classes: 2, perClass: 4, stored: 3);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={f.Store.FilePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE samples SET payload = zeroblob(length(payload)) WHERE label = 0";
            command.ExecuteNonQuery();
        }
        var (labels, before) = Snapshot(f.Memory);
        using var worker = new SwapWorker(f.Store, f.Memory, Spec(), new SeededRandom(8));
        worker.Submit(2, 1, Enumerable.Range(0, f.Memory.Count).ToArray());
        worker.Drain();
        var (_, after) = Snapshot(f.Memory);
        for (int s = 0; s < labels.Length; s++)
        {
            Assert.True(f.SlotIsWhole(s, f.Memory.Features(s)));
            if (labels[s] == 0)
            {
                Assert.Equal(before[s], after[s]);
            }
        }
        Assert.True(worker.Metrics.Corrupted >= 1);
        Assert.Equal(3, f.Store.Verify().CorruptedIds.Count);
    }

    [Fact]
    public void A_slot_given_to_another_class_before_publication_keeps_its_new_sample()
    {
        using var f = new SwapFixture();
        int otherLabel = (f.Memory.Label(0) + 1) % 4;
        using var worker = new SwapWorker(f.Store, f.Memory, Spec(), new SeededRandom(13));
        worker.Submit(2, 1, [0]);
        // An online memory (reservoir) reassigns slot 0 between the step and the publication.
        f.Memory.Overwrite(0, SampleData.Features([77], SwapFixture.Features), otherLabel, 77);
        worker.Drain();
        Assert.Equal(77, f.Memory.SampleId(0));
        Assert.Equal(otherLabel, f.Memory.Label(0));
        Assert.Equal(1, worker.Metrics.Stale);
    }

    [Fact]
    public void The_same_seed_and_steps_swap_identically()
    {
        long[] Run()
        {
            using var f = new SwapFixture();
            using var worker = new SwapWorker(f.Store, f.Memory, Spec(0.5), new SeededRandom(42));
            var steps = new SeededRandom(9);
            for (int step = 0; step < 50; step++)
            {
                worker.Submit(2, 1, Enumerable.Range(0, 8).Select(_ => steps.Next(f.Memory.Count)).Distinct().ToArray());
                worker.Publish();
            }
            worker.Drain();
            return Snapshot(f.Memory).Ids;
        }
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Prefetching_never_changes_what_swaps_asynchronous_equals_synchronous()
    {
        // Each label has its own seeded draw sequence: whether the worker prefetched a draw or the
        // trainer read it (synchronous mode reads everything itself), the memory ends up the same.
        long[] Run(bool asynchronous)
        {
            using var f = new SwapFixture();
            using var worker = asynchronous
                ? new SwapWorker(f.Store, f.Memory, Spec(0.5), new SeededRandom(42))
                : SwapWorker.Synchronous(f.Store, f.Memory, Spec(0.5), new SeededRandom(42));
            var steps = new SeededRandom(9);
            for (int step = 0; step < 200; step++)
            {
                worker.Submit(2, 1, Enumerable.Range(0, 8).Select(_ => steps.Next(f.Memory.Count)).Distinct().ToArray());
                worker.Publish();
                if (step % 10 == 0)
                {
                    // Now and then the rings fill up, so the next steps take prefetched draws.
                    Assert.True(worker.FillRings(TimeSpan.FromSeconds(30)), "the prefetch thread did not fill its rings");
                }
            }
            worker.Drain();
            if (asynchronous)
            {
                SwapMetrics metrics = worker.Metrics;
                Assert.True(worker.Prefetched > 0, "the prefetch thread read nothing");
                Assert.True(metrics.Inline < metrics.Swaps + metrics.Missing + metrics.Corrupted, "every draw was read by the trainer: nothing prefetched was used");
            }
            else
            {
                Assert.Equal(0, worker.Prefetched);
            }
            return Snapshot(f.Memory).Ids;
        }
        Assert.Equal(Run(asynchronous: false), Run(asynchronous: true));
    }

    [Fact]
    public void A_worker_restored_from_a_settled_state_continues_exactly_like_the_original()
    {
        // Checkpoint between two steps: the generators (label streams rewound past prefetched draws)
        // and the taken, unpublished replacements go to a new worker, which must swap as the old one would.
        static int[] Step(SeededRandom steps, int count) => Enumerable.Range(0, 8).Select(_ => steps.Next(count)).Distinct().ToArray();
        long[] expected;
        using (var f = new SwapFixture())
        {
            using var worker = new SwapWorker(f.Store, f.Memory, Spec(0.5), new SeededRandom(42));
            var steps = new SeededRandom(9);
            for (int step = 0; step < 100; step++)
            {
                worker.Submit(2, 1, Step(steps, f.Memory.Count));
                worker.Publish();
            }
            worker.Drain();
            expected = Snapshot(f.Memory).Ids;
        }

        using var g = new SwapFixture();
        var replay = new SeededRandom(9);
        SwapCheckpoint checkpoint;
        MemorySnapshot saved;
        using (var first = new SwapWorker(g.Store, g.Memory, Spec(0.5), new SeededRandom(42)))
        {
            for (int step = 0; step < 40; step++)
            {
                first.Submit(2, 1, Step(replay, g.Memory.Count));
                first.Publish();
            }
            // The rings hold draws not yet taken: the saved state must rewind past them.
            Assert.True(first.FillRings(TimeSpan.FromSeconds(30)), "the prefetch thread did not fill its rings");
            SwapMetrics metrics = first.Metrics;
            long takenFromRings = metrics.Swaps + metrics.Missing + metrics.Corrupted - metrics.Inline;
            Assert.True(first.Prefetched > takenFromRings, $"prefetched {first.Prefetched}, taken {takenFromRings}: the rings should hold untaken draws");
            checkpoint = first.Settle();
            saved = g.Memory.Snapshot();
        }
        Assert.Equal(SwapWorker.PublishLag, checkpoint.Pending.Count);
        g.Memory.Restore(saved); // the first worker's Dispose applied its pending swaps: back to the checkpoint

        using (var second = SwapWorker.FromCheckpoint(g.Store, g.Memory, Spec(0.5), checkpoint))
        {
            for (int step = 40; step < 100; step++)
            {
                second.Submit(2, 1, Step(replay, g.Memory.Count));
                second.Publish();
            }
            second.Drain();
        }
        Assert.Equal(expected, Snapshot(g.Memory).Ids);
    }

    [Fact]
    public void Entropy_policy_without_predictions_fails_loudly_on_the_training_thread()
    {
        using var f = new SwapFixture();
        using var worker = new SwapWorker(f.Store, f.Memory, Spec(policy: SwapPolicy.Entropy), new SeededRandom(10));
        worker.Submit(2, 1, [0, 1]);
        var error = Assert.Throws<InvalidOperationException>(() => worker.Drain());
        Assert.Contains("entropy", error.Message);
    }

    [Fact]
    public void Samples_prefetched_on_the_worker_thread_arrive_whole()
    {
        // The prefetch thread fills pooled sample buffers while the trainer takes, publishes and
        // returns them: every published slot must hold one whole sample matching its id and label.
        // (The memory itself is only written on the training thread, so batch reads cannot race.)
        using var f = new SwapFixture(classes: 4, perClass: 16, stored: 200);
        using var worker = new SwapWorker(f.Store, f.Memory, Spec(), new SeededRandom(11));
        var random = new SeededRandom(12);
        var batch = new int[32];
        long torn = 0;
        for (int step = 0; step < 3000; step++)
        {
            for (int i = 0; i < batch.Length; i++)
            {
                batch[i] = random.Next(f.Memory.Count);
            }
            worker.Submit(2, 1, batch.Distinct().ToArray());
            if (worker.Publish() > 0)
            {
                for (int slot = 0; slot < f.Memory.Count; slot++)
                {
                    if (!f.SlotIsWhole(slot, f.Memory.Features(slot)))
                    {
                        torn++;
                    }
                }
            }
        }
        worker.Drain();
        Assert.Equal(0, torn);
        Assert.True(worker.Metrics.Swaps > 30_000, $"the worker should have swapped heavily, swapped {worker.Metrics.Swaps}");
        Assert.True(worker.Prefetched > 0, "the prefetch thread read nothing: the hand-off between threads was not exercised");
        for (int slot = 0; slot < f.Memory.Count; slot++)
        {
            Assert.True(f.SlotIsWhole(slot, f.Memory.Features(slot)));
        }
    }

    [Fact]
    public void Pause_drains_and_stops_prefetching_until_resumed()
    {
        using var f = new SwapFixture();
        using var worker = new SwapWorker(f.Store, f.Memory, Spec(), new SeededRandom(14));
        worker.Submit(2, 1, Enumerable.Range(0, f.Memory.Count).ToArray()); // empty rings: read inline, prefetch thread woken
        Assert.Equal(f.Memory.Count, worker.Pause());
        long prefetched = worker.Prefetched;
        worker.FillRings(TimeSpan.FromMilliseconds(200)); // wakes the thread and gives it time it must not use
        Assert.Equal(prefetched, worker.Prefetched);

        worker.Resume();
        Assert.False(worker.IsPaused);
        worker.Submit(2, 1, [4, 5]); // takes from the rings, so they have room again
        Assert.True(worker.FillRings(TimeSpan.FromSeconds(30)), "a resumed worker tops its rings up");
        Assert.True(worker.Prefetched > prefetched, "a resumed worker reads ahead again");
        Assert.Equal(2, worker.Drain());
    }
}
