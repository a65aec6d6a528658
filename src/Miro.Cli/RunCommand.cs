using System;
using System.Globalization;
using System.IO;
using System.Threading;
using Miro.Dsl;
using Miro.Dsl.Diagnostics;
using Miro.Dsl.Model;
using Miro.Runtime.Checkpoints;
using Miro.Runtime.Data;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Energy;
using Miro.Runtime.Memory;
using Miro.Runtime.Resources;
using Miro.Runtime.Session;
using Spectre.Console;

namespace Miro.Cli;

/// <summary>
/// <c>miro run &lt;spec.miro&gt; [--data DIR] [--seed N] [--out DIR] [--threads N] [--policy NAME] [--resume DIR] [--no-progress] [--json]</c>:
/// compiles the spec (diagnostics as <c>miro check</c> prints them; exit 1 on errors), finds the
/// data (embedded Fashion-MNIST subset when no full dataset is found), runs the policy task by task
/// with live progress, writes <c>task-NN.json</c> and <c>summary.json</c> into the output directory
/// and prints the accuracy matrix, average accuracy and forgetting. A policy with a storage tier
/// keeps its sample store in the output directory (at the tier's path) and swaps from it; every
/// epoch and task end, and every <c>--checkpoint-every N</c> training steps (default
/// <see cref="RunOptions.DefaultCheckpointEverySteps"/>; 0: none between epochs), writes
/// <c>checkpoint.bin</c> there, and <c>--resume DIR</c> continues a killed run from it (with the
/// checkpoint's seed and threads).
/// </summary>
internal static partial class RunCommand
{
    /// <summary>
    /// Runs the command: progress live on <paramref name="liveConsole"/> when given, else as plain
    /// lines on <paramref name="stdout"/>; with <paramref name="jsonOutput"/> the result also goes
    /// there as one JSON document.
    /// </summary>
    internal static int Run(RunOptions options, TextWriter stdout, TextWriter stderr, IAnsiConsole? liveConsole, CancellationToken cancellationToken, TextWriter? jsonOutput = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(options.SpecPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"miro run: cannot read '{options.SpecPath}': {e.Message}");
            return Program.ExitCodes.Usage;
        }

        CompilationResult compiled = MiroCompiler.Compile(text, options.SpecPath);
        foreach (MiroDiagnostic diagnostic in compiled.Diagnostics)
        {
            (diagnostic.Severity == MiroSeverity.Error ? stderr : stdout).WriteLine(diagnostic.ToString());
        }

        if (compiled.HasErrors || compiled.Policies.Count == 0)
        {
            stderr.WriteLine(compiled.HasErrors
                ? $"miro run: {options.SpecPath} has errors; fix them (see `miro check`) and run again."
                : $"miro run: {options.SpecPath} declares no policy.");
            return Program.ExitCodes.Failed;
        }

        PolicySpec? policy = SelectPolicy(compiled, options.PolicyName);
        if (policy is null)
        {
            stderr.WriteLine($"miro run: {options.SpecPath} has no policy named '{options.PolicyName}'.");
            return Program.ExitCodes.Usage;
        }

