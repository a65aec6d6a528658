using System;
using System.Collections.Generic;
using Miro.Runtime.Data;
using Miro.Runtime.Learning;
using Miro.Runtime.Models;
using static TorchSharp.torch;

namespace Miro.Runtime.Evaluation;

/// <summary>
/// A set of samples assembled into one input tensor and evaluated many times: profiling validates
/// every trial on the same samples, so gathering them per trial (about half of a trial's validation
/// time on Fashion-MNIST) is done once. The set can grow up to the capacity it was made with
/// (<see cref="Add"/>): the controller keeps one per run and adds each task's validation samples
/// when it first profiles that task, because allocating the tensor anew per task (1–4 ms for a
/// few hundred Fashion-MNIST samples: fresh pages, zeroed) cost as much as a trial's validation.
/// </summary>
internal sealed class EvaluationSet : IDisposable
{
    private readonly BatchAssembler _samples;

    /// <summary>An empty set with room for <paramref name="capacity"/> samples.</summary>
    public EvaluationSet(SampleShape shape, int capacity)
    {
        _samples = new BatchAssembler(shape, Math.Max(1, capacity));
    }

    /// <summary>Appends samples <paramref name="indices"/> of <paramref name="data"/>.</summary>
    /// <exception cref="InvalidOperationException">The set would exceed its capacity.</exception>
    public void Add(Dataset data, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(indices);
        if (Count + indices.Count > _samples.MaxRows)
        {
            throw new InvalidOperationException($"The evaluation set holds {Count} of at most {_samples.MaxRows} samples; {indices.Count} more do not fit.");
        }

        for (int i = 0; i < indices.Count; i++)
        {
            _samples.Add(data.Features(indices[i]), data.Label(indices[i]));
        }
    }

    /// <summary>The number of samples.</summary>
    public int Count => _samples.Rows;

    /// <summary>The fraction of the set that <paramref name="learner"/> classifies correctly (NaN for an empty set).</summary>
    public double Accuracy(ILearner learner, ContinualModel model)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        using var mode = new Evaluator.EvalMode(model);
        using Tensor inputs = _samples.Inputs();
        using Tensor targets = _samples.Targets();
        long correct = 0;
        for (int start = 0; start < Count; start += Evaluator.BatchRows)
        {
            int rows = Math.Min(Evaluator.BatchRows, Count - start);
            using Tensor batch = inputs.narrow(0, start, rows);
            using Tensor expected = targets.narrow(0, start, rows);
            correct += Evaluator.Correct(learner, batch, expected);
        }

        return (double)correct / Count;
    }

    public void Dispose() => _samples.Dispose();
}
