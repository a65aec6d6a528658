using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Miro.Dsl.Model;
using Miro.Runtime.Checkpoints;
using Miro.Runtime.Controller;
using Miro.Runtime.Data;
using Miro.Runtime.Energy;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Memory;
using Miro.Runtime.Resources;
using Miro.Runtime.Session;

namespace Miro.Runtime.Runs;

/// <summary>
/// The composition root of a run (DESIGN.md §5, STYLE.md habit 13): builds, from a policy and
/// options, the energy meter and budgets, the resource monitor, the storage tier and its swap
/// worker, the Miro controller, the report files and the checkpointer, and the session they hook
/// into, in the one order that works:
/// <list type="number">
/// <item>energy (phases and budgets first: every later hook's work is metered, and the budget sees the step before anyone acts on it);</item>
/// <item>resources (read at the task start, before profiling);</item>
/// <item>the storage tier (writes the task to the store before profiling grows memories from it);</item>
/// <item>the controller (profiles, applies, watches resources);</item>
/// <item>the report files (each task's report once every hook enriched it);</item>
/// <item>the checkpointer (it saves what every hook before it did in the step or task);</item>
/// <item>hooks from the options: observers that see what was checkpointed.</item>
/// </list>
/// <c>miro run</c>, the experiment harness and embedding apps use it:
/// <code>
/// using var run = MiroRun.Create(policy, train, test, new MiroRunOptions { Directory = "runs/1", Seed = 1 });
/// SessionResult result = run.Run(cancellationToken);
/// </code>
/// </summary>
public sealed class MiroRun : IDisposable
{
    private readonly EnergyHook _energy;
    private readonly string _directory;

    private MiroRun(PolicySpec policy, Dataset train, Dataset test, MiroRunOptions options)
    {
        _directory = Path.GetFullPath(options.Directory);
        System.IO.Directory.CreateDirectory(_directory);
        IIoCounters io = options.IoCounters ?? new IoCounters();
        _energy = options.Meter is { } meter
            ? new EnergyHook(meter, policy.Budgets)
            : EnergyHook.Start(policy, new EnergyMeterOptions { IoCounters = io, Root = options.SystemRoot });
        try
        {
            Resources = ResourceHook.For(policy, _directory, options.SystemRoot);
            Tier = policy.Memory.Storage is { } storage ? new StorageTier(storage, policy.Memory.Swap, _directory, io, _energy.Meter, options.RunId) : null;
            Controller = policy.Profile is not null || policy.Rules.Count > 0
                ? new MiroController(policy, _energy, Resources, Tier, options.Profiling, options.ResourceInterval)
                : null;
            Checkpointer = new Checkpointer(_directory, Tier, options.CheckpointEveryEpochs, options.CheckpointEverySteps, options.CheckpointInterval, options.CheckpointClock, Controller);
            var hooks = new List<ISessionHook> { _energy, Resources };
            if (Tier is not null)
            {
                hooks.Add(Tier);
            }

            if (Controller is not null)
            {
                hooks.Add(Controller);
            }

            hooks.Add(new ReportFiles(_directory));
            hooks.Add(Checkpointer);
            hooks.AddRange(options.Hooks);
            Session = MiroSession.Create(policy, train, test, new SessionOptions
            {
                Seed = options.Seed,
                Threads = options.Threads,
                Progress = options.Progress,
                ProgressInterval = options.ProgressInterval,
                Hooks = hooks,
                LearnerFactory = options.LearnerFactory,
                DataDescription = options.DataDescription,
            });
        }
        catch
        {
            Tier?.Dispose();
            _energy.Dispose();
            throw;
        }
    }

    /// <summary>Builds a fresh run in <see cref="MiroRunOptions.Directory"/>.</summary>
    public static MiroRun Create(PolicySpec policy, Dataset train, Dataset test, MiroRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(options);
        return new MiroRun(policy, train, test, options);
    }

    /// <summary>
    /// Rebuilds the run checkpointed in <see cref="MiroRunOptions.Directory"/> (with the checkpoint's
    /// seed and threads) and restores it; <see cref="Run"/> continues where the checkpoint left off —
    /// with the same choices and accuracy matrix as an uninterrupted run (docs/controller.md, "Checkpoints").
    /// </summary>
    /// <exception cref="CheckpointException">The checkpoint is missing, damaged, or belongs to another run.</exception>
    public static MiroRun Resume(PolicySpec policy, Dataset train, Dataset test, MiroRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckpointIdentity identity = Checkpointer.Inspect(options.Directory);
        MiroRun run = Create(policy, train, test, options with { Seed = identity.Seed, Threads = identity.Threads });
        try
        {
            run.Checkpointer.Resume(run.Session);
            return run;
        }
        catch
        {
            run.Dispose();
            throw;
        }
    }

    /// <summary>The session (model, memories, configuration, reports).</summary>
    public MiroSession Session { get; }

    /// <summary>The energy meter and budgets.</summary>
    public IEnergyMeter Meter => _energy.Meter;

    /// <summary>Budget events so far.</summary>
    public IReadOnlyList<Energy.Budgets.BudgetEvent> BudgetEvents => _energy.BudgetEvents;

    /// <summary>The resource monitor hook.</summary>
    public ResourceHook Resources { get; }

    /// <summary>The storage tier, when the policy declares one.</summary>
    public StorageTier? Tier { get; }

    /// <summary>The controller, when the policy has a <c>profile</c> block or <c>when</c> rules.</summary>
    public MiroController? Controller { get; }

    /// <summary>The checkpointer.</summary>
    public Checkpointer Checkpointer { get; }

    /// <summary>The run directory.</summary>
    public string Directory => _directory;

    /// <summary>Runs every remaining task and writes <c>summary.json</c>.</summary>
    /// <exception cref="OperationCanceledException">Cancelled (the reports of completed tasks and the checkpoint stay).</exception>
    public SessionResult Run(CancellationToken cancellationToken = default)
    {
        SessionResult result = Session.Run(cancellationToken);
        ReportWriter.WriteSummary(_directory, result);
        return result;
    }

    /// <summary>Releases the session, the store and the meter.</summary>
    public void Dispose()
    {
        Controller?.Dispose();
        Session.Dispose();
        Tier?.Dispose();
        _energy.Dispose();
    }

    /// <summary>Writes each task's final report (after every hook enriched it) as soon as the task completes.</summary>
    private sealed class ReportFiles(string directory) : ISessionHook
    {
        public void OnCheckpoint(TaskContext task, TaskReport report) => ReportWriter.WriteTask(directory, report);
    }
}
