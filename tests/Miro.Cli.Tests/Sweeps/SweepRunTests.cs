using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Miro.Cli.Sweeps;
using Miro.Dsl;
using Xunit;

namespace Miro.Cli.Tests.Sweeps;

/// <summary>
/// Sweeps that train (child <c>miro run</c> processes on the embedded subset; 4 configurations of
/// 2 tasks × 1 epoch). Accuracy is deterministic per configuration and seed; joules are measured
/// (the energy model charges the wall and CPU time each run took), so tables agree in everything
/// but the joule columns.
/// </summary>
public sealed class SweepRunTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "miro-sweep-run-" + Guid.NewGuid().ToString("N"));

    public SweepRunTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Accuracies(SweepTable table) => string.Join("\n", table.Rows.Select(r =>
        $"{r.Configuration} {r.Values} seeds {string.Join(",", r.Seeds)} {r.Accuracy.Mean:R} {r.Accuracy.Std:R}")) + $"\nbest accuracy {table.BestAccuracy.Configuration}";

    [Fact]
    public void A_job_list_run_with_xargs_and_collected_gives_the_table_of_a_parallel_sweep()
    {
        string spec = SweepSpecs.Write(_dir);
        string swept = Path.Combine(_dir, "swept");
        var sweep = SweepSpecs.Sweep(spec, "--seeds", "2", "--parallel", "2", "--out", swept, "--data", RepositoryPaths.EmbeddedSubset);
        Assert.True(sweep.Exit == 0, sweep.Err + sweep.Out);
        Assert.Contains("| K | configuration |", sweep.Out);
        Assert.True(File.Exists(Path.Combine(swept, "sweep.md")) && File.Exists(Path.Combine(swept, "sweep.csv")) && File.Exists(Path.Combine(swept, "sweep.json")));

        string jobsDir = Path.Combine(_dir, "jobs");
        var emitted = SweepSpecs.Sweep(spec, "--emit", "jobs", "--seeds", "2", "--out", jobsDir, "--data", RepositoryPaths.EmbeddedSubset, "--miro", SweepSpecs.MiroCommand);
        Assert.True(emitted.Exit == 0, emitted.Err);
        string jobList = Path.Combine(_dir, "jobs.txt");
        File.WriteAllText(jobList, emitted.Out);
        var xargs = Shell.Run("sh", new[] { "-c", $"xargs -d '\\n' -P 2 -n 1 sh -c < '{jobList}' > /dev/null" });
        Assert.True(xargs.Exit == 0, xargs.Err);

        var collected = SweepSpecs.Sweep("--collect", jobsDir);
        Assert.True(collected.Exit == 0, collected.Err);

        SweepTable fromSweep = SweepTable.From(SweepCollector.Collect(swept));
        SweepTable fromJobs = SweepTable.From(SweepCollector.Collect(jobsDir));
        Assert.Equal(4, fromSweep.Rows.Count);
        Assert.All(fromSweep.Rows, r => Assert.Equal(new[] { 0, 1 }, r.Seeds));
        Assert.Equal(Accuracies(fromSweep), Accuracies(fromJobs));
        Assert.Equal("model", fromJobs.Provenance);
        Assert.All(fromJobs.Rows, r => Assert.True(r.Joules.Mean > 0));

        // Each run is the numbered candidate as a fixed configuration, recorded in its summary.
        var policy = MiroCompiler.Compile(SweepSpecs.Tiny, "t.miro").Policies[0];
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(jobsDir, "config-2-seed-1", "summary.json")));
        Assert.Equal(2, summary.RootElement.GetProperty("candidate").GetProperty("number").GetInt64());
        Assert.Equal(1, summary.RootElement.GetProperty("seed").GetInt32());
        var configuration = summary.RootElement.GetProperty("tasks")[0].GetProperty("configuration");
        Assert.Equal(FixedCandidate.Apply(policy, 2).Memory.Episodic.Capacity, configuration.GetProperty("episodicCapacity").GetInt32());
        Assert.Equal(FixedCandidate.Apply(policy, 2).Memory.Stream.Capacity, configuration.GetProperty("streamCapacity").GetInt32());
    }

    [Fact]
    public void An_interrupted_sweep_resumes_without_rerunning_finished_runs()
    {
        string spec = SweepSpecs.Write(_dir);
        string output = Path.Combine(_dir, "sweep");
        string[] args = { spec, "--parallel", "2", "--out", output, "--data", RepositoryPaths.EmbeddedSubset };
        var first = SweepSpecs.Sweep(args);
        Assert.True(first.Exit == 0, first.Err + first.Out);
        string Folder(int k) => Path.Combine(output, SweepPlan.FolderName(k, 0));
        string matrixBefore = Matrix(Folder(1));
        DateTime finishedAt = File.GetLastWriteTimeUtc(Path.Combine(Folder(0), "summary.json"));

        // Interrupted: run 1 was killed after its last checkpoint, run 2 before its first one.
        File.Delete(Path.Combine(Folder(1), "summary.json"));
        Directory.Delete(Folder(2), recursive: true);
        var second = SweepSpecs.Sweep(args);

        Assert.True(second.Exit == 0, second.Err + second.Out);
        Assert.Contains("2 finished earlier, 1 to resume, 1 to run", second.Out);
        Assert.Equal(finishedAt, File.GetLastWriteTimeUtc(Path.Combine(Folder(0), "summary.json")));
        Assert.Single(CommandLines(Folder(0)));
        Assert.Single(CommandLines(Folder(3)));
        Assert.Contains("--resume", CommandLines(Folder(1)).Last());
        Assert.Equal(matrixBefore, Matrix(Folder(1)));
        Assert.True(File.Exists(Path.Combine(Folder(2), "summary.json")));
        Assert.Equal(4, SweepTable.From(SweepCollector.Collect(output)).Rows.Count);
    }

    private static string[] CommandLines(string folder) =>
        File.ReadAllLines(Path.Combine(folder, SweepRunner.LogFile)).Where(l => l.StartsWith("$ ", StringComparison.Ordinal)).ToArray();

    private static string Matrix(string folder)
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")));
        return summary.RootElement.GetProperty("accuracyMatrix").GetRawText();
    }
}
