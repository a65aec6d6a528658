using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Miro.Dsl.Model;

namespace Miro.Benchmarks;

/// <summary>
/// The runtime-vs-bare comparison of <see cref="ErThroughputBenchmarks"/>, measured interleaved
/// (runtime epoch, bare epoch, runtime epoch, ...) so that load from other processes on a shared
/// machine hits both sides alike; reports median throughput and the overhead from the fastest
/// epochs (noise only ever adds time). <c>Miro.Benchmarks overhead [rounds]</c>.
/// </summary>
internal static class InterleavedOverhead
{
    public static int Run(int rounds, TextWriter output)
    {
        output.WriteLine($"ER epoch of 1,200 samples, {rounds} interleaved rounds per case (after 2 warm-up rounds)");
        output.WriteLine("| model | batch | threads | runtime samples/s (median) | bare samples/s (median) | overhead (fastest epochs) | overhead (medians) |");
        output.WriteLine("|---|---|---|---|---|---|---|");
        foreach (ModelKind model in new[] { ModelKind.Mlp, ModelKind.Cnn })
        {
            foreach (int batch in new[] { 10, 128 })
            {
                foreach (int threads in new[] { 1, 2 })
                {
                    var bench = new ErThroughputBenchmarks { Model = model, Batch = batch, Threads = threads };
                    bench.Setup();
                    var runtime = new List<double>();
                    var bare = new List<double>();
                    for (int r = 0; r < rounds + 2; r++)
                    {
                        double tr = Time(() => bench.Runtime());
                        double tb = Time(() => bench.BareTorchSharp());
                        if (r >= 2)
                        {
                            runtime.Add(tr);
                            bare.Add(tb);
                        }
                    }

                    bench.Cleanup();
                    double samples = 1200;
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {model} | {batch} | {threads} | {samples / Median.Of(runtime):F0} | {samples / Median.Of(bare):F0} | {100 * (runtime.Min() / bare.Min() - 1):+0.0;-0.0}% | {100 * (Median.Of(runtime) / Median.Of(bare) - 1):+0.0;-0.0}% |"));
                }
            }
        }

        return 0;
    }

    private static double Time(Func<int> epoch)
    {
        long start = Stopwatch.GetTimestamp();
        _ = epoch();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
