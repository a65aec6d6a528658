using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Miro.Runtime.Tests.Memory;
using Xunit;

namespace Miro.Runtime.Tests.Checkpoints;

/// <summary>
/// The resume guarantee with a real SIGKILL: a child process trains, is killed in the middle of a
/// task (seeded moment after a task's checkpoint), and a new process resumes from the run
/// directory; its final accuracy matrix equals an uninterrupted run's, bit for bit.
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
        var expected = RunChild(straight.Path, replay, killAfterTask: null, delay: TimeSpan.Zero);

        var random = new Random(seed);
        int afterTask = random.Next(1, 3);
        var partial = RunChild(killed.Path, replay, afterTask, TimeSpan.FromMilliseconds(random.Next(50, 400)));
        Assert.DoesNotContain("MATRIX", partial); // it really died before the end
        var resumed = RunChild(killed.Path, replay, killAfterTask: null, delay: TimeSpan.Zero);

        Assert.Equal(Matrix(expected), Matrix(resumed));
        Assert.True(resumed.Count(l => l.StartsWith("TASK ", StringComparison.Ordinal)) < 4, "the resumed process should not redo completed tasks");
    }

    private static string[] Matrix(List<string> lines)
    {
        int start = lines.IndexOf("MATRIX");
        Assert.True(start >= 0, "the run should finish and print its matrix:\n" + string.Join("\n", lines));
        return lines.Skip(start + 1).ToArray();
    }

    private static List<string> RunChild(string runDirectory, string replay, int? killAfterTask, TimeSpan delay)
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
            if (killAfterTask is int k && e.Data == $"TASK {k}")
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
        if (killAfterTask is not null)
        {
            Assert.True(reached.Wait(TimeSpan.FromMinutes(2)), "the child should reach the kill point");
            Thread.Sleep(delay);
            process.Kill(entireProcessTree: true);
        }
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "the child should finish");
        process.WaitForExit();
        if (killAfterTask is null)
        {
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}:\n" + string.Join("\n", lines));
        }
        lock (lines)
        {
            return [.. lines];
        }
    }
}
