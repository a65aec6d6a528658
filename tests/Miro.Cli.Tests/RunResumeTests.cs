using System.Threading.Tasks;
using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using Xunit;

namespace Miro.Cli.Tests;

[Collection(TrainingCollection.Name)]
public sealed class RunResumeTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "miro-cli-resume-" + Guid.NewGuid().ToString("N"));

    public RunResumeTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The quickstart policy (storage tier, swapping) cut to 3 tasks of 1 epoch.</summary>
    private string Spec()
    {
        string text = File.ReadAllText(RepositoryPaths.Quickstart)
            .Replace("tasks 5", "tasks 3", StringComparison.Ordinal)
            .Replace("epochs 5", "epochs 1", StringComparison.Ordinal);
        string path = Path.Combine(_dir, "resume.miro");
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Out, string Err) Run(CancellationToken cancel, params string[] args)
    {
        return CliRunner.InvokeAsync(["run", .. args], cancel).GetAwaiter().GetResult();
    }

    private static string Matrix(string runDir)
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(runDir, "summary.json")));
        return summary.RootElement.GetProperty("accuracyMatrix").GetRawText();
    }

    [Fact]
    public async Task Miro_run_resume_continues_a_stopped_run_to_the_uninterrupted_result()
    {
        string spec = Spec();
        string straight = Path.Combine(_dir, "straight");
        string stopped = Path.Combine(_dir, "stopped");
        var full = Run(CancellationToken.None, spec, "--data", RepositoryPaths.EmbeddedSubset, "--seed", "4", "--out", straight);
        Assert.True(full.Exit == 0, full.Err);
        Assert.True(File.Exists(Path.Combine(straight, "miro-store", "samples.db")), "the storage tier lives in the run directory");

        // Stop the second run when task 2 starts (task 1's checkpoint is on disk by then): the run's
        // own output cancels it, on the run's thread, so no polling thread races the training.
        using var cancel = new CancellationTokenSource();
        var output = new CancelOnText("task 2/", cancel);
        var stderr = new StringWriter();
        int exit = await CliRunner.InvokeAsync(["run", spec, "--data", RepositoryPaths.EmbeddedSubset, "--seed", "4", "--out", stopped, "--no-progress"], output, stderr, cancel.Token);
        var first = (Exit: exit, Err: stderr.ToString());
        Assert.True(cancel.IsCancellationRequested, "the run never reached task 2");
        Assert.Equal(Program.ExitCodes.Cancelled, first.Exit);
        Assert.Contains("--resume", first.Err);
        Assert.False(File.Exists(Path.Combine(stopped, "summary.json")));

        var resumed = Run(CancellationToken.None, spec, "--data", RepositoryPaths.EmbeddedSubset, "--resume", stopped);
        Assert.True(resumed.Exit == 0, resumed.Err);
        Assert.Contains("resuming", resumed.Out);
        Assert.Equal(Matrix(straight), Matrix(stopped));
    }

    [Fact]
    public void Miro_run_resume_continues_inside_an_epoch_from_a_step_checkpoint()
    {
        string spec = Spec();
        string straight = Path.Combine(_dir, "straight");
        string stopped = Path.Combine(_dir, "stopped");
        // The reference run checkpoints only at epoch and task ends.
        var full = Run(CancellationToken.None, spec, "--data", RepositoryPaths.EmbeddedSubset, "--seed", "4", "--out", straight, "--checkpoint-every", "0");
        Assert.True(full.Exit == 0, full.Err);

        // Stopped after the first step checkpoint: 20 or more steps into task 1's only epoch.
        using var cancel = new CancellationTokenSource();
        var watcher = new Thread(() =>
        {
            while (!cancel.IsCancellationRequested && !File.Exists(Path.Combine(stopped, "checkpoint.bin")))
            {
                Thread.Sleep(1);
            }
            cancel.Cancel();
        });
        watcher.Start();
        var first = Run(cancel.Token, spec, "--data", RepositoryPaths.EmbeddedSubset, "--seed", "4", "--out", stopped, "--checkpoint-every", "20");
        watcher.Join();
        Assert.Equal(Program.ExitCodes.Cancelled, first.Exit);

        var resumed = Run(CancellationToken.None, spec, "--data", RepositoryPaths.EmbeddedSubset, "--resume", stopped, "--checkpoint-every", "20");
        Assert.True(resumed.Exit == 0, resumed.Err);
        // The cancellation checkpoints again at the step where it is seen: 20 steps or a few more.
        var done = System.Text.RegularExpressions.Regex.Match(resumed.Out, @"0 task\(s\), 0 epoch\(s\) and (\d+) step\(s\) of task 1 done");
        Assert.True(done.Success, resumed.Out);
        Assert.True(int.Parse(done.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 20, resumed.Out);
        Assert.Equal(Matrix(straight), Matrix(stopped));
    }

    [Fact]
    public void Resuming_a_directory_without_a_checkpoint_is_a_usage_error_naming_it()
    {
        string empty = Path.Combine(_dir, "empty");
        var result = Run(CancellationToken.None, Spec(), "--resume", empty);
        Assert.Equal(2, result.Exit);
        Assert.Contains("No checkpoint", result.Err);
        Assert.Contains(empty, result.Err);
    }

    [Fact]
    public void Resume_and_out_naming_different_directories_is_refused()
    {
        var result = Run(CancellationToken.None, "a.miro", "--resume", "x", "--out", "y");
        Assert.Equal(2, result.Exit);
        Assert.Contains("drop --out", result.Err);
    }

    /// <summary>Standard output that cancels the run when a given text is written (on the run's thread).</summary>
    private sealed class CancelOnText(string text, CancellationTokenSource cancel) : StringWriter
    {
        public override void Write(char value)
        {
            base.Write(value);
            CheckText();
        }

        public override void Write(string? value)
        {
            base.Write(value);
            CheckText();
        }

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            CheckText();
        }

        private void CheckText()
        {
            if (!cancel.IsCancellationRequested && ToString().Contains(text, StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        }
    }
}