        Dataset train;
        Dataset test;
        DataSource source;
        try
        {
            source = DatasetLocator.Locate(policy.Data.Dataset, options.DataDirectory);
            (train, test) = source.Load();
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"miro run: {e.Message}");
            return Program.ExitCodes.Usage;
        }

        string outDir = options.OutputDirectory
            ?? Path.Combine("runs", $"{policy.Name}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
        int threads = options.Threads ?? policy.Train.Threads;
        int seed = options.Seed;
        if (options.ResumeDirectory is { } resumeDir)
        {
            try
            {
                CheckpointIdentity run = Checkpointer.Inspect(resumeDir);
                (seed, threads) = (run.Seed, run.Threads);
                stdout.WriteLine((run.EpochsDoneInTask, run.StepsDoneInEpoch) switch
                {
                    (0, 0) => Invariant($"resuming {resumeDir}: {run.CompletedTasks} task(s) done"),
                    (_, 0) => Invariant($"resuming {resumeDir}: {run.CompletedTasks} task(s) and {run.EpochsDoneInTask} epoch(s) of task {run.CompletedTasks + 1} done"),
                    _ => Invariant($"resuming {resumeDir}: {run.CompletedTasks} task(s), {run.EpochsDoneInTask} epoch(s) and {run.StepsDoneInEpoch} step(s) of task {run.CompletedTasks + 1} done"),
                });
            }
            catch (CheckpointException e)
            {
                stderr.WriteLine($"miro run: {e.Message}");
                return Program.ExitCodes.Usage;
            }
        }
        stdout.WriteLine(Invariant($"policy {policy.Name}: {Describe(policy)}"));
        stdout.WriteLine(Invariant($"data   {source}: {train.Count} train / {test.Count} test samples"));
        stdout.WriteLine(Invariant($"seed {seed}, {threads} thread(s), reports in {outDir}"));
        if (policy.Profile is not null)
        {
            // Say so rather than let a user believe the profile block chose the configuration.
            stdout.WriteLine("note: the profile block is checked but online profiling (the Miro controller) is not in this release;");
            stdout.WriteLine(Invariant($"      every task runs the base configuration (EM {policy.Memory.Episodic.Capacity} / SB {policy.Memory.Stream.Capacity})."));
        }

        // One set of I/O counters: the store counts its bytes, the energy model charges for them;
        // the tier enters replay_io around its store writes and storage_swap while it swaps.
        var io = new IoCounters();
        using var energy = EnergyHook.Start(policy, new EnergyMeterOptions { IoCounters = io });
        EnergyPrinter.PrintMeter(stdout, energy.Meter.Source);
        using LiveProgress? live = liveConsole is null ? null : new LiveProgress(liveConsole, energy.Meter);
        using StorageTier? tier = policy.Memory.Storage is { } storage ? new StorageTier(storage, policy.Memory.Swap, outDir, io, energy.Meter) : null;
        var checkpointer = new Checkpointer(outDir, tier, everyEpochs: 1, everySteps: options.CheckpointEverySteps);
        var hooks = new System.Collections.Generic.List<ISessionHook> { energy, ResourceHook.For(policy, outDir) };
        if (tier is not null)
        {
            hooks.Add(tier);
        }

        if (live is not null)
        {
            hooks.Add(live);
        }

        hooks.Add(new ReportFileHook(outDir));
        hooks.Add(checkpointer);
        var sessionOptions = new SessionOptions
        {
            Seed = seed,
            Threads = threads,
            Progress = live ?? (IProgress<SessionProgress>)new ConsoleProgress(stdout),
            ProgressInterval = TimeSpan.FromMilliseconds(live is not null ? 100 : 1000),
            Hooks = hooks,
            DataDescription = source.ToString(),
        };

        SessionResult result;
        try
        {
            using MiroSession session = MiroSession.Create(policy, train, test, sessionOptions);
            if (options.ResumeDirectory is not null)
            {
                checkpointer.Resume(session);
            }

            result = session.Run(cancellationToken);
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"miro run: {e.Message}");
            return Program.ExitCodes.Failed;
        }
        catch (IOException e) when (e is CheckpointException or SampleStoreException)
        {
            stderr.WriteLine($"miro run: {e.Message}");
            return Program.ExitCodes.Failed;
        }
        catch (OperationCanceledException)
        {
            live?.Dispose();
            stderr.WriteLine(checkpointer.Exists
                ? $"miro run: stopped; the checkpoint and the reports of the completed tasks are in {outDir}. Continue with:{Environment.NewLine}  miro run {options.SpecPath} --resume {outDir}"
                : $"miro run: stopped before the first checkpoint; nothing to resume in {outDir}.");
            return Program.ExitCodes.Cancelled;
        }

        string summary = ReportWriter.WriteSummary(outDir, result);
        PrintResult(stdout, result);
        EnergyPrinter.PrintTasks(stdout, result);
        (double checkpointSeconds, int checkpoints) = checkpointer.WriteTime;
        if (checkpoints > 0)
        {
            stdout.WriteLine(Invariant($"checkpoints: {checkpoints} written, {1000 * checkpointSeconds / checkpoints:F1} ms each on average"));
        }

        stdout.WriteLine($"reports: {outDir} ({Path.GetFileName(summary)} and {result.Tasks.Count} task files)");
        jsonOutput?.WriteLine(RunJson.Format(outDir, result));
        return Program.ExitCodes.Ok;
    }

    private static PolicySpec? SelectPolicy(CompilationResult compiled, string? name)
    {
        if (name is null)
        {
            return compiled.Policies[0];
        }

        foreach (PolicySpec p in compiled.Policies)
        {
            if (p.Name == name)
            {
                return p;
            }
        }

        return null;
    }

    private static void PrintResult(TextWriter stdout, SessionResult result)
    {
        stdout.WriteLine();
        stdout.WriteLine("accuracy matrix (row: after task i, column: test set of task j), %:");
        int tasks = result.AccuracyMatrix.Length;
        stdout.Write("        ");
        for (int j = 0; j < tasks; j++)
        {
            stdout.Write(Invariant($"  T{j + 1,-4}"));
        }

        stdout.WriteLine();
        for (int i = 0; i < tasks; i++)
        {
            stdout.Write(Invariant($"after T{i + 1,-2}"));
            foreach (double a in result.AccuracyMatrix[i])
            {
                stdout.Write(Invariant($" {100 * a,6:F1}"));
            }

            stdout.WriteLine();
        }

        stdout.WriteLine();
        stdout.WriteLine(Invariant($"average accuracy  {100 * result.AverageAccuracy:F2}%"));
        stdout.WriteLine(Invariant($"forgetting        {100 * result.Forgetting:F2}%"));
        stdout.WriteLine(Invariant($"backward transfer {100 * result.BackwardTransfer:F2}%"));
        stdout.WriteLine(Invariant($"time              {result.Seconds:F1} s"));
    }

    private static string Describe(PolicySpec policy)
    {
        TrainSpec t = policy.Train;
        string model = t.Model.Kind == ModelKind.Mlp ? $"mlp({string.Join("-", t.Model.Hidden)})" : t.Model.Kind.ToString().ToLowerInvariant();
        string learner = t.Learner == LearnerKind.OnlineEr ? "online ER" : "ER";
        return Invariant($"{learner} ({t.Replay.ToString().ToLowerInvariant()} replay), {model}, EM {policy.Memory.Episodic.Capacity} / SB {policy.Memory.Stream.Capacity} samples, {t.Epochs} epoch(s), batch {t.Batch}, {policy.Data.Tasks} tasks of {policy.Data.ClassesPerTask} classes");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes each task's final report (after every hook enriched it) as soon as the task completes.</summary>
    private sealed class ReportFileHook : ISessionHook
    {
        private readonly string _directory;

        public ReportFileHook(string directory) => _directory = directory;

        public void OnCheckpoint(TaskContext task, TaskReport report) => ReportWriter.WriteTask(_directory, report);
    }
}
