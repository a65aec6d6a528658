using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Miro.Dsl.Model;
using Miro.Runtime.Data;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Memory;
using Miro.Runtime.Session;

namespace Miro.Experiments;

/// <summary>
/// What the storage tier and CarM swapping buy on Split Fashion-MNIST in CarM's protocol as
/// <c>examples/specs/carm-split-fashion-mnist.miro</c> says it (5 tasks of 2 classes in order 0–9,
/// ER, MLP 784-100-100 with Xavier-uniform weights and a fixed head, 5 epochs per task, batch 32, SGD
/// lr 0.05): final average accuracy (mean ± std over seeds) for EM 200 and 500 slots, each without
/// the tier and with it swapping 100% and 25% of a step's EM slots, for both replay mixes, plus a
/// DRAM-only EM of 5,120; and the bytes each run read from the store.
/// </summary>
internal static class StorageTierExperiment
{
    private static readonly (int Em, double? Ratio)[] Memories =
    {
        (200, null), (200, 1.0), (200, 0.25),
        (500, null), (500, 1.0), (500, 0.25),
        (5120, null),
    };

    public static int Run(string? dataDirectory, int seeds, int threads, TextWriter output)
    {
        DataSource source = DatasetLocator.Locate("fashion_mnist", dataDirectory);
        (Dataset train, Dataset test) = source.Load();
        output.WriteLine($"ER with the storage tier, Split Fashion-MNIST ({source}; {train.Count} train / {test.Count} test), {seeds} seeds, {threads} thread(s)");
        output.WriteLine("| replay | EM | storage tier, swap ratio | final average accuracy % (mean ± std) | per seed | store MB read per run | seconds per run |");
        output.WriteLine("|---|---|---|---|---|---|---|");
        output.Flush();
        foreach (ReplayMix replay in new[] { ReplayMix.Concat, ReplayMix.Balanced })
        {
            foreach ((int em, double? ratio) in Memories)
            {
                var accuracies = new List<double>();
                var megabytes = new List<double>();
                var seconds = new List<double>();
                for (int seed = 0; seed < seeds; seed++)
                {
                    string dir = Path.Combine(Path.GetTempPath(), "miro-storage-experiment-" + Guid.NewGuid().ToString("N"));
                    try
                    {
                        var clock = Stopwatch.StartNew();
                        PolicySpec policy = Policy(em, ratio, replay);
                        using var tier = policy.Memory.Storage is { } storage ? new StorageTier(storage, policy.Memory.Swap, dir) : null;
                        var hooks = tier is null ? Array.Empty<ISessionHook>() : new ISessionHook[] { tier };
                        using var session = MiroSession.Create(policy, train, test, new SessionOptions { Seed = seed, Threads = threads, Hooks = hooks });
                        SessionResult result = session.Run();
                        accuracies.Add(result.AverageAccuracy);
                        megabytes.Add(result.Tasks.Sum(t => BytesRead(t)) / 1e6);
                        seconds.Add(clock.Elapsed.TotalSeconds);
                    }
                    finally
                    {
                        if (Directory.Exists(dir))
                        {
                            Directory.Delete(dir, recursive: true);
                        }
                    }
                }

                double mean = accuracies.Average();
                double std = Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / Math.Max(1, accuracies.Count - 1));
                string tierText = ratio is double r ? string.Create(CultureInfo.InvariantCulture, $"yes, {100 * r:F0}%") : "no";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {replay.ToString().ToLowerInvariant()} | {em} | {tierText} | {100 * mean:F2} ± {100 * std:F2} | {string.Join(" ", accuracies.Select(a => (100 * a).ToString("F2", CultureInfo.InvariantCulture)))} | {megabytes.Average():F1} | {seconds.Average():F1} |"));
                output.Flush();
            }
        }

        return 0;
    }

    private static long BytesRead(TaskReport report) =>
        report.Extensions is { } e && e.TryGetValue("storage.bytesRead", out object? v) ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : 0;

    /// <summary>The CarM spec's protocol with <paramref name="em"/> slots, the replay mix, and — when
    /// <paramref name="swapRatio"/> is set — an unbounded storage tier swapping that share of a step's slots.</summary>
    internal static PolicySpec Policy(int em, double? swapRatio, ReplayMix replay)
    {
        PolicySpec carm = ProtocolSpecs.WithEpisodicCapacity(ProtocolSpecs.Carm(), em);
        return carm with
        {
            Memory = carm.Memory with
            {
                Storage = swapRatio is null ? null : new StorageTierSpec(null, "store"),
                Swap = swapRatio is double r ? new SwapSpec(r, 1, SwapPolicy.Random) : null,
            },
            Train = carm.Train with { Replay = replay },
        };
    }
}
