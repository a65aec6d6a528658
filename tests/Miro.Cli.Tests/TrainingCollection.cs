using Xunit;

namespace Miro.Cli.Tests;

/// <summary>
/// Tests that compare training results run alone: libtorch's global generator (seeded when a model
/// is built) and its intra-op thread count are process-wide, so a concurrent run in another test
/// class could change the numbers.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TrainingCollection
{
    public const string Name = "Training runs alone";
}
