using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Miro.Dsl.Model;

namespace Miro.Benchmarks;

/// <summary>
/// The swap-overhead comparison of <see cref="SwapOverheadBenchmarks"/>, measured interleaved (no
/// swapping, asynchronous, synchronous, no swapping, ...) so that load from other processes on a
/// shared machine hits every mode alike; reports median and fastest epoch times and the overhead
/// of each mode over no swapping. <c>Miro.Benchmarks swap-overhead [rounds]</c>.
/// </summary>
internal static class InterleavedSwapOverhead
{
    public static int Run(int rounds, TextWriter output)
    {
        output.WriteLine($"one ER epoch (MLP 784-100-100, batch 32, 1 thread, EM 200, SB 1,000), {rounds} interleaved rounds per case (after 3 warm-up rounds)");
        output.WriteLine("| replay | ratio | none: median / fastest | async: median / fastest | sync: median / fastest | async overhead (medians / fastest) | sync overhead (medians / fastest) | async samples read inline |");
        output.WriteLine("|---|---|---|---|---|---|---|---|");
        var modes = new[] { SwapOverheadBenchmarks.Swapping.None, SwapOverheadBenchmarks.Swapping.Asynchronous, SwapOverheadBenchmarks.Swapping.Synchronous };
        foreach (ReplayMix replay in new[] { ReplayMix.Concat, ReplayMix.Balanced })
        {
            foreach (double ratio in new[] { 1.0, 0.25 })
            {
                var benches = modes.Select(m => new SwapOverheadBenchmarks { Mode = m, Replay = replay, Ratio = ratio }).ToArray();
                var times = modes.Select(_ => new List<double>()).ToArray();
                foreach (var bench in benches)
                {
                    bench.Setup();
                }

                for (int r = 0; r < rounds + 3; r++)
                {
                    for (int m = 0; m < benches.Length; m++)
                    {
                        var bench = benches[m];
                        long start = Stopwatch.GetTimestamp();
                        bench.Epoch();
                        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                        if (r >= 3)
                        {
                            times[m].Add(ms);
                        }
                    }
                }

                string inline = benches[1].InlineFraction.ToString("P0", CultureInfo.InvariantCulture);
                foreach (var bench in benches)
                {
                    bench.Cleanup();
                }

                double[] median = times.Select(t => Median.Of(t)).ToArray();
                double[] fastest = times.Select(t => t.Min()).ToArray();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {replay.ToString().ToLowerInvariant()} | {ratio:P0} | {median[0]:F2} / {fastest[0]:F2} ms | {median[1]:F2} / {fastest[1]:F2} ms | {median[2]:F2} / {fastest[2]:F2} ms | " +
                    $"{Overhead(median[1], median[0])} / {Overhead(fastest[1], fastest[0])} | {Overhead(median[2], median[0])} / {Overhead(fastest[2], fastest[0])} | {inline} |"));
            }
        }

        return 0;
    }

    private static string Overhead(double value, double baseline) =>
        ((value - baseline) / baseline).ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture);
}
