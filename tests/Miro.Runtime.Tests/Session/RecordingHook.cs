using System.Collections.Generic;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Learning;
using Miro.Runtime.Session;

namespace Miro.Runtime.Tests.Session;

/// <summary>Records the seams a session calls, in order.</summary>
internal sealed class RecordingHook : ISessionHook
{
    public List<string> Calls { get; } = new();

    public int StepsSeen { get; private set; }

    public int StopTaskAfterSteps { get; init; } = int.MaxValue;

    public int? DegradeEpochsTo { get; init; }

    public void OnSessionStart(MiroSession session) => Calls.Add("session-start");

    public void OnPhaseStart(SessionPhase phase, TaskContext task) => Calls.Add($"{task.Index}:{phase}>");

    public void OnPhaseEnd(SessionPhase phase, TaskContext task) => Calls.Add($"{task.Index}:{phase}<");

    public void OnTaskStart(TaskContext task) => Calls.Add($"{task.Index}:task-start:{task.Session.Stream.Count}");

    public void OnProfile(TaskContext task) => Calls.Add($"{task.Index}:profile");

    public void OnEpochStart(TaskContext task, int epoch) => Calls.Add($"{task.Index}:epoch-start:{epoch}");

    public StepVerdict OnStep(TaskContext task, in StepReport step)
    {
        StepsSeen++;
        if (DegradeEpochsTo is { } epochs)
        {
            task.Epochs = epochs;
        }

        return StepsSeen >= StopTaskAfterSteps ? StepVerdict.StopTask : StepVerdict.Continue;
    }

    public void OnEpochEnd(TaskContext task, int epoch, EpochSummary summary) => Calls.Add($"{task.Index}:epoch-end:{epoch}");

    public void OnTrainingEnd(TaskContext task) => Calls.Add($"{task.Index}:training-end");

    public void OnMemoryUpdated(TaskContext task) => Calls.Add($"{task.Index}:memory-updated");

    public TaskReport OnTaskReport(TaskContext task, TaskReport report)
    {
        Calls.Add($"{task.Index}:report");
        return report with { EnergyJoules = new Dictionary<string, double> { ["training"] = 1.5 } };
    }

    public void OnCheckpoint(TaskContext task, TaskReport report) => Calls.Add($"{task.Index}:checkpoint:{report.EnergyJoules?["training"]}");

    public void OnSessionEnd(SessionResult result) => Calls.Add("session-end");
}
