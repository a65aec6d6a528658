namespace Miro.Runtime.Controller;

/// <summary>What one profiling trial measured.</summary>
/// <param name="Candidate">The configuration tried.</param>
/// <param name="ValidationAccuracy">Accuracy on the validation samples held out from the streams of the tasks seen so far.</param>
/// <param name="Joules">Energy the meter recorded over the whole trial (copies, training, validation): its cost.</param>
/// <param name="TrainJoules">Energy the meter recorded over the trial's training epochs alone: what scales to the task.</param>
/// <param name="Seconds">Wall-clock seconds of the trial.</param>
/// <param name="Epochs">Epochs the trial trained.</param>
/// <param name="StreamSamples">Samples in the trial's stream buffer (the candidate's, scaled by <c>sample</c>).</param>
/// <param name="EpisodicSamples">Filled slots of the trial's episodic memory (the candidate's, scaled by <c>sample</c>).</param>
/// <param name="Rows">Rows trained (stream and replay, all epochs).</param>
/// <param name="SwapBytesRead">Bytes the trial's swapping read from the store.</param>
/// <param name="GrowthBytesRead">Bytes read from the store to grow the trial's episodic memory.</param>
public sealed record TrialResult(
    Candidate Candidate,
    double ValidationAccuracy,
    double Joules,
    double TrainJoules,
    double Seconds,
    int Epochs,
    int StreamSamples,
    int EpisodicSamples,
    long Rows,
    long SwapBytesRead,
    long GrowthBytesRead);
