using System.Collections.Generic;

namespace Miro.Runtime.Evaluation;

/// <summary>The outcome of a whole run: written as <c>summary.json</c>.</summary>
public sealed record SessionResult
{
    /// <summary>The policy's name.</summary>
    public required string Policy { get; init; }

    /// <summary>The learner's name.</summary>
    public required string Learner { get; init; }

    /// <summary>The run's seed.</summary>
    public required int Seed { get; init; }

    /// <summary>TorchSharp intra-op threads used.</summary>
    public required int Threads { get; init; }

    /// <summary>Where the data came from.</summary>
    public required string Data { get; init; }

    /// <summary>Original labels in the order the tasks presented them.</summary>
    public required IReadOnlyList<int> ClassOrder { get; init; }

    /// <summary>The accuracy matrix, row i = after task i+1 (i+1 entries).</summary>
    public required double[][] AccuracyMatrix { get; init; }

    /// <summary>Mean accuracy over all tasks after the last task.</summary>
    public required double AverageAccuracy { get; init; }

    /// <summary>Average forgetting after the last task.</summary>
    public required double Forgetting { get; init; }

    /// <summary>Backward transfer after the last task.</summary>
    public required double BackwardTransfer { get; init; }

    /// <summary>Wall-clock seconds of the whole run.</summary>
    public required double Seconds { get; init; }

    /// <summary>The per-task reports.</summary>
    public required IReadOnlyList<TaskReport> Tasks { get; init; }

    /// <summary>Stored samples that failed their checksum when read during the run (over all its processes); null when none did.</summary>
    public Miro.Runtime.Memory.CorruptSampleReport? CorruptedSamples { get; init; }

    /// <summary>
    /// When the run was one candidate of a tune space run as a fixed configuration
    /// (<c>miro run --configuration K</c>, sweeps): which one. Null for an ordinary run.
    /// </summary>
    public CandidateConfiguration? Candidate { get; init; }
}
