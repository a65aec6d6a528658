using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Miro.Runtime.Learning;

/// <summary>
/// A continual-learning method. The session drives it task by task: <see cref="BeginTask"/>, one
/// or more <see cref="TrainEpoch"/> calls, <see cref="EndTask"/>, then evaluation through
/// <see cref="Predict"/>. The shape admits other methods without changing the loop: DER++ keeps
/// logits with its memory and adds a distillation term in its steps; iCaRL overrides
/// <see cref="Predict"/> with nearest-mean-of-exemplars; GDumb trains from scratch on its memory in
/// <see cref="EndTask"/>.
/// </summary>
public interface ILearner : IDisposable
{
    /// <summary>A short name for reports (<c>er</c>, <c>online-er</c>).</summary>
    string Name { get; }

    /// <summary>How many epochs to run on a task when the policy asks for <paramref name="configured"/>.</summary>
    int EpochsFor(int configured);

    /// <summary>Prepares for a task whose stream buffer is loaded: grows the head for <paramref name="classes"/>, resets the optimiser.</summary>
    /// <param name="task">Zero-based task index.</param>
    /// <param name="classes">The task's classes (head output units).</param>
    void BeginTask(int task, IReadOnlyList<int> classes);

    /// <summary>Trains one epoch, reporting every step to <paramref name="observer"/>.</summary>
    EpochSummary TrainEpoch(int epoch, ITrainingObserver observer);

    /// <summary>The end-of-task update of the learner's memory.</summary>
    void EndTask();

    /// <summary>Logits [B, classes] for evaluation (called under <c>no_grad</c>, model in eval mode).</summary>
    Tensor Predict(Tensor inputs);
}
