using System;

namespace Miro.Runtime.Learning;

/// <summary>
/// What one optimisation step did, handed to observers at the batch boundary. A ref struct: it
/// lends the step's replay slot indices without copying them; observers that keep them (the swap
/// worker) must copy.
/// </summary>
public readonly ref struct StepReport
{
    /// <summary>Creates a report.</summary>
    public StepReport(int epoch, int step, int steps, int streamSamples, float loss, int correct, ReadOnlySpan<int> replaySlots)
        : this(epoch, step, steps, streamSamples, loss, correct, replaySlots, default, default)
    {
    }

    /// <summary>Creates a report with the model's predictions on the replay rows (for CarM's entropy gate).</summary>
    public StepReport(int epoch, int step, int steps, int streamSamples, float loss, int correct, ReadOnlySpan<int> replaySlots,
        ReadOnlySpan<float> replayEntropy, ReadOnlySpan<bool> replayCorrect)
    {
        ReplayEntropy = replayEntropy;
        ReplayCorrect = replayCorrect;
        Epoch = epoch;
        Step = step;
        Steps = steps;
        StreamSamples = streamSamples;
        Loss = loss;
        Correct = correct;
        ReplaySlots = replaySlots;
    }

    /// <summary>Zero-based epoch within the task.</summary>
    public int Epoch { get; }

    /// <summary>Zero-based step within the epoch.</summary>
    public int Step { get; }

    /// <summary>Steps the epoch has in total.</summary>
    public int Steps { get; }

    /// <summary>Stream-buffer samples in the batch.</summary>
    public int StreamSamples { get; }

    /// <summary>Episodic-memory samples in the batch (= <see cref="ReplaySlots"/>.Length).</summary>
    public int ReplaySamples => ReplaySlots.Length;

    /// <summary>Rows in the batch.</summary>
    public int BatchSize => StreamSamples + ReplaySlots.Length;

    /// <summary>The step's training loss.</summary>
    public float Loss { get; }

    /// <summary>Correctly classified rows of the batch (before the update), or -1 when not computed this step.</summary>
    public int Correct { get; }

    /// <summary>The episodic-memory slots the batch used (for CarM swapping).</summary>
    public ReadOnlySpan<int> ReplaySlots { get; }

    /// <summary>
    /// Per replay slot (same order), the entropy of the model's softmax output in this step (before
    /// the update); empty unless the observer asked (<see cref="ITrainingObserver.ReplayPredictionsDue"/>).
    /// </summary>
    public ReadOnlySpan<float> ReplayEntropy { get; }

    /// <summary>Per replay slot, whether the step's prediction was the label; empty unless asked.</summary>
    public ReadOnlySpan<bool> ReplayCorrect { get; }
}
