using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Miro.Cli.Sweeps;

namespace Miro.Experiments.Paper;

/// <summary>
/// The systems of the paper experiment, each from its spec in examples/experiments (DESIGN.md §5):
/// ER RAM-only, CarM fixed and Miro as plain <c>miro run</c>s; the oracle is the sweep of Miro's
/// candidate space.
/// </summary>
internal static class ExperimentSystems
{
    /// <summary>A system run as one <c>miro run</c> per seed.</summary>
    public sealed record RunSystem(string Name, string Spec, string Description);

    public static readonly RunSystem ErRamOnly = new("ER RAM-only", "er-ram-only.miro", "ER, episodic memory in DRAM only, no storage tier");
    public static readonly RunSystem CarmFixed = new("CarM fixed", "carm-fixed.miro", "storage tier + swapping, base configuration, never reconfigured");
    public static readonly RunSystem Miro = new("Miro", "miro.miro", "CarM + online profiling of the tune space at every task from task 2");

    /// <summary>The run folder of <paramref name="system"/>'s seed <paramref name="seed"/>.</summary>
    public static string Folder(string output, RunSystem system, int seed) =>
        Path.Combine(output, Path.GetFileNameWithoutExtension(system.Spec), "seed-" + seed.ToString(CultureInfo.InvariantCulture));

    public static IEnumerable<SweepRunner.ChildRun> Jobs(string output, string specs, RunSystem system, int seeds, string? data)
    {
        for (int seed = 0; seed < seeds; seed++)
        {
            string folder = Folder(output, system, seed);
            var args = new List<string> { "run", Path.Combine(specs, system.Spec), "--seed", seed.ToString(CultureInfo.InvariantCulture), "--out", folder };
            if (data is not null)
            {
                args.Add("--data");
                args.Add(data);
            }

            yield return new SweepRunner.ChildRun(folder, args);
        }
    }
}
