using System;
using System.Collections.Generic;
using Miro.Runtime.Learning;

namespace Miro.Runtime.Session;

/// <summary>How a <see cref="MiroSession"/> runs, beyond what the policy says.</summary>
public sealed record SessionOptions
{
    /// <summary>The run's seed: the same seed and thread count give the same accuracy matrix.</summary>
    public int Seed { get; init; }

    /// <summary>TorchSharp intra-op threads; null takes the policy's <c>threads</c>.</summary>
    public int? Threads { get; init; }

    /// <summary>Receives progress reports (on the training thread; keep handlers quick).</summary>
    public IProgress<SessionProgress>? Progress { get; init; }

    /// <summary>Minimum time between <see cref="SessionProgressKind.Batch"/> reports; zero reports every step.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Hooks attached to the loop's seams (energy meters, budgets, the sample store, swapping, checkpoints).</summary>
    public IReadOnlyList<ISessionHook> Hooks { get; init; } = Array.Empty<ISessionHook>();

    /// <summary>Builds the learner; null uses the policy's (<see cref="LearnerContext.CreateLearner"/>). The seam for DER++, iCaRL, GDumb.</summary>
    public Func<LearnerContext, ILearner>? LearnerFactory { get; init; }

    /// <summary>Where the data came from, for reports.</summary>
    public string DataDescription { get; init; } = "in-memory";
}
