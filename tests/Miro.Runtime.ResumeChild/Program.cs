using System;
using System.Globalization;
using System.Linq;
using Miro.Dsl.Model;

namespace Miro.Runtime.ResumeChild;

/// <summary>
/// Usage: <c>Miro.Runtime.ResumeChild RUN_DIR concat|balanced|online [SLOW_TASK [SLOW_EPOCH [CHECKPOINT_STEPS [HANG_STEP [HANG_COMMIT]]]]]</c>.
/// Runs (or resumes) the scenario (<c>online</c>: online ER), printing <c>RESUMED t e s</c> when it continues a
/// checkpoint (t tasks, e epochs and s steps done), <c>EPOCH t e</c> after each epoch's checkpoint,
/// <c>STEP t e s</c> after each step checkpoint (every CHECKPOINT_STEPS steps, default none), <c>TASK t</c>
/// after each task's, and finally <c>MATRIX</c> with the accuracy matrix, one row per line, values in
/// round-trip format. With SLOW_TASK (1-based), every step of that task's epoch SLOW_EPOCH (1-based,
/// default 2) pauses 5 ms (results are unchanged), so a kill that follows a line of that epoch lands
/// inside it on any machine. With HANG_STEP, the child prints <c>HANG</c> after that step (1-based) of the
/// slow epoch and stops there until it is killed: a kill that follows lands exactly there. With
/// HANG_COMMIT, the store's background writer prints <c>WRITER-HANG</c> after its HANG_COMMIT-th
/// committed batch and stops there (training goes on until it waits for the writer): a kill that
/// follows lands while the task's samples are half written.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var (replay, learner) = args[1] switch
        {
            "concat" => (ReplayMix.Concat, LearnerKind.Er),
            "online" => (ReplayMix.Balanced, LearnerKind.OnlineEr),
            _ => (ReplayMix.Balanced, LearnerKind.Er),
        };
        int slowTask = args.Length > 2 ? Parse(args[2]) : 0;
        int slowEpoch = args.Length > 3 ? Parse(args[3]) : 2;
        int checkpointSteps = args.Length > 4 ? Parse(args[4]) : 0;
        int hangStep = args.Length > 5 ? Parse(args[5]) : 0;
        int hangCommit = args.Length > 6 ? Parse(args[6]) : 0;
        if (System.IO.File.Exists(System.IO.Path.Combine(args[0], Checkpoints.Checkpointer.FileName)))
        {
            var run = Checkpoints.Checkpointer.Inspect(args[0]);
            Say($"RESUMED {run.CompletedTasks} {run.EpochsDoneInTask} {run.StepsDoneInEpoch}");
        }

        var result = ResumeScenario.Run(args[0], ResumeScenario.Policy(replay, learner), onTaskDone: report => Say($"TASK {report.Task}"),
            extraHook: new Announcer(slowTask, slowEpoch, checkpointSteps, hangStep), checkpointEverySteps: checkpointSteps,
            storeIo: hangCommit > 0 ? new HangingWrites(hangCommit) : null);
        Console.Out.WriteLine("MATRIX");
        foreach (double[] row in result.AccuracyMatrix)
        {
            Console.Out.WriteLine(string.Join(" ", row.Select(a => a.ToString("R", CultureInfo.InvariantCulture))));
        }
        Console.Out.Flush();
        return 0;
    }

    private static int Parse(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static void Say(string line)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }

    /// <summary>Counts the store's I/O and, on the thread that commits the <c>hangAt</c>-th batch (the store writer), stops after it.</summary>
    private sealed class HangingWrites(int hangAt) : Energy.IIoCounters
    {
        private int _commits;

        public long BytesRead { get; private set; }

        public long BytesWritten { get; private set; }

        public void AddRead(long bytes) => BytesRead += bytes;

        public void AddWritten(long bytes)
        {
            BytesWritten += bytes;
            if (++_commits == hangAt)
            {
                Say("WRITER-HANG");
                System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);
            }
        }
    }

    /// <summary>Runs after the checkpointer: announces each epoch end and step checkpoint once it is written, and slows the chosen epoch.</summary>
    private sealed class Announcer(int slowTask, int slowEpoch, int checkpointSteps, int hangStep) : Session.ISessionHook
    {
        private int _stepsSinceCheckpoint;

        public void OnEpochEnd(Session.TaskContext task, int epoch, Learning.EpochSummary summary)
        {
            _stepsSinceCheckpoint = 0; // the checkpointer's count restarts at every checkpoint it writes
            Say($"EPOCH {task.Index + 1} {epoch + 1}");
        }

        public void OnCheckpoint(Session.TaskContext task, Evaluation.TaskReport report) => _stepsSinceCheckpoint = 0;

        public Learning.StepVerdict OnStep(Session.TaskContext task, in Learning.StepReport step)
        {
            if (checkpointSteps > 0 && ++_stepsSinceCheckpoint == checkpointSteps)
            {
                _stepsSinceCheckpoint = 0;
                Say($"STEP {task.Index + 1} {step.Epoch + 1} {step.Step + 1}");
            }

            if (task.Index + 1 == slowTask && step.Epoch + 1 == slowEpoch)
            {
                if (step.Step + 1 == hangStep)
                {
                    Say("HANG");
                    System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);
                }

                System.Threading.Thread.Sleep(5);
            }

            return Learning.StepVerdict.Continue;
        }
    }
}
