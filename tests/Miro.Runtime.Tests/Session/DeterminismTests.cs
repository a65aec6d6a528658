using Miro.Dsl.Model;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Session;
using Xunit;

namespace Miro.Runtime.Tests.Session;

public sealed class DeterminismTests
{
    private static SessionResult Run(PolicySpec policy, int seed)
    {
        using var session = MiroSession.Create(policy, EmbeddedData.Train, EmbeddedData.Test, new SessionOptions { Seed = seed });
        return session.Run();
    }

    [Theory]
    [InlineData(LearnerKind.Er, ReplayMix.Concat, EpisodicSelection.Balanced)]
    [InlineData(LearnerKind.OnlineEr, ReplayMix.Balanced, EpisodicSelection.Reservoir)]
    public void Same_seed_twice_gives_an_identical_accuracy_matrix(LearnerKind learner, ReplayMix mix, EpisodicSelection selection)
    {
        PolicySpec policy = TestPolicies.Er(episodic: 100, stream: 400, learner: learner, replay: mix, selection: selection, validation: 0.1);

        SessionResult a = Run(policy, seed: 11);
        SessionResult b = Run(policy, seed: 11);
        SessionResult c = Run(policy, seed: 12);

        Assert.Equal(a.AccuracyMatrix, b.AccuracyMatrix);
        Assert.Equal(a.ClassOrder, b.ClassOrder);
        Assert.NotEqual(a.AccuracyMatrix, c.AccuracyMatrix);
    }
}
