using System;
using Miro.Dsl.Model;

namespace Miro.Runtime.Controller;

/// <summary>
/// Extrapolates a trial's measured joules to the whole task (docs/controller.md, "Extrapolation"):
/// <code>
/// E_task       = (E_train,trial − e_read · B_swap,trial) · R_task / R_trial
///              + e_read · (B_swap,trial / Rr_trial · Rr_task + B_grow,task)
/// </code>
/// where <c>E_train,trial</c> is what the meter recorded over the trial's training epochs (not its
/// copies and validation, a fixed cost per trial), <c>R</c> is rows trained (stream and replay, all epochs), <c>Rr</c> replay rows, <c>B_swap</c> the
/// swap reads (proportional to replay rows), <c>B_grow,task</c> the bytes read to grow the episodic
/// memory to the candidate's size, and <c>e_read</c> the spec's energy per byte read. Row counts for
/// the task come from the candidate's epochs, batch and sizes (<see cref="RowsPerEpoch"/>), so the
/// trial's <c>trial</c> epochs become the task's <c>epochs</c> and the <c>sample</c>-scaled sizes
/// become the full sizes. The task's store writes happened before profiling (they are the same for
/// every candidate and already spent), so no write term remains.
/// </summary>
public static class EnergyExtrapolation
{
    /// <summary>Stream and replay rows one epoch trains.</summary>
    /// <param name="streamSamples">Samples in the stream buffer.</param>
    /// <param name="episodicSamples">Filled episodic-memory slots.</param>
    /// <param name="batch">Minibatch size.</param>
    /// <param name="replayPerStep">True when each step draws a replay minibatch (<c>replay balanced</c>, online ER); false for <c>replay concat</c>.</param>
    public static (long Stream, long Replay) RowsPerEpoch(int streamSamples, int episodicSamples, int batch, bool replayPerStep)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        if (!replayPerStep)
        {
            return (streamSamples, episodicSamples);
        }

        long steps = (streamSamples + batch - 1) / batch;
        return (streamSamples, steps * Math.Min(batch, episodicSamples));
    }

    /// <summary>The estimated joules of the whole task with <paramref name="trial"/>'s candidate.</summary>
    /// <param name="trial">The trial's measurements.</param>
    /// <param name="computeJoules">The trial's joules without its storage reads (see <see cref="ComputeJoules"/>), or a pooled figure.</param>
    /// <param name="task">The task's rows and the bytes its episodic memory grows by.</param>
    /// <param name="readJoulesPerByte">The spec's <c>read</c> energy per byte (0 without a storage device).</param>
    public static double TaskJoules(TrialResult trial, double computeJoules, TaskWork task, double readJoulesPerByte)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(task);
        long trialReplay = trial.Rows - (long)trial.StreamSamples * trial.Epochs;
        double compute = trial.Rows > 0 ? computeJoules * task.Rows / trial.Rows : 0;
        double swapBytes = trialReplay > 0 ? (double)trial.SwapBytesRead / trialReplay * task.ReplayRows : 0;
        return compute + readJoulesPerByte * (swapBytes + task.GrowthBytes);
    }

    /// <summary>The trial's training joules minus what its swap reads cost by the spec (never below zero).</summary>
    public static double ComputeJoules(TrialResult trial, double readJoulesPerByte)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return Math.Max(0, trial.TrainJoules - readJoulesPerByte * trial.SwapBytesRead);
    }

    /// <summary>The spec's energy per byte read (0 without a storage device).</summary>
    public static double ReadJoulesPerByte(PolicySpec policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Device.Storage?.ReadJoulesPerByte ?? 0;
    }
}

/// <summary>The work a whole task does with one candidate.</summary>
/// <param name="Rows">Rows trained over all epochs (stream and replay).</param>
/// <param name="ReplayRows">Replay rows over all epochs.</param>
/// <param name="GrowthBytes">Bytes read from the store to grow the episodic memory to the candidate's size.</param>
public sealed record TaskWork(long Rows, long ReplayRows, long GrowthBytes)
{
    /// <summary>The work of a task of <paramref name="epochs"/> epochs over the given sizes.</summary>
    public static TaskWork For(int epochs, int streamSamples, int episodicSamples, int batch, bool replayPerStep, long growthBytes)
    {
        (long stream, long replay) = EnergyExtrapolation.RowsPerEpoch(streamSamples, episodicSamples, batch, replayPerStep);
        return new TaskWork(epochs * (stream + replay), epochs * replay, growthBytes);
    }
}
