using System;
using System.Collections.Generic;
using Miro.Runtime.Data;
using Miro.Runtime.Learning;
using Miro.Runtime.Models;
using static TorchSharp.torch;

namespace Miro.Runtime.Evaluation;

/// <summary>Measures accuracy on test or validation samples, in batches, under <c>no_grad</c> with the model in eval mode.</summary>
internal sealed class Evaluator : IDisposable
{
    /// <summary>Rows evaluated per forward pass.</summary>
    internal const int BatchRows = 500;
    private readonly BatchAssembler _batch;

    public Evaluator(SampleShape shape)
    {
        _batch = new BatchAssembler(shape, BatchRows);
    }

    /// <summary>Fraction of <paramref name="indices"/> of <paramref name="data"/> that <paramref name="learner"/> classifies correctly.</summary>
    public double Accuracy(ILearner learner, ContinualModel model, Dataset data, IReadOnlyList<int> indices)
    {
        if (indices.Count == 0)
        {
            return double.NaN;
        }

        using var mode = new EvalMode(model);
        long correct = 0;
        for (int start = 0; start < indices.Count; start += BatchRows)
        {
            int end = Math.Min(start + BatchRows, indices.Count);
            _batch.Clear();
            for (int k = start; k < end; k++)
            {
                _batch.Add(data.Features(indices[k]), data.Label(indices[k]));
            }

            using Tensor inputs = _batch.Inputs();
            using Tensor targets = _batch.Targets();
            correct += Correct(learner, inputs, targets);
        }

        return (double)correct / indices.Count;
    }

    /// <summary>How many rows of <paramref name="inputs"/> <paramref name="learner"/> classifies as <paramref name="targets"/>, under <c>no_grad</c> (the caller holds an <see cref="EvalMode"/>).</summary>
    internal static long Correct(ILearner learner, Tensor inputs, Tensor targets)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        Tensor logits = learner.Predict(inputs);
        return logits.argmax(1).eq(targets).sum().item<long>();
    }

    /// <summary>Puts the model in eval mode for one evaluation (all its batches) and back as it was on dispose.</summary>
    internal readonly struct EvalMode : IDisposable
    {
        private readonly ContinualModel _model;
        private readonly bool _wasTraining;

        public EvalMode(ContinualModel model)
        {
            _model = model;
            _wasTraining = model.training;
            model.eval();
        }

        public void Dispose() => _model.train(_wasTraining);
    }

    public void Dispose() => _batch.Dispose();
}
