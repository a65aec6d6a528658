using System;
using System.Globalization;
using System.IO;
using System.Threading;
using Miro.Cli.Sweeps;
using Miro.Dsl;
using Miro.Dsl.Diagnostics;
using Miro.Dsl.Model;
using Miro.Runtime.Checkpoints;
using Miro.Runtime.Data;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Memory;
using Miro.Runtime.Runs;
using Miro.Runtime.Session;
using Spectre.Console;

namespace Miro.Cli;

/// <summary>
/// <c>miro run &lt;spec.miro&gt; [--data DIR] [--seed N] [--out DIR] [--threads N] [--policy NAME] [--resume DIR]</c>:
/// compiles the spec (diagnostics as <c>miro check</c> prints them; exit 1 on errors), finds the
/// data (embedded Fashion-MNIST subset when no full dataset is found), runs the policy task by task
/// with live progress, writes <c>task-NN.json</c> and <c>summary.json</c> into the output directory
/// and prints the accuracy matrix, average accuracy and forgetting. A policy with a storage tier
/// keeps its sample store in the output directory (at the tier's path) and swaps from it; every
/// task end, and inside tasks at most every <c>--checkpoint-interval T</c> (default
/// <see cref="RunOptions.DefaultCheckpointInterval"/>) or every <c>--checkpoint-every N</c> training
/// steps, writes <c>checkpoint.bin</c> there, and <c>--resume DIR</c> continues a killed run from it (with the
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

        if (options.ListConfigurations)
        {
            ConfigurationList.Print(stdout, policy);
            return Program.ExitCodes.Ok;
        }

        CandidateConfiguration? candidate = null;
        if (options.Configuration is { } k)
        {
            long count = FixedCandidate.Count(policy);
            if (k >= count)
            {
                stderr.WriteLine($"miro run: --configuration {k}: policy {policy.Name} has {count} configuration(s), numbered 0 to {count - 1} (see --list-configurations).");
                return Program.ExitCodes.Usage;
            }

            candidate = new CandidateConfiguration(k, FixedCandidate.Describe(policy, k));
            policy = FixedCandidate.Apply(policy, k);
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
        // One owner per run folder for the life of this process, and one run per folder.
        RunFolder folder;
        try
        {
            folder = RunFolder.Claim(outDir, resume: options.ResumeDirectory is not null, options.Force);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"miro run: {e.Message}");
            return Program.ExitCodes.Usage;
        }

        using var ownership = folder;
        if (folder.MovedAside is { } aside)
        {
            stdout.WriteLine($"moved the earlier run in {outDir} aside to {aside}");
        }
        if (options.ResumeDirectory is { } resumeDir)
        {
            try
            {
                CheckpointIdentity resumed = Checkpointer.Inspect(resumeDir);
                (seed, threads) = (resumed.Seed, resumed.Threads);
                stdout.WriteLine((resumed.EpochsDoneInTask, resumed.StepsDoneInEpoch) switch
                {
                    (0, 0) => Invariant($"resuming {resumeDir}: {resumed.CompletedTasks} task(s) done"),
                    (_, 0) => Invariant($"resuming {resumeDir}: {resumed.CompletedTasks} task(s) and {resumed.EpochsDoneInTask} epoch(s) of task {resumed.CompletedTasks + 1} done"),
                    _ => Invariant($"resuming {resumeDir}: {resumed.CompletedTasks} task(s), {resumed.EpochsDoneInTask} epoch(s) and {resumed.StepsDoneInEpoch} step(s) of task {resumed.CompletedTasks + 1} done"),
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
        if (candidate is not null)
        {
            stdout.WriteLine(Invariant($"configuration {candidate.Number}: {candidate.Values} (fixed; profiling off)"));
        }

        if (policy.Profile is { } profile)
        {
            stdout.WriteLine(Invariant($"profiling from task {profile.FromTask}: {ControllerPrinter.Describe(profile)}"));
        }

        using LiveProgress? live = liveConsole is null ? null : new LiveProgress(liveConsole);
        var runOptions = new MiroRunOptions
        {
            Directory = outDir,
            Seed = seed,
            Threads = threads,
            Progress = live ?? (IProgress<SessionProgress>)new ConsoleProgress(stdout),
            ProgressInterval = TimeSpan.FromMilliseconds(live is not null ? 100 : 1000),
            Hooks = live is null ? Array.Empty<ISessionHook>() : new ISessionHook[] { live },
            DataDescription = source.ToString(),
            CheckpointEveryEpochs = 0,
            CheckpointEverySteps = options.CheckpointEverySteps,
            CheckpointInterval = options.CheckpointInterval,
            RunId = folder.RunId,
            SystemRoot = options.SystemRoot,
        };
        SessionResult result;
        MiroRun? run = null;
        try
        {
            run = options.ResumeDirectory is null ? MiroRun.Create(policy, train, test, runOptions) : MiroRun.Resume(policy, train, test, runOptions);
            EnergyPrinter.PrintMeter(stdout, run.Meter.Source);
            if (live is not null)
            {
                live.Meter = run.Meter;
            }

            result = run.Run(cancellationToken);
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"miro run: {e.Message}");
            return Program.ExitCodes.Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Store, checkpoint and report failures name the file, the operation and the cause already.
            stderr.WriteLine($"miro run: {(e is CheckpointException or SampleStoreException ? e.Message : $"{e.Message.TrimEnd('.')}: {Miro.Runtime.Files.FileFailure.Cause(e)}.")}");
            return Program.ExitCodes.Failed;
        }
        catch (OperationCanceledException)
        {
            live?.Dispose();
            stderr.WriteLine(File.Exists(Path.Combine(outDir, Checkpointer.FileName))
                ? $"miro run: stopped; the checkpoint and the reports of the completed tasks are in {outDir}. Continue with:{Environment.NewLine}  miro run {options.SpecPath} --resume {outDir}"
                : $"miro run: stopped before the first checkpoint; nothing to resume in {outDir}.");
            return Program.ExitCodes.Cancelled;
        }
        finally
        {
            run?.Dispose();
        }

        if (candidate is not null)
        {
            // The sweep's collector reads which candidate a run folder holds from its summary.
            try
            {
                result = result with { Candidate = candidate };
                ReportWriter.WriteSummary(outDir, result);
            }
            catch (IOException e)
            {
                stderr.WriteLine($"miro run: {e.Message}");
                return Program.ExitCodes.Failed;
            }
        }

        PrintResult(stdout, result);
        EnergyPrinter.PrintTasks(stdout, result);
        ControllerPrinter.PrintTasks(stdout, result);
        if (result.CorruptedSamples is { } corrupted)
        {
            stdout.WriteLine(Invariant($"damaged samples: {corrupted.Count} stored sample(s) failed their checksum when read and were skipped (ids {CorruptSampleReport.Format(corrupted.Ids)}); the flash may be failing."));
        }
        (double checkpointSeconds, int checkpoints) = run!.Checkpointer.WriteTime;
        if (checkpoints > 0)
        {
            stdout.WriteLine(Invariant($"checkpoints: {checkpoints} written, {1000 * checkpointSeconds / checkpoints:F1} ms each on average"));
        }

        stdout.WriteLine($"reports: {outDir} (summary.json and {result.Tasks.Count} task files)");
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
}
