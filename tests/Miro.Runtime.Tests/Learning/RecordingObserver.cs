using System.Collections.Generic;
using Miro.Runtime.Learning;

namespace Miro.Runtime.Tests.Learning;

/// <summary>Records every step a learner reports.</summary>
internal sealed class RecordingObserver : ITrainingObserver
{
    public List<(int Stream, int[] Replay, float Loss, int Correct)> Steps { get; } = new();

    public int StopAfter { get; init; } = int.MaxValue;

    public bool AccuracyDue { get; init; }

    public StepVerdict OnStep(in StepReport report)
    {
        Steps.Add((report.StreamSamples, report.ReplaySlots.ToArray(), report.Loss, report.Correct));
        return Steps.Count >= StopAfter ? StepVerdict.StopEpoch : StepVerdict.Continue;
    }
}
