using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Miro.Runtime.Data;
using Miro.Runtime.Memory;
using Miro.Runtime.Tests.Memory;
using Xunit;

namespace Miro.Runtime.Tests.Checkpoints;

/// <summary>
/// The resume guarantee with a real SIGKILL: a child process trains with a checkpoint after every
/// epoch, is killed in the middle of a task (a seeded step after the checkpoint of the task's first
/// epoch, where it stops until killed), and a new process resumes from the run directory inside that task; its final accuracy
/// matrix equals an uninterrupted run's, bit for bit. The mid-epoch case does the same with a checkpoint
/// every 16 steps and a kill at a seeded step inside an epoch.
/// </summary>
public sealed class KilledRunResumeTests
{
    [Theory]
    [InlineData("balanced", 11)]
    [InlineData("concat", 12)]
    public void A_run_sigkilled_mid_task_resumes_to_the_uninterrupted_accuracy_matrix(string replay, int seed)
    {
        using var straight = new TempDirectory();
        using var killed = new TempDirectory();
        var expected = RunChild(straight.Path, replay, killAfter: null, delay: TimeSpan.Zero);

        // Killed with SIGKILL at a seeded step of epoch 2 of task 2 or 3 (of 2 epochs), after the checkpoint
        // that follows epoch 1: the child stops there until killed (no race between the kill and the
        // epoch's end), and the resumed process continues inside that task, with its second epoch.
        var random = new Random(seed);
        int task = random.Next(2, 4);
        string hang = random.Next(1, 61).ToString(CultureInfo.InvariantCulture);
        var partial = RunChild(killed.Path, replay, "HANG", TimeSpan.FromMilliseconds(random.Next(0, 50)), task.ToString(CultureInfo.InvariantCulture), "2", "0", hang);
        Assert.DoesNotContain("MATRIX", partial); // it really died before the end
        Assert.Contains($"EPOCH {task} 1", partial);
        var resumed = RunChild(killed.Path, replay, killAfter: null, delay: TimeSpan.Zero);

        Assert.Equal(Matrix(expected), Matrix(resumed));
        Assert.Contains($"RESUMED {task - 1} 1 0", resumed); // inside task `task`, after its first epoch
        Assert.DoesNotContain($"EPOCH {task} 1", resumed); // that epoch is not redone
        Assert.Contains($"EPOCH {task} 2", resumed);
    }

    [Theory]
    [InlineData("balanced", 21)]
    [InlineData("concat", 22)]
    [InlineData("online", 23)]
    public void A_run_sigkilled_mid_epoch_resumes_from_its_last_step_checkpoint_to_the_uninterrupted_accuracy_matrix(string replay, int seed)
    {
        using var straight = new TempDirectory();
        using var killed = new TempDirectory();
        // The reference run takes no step checkpoints; the killed one checkpoints every 16 steps.
        var expected = RunChild(straight.Path, replay, killAfter: null, delay: TimeSpan.Zero);

        // Killed with SIGKILL inside the first epoch of task 2 or 3, after a seeded step (17 to 60) that is not a
        // checkpoint: the child stops there until killed, with swap requests in flight and steps done since its
        // last step checkpoint, which the resumed process redoes.
        var random = new Random(seed);
        int task = random.Next(2, 4);
        int hang = random.Next(17, 61);
        if (hang % 16 == 0)
        {
            hang++;
        }
        string[] args = [task.ToString(CultureInfo.InvariantCulture), "1", "16", hang.ToString(CultureInfo.InvariantCulture)];
        var partial = RunChild(killed.Path, replay, "HANG", TimeSpan.FromMilliseconds(random.Next(0, 50)), args);
        Assert.DoesNotContain("MATRIX", partial);
        Assert.Contains($"STEP {task} 1 16", partial);
        var resumed = RunChild(killed.Path, replay, killAfter: null, delay: TimeSpan.Zero, args[..3]);

        Assert.Equal(Matrix(expected), Matrix(resumed));
        // Inside the first epoch of task `task`, after the last step checkpoint before the kill.
        Assert.Contains($"RESUMED {task - 1} 0 {hang / 16 * 16}", resumed);
    }

