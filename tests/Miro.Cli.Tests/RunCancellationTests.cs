using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Miro.Cli.Tests;

/// <summary>Ctrl+C during `miro run`: the run stops at the next step, writes a checkpoint there, says how to resume and exits 130.</summary>
[Collection(TrainingCollection.Name)]
public sealed class RunCancellationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("miro-cli-cancel-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Spec()
    {
        string text = File.ReadAllText(RepositoryPaths.Quickstart)
            .Replace("tasks 5", "tasks 3", StringComparison.Ordinal)
            .Replace("epochs 5", "epochs 1", StringComparison.Ordinal);
        string path = Path.Combine(_dir, "cancel.miro");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Output that cancels the run when a given line is printed: a Ctrl+C at a known point, with no timing involved.</summary>
    private sealed class CancelOnLine(string line, CancellationTokenSource cancel) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value == line)
            {
                cancel.Cancel();
            }
        }
    }

    private static string Matrix(string runDir)
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(runDir, "summary.json")));
        return summary.RootElement.GetProperty("accuracyMatrix").GetRawText();
    }

    [Fact]
    public async Task Cancelled_run_checkpoints_at_the_next_step_and_resume_gives_the_uninterrupted_result()
    {
        string spec = Spec();
        string straight = Path.Combine(_dir, "straight");
        string stopped = Path.Combine(_dir, "stopped");
        var full = CliRunner.Invoke("run", spec, "--data", RepositoryPaths.EmbeddedSubset, "--seed", "5", "--out", straight, "--no-progress");
        Assert.True(full.Exit == 0, full.Err);

        // Ctrl+C as task 1 starts (task 2 would profile first, and a cancelled profiling resumes from the task's start); step checkpoints are off, so any in-task checkpoint is the cancellation's.
        using var cancel = new CancellationTokenSource();
        using var stdout = new CancelOnLine("task 1/3", cancel);
        using var stderr = new StringWriter();
        int exit = await CliRunner.InvokeAsync(["run", spec, "--data", RepositoryPaths.EmbeddedSubset, "--seed", "5", "--out", stopped, "--no-progress", "--checkpoint-every", "0"],
            stdout, stderr, cancel.Token);

        Assert.Equal(Program.ExitCodes.Cancelled, exit);
        Assert.Contains($"Continue with:{Environment.NewLine}  miro run {spec} --resume {stopped}", stderr.ToString());
        Assert.False(File.Exists(Path.Combine(stopped, "summary.json")));

        var resumed = CliRunner.Invoke("run", spec, "--data", RepositoryPaths.EmbeddedSubset, "--resume", stopped, "--no-progress", "--checkpoint-every", "0");
        Assert.True(resumed.Exit == 0, resumed.Err);
        Assert.Contains("0 task(s), 0 epoch(s) and 1 step(s) of task 1 done", resumed.Out);
        Assert.Equal(Matrix(straight), Matrix(stopped));
    }
}
