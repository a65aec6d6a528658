using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using Miro.Cli;
using Miro.Cli.Sweeps;

namespace Miro.Experiments;

/// <summary>
/// What online profiling costs (issue 9's performance goal: at most 5% of the run's joules and time
/// for the quick-start spec on full Fashion-MNIST): runs the quick-start and the Jetson example specs
/// as child <c>miro run</c>s, one at a time so wall time is not shared, and reads each run's
/// controller reports. Per spec, mean ± std over seeds: the final average accuracy, the run's
/// seconds and joules, profiling's share of both, and where a profiled task's overhead goes — the
/// trials (model copy, memories, training, validation) and the rest (saving the start state,
/// generating and selecting candidates, the report).
/// </summary>
internal static class ProfilingOverheadExperiment
{
    private static readonly string[] Specs = { "quickstart.miro", "jetson-orin-nano-fashion-mnist.miro" };

    public static int Run(string? data, int seeds, string output, IReadOnlyList<string>? specFiles, TextWriter log)
    {
        string examples = Path.Combine(RepositoryRoot(), "examples", "specs");
        IReadOnlyList<string> specs = specFiles is { Count: > 0 } ? specFiles.Select(Path.GetFullPath).ToArray() : Specs.Select(s => Path.Combine(examples, s)).ToArray();
        var jobs = new List<SweepRunner.ChildRun>();
        foreach (string spec in specs)
        {
            for (int seed = SeedRuns.FirstSeed; seed < SeedRuns.FirstSeed + seeds; seed++)
            {
                string folder = Folder(output, spec, seed);
                var args = new List<string> { "run", spec, "--seed", seed.ToString(CultureInfo.InvariantCulture), "--out", folder };
                if (data is not null)
                {
                    args.Add("--data");
                    args.Add(data);
                }

                jobs.Add(new SweepRunner.ChildRun(folder, args));
            }
        }

        int finished = jobs.Count(j => File.Exists(Path.Combine(j.Directory, "summary.json")));
        log.WriteLine($"profiling overhead: {specs.Count} spec(s) x {seeds} seed(s), one run at a time, in {output}" + (finished > 0 ? $" ({finished} finished run(s) reused; use a new --out to measure again)" : ""));
        IReadOnlyList<string> failed = SweepRunner.Run(jobs, 1, MiroExecutable.Current(), log, CancellationToken.None);
        if (failed.Count > 0)
        {
            log.WriteLine($"{failed.Count} run(s) failed: {string.Join(", ", failed)}; see their {SweepRunner.LogFile}.");
            return 1;
        }

        log.WriteLine();
        log.WriteLine("| spec | accuracy % | run s | run J | profiling: time share | joules share | per profiled task: ms | of which trials ms | trials | ms per trial |");
        log.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (string spec in specs)
        {
            var runs = Enumerable.Range(SeedRuns.FirstSeed, seeds).Select(seed => Overhead.Read(Folder(output, spec, seed))).ToList();
            string Cell(Func<Overhead, double> value, string format) => Format(MeanStd.Of(runs.Select(value).ToList()), format);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Path.GetFileNameWithoutExtension(spec)} | {Cell(r => 100 * r.Accuracy, "F2")} | {Cell(r => r.Seconds, "F2")} | {Cell(r => r.Joules, "F1")} | {Cell(r => 100 * r.ProfilingSeconds / r.Seconds, "F1")}% | {Cell(r => 100 * r.ProfilingJoules / r.Joules, "F1")}% | {Cell(r => 1000 * r.ProfilingSeconds / r.ProfiledTasks, "F0")} | {Cell(r => 1000 * r.TrialSeconds / r.ProfiledTasks, "F0")} | {Cell(r => (double)r.Trials / r.ProfiledTasks, "F1")} | {Cell(r => 1000 * r.TrialSeconds / Math.Max(1, r.Trials), "F1")} |"));
        }

        log.WriteLine();
        log.WriteLine($"Mean ± std over {seeds} seed(s). Run seconds are the whole run's wall time (summary.json); shares are profiling's seconds and joules over the run's; trials are the measured ones (candidates that differ only in epochs share one).");
        return 0;
    }

    private static string Folder(string output, string spec, int seed) =>
        Path.Combine(output, Path.GetFileNameWithoutExtension(spec), "seed-" + seed.ToString(CultureInfo.InvariantCulture));

    private static string Format(MeanStd value, string format) =>
        value.Mean.ToString(format, CultureInfo.InvariantCulture) + " ± " + value.Std.ToString(format, CultureInfo.InvariantCulture);

    private static string RepositoryRoot()
    {
        for (string? dir = Directory.GetCurrentDirectory(); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Miro.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("Run the harness inside the repository (Miro.sln not found above the current directory).");
    }

    /// <summary>One run's profiling cost, from its summary.json.</summary>
    private sealed record Overhead(double Accuracy, double Seconds, double Joules, double ProfilingSeconds, double ProfilingJoules, double TrialSeconds, int Trials, int ProfiledTasks)
    {
        public static Overhead Read(string directory)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "summary.json")));
            JsonElement root = document.RootElement;
            double joules = 0, profilingSeconds = 0, profilingJoules = 0, trialSeconds = 0;
            int trials = 0, profiled = 0;
            foreach (JsonElement task in root.GetProperty("tasks").EnumerateArray())
            {
                JsonElement extensions = task.GetProperty("extensions");
                joules += extensions.GetProperty("energy").GetProperty("totalJoules").GetDouble();
                if (!extensions.TryGetProperty("controller", out JsonElement controller) || !controller.GetProperty("profiled").GetBoolean())
                {
                    continue;
                }

                profiled++;
                JsonElement overhead = controller.GetProperty("overhead");
                profilingSeconds += overhead.GetProperty("seconds").GetDouble();
                profilingJoules += overhead.GetProperty("joules").GetDouble();
                foreach (JsonElement candidate in controller.GetProperty("candidates").EnumerateArray())
                {
                    double seconds = candidate.GetProperty("trialSeconds").GetDouble();
                    if (seconds > 0)
                    {
                        trialSeconds += seconds;
                        trials++;
                    }
                }
            }

            if (profiled == 0)
            {
                throw new InvalidOperationException($"{directory}: no task was profiled; does the spec have a profile block?");
            }

            return new Overhead(root.GetProperty("averageAccuracy").GetDouble(), root.GetProperty("seconds").GetDouble(), joules, profilingSeconds, profilingJoules, trialSeconds, trials, profiled);
        }
    }
}
