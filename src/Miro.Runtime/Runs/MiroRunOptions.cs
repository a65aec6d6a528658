using System;
using System.Collections.Generic;
using Miro.Runtime.Controller;
using Miro.Runtime.Energy;
using Miro.Runtime.Learning;
using Miro.Runtime.Session;

namespace Miro.Runtime.Runs;

/// <summary>How a <see cref="MiroRun"/> runs, beyond what the policy says.</summary>
public sealed record MiroRunOptions
{
    /// <summary>The run directory: reports, checkpoint, and the sample store (at the tier's relative path).</summary>
    public required string Directory { get; init; }

    /// <summary>The run's seed (a resumed run takes the checkpoint's).</summary>
    public int Seed { get; init; }

    /// <summary>TorchSharp intra-op threads; null takes the policy's (a resumed run takes the checkpoint's).</summary>
    public int? Threads { get; init; }

    /// <summary>Receives progress reports, including <see cref="SessionProgressKind.Profiling"/>.</summary>
    public IProgress<SessionProgress>? Progress { get; init; }

    /// <summary>Minimum time between two <see cref="SessionProgressKind.Batch"/> reports.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Where the data came from, for reports.</summary>
    public string DataDescription { get; init; } = "in-memory";

    /// <summary>Checkpoint after every this many epochs inside a task (0: only at task ends).</summary>
    public int CheckpointEveryEpochs { get; init; } = 1;

    /// <summary>Checkpoint after every this many training steps (0: not between steps).</summary>
    public int CheckpointEverySteps { get; init; }

    /// <summary>Also checkpoint at the first step that ends this long after the last checkpoint (zero: not by time; <c>miro run</c> uses 30 s).</summary>
    public TimeSpan CheckpointInterval { get; init; }

    /// <summary>The clock <see cref="CheckpointInterval"/> is measured on; null for the system's.</summary>
    public TimeProvider? CheckpointClock { get; init; }

    /// <summary>The I/O counters the store counts its bytes on and the energy model charges for; null for new ones.</summary>
    public IIoCounters? IoCounters { get; init; }

    /// <summary>The run the storage tier's store belongs to (<see cref="RunFolder.RunId"/>): a store of another run is refused; null for no check.</summary>
    public string? RunId { get; init; }

    /// <summary>False runs the policy's base configuration even when it has a <c>profile</c> block (baselines; resource shrinks still happen).</summary>
    public bool Profiling { get; init; } = true;

    /// <summary>The directory that stands for <c>/</c> when reading procfs and sysfs: energy sensors and resources (tests use fake trees).</summary>
    public string SystemRoot { get; init; } = "/";

    /// <summary>The time between two resource readings while a task trains.</summary>
    public TimeSpan ResourceInterval { get; init; } = MiroController.DefaultResourceInterval;

    /// <summary>A meter to use instead of starting one for the policy's device (not disposed by the run); tests drive fake clocks with it.</summary>
    public IEnergyMeter? Meter { get; init; }

    /// <summary>Builds the learner; null uses the policy's. The seam for DER++, iCaRL, GDumb.</summary>
    public Func<LearnerContext, ILearner>? LearnerFactory { get; init; }

    /// <summary>More hooks, run after the run's own, the checkpointer included (observers: they see every task's final report and
    /// each step after it was checkpointed; they cannot change what the run computes).</summary>
    public IReadOnlyList<ISessionHook> Hooks { get; init; } = [];
}
