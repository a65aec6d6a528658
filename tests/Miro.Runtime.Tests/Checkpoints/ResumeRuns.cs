using System.IO;
using Miro.Dsl.Model;
using Miro.Runtime.Checkpoints;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Memory;
using Miro.Runtime.Session;

namespace Miro.Runtime.Tests.Checkpoints;

/// <summary>A small run with the storage tier, swapping and checkpoints, on the embedded subset.</summary>
internal static class ResumeRuns
{
    public const int Seed = 5;

    public static PolicySpec Policy(ReplayMix replay = ReplayMix.Balanced)
    {
        var baseline = TestPolicies.Er(episodic: 60, epochs: 2, batch: 10, tasks: 4, replay: replay);
        return baseline with
        {
            Memory = baseline.Memory with { Storage = new StorageTierSpec(null, "store"), Swap = new SwapSpec(0.5, 1, SwapPolicy.Random) },
        };
    }

    /// <summary>Runs <paramref name="tasks"/> tasks (all when null) in <paramref name="runDirectory"/>, resuming from its checkpoint when there is one.</summary>
    public static SessionResult Run(string runDirectory, PolicySpec policy, int? tasks = null)
    {
        using var tier = new StorageTier(policy.Memory.Storage!, policy.Memory.Swap, runDirectory);
        var checkpointer = new Checkpointer(runDirectory, tier);
        using var session = MiroSession.Create(policy, EmbeddedData.Train, EmbeddedData.Test,
            new SessionOptions { Seed = Seed, Threads = 1, Hooks = [tier, checkpointer] });
        if (checkpointer.Exists)
        {
            checkpointer.Resume(session);
        }
        if (tasks is int n)
        {
            for (int t = session.Reports.Count; t < n; t++)
            {
                session.RunTask(t);
            }
            return session.Result(0);
        }
        return session.Run();
    }

    public static string CheckpointPath(string runDirectory) => Path.Combine(runDirectory, Checkpointer.FileName);
}
