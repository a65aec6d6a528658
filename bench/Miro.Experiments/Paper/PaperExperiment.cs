using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Miro.Cli.Sweeps;
using Miro.Dsl;

namespace Miro.Experiments.Paper;

/// <summary>
/// The paper-style comparison (issue 10, DESIGN.md §5): ER RAM-only, CarM fixed, Miro and the
/// oracle on Split Fashion-MNIST over seeds, each run a child <c>miro run</c> (the oracle is the
/// sweep of Miro's candidate space), and Miro again with a battery that drops mid-run
/// (<see cref="BatteryScenario"/>). Writes docs/experiments.md and two PNG plots next to it. Run
/// folders are kept under the output directory, so an interrupted harness continues where it stopped.
/// </summary>
internal static class PaperExperiment
{
    public static int Run(string? data, int seeds, int parallel, string output, TextWriter log)
    {
        string root = RepositoryRoot();
        string specs = Path.Combine(root, "examples", "experiments");
        string docs = Path.Combine(root, "docs");
        var clock = Stopwatch.StartNew();

        var systems = new List<ExperimentSystems.RunSystem> { ExperimentSystems.ErRamOnly, ExperimentSystems.CarmFixed, ExperimentSystems.Miro };

        var jobs = systems.SelectMany(s => ExperimentSystems.Jobs(output, specs, s, seeds, data)).ToList();
        string miroSpec = Path.Combine(specs, ExperimentSystems.Miro.Spec);
        var policy = MiroCompiler.Compile(File.ReadAllText(miroSpec), miroSpec).Policies[0];
        var sweep = new SweepPlan(miroSpec, null, FixedCandidate.Count(policy), seeds, Path.Combine(output, "oracle"), data, null);
        for (long i = 0; i < sweep.Jobs; i++)
        {
            jobs.Add(new SweepRunner.ChildRun(sweep.RunDirectory(i), sweep.RunArguments(i)));
        }

        jobs.AddRange(BatteryScenario.Jobs(output, specs, seeds, data));
        log.WriteLine($"paper experiment: {systems.Count} system(s) + the oracle sweep ({sweep.Configurations} configurations) + Miro with a battery drop, x {seeds} seed(s) = {jobs.Count} runs in {output}");
        int toRun = jobs.Count(j => !File.Exists(Path.Combine(j.Directory, "summary.json")));
        IReadOnlyList<string> failed;
        using (BatteryScenario.DropBatteries(output, seeds))
        {
            failed = SweepRunner.Run(jobs, parallel, MiroExecutable.Current(), log, CancellationToken.None);
        }

        if (failed.Count > 0)
        {
            log.WriteLine($"{failed.Count} run(s) failed: {string.Join(", ", failed)}; see their {SweepRunner.LogFile}. Run the harness again to retry them.");
            return 1;
        }

        var results = systems.Select(s => new SystemResult(s.Name, s.Description,
            Enumerable.Range(0, seeds).Select(seed => RunSummary.Read(ExperimentSystems.Folder(output, s, seed))).ToList())).ToList();
        SweepTable table = SweepTable.From(SweepCollector.Collect(sweep.OutputDirectory));
        SweepTableWriter.WriteAll(sweep.OutputDirectory, table);
        var oracleRuns = Enumerable.Range(0, seeds).Select(seed => RunSummary.Read(Path.Combine(sweep.OutputDirectory, SweepPlan.FolderName(table.Oracle.Configuration, seed)))).ToList();
        results.Add(new SystemResult("Oracle", $"best fixed configuration in hindsight: {table.Oracle.Configuration} ({table.Oracle.Values})", oracleRuns));

        ExperimentPlots.AccuracyVersusJoules(Path.Combine(docs, "experiments-accuracy-vs-joules.png"), results);
        ExperimentPlots.ConfigurationPerTask(Path.Combine(docs, "experiments-configuration-per-task.png"), results);
        // Invocations that continue an interrupted harness add up: each appends its runs and seconds.
        string timing = Path.Combine(output, "harness-timing.txt");
        File.AppendAllText(timing, string.Create(CultureInfo.InvariantCulture, $"{toRun} {clock.Elapsed.TotalSeconds:F0}\n"));
        var invocations = File.ReadAllLines(timing).Select(l => l.Split(' ')).ToList();
        int ran = invocations.Sum(f => int.Parse(f[0], CultureInfo.InvariantCulture));
        var took = TimeSpan.FromSeconds(invocations.Sum(f => double.Parse(f[1], CultureInfo.InvariantCulture)));
        var battery = Enumerable.Range(0, seeds).Select(seed => RunSummary.Read(BatteryScenario.Folder(output, seed))).ToList();
        string markdown = ExperimentReport.Markdown(results, table, battery, policy.Profile?.KeepTopFraction ?? throw new InvalidOperationException($"{miroSpec} has no profile block; the Miro system needs one."), seeds, parallel, took, ran, jobs.Count);
        File.WriteAllText(Path.Combine(docs, "experiments.md"), markdown);
        log.WriteLine(markdown);
        return 0;
    }

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
}
