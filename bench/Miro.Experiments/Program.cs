using System;
using System.CommandLine;
using System.IO;

namespace Miro.Experiments;

/// <summary>
/// Experiment harness: <c>dotnet run -c Release --project bench/Miro.Experiments -- online-er|storage-tier
/// [--data DIR] [--seeds 5] [--threads 1]</c>. Usage errors exit 2.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var data = new Option<string>("--data") { Description = "Fashion-MNIST folder (default: the installed dataset, else the embedded subset).", HelpName = "DIR", Recursive = true };
        var seeds = new Option<int>("--seeds") { Description = "Seeds to run (0..N-1).", DefaultValueFactory = _ => 5, HelpName = "N", Recursive = true };
        var threads = new Option<int>("--threads") { Description = "TorchSharp threads.", DefaultValueFactory = _ => 1, HelpName = "N", Recursive = true };
        seeds.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--seeds needs a positive number of seeds."); });
        threads.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--threads needs a positive number of threads."); });

        var onlineEr = new Command("online-er", "Online ER on Split Fashion-MNIST over seeds (accuracy, forgetting).");
        onlineEr.SetAction(p => OnlineErExperiment.Run(p.GetValue(data), p.GetValue(seeds), p.GetValue(threads), p.InvocationConfiguration.Output));
        var storageTier = new Command("storage-tier", "ER with and without the flash storage tier and swapping over seeds.");
        storageTier.SetAction(p => StorageTierExperiment.Run(p.GetValue(data), p.GetValue(seeds), p.GetValue(threads), p.InvocationConfiguration.Output));
        var root = new RootCommand("Miro experiment harness (see bench/README.md).") { data, seeds, threads, onlineEr, storageTier };
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
