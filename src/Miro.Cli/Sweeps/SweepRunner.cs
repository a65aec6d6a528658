using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Miro.Runtime.Checkpoints;

namespace Miro.Cli.Sweeps;

/// <summary>
/// Runs a <see cref="SweepPlan"/> on this machine: each job a child <c>miro run</c> process (its
/// output in the run folder's <c>miro-run.log</c>), at most <c>parallel</c> at a time. A sweep that
/// was interrupted continues where it stopped: a folder with <c>summary.json</c> is finished and
/// not run again, one with a checkpoint resumes from it (<c>miro run --resume</c>), and any other
/// folder is cleared and its job started over.
/// </summary>
internal static class SweepRunner
{
    /// <summary>One <c>miro run</c> (its arguments name <c>--out</c> <paramref name="Directory"/>).</summary>
    public sealed record ChildRun(string Directory, IReadOnlyList<string> Arguments);

    /// <summary>The log file a child run writes into its folder.</summary>
    public const string LogFile = "miro-run.log";

    /// <summary>Runs every unfinished job of <paramref name="plan"/>; returns the folders of jobs that failed.</summary>
    public static IReadOnlyList<string> Run(SweepPlan plan, int parallel, MiroExecutable miro, TextWriter stdout, CancellationToken cancellationToken)
    {
        var jobs = new List<ChildRun>();
        for (long i = 0; i < plan.Jobs; i++)
        {
            jobs.Add(new ChildRun(plan.RunDirectory(i), plan.RunArguments(i)));
        }

        stdout.WriteLine(Invariant($"sweep: {plan.Configurations} configuration(s) x {plan.Seeds} seed(s) = {plan.Jobs} run(s) in {plan.OutputDirectory}"));
        return Run(jobs, parallel, miro, stdout, cancellationToken);
    }

    /// <summary>Runs every unfinished <c>miro run</c> of <paramref name="jobs"/>, <paramref name="parallel"/> at a time; returns the folders of runs that failed.</summary>
    public static IReadOnlyList<string> Run(IReadOnlyList<ChildRun> jobs, int parallel, MiroExecutable miro, TextWriter stdout, CancellationToken cancellationToken)
    {
        var todo = new List<(ChildRun Job, bool Resume)>();
        int finished = 0;
        foreach (ChildRun job in jobs)
        {
            string dir = job.Directory;
            if (File.Exists(Path.Combine(dir, "summary.json")))
            {
                finished++;
            }
            else if (File.Exists(Path.Combine(dir, Checkpointer.FileName)))
            {
                todo.Add((job, true));
            }
            else
            {
                // Started but not checkpointed: nothing worth keeping (a partial store would only confuse a fresh run).
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, recursive: true);
                }

                todo.Add((job, false));
            }
        }

        int resuming = todo.Count(t => t.Resume);
        stdout.WriteLine(Invariant($"{finished} finished earlier, {resuming} to resume, {todo.Count - resuming} to run, {parallel} at a time"));
        var failed = new List<string>();
        int done = 0;
        object gate = new();
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken };
        try
        {
            Parallel.ForEach(todo, options, job =>
            {
                string dir = job.Job.Directory;
                var clock = Stopwatch.StartNew();
                int exit = RunChild(miro, Arguments(job.Job, job.Resume), dir);
                lock (gate)
                {
                    done++;
                    // The folder and its parent name the run (oracle/config-3-seed-1, carm-fixed/seed-0).
                    string name = Path.Combine(Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(dir))) ?? "", Path.GetFileName(dir));
                    if (exit == 0 && File.Exists(Path.Combine(dir, "summary.json")))
                    {
                        stdout.WriteLine(Invariant($"[{done}/{todo.Count}] {name}{(job.Resume ? " (resumed)" : "")} done in {clock.Elapsed.TotalSeconds:F1} s"));
                    }
                    else
                    {
                        failed.Add(dir);
                        stdout.WriteLine(Invariant($"[{done}/{todo.Count}] {name} failed (exit {exit}); see {Path.Combine(dir, LogFile)}"));
                    }

                    stdout.Flush();
                }
            });
        }
        catch (OperationCanceledException)
        {
            // Runs in flight finish or checkpoint on their own; the next `miro sweep` picks up from here.
        }

        return failed;
    }

    private static IReadOnlyList<string> Arguments(ChildRun job, bool resume)
    {
        var args = job.Arguments.ToList();
        if (resume)
        {
            // --resume continues in the run folder itself; it takes the place of --out.
            int at = args.IndexOf("--out");
            args[at] = "--resume";
        }

        return args;
    }

    private static int RunChild(MiroExecutable miro, IReadOnlyList<string> args, string directory)
    {
        Directory.CreateDirectory(directory);
        var start = new ProcessStartInfo(miro.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in miro.Prefix.Concat(args))
        {
            start.ArgumentList.Add(a);
        }

        using var log = new StreamWriter(Path.Combine(directory, LogFile), append: true) { AutoFlush = true };
        log.WriteLine("$ " + ShellQuoting.Join(miro.Prefix.Prepend(miro.FileName).Concat(args)));
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Log(log, e.Data);
        process.ErrorDataReceived += (_, e) => Log(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // Ctrl+C reaches the children too (one process group): each checkpoints and exits, and the
        // sweep stops starting new runs.
        process.WaitForExit();

        return process.ExitCode;
    }

    private static void Log(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
