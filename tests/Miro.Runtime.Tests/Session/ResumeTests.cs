using System.IO;
using System.Linq;
using Miro.Dsl.Model;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Memory;
using Miro.Runtime.Session;
using Xunit;

namespace Miro.Runtime.Tests.Session;

public sealed class ResumeTests
{
    [Theory]
    [InlineData(LearnerKind.Er, EpisodicSelection.Balanced)]
    [InlineData(LearnerKind.OnlineEr, EpisodicSelection.Reservoir)]
    public void A_run_resumed_from_a_task_boundary_checkpoint_ends_like_an_uninterrupted_one(LearnerKind learner, EpisodicSelection selection)
    {
        PolicySpec policy = TestPolicies.Er(episodic: 80, stream: 300, tasks: 3, learner: learner,
            replay: learner == LearnerKind.OnlineEr ? ReplayMix.Balanced : ReplayMix.Concat, selection: selection);
        var options = new SessionOptions { Seed = 9 };
        using var dir = new TempDirectory();

        SessionResult uninterrupted;
        using (var session = MiroSession.Create(policy, EmbeddedData.Train, EmbeddedData.Test, options))
        {
            uninterrupted = session.Run();
        }

        MemorySnapshot snapshot;
        TaskReport[] done;
        using (var first = MiroSession.Create(policy, EmbeddedData.Train, EmbeddedData.Test, options))
        {
            first.RunTask(0);
            first.RunTask(1);
            first.Model.save(dir.File("model.bin"));
            snapshot = first.Memory.Snapshot();
            done = first.Reports.ToArray();
        }

        using var resumed = MiroSession.Create(policy, EmbeddedData.Train, EmbeddedData.Test, options);
        resumed.RestoreProgress(done);
        resumed.Model.load(dir.File("model.bin"));
        resumed.Memory.Restore(snapshot);
        SessionResult result = resumed.Run();

        Assert.Equal(uninterrupted.AccuracyMatrix, result.AccuracyMatrix);
        Assert.True(File.Exists(dir.File("model.bin")));
    }
}
