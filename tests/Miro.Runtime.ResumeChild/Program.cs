using System;
using System.Linq;
using Miro.Dsl.Model;

namespace Miro.Runtime.ResumeChild;

/// <summary>
/// Usage: <c>Miro.Runtime.ResumeChild RUN_DIR concat|balanced</c>. Runs (or resumes) the scenario,
/// printing <c>RESUMED t e</c> when it continues a checkpoint (t tasks and e epochs done),
/// <c>EPOCH t e</c> after each epoch's checkpoint, <c>TASK t</c> after each task's, and finally
/// <c>MATRIX</c> with the accuracy matrix, one row per line, values in round-trip format.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var replay = args[1] == "concat" ? ReplayMix.Concat : ReplayMix.Balanced;
        if (System.IO.File.Exists(System.IO.Path.Combine(args[0], Checkpoints.Checkpointer.FileName)))
        {
            var run = Checkpoints.Checkpointer.Inspect(args[0]);
            Say($"RESUMED {run.CompletedTasks} {run.EpochsDoneInTask}");
        }

        var result = ResumeScenario.Run(args[0], ResumeScenario.Policy(replay), onTaskDone: report => Say($"TASK {report.Task}"),
            extraHook: new EpochAnnouncer());
        Console.Out.WriteLine("MATRIX");
        foreach (double[] row in result.AccuracyMatrix)
        {
            Console.Out.WriteLine(string.Join(" ", row.Select(a => a.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
        }
        Console.Out.Flush();
        return 0;
    }

    private static void Say(string line)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }

    /// <summary>Announces each epoch end after the checkpointer has written it.</summary>
    private sealed class EpochAnnouncer : Session.ISessionHook
    {
        public void OnEpochEnd(Session.TaskContext task, int epoch, Learning.EpochSummary summary) => Say($"EPOCH {task.Index + 1} {epoch + 1}");
    }
}
