using System;
using System.Collections.Generic;
using Miro.Runtime.Data;
using Miro.Runtime.Learning;
using Miro.Runtime.Models;
using static TorchSharp.torch;

namespace Miro.Runtime.Evaluation;

/// <summary>
/// A fixed set of samples assembled into one input tensor once and evaluated many times: profiling
/// validates every trial of a task on the same samples, so gathering them per trial (about half of a
/// trial's validation time on Fashion-MNIST) is done once per task.
/// </summary>
internal sealed class EvaluationSet : IDisposable
{
    private readonly BatchAssembler _samples;

    public EvaluationSet(SampleShape shape, Dataset data, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(indices);
        _samples = new BatchAssembler(shape, Math.Max(1, indices.Count));
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
