using System;
using System.IO;
using System.Threading;
using Miro.Runtime.Runs;
using Xunit;

namespace Miro.Cli.Tests;

/// <summary>Issue 12 classes 1 and 2: a reused folder, a second process, and a resume with another spec are refused.</summary>
[Collection(TrainingCollection.Name)]
public sealed class RunFolderAndResumeIdentityTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "miro-cli-folder-" + Guid.NewGuid().ToString("N"));

    public RunFolderAndResumeIdentityTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Spec(string name = "spec.miro", Func<string, string>? change = null)
    {
        string text = File.ReadAllText(RepositoryPaths.Quickstart)
            .Replace("tasks 5", "tasks 2", StringComparison.Ordinal)
            .Replace("epochs 5", "epochs 1", StringComparison.Ordinal);
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, change is null ? text : change(text));
        return path;
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = CliRunner.InvokeAsync(["run", .. args, "--no-progress"], stdout, stderr, CancellationToken.None).GetAwaiter().GetResult();
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void A_new_run_in_a_folder_that_holds_a_run_is_refused_and_the_old_run_is_untouched()
    {
        string run = Path.Combine(_dir, "x");
        var first = Run(Spec(), "--data", RepositoryPaths.EmbeddedSubset, "--seed", "1", "--out", run);
        Assert.True(first.Exit == 0, first.Err);
        string summary = File.ReadAllText(Path.Combine(run, "summary.json"));

        var second = Run(Spec(), "--data", RepositoryPaths.EmbeddedSubset, "--seed", "2", "--out", run);

        Assert.Equal(Program.ExitCodes.Usage, second.Exit);
        Assert.Contains("already holds a run", second.Err);
        Assert.Contains("--force", second.Err);
        Assert.Equal(summary, File.ReadAllText(Path.Combine(run, "summary.json")));

        var forced = Run(Spec(), "--data", RepositoryPaths.EmbeddedSubset, "--seed", "2", "--out", run, "--force");
        Assert.True(forced.Exit == 0, forced.Err);
        Assert.Contains("aside to", forced.Out);
        string aside = Directory.GetDirectories(_dir, "x.replaced-*")[0];
        Assert.Equal(summary, File.ReadAllText(Path.Combine(aside, "summary.json")));
    }

    [Fact]
    public void A_second_process_on_the_same_folder_is_refused_with_the_holders_pid()
    {
        string run = Path.Combine(_dir, "busy");
        using (RunFolder.Claim(run, resume: false))
        {
            var second = Run(Spec(), "--data", RepositoryPaths.EmbeddedSubset, "--resume", run);

            Assert.Equal(Program.ExitCodes.Usage, second.Exit);
            Assert.Contains($"in use by another miro process (PID {Environment.ProcessId})", second.Err);
        }
    }

    [Theory]
    [InlineData("lr: 0.05", "lr: 0.5", "train.optimizer.learningRate: 0.05 in the checkpoint, 0.5 now")]
    [InlineData("batch 16", "batch 32", "train.batch: 16 in the checkpoint, 32 now")]
    [InlineData("episodic capacity 200", "episodic capacity 300", "memory.episodic.capacity: 200 in the checkpoint, 300 now")]
    [InlineData("swap ratio 25%", "swap ratio 50%", "memory.swap.ratio: 0.25 in the checkpoint, 0.5 now")]
    [InlineData("replay balanced", "replay concat", "train.replay: Balanced in the checkpoint, Concat now")]
    [InlineData("validation 10%", "validation 20%", "data.validation")]
    [InlineData("hidden: [100, 100]", "hidden: [100, 50]", "train.model.hidden[1]: 100 in the checkpoint, 50 now")]
    public void Resume_with_a_changed_setting_is_refused_naming_it(string from, string to, string named)
    {
        string run = Path.Combine(_dir, "r");
        var first = Run(Spec(), "--data", RepositoryPaths.EmbeddedSubset, "--out", run);
        Assert.True(first.Exit == 0, first.Err);

        string changed = Spec("changed.miro", text =>
        {
            Assert.Contains(from, text, StringComparison.Ordinal);
            return text.Replace(from, to, StringComparison.Ordinal);
        });
        var resumed = Run(changed, "--data", RepositoryPaths.EmbeddedSubset, "--resume", run);

        Assert.Equal(Program.ExitCodes.Failed, resumed.Exit);
        Assert.Contains("setting(s) differ from the run that wrote it", resumed.Err);
        Assert.Contains(named, resumed.Err);
    }

    [Fact]
    public void Resume_with_the_same_data_folder_named_by_a_relative_path_continues()
    {
        string run = Path.Combine(_dir, "rel");
        var first = Run(Spec(), "--data", RepositoryPaths.EmbeddedSubset, "--out", run);
        Assert.True(first.Exit == 0, first.Err);
        string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), RepositoryPaths.EmbeddedSubset);
        Assert.False(Path.IsPathRooted(relative));

        var resumed = Run(Spec(), "--data", relative, "--resume", run);

        Assert.True(resumed.Exit == 0, resumed.Err);
    }

    [Fact]
    public void Resume_with_another_data_folder_is_refused_naming_the_data()
    {
        string run = Path.Combine(_dir, "d");
        var first = Run(Spec(), "--data", RepositoryPaths.EmbeddedSubset, "--out", run);
        Assert.True(first.Exit == 0, first.Err);
        string copy = Path.Combine(_dir, "data-copy");
        Directory.CreateDirectory(copy);
        foreach (string file in Directory.GetFiles(RepositoryPaths.EmbeddedSubset, "*.gz"))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        var resumed = Run(Spec(), "--data", copy, "--resume", run);

        Assert.Equal(Program.ExitCodes.Failed, resumed.Exit);
        Assert.Contains("data.train.source", resumed.Err);
    }
}
