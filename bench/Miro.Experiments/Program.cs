using System;
using System.Globalization;

namespace Miro.Experiments;

/// <summary>
/// Experiment harness: <c>dotnet run -c Release --project bench/Miro.Experiments -- online-er|storage-tier|protocols
/// [--data DIR] [--seeds 5] [--first-seed 0] [--threads 1]</c>. The protocols come from examples/specs;
/// <c>--first-seed</c> splits a long run into batches of seeds whose per-seed columns can be pooled.
/// <c>paper [--data DIR] [--seeds 5] [--parallel 2] [--out DIR]</c> runs the four systems of
/// examples/experiments and writes docs/experiments.md.
/// </summary>
public static class Program
{
    private const string Usage = "usage: Miro.Experiments online-er|storage-tier|protocols|paper [--data DIR] [--seeds N] [--first-seed N] [--threads N] [--parallel P] [--out DIR]";

    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("online-er" or "storage-tier" or "protocols" or "paper"))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        string? data = null;
        int seeds = 5;
        int firstSeed = 0;
        int threads = 1;
        int parallel = 2;
        string output = "experiment-runs";
        for (int i = 1; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--data":
                    data = args[i + 1];
                    break;
                case "--seeds":
                    seeds = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--first-seed":
                    firstSeed = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--threads":
                    threads = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--parallel":
                    parallel = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--out":
                    output = args[i + 1];
                    break;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        SeedRuns.FirstSeed = firstSeed;
        return args[0] switch
        {
            "storage-tier" => StorageTierExperiment.Run(data, seeds, threads, Console.Out),
            "protocols" => ProtocolsExperiment.Run(data, seeds, threads, Console.Out),
            "paper" => Paper.PaperExperiment.Run(data, seeds, parallel, output, Console.Out),
            _ => OnlineErExperiment.Run(data, seeds, threads, Console.Out),
        };
    }
}
