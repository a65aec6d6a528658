using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Miro.Cli.Sweeps;

/// <summary>
/// Every fixed configuration of a spec's tune space × seeds, as <c>miro run</c> jobs. Job
/// <c>i</c> is configuration <c>i / seeds</c> with seed <c>i % seeds</c>; the Slurm array index
/// and the Kubernetes completion index use the same arithmetic, and every job writes
/// <c>config-K-seed-S</c> under the output directory, so a sweep run here, an array job and an
/// indexed job all produce the same folders.
/// </summary>
/// <param name="SpecPath">The spec as the jobs should name it (a shared path on a cluster).</param>
/// <param name="PolicyName">The policy to run when the spec has several (<c>--policy</c>), else null.</param>
/// <param name="Configurations">Candidates in the tune space (numbered 0 .. Configurations-1).</param>
/// <param name="Seeds">Seeds per configuration (0 .. Seeds-1).</param>
/// <param name="OutputDirectory">Where the run folders go.</param>
/// <param name="DataDirectory">Passed on as <c>--data</c> when given.</param>
/// <param name="Threads">Passed on as <c>--threads</c> when given.</param>
internal sealed record SweepPlan(string SpecPath, string? PolicyName, long Configurations, int Seeds, string OutputDirectory, string? DataDirectory, int? Threads)
{
    /// <summary>Number of jobs: configurations × seeds.</summary>
    public long Jobs => Configurations * Seeds;

    /// <summary>The run folder name of configuration <paramref name="configuration"/>, seed <paramref name="seed"/>.</summary>
    public static string FolderName(long configuration, int seed) => string.Create(CultureInfo.InvariantCulture, $"config-{configuration}-seed-{seed}");

    /// <summary>Job <paramref name="index"/>'s configuration and seed.</summary>
    public (long Configuration, int Seed) JobAt(long index) => (index / Seeds, (int)(index % Seeds));

    /// <summary>The run folder of job <paramref name="index"/>.</summary>
    public string RunDirectory(long index)
    {
        (long configuration, int seed) = JobAt(index);
        return Path.Combine(OutputDirectory, FolderName(configuration, seed));
    }

    /// <summary>The <c>miro run</c> arguments of a job whose configuration, seed and run folder are given as text (numbers, or shell variables in emitted scripts).</summary>
    public IReadOnlyList<string> RunArguments(string configuration, string seed, string runDirectory)
    {
        var args = new List<string> { "run", SpecPath };
        if (PolicyName is not null)
        {
            args.Add("--policy");
            args.Add(PolicyName);
        }

        args.AddRange(new[] { "--configuration", configuration, "--seed", seed, "--out", runDirectory });
        if (DataDirectory is not null)
        {
            args.Add("--data");
            args.Add(DataDirectory);
        }

        if (Threads is { } threads)
        {
            args.Add("--threads");
            args.Add(threads.ToString(CultureInfo.InvariantCulture));
        }

        return args;
    }

    /// <summary>The <c>miro run</c> arguments of job <paramref name="index"/>.</summary>
    public IReadOnlyList<string> RunArguments(long index)
    {
        (long configuration, int seed) = JobAt(index);
        return RunArguments(configuration.ToString(CultureInfo.InvariantCulture), seed.ToString(CultureInfo.InvariantCulture), RunDirectory(index));
    }
}
