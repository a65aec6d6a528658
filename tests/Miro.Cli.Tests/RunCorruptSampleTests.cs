using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Miro.Cli.Tests;

/// <summary>A stored sample that fails its checksum when swapping reads it: reported, and fatal under <c>on corrupt fail</c>.</summary>
[Collection(TrainingCollection.Name)]
public sealed class RunCorruptSampleTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "miro-cli-corrupt-" + Guid.NewGuid().ToString("N"));

    public RunCorruptSampleTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Spec(string onCorrupt)
    {
        string text = File.ReadAllText(RepositoryPaths.Quickstart)
            .Replace("tasks 5", "tasks 2", StringComparison.Ordinal)
            .Replace("epochs 5", "epochs 1", StringComparison.Ordinal)
            .Replace("at \"miro-store\"", "at \"miro-store\" " + onCorrupt, StringComparison.Ordinal);
        string path = Path.Combine(_dir, "corrupt.miro");
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Out, string Err) Run(CancellationToken cancel, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = CliRunner.InvokeAsync(["run", .. args, "--no-progress"], stdout, stderr, cancel).GetAwaiter().GetResult();
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs task 1, stops at its checkpoint, then damages every stored sample of task 1 (which task 2 swaps in).</summary>
    private string RunTaskOneThenDamageIt(string spec)
    {
        string run = Path.Combine(_dir, "run");
        using var cancel = new CancellationTokenSource();
        var watcher = new Thread(() =>
        {
            while (!cancel.IsCancellationRequested && !File.Exists(Path.Combine(run, "checkpoint.bin")))
            {
                Thread.Sleep(2);
            }
            cancel.Cancel();
        });
        watcher.Start();
        var first = Run(cancel.Token, spec, "--data", RepositoryPaths.EmbeddedSubset, "--out", run, "--checkpoint-every", "0");
        watcher.Join();
        Assert.Equal(Program.ExitCodes.Cancelled, first.Exit);

        using (var connection = new SqliteConnection($"Data Source={Path.Combine(run, "miro-store", "samples.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // Same length, other bytes: only the checksum can tell.
            command.CommandText = "UPDATE samples SET payload = zeroblob(length(payload)) WHERE task = 0";
            Assert.True(command.ExecuteNonQuery() > 0);
        }

        return run;
    }

    [Fact]
    public void Damaged_samples_are_skipped_and_reported_in_the_output_and_the_summary()
    {
        string run = RunTaskOneThenDamageIt(Spec(""));

        var resumed = Run(CancellationToken.None, Spec(""), "--data", RepositoryPaths.EmbeddedSubset, "--resume", run);

        Assert.True(resumed.Exit == 0, resumed.Err);
        Assert.Matches(@"damaged samples: \d+ stored sample\(s\) failed their checksum when read and were skipped \(ids \d+", resumed.Out);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json")));
        JsonElement corrupted = summary.RootElement.GetProperty("corruptedSamples");
        Assert.True(corrupted.GetProperty("count").GetInt32() > 0);
        Assert.Equal(corrupted.GetProperty("count").GetInt32(), corrupted.GetProperty("ids").GetArrayLength());
    }

    [Fact]
    public void Under_on_corrupt_fail_a_damaged_sample_stops_the_run_naming_the_store()
    {
        string spec = Spec("on corrupt fail");
        string run = RunTaskOneThenDamageIt(spec);

        var resumed = Run(CancellationToken.None, spec, "--data", RepositoryPaths.EmbeddedSubset, "--resume", run);

        Assert.Equal(1, resumed.Exit);
        Assert.Contains("failed their checksum when read", resumed.Err);
        Assert.Contains(Path.Combine("miro-store", "samples.db"), resumed.Err);
        Assert.Contains("on corrupt fail", resumed.Err);
        Assert.False(File.Exists(Path.Combine(run, "summary.json")));
        Assert.True(File.Exists(Path.Combine(run, "checkpoint.bin")), "the last good checkpoint is kept");
    }
}