    [Theory]
    [InlineData("balanced", 31)]
    [InlineData("concat", 32)]
    public void A_run_sigkilled_while_the_store_writer_is_mid_task_resumes_to_the_uninterrupted_result_storing_each_sample_once(string replay, int seed)
    {
        using var straight = new TempDirectory();
        using var killed = new TempDirectory();
        var expected = RunChild(straight.Path, replay, killAfter: null, delay: TimeSpan.Zero);

        // Every task's 1,000 samples are two commits of 512 and 488: the writer stops after the first commit of
        // task 2 or 3 (commit 3 or 5) and the process is killed a seeded moment later, while that task trains.
        var random = new Random(seed);
        int task = random.Next(2, 4);
        string[] args = ["0", "2", "0", "0", (2 * task - 1).ToString(CultureInfo.InvariantCulture)];
        var partial = RunChild(killed.Path, replay, "WRITER-HANG", TimeSpan.FromMilliseconds(random.Next(0, 300)), args);
        Assert.DoesNotContain("MATRIX", partial);
        Assert.DoesNotContain($"TASK {task}", partial); // the task cannot end before its samples are durable
        using (var store = SampleStore.Open(Path.Combine(killed.Path, "store"), 784, SampleEncoding.PixelBytes))
        {
            Assert.Equal(512, store.WrittenCount(task - 1)); // the committed batch survived the kill, the rest was never written
            Assert.True(store.Verify().IsHealthy);
        }

        var resumed = RunChild(killed.Path, replay, killAfter: null, delay: TimeSpan.Zero);

        Assert.Equal(Matrix(expected), Matrix(resumed));
        using var straightStore = SampleStore.Open(Path.Combine(straight.Path, "store"), 784, SampleEncoding.PixelBytes);
        using var resumedStore = SampleStore.Open(Path.Combine(killed.Path, "store"), 784, SampleEncoding.PixelBytes);
        Assert.Equal(straightStore.Count, resumedStore.Count); // the resumed writer skipped the committed prefix
        Assert.Equal(straightStore.WrittenCount(task - 1), resumedStore.WrittenCount(task - 1));
    }

    private static string[] Matrix(List<string> lines)
    {
        int start = lines.IndexOf("MATRIX");
        Assert.True(start >= 0, "the run should finish and print its matrix:\n" + string.Join("\n", lines));
        return lines.Skip(start + 1).ToArray();
    }

    /// <summary>Runs the child; <paramref name="extra"/> are its SLOW_TASK, SLOW_EPOCH and CHECKPOINT_STEPS arguments.</summary>
    private static List<string> RunChild(string runDirectory, string replay, string? killAfter, TimeSpan delay, params string[] extra)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Miro.Runtime.ResumeChild.dll"));
        start.ArgumentList.Add(runDirectory);
        start.ArgumentList.Add(replay);
        foreach (string arg in extra)
        {
            start.ArgumentList.Add(arg);
        }
        var lines = new List<string>();
        using var reached = new ManualResetEventSlim();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            lock (lines)
            {
                lines.Add(e.Data);
            }
            if (killAfter is not null && e.Data == killAfter)
            {
                reached.Set();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (lines)
                {
                    lines.Add("stderr: " + e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (killAfter is not null)
        {
            Assert.True(reached.Wait(TimeSpan.FromMinutes(2)), "the child should reach the kill point");
            Thread.Sleep(delay);
            process.Kill(entireProcessTree: true);
        }
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "the child should finish");
        process.WaitForExit();
        if (killAfter is null)
        {
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}:\n" + string.Join("\n", lines));
        }
        lock (lines)
        {
            return [.. lines];
        }
    }
}
