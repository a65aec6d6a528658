using System.Threading.Tasks;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Miro.Dsl;
using Miro.Dsl.Model;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Miro.Cli.Tests.Sweeps;

/// <summary>Configuration numbering, and the job list, Slurm script and Kubernetes manifest `miro sweep --emit` writes (no training).</summary>
public sealed class SweepEmitTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "miro-sweep-emit-" + Guid.NewGuid().ToString("N"));

    public SweepEmitTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static PolicySpec Policy() => MiroCompiler.Compile(SweepSpecs.Tiny, "tiny.miro").Policies[0];

    private string Emit(string format, params string[] more)
    {
        string spec = SweepSpecs.Write(_dir);
        var (exit, output, errors) = SweepSpecs.Sweep(new[] { spec, "--emit", format, "--seeds", "3", "--out", "/shared/runs", "--miro", "echo" }.Concat(more).ToArray());
        Assert.True(exit == 0, errors);
        return output;
    }

    /// <summary>The job list's lines with the leading "echo " removed: the miro arguments of each job, in index order.</summary>
    private string[] JobLines() => Emit("jobs").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l["echo ".Length..]).ToArray();

    [Fact]
    public async Task List_configurations_numbers_candidates_as_a_fixed_configuration_run_applies_them()
    {
        string spec = SweepSpecs.Write(_dir);
        var stdout = new StringWriter();
        int exit = await CliRunner.InvokeAsync(["run", spec, "--list-configurations", "--no-progress"], stdout, new StringWriter(), CancellationToken.None);

        Assert.Equal(0, exit);
        var rows = stdout.ToString().Split('\n').Select(l => l.Trim()).Where(l => Regex.IsMatch(l, @"^\d+ ")).ToList();
        Assert.Equal(4, rows.Count);
        PolicySpec policy = Policy();
        for (int k = 0; k < rows.Count; k++)
        {
            string[] cells = rows[k].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            PolicySpec fixedSpec = FixedCandidate.Apply(policy, k);
            Assert.Equal(new[] { k.ToString(), fixedSpec.Memory.Episodic.Capacity.ToString(), fixedSpec.Memory.Stream.Capacity.ToString() }, cells);
        }
    }

    [Fact]
    public async Task A_configuration_outside_the_space_is_a_usage_error_naming_the_range()
    {
        string spec = SweepSpecs.Write(_dir);
        var stderr = new StringWriter();
        int exit = await CliRunner.InvokeAsync(["run", spec, "--configuration", "4", "--no-progress"], new StringWriter(), stderr, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("numbered 0 to 3", stderr.ToString());
    }

    [Fact]
    public void The_job_list_has_one_miro_run_per_configuration_and_seed_in_index_order()
    {
        string[] lines = JobLines();

        Assert.Equal(4 * 3, lines.Length);
        Assert.EndsWith("--configuration 0 --seed 0 --out /shared/runs/config-0-seed-0", lines[0]);
        Assert.EndsWith("--configuration 1 --seed 2 --out /shared/runs/config-1-seed-2", lines[5]);
        Assert.EndsWith("--configuration 3 --seed 2 --out /shared/runs/config-3-seed-2", lines[11]);
        Assert.All(lines, l => Assert.StartsWith("run ", l));
    }

    [Fact]
    public void The_slurm_script_passes_bash_n_its_array_covers_every_job_and_each_index_runs_that_job()
    {
        string script = Path.Combine(_dir, "sweep.sbatch");
        File.WriteAllText(script, Emit("slurm", "--parallel", "2"));

        var check = Shell.Run("bash", new[] { "-n", script });
        Assert.True(check.Exit == 0, check.Err);
        Assert.Matches(@"(?m)^#SBATCH --array=0-11%2$", File.ReadAllText(script));

        string[] jobs = JobLines();
        for (int i = 0; i < jobs.Length; i++)
        {
            var run = Shell.Run("bash", new[] { script }, new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = i.ToString() });
            Assert.True(run.Exit == 0, run.Err);
            Assert.Equal(Unquoted(jobs[i]), run.Out.Trim());
        }
    }

    [Fact]
    public void The_kubernetes_manifest_is_an_indexed_job_with_one_completion_per_job_and_each_index_runs_that_job()
    {
        string manifest = Emit("kubernetes", "--image", "registry.example/miro:1");
        var yaml = new YamlStream();
        yaml.Load(new StringReader(manifest));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var spec = (YamlMappingNode)root["spec"];

        Assert.Equal("Job", root["kind"].ToString());
        Assert.Equal("Indexed", spec["completionMode"].ToString());
        Assert.Equal("12", spec["completions"].ToString());
        var container = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)spec["template"])["spec"])["containers"])[0];
        Assert.Equal("registry.example/miro:1", container["image"].ToString());
        var command = ((YamlSequenceNode)container["command"]).Select(n => n.ToString()).ToList();
        Assert.Equal(new[] { "sh", "-c" }, command.Take(2));

        // Kubernetes turns $$ into $ before the shell sees the command.
        string script = command[2].Replace("$$", "$", StringComparison.Ordinal);
        string[] jobs = JobLines();
        for (int i = 0; i < jobs.Length; i++)
        {
            var run = Shell.Run("sh", new[] { "-c", script }, new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = i.ToString() });
            Assert.True(run.Exit == 0, run.Err);
            Assert.Equal(Unquoted(jobs[i]), run.Out.Trim());
        }
    }

    // What echo prints for a job line (the shell removes the quotes).
    private static string Unquoted(string line) => Shell.Run("sh", new[] { "-c", "echo " + line }).Out.Trim();

    [Theory]
    [InlineData(new[] { "--emit", "pbs", "a.miro" }, "Argument 'pbs' not recognized. Must be one of:")]
    [InlineData(new[] { "a.miro", "--seeds", "0" }, "--seeds needs a positive integer")]
    [InlineData(new[] { "--collect", "d", "a.miro" }, "give no spec")]
    [InlineData(new string[0], "no spec file given")]
    public void Bad_arguments_are_usage_errors(string[] args, string message)
    {
        var (exit, _, errors) = SweepSpecs.Sweep(args);

        Assert.Equal(2, exit);
        Assert.Contains(message, errors);
    }
}
