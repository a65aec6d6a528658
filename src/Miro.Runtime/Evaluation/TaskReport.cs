using System.Collections.Generic;

namespace Miro.Runtime.Evaluation;

/// <summary>
/// What one task did: written as <c>task-NN.json</c>. Hooks may enrich it (energy per phase,
/// profiling results) through <c>ISessionHook.OnTaskReport</c> with <c>report with { ... }</c>.
/// </summary>
public sealed record TaskReport
{
    /// <summary>One-based task number.</summary>
    public required int Task { get; init; }

    /// <summary>The task's classes as labels of the original dataset.</summary>
    public required IReadOnlyList<int> Classes { get; init; }

    /// <summary>Samples in the stream buffer this task trained on.</summary>
    public required int StreamSamples { get; init; }

    /// <summary>Epochs run.</summary>
    public required int Epochs { get; init; }

    /// <summary>Optimisation steps taken.</summary>
    public required int Steps { get; init; }

    /// <summary>Rows trained on (stream + replay, over all epochs).</summary>
    public required long TrainedSamples { get; init; }

    /// <summary>Mean training loss of the last epoch.</summary>
    public required double FinalLoss { get; init; }

    /// <summary>True when an observer (budget, cancellation) stopped training early.</summary>
    public required bool StoppedEarly { get; init; }

    /// <summary>Accuracy on each seen task's test set after this task (the accuracy-matrix row).</summary>
    public required IReadOnlyList<double> Accuracies { get; init; }

    /// <summary>Mean of <see cref="Accuracies"/>.</summary>
    public required double AverageAccuracy { get; init; }

    /// <summary>Episodic-memory samples per class after the end-of-task update (class id in task order → count).</summary>
    public required IReadOnlyDictionary<int, int> MemoryPerClass { get; init; }

    /// <summary>The configuration the task trained with.</summary>
    public required TaskConfiguration Configuration { get; init; }

    /// <summary>Wall-clock seconds per phase.</summary>
    public required PhaseTimes Seconds { get; init; }

    /// <summary>Energy per phase in joules, when an energy meter is attached (phase name → joules).</summary>
    public IReadOnlyDictionary<string, double>? EnergyJoules { get; init; }

    /// <summary>Free-form results that hooks add (e.g. profiling candidates), by name.</summary>
    public IReadOnlyDictionary<string, object>? Extensions { get; init; }
}
