using System.Linq;
using Miro.Dsl.Model;
using Miro.Runtime.Evaluation;
using Miro.Runtime.Session;
using Xunit;
using Xunit.Abstractions;

namespace Miro.Runtime.Tests.Session;

public sealed class EndToEndTests
{
    private readonly ITestOutputHelper _output;

    public EndToEndTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Er_on_the_embedded_subset_is_far_above_chance_and_above_no_replay()
    {
        SessionResult withReplay = Run(TestPolicies.Er(episodic: 500, epochs: 3, batch: 10, lr: 0.05));
        SessionResult noReplay = Run(TestPolicies.Er(episodic: 0, epochs: 3, batch: 10, lr: 0.05));
        _output.WriteLine($"ER-500: {withReplay.AverageAccuracy:F3}  no replay: {noReplay.AverageAccuracy:F3}");
        foreach (double[] row in withReplay.AccuracyMatrix)
        {
            _output.WriteLine(string.Join(" ", row.Select(a => a.ToString("F3"))));
        }

        // Chance over 10 classes is 0.10; without replay class-IL collapses to about the last task (~0.2).
        Assert.True(withReplay.AverageAccuracy > 0.5, $"ER average accuracy {withReplay.AverageAccuracy:F3}");
        Assert.True(withReplay.AverageAccuracy > noReplay.AverageAccuracy + 0.15,
            $"ER {withReplay.AverageAccuracy:F3} vs no replay {noReplay.AverageAccuracy:F3}");
    }

    private static SessionResult Run(PolicySpec policy)
    {
        using var session = MiroSession.Create(policy, EmbeddedData.Train, EmbeddedData.Test, new SessionOptions { Seed = 1 });
        return session.Run();
    }
}
