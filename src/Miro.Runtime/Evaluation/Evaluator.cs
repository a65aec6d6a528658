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
    private const int BatchRows = 500;
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

        bool wasTraining = model.training;
        model.eval();
        long correct = 0;
        try
        {
            using var noGrad = no_grad();
            for (int start = 0; start < indices.Count; start += BatchRows)
            {
                int end = Math.Min(start + BatchRows, indices.Count);
                _batch.Clear();
                for (int k = start; k < end; k++)
                {
                    _batch.Add(data.Features(indices[k]), data.Label(indices[k]));
                }

                using var scope = NewDisposeScope();
                Tensor logits = learner.Predict(_batch.Inputs());
                correct += logits.argmax(1).eq(_batch.Targets()).sum().item<long>();
            }
        }
        finally
        {
            model.train(wasTraining);
        }

        return (double)correct / indices.Count;
    }

    public void Dispose() => _batch.Dispose();
}
