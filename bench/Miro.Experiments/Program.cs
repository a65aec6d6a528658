using System;
using System.CommandLine;
using System.IO;

namespace Miro.Experiments;

/// <summary>
/// Experiment harness: <c>dotnet run -c Release --project bench/Miro.Experiments -- online-er|storage-tier|protocols
/// [--data DIR] [--seeds 5] [--first-seed 0] [--threads 1]</c>, or <c>paper [--data DIR] [--seeds 5] [--parallel 2]
/// [--out DIR]</c> (the four systems of examples/experiments; writes docs/experiments.md), or <c>profiling [--data DIR]
/// [--seeds N] [--out DIR]</c> (what online profiling costs). The protocols come from
/// examples/specs; <c>--first-seed</c> splits a long run into batches of seeds whose per-seed columns can be pooled.
/// Usage errors exit 2.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var data = new Option<string>("--data") { Description = "Fashion-MNIST folder (default: the installed dataset, else the embedded subset).", HelpName = "DIR", Recursive = true };
        var seeds = new Option<int>("--seeds") { Description = "Seeds to run (first..first+N-1).", DefaultValueFactory = _ => 5, HelpName = "N", Recursive = true };
        var firstSeed = new Option<int>("--first-seed") { Description = "The first seed (to pool batches of seeds).", DefaultValueFactory = _ => 0, HelpName = "N", Recursive = true };
        var threads = new Option<int>("--threads") { Description = "TorchSharp threads.", DefaultValueFactory = _ => 1, HelpName = "N", Recursive = true };
        var parallel = new Option<int>("--parallel") { Description = "Runs at once (paper).", DefaultValueFactory = _ => 2, HelpName = "P", Recursive = true };
        var output = new Option<string>("--out") { Description = "Folder of the run folders (paper, profiling).", DefaultValueFactory = _ => "experiment-runs", HelpName = "DIR", Recursive = true };
        seeds.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--seeds needs a positive number of seeds."); });
        threads.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--threads needs a positive number of threads."); });
        parallel.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--parallel needs a positive number of runs."); });

        var onlineEr = new Command("online-er", "Online ER on Split Fashion-MNIST over seeds (accuracy, forgetting).");
        onlineEr.SetAction(p => { SeedRuns.FirstSeed = p.GetValue(firstSeed); return OnlineErExperiment.Run(p.GetValue(data), p.GetValue(seeds), p.GetValue(threads), p.InvocationConfiguration.Output); });
        var storageTier = new Command("storage-tier", "ER with and without the flash storage tier and swapping over seeds.");
        storageTier.SetAction(p => { SeedRuns.FirstSeed = p.GetValue(firstSeed); return StorageTierExperiment.Run(p.GetValue(data), p.GetValue(seeds), p.GetValue(threads), p.InvocationConfiguration.Output); });
        var protocols = new Command("protocols", "The reference protocols (online ER buffers 200/500/5120, CarM EM 5,120) with the spec's model and with the defaults.");
        protocols.SetAction(p => { SeedRuns.FirstSeed = p.GetValue(firstSeed); return ProtocolsExperiment.Run(p.GetValue(data), p.GetValue(seeds), p.GetValue(threads), p.InvocationConfiguration.Output); });
        var specFiles = new Option<string[]>("--spec") { Description = "A spec to measure instead of the quick-start and Jetson examples (repeatable; e.g. a variant of one).", HelpName = "FILE", AllowMultipleArgumentsPerToken = false };
        specFiles.Validators.Add(r =>
        {
            foreach (string file in r.GetValueOrDefault<string[]>() ?? [])
            {
                if (!File.Exists(file))
                {
                    r.AddError($"--spec {file}: no such file.");
                }
            }
        });
        var profiling = new Command("profiling", "What online profiling costs: the quick-start and Jetson example specs (or --spec files), one run at a time, profiling's share of time and joules and where it goes.") { specFiles };
        profiling.SetAction(p => { SeedRuns.FirstSeed = p.GetValue(firstSeed); return ProfilingOverheadExperiment.Run(p.GetValue(data), p.GetValue(seeds), p.GetValue(output)!, p.GetValue(specFiles), p.InvocationConfiguration.Output); });
        var paper = new Command("paper", "ER RAM-only, CarM fixed, Miro and the oracle sweep on Split Fashion-MNIST; writes docs/experiments.md and plots.");
        paper.SetAction(p => Paper.PaperExperiment.Run(p.GetValue(data), p.GetValue(seeds), p.GetValue(parallel), p.GetValue(output)!, p.InvocationConfiguration.Output));
        var root = new RootCommand("Miro experiment harness (see bench/README.md).") { data, seeds, firstSeed, threads, parallel, output, onlineEr, storageTier, protocols, profiling, paper };
        return Invoke(root, args);
    }

    /// <summary>Runs the command; parse errors (with "did you mean") exit 2 like the miro tool's.</summary>
    private static int Invoke(RootCommand root, string[] args)
    {
        ParseResult result = root.Parse(args);
        int code = result.Invoke();
        return result.Errors.Count > 0 ? 2 : code;
    }
}
