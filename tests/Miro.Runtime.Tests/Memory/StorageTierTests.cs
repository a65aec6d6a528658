using System;
using System.Collections.Generic;
using System.Linq;
using Miro.Dsl.Model;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Memory;
using Miro.Runtime.Session;
using Xunit;

namespace Miro.Runtime.Tests.Memory;

public sealed class StorageTierTests
{
    private static PolicySpec Policy(ReplayMix replay, SwapPolicy policy = SwapPolicy.Random, double ratio = 1.0)
    {
        var baseline = TestPolicies.Er(episodic: 60, epochs: 2, batch: 10, tasks: 3, replay: replay);
        return baseline with
        {
            Memory = baseline.Memory with { Storage = new StorageTierSpec(null, "store"), Swap = new SwapSpec(ratio, 1, policy) },
        };
    }

    private static (SessionResult Result, long Stored, int[] EmLabels) Run(PolicySpec policy, string directory)
    {
        using var tier = new StorageTier(policy.Memory.Storage!, policy.Memory.Swap, directory);
        using var session = MiroSession.Create(policy, EmbeddedData.Train, EmbeddedData.Test, new SessionOptions { Seed = 3, Hooks = [tier] });
        var result = session.Run();
        return (result, tier.Store.Count, Enumerable.Range(0, session.Memory.Count).Select(session.Memory.Label).ToArray());
    }

    private static long Extension(TaskReport report, string key) =>
        report.Extensions is { } e && e.TryGetValue(key, out var v) ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : -1;

    [Theory]
    [InlineData(ReplayMix.Concat)]
    [InlineData(ReplayMix.Balanced)]
    public void The_tier_stores_every_task_and_swaps_em_slots_from_task_2_on(ReplayMix replay)
    {
        using var dir = new TempDirectory();
        var (result, stored, _) = Run(Policy(replay), dir.Path);

        Assert.Equal(result.Tasks.Sum(t => (long)t.StreamSamples), stored);
        Assert.Equal(-1, Extension(result.Tasks[0], "swap.swaps"));
        Assert.Equal(0, Extension(result.Tasks[0], "storage.bytesRead"));
        foreach (var task in result.Tasks.Skip(1))
        {
            Assert.True(Extension(task, "swap.swaps") > 0, $"task {task.Task} should swap");
            Assert.True(Extension(task, "storage.bytesRead") > 0);
        }
        Assert.True(Extension(result.Tasks[0], "storage.bytesWritten") > 0);
    }

    [Fact]
    public void Asynchronous_swapping_is_deterministic_for_a_seed()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        var first = Run(Policy(ReplayMix.Balanced), a.Path);
        var second = Run(Policy(ReplayMix.Balanced), b.Path);
        Assert.Equal(first.Result.AccuracyMatrix, second.Result.AccuracyMatrix);
        Assert.Equal(first.EmLabels, second.EmLabels);
    }

    [Fact]
    public void The_entropy_policy_runs_with_the_learners_predictions()
    {
        using var dir = new TempDirectory();
        var (result, _, _) = Run(Policy(ReplayMix.Balanced, SwapPolicy.Entropy, ratio: 0.5), dir.Path);
        Assert.All(result.Tasks.Skip(1), t => Assert.True(Extension(t, "swap.swaps") > 0));
    }

    [Fact]
    public void Growing_the_episodic_memory_refills_each_class_from_the_store_without_duplicates()
    {
        using var f = new SwapFixture(classes: 4, perClass: 8, stored: 40);
        f.Memory.Resize(80, f.Store, new SeededRandom(1));
        Assert.Equal(80, f.Memory.Count);
        for (int label = 0; label < 4; label++)
        {
            Assert.Equal(20, f.Memory.CountOf(label));
        }
        var ids = Enumerable.Range(0, f.Memory.Count).Select(f.Memory.SampleId).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
        for (int slot = 0; slot < f.Memory.Count; slot++)
        {
            Assert.True(f.SlotIsWhole(slot, f.Memory.Features(slot)));
        }
    }

    [Fact]
    public void Paused_swapping_drops_every_request_until_resumed()
    {
        var policy = Policy(ReplayMix.Balanced);
        using var dir = new TempDirectory();
        using var tier = new StorageTier(policy.Memory.Storage!, policy.Memory.Swap, dir.Path);
        tier.PauseSwapping(); // before any worker exists: the task-2 worker starts paused
        Assert.True(tier.SwappingPaused);
        using var session = MiroSession.Create(policy, EmbeddedData.Train, EmbeddedData.Test, new SessionOptions { Seed = 3, Hooks = [tier] });
        var result = session.Run();
        Assert.All(result.Tasks.Skip(1), t => Assert.Equal(0, Extension(t, "swap.swaps")));
        Assert.All(result.Tasks.Skip(1), t => Assert.Equal(0, Extension(t, "swap.requests")));

        tier.ResumeSwapping();
        Assert.False(tier.SwappingPaused);
    }
}
