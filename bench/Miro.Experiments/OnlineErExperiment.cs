using System.Globalization;
using System.IO;
using Miro.Dsl.Model;
using Miro.Runtime.Data;

namespace Miro.Experiments;

/// <summary>
/// Online ER on Split Fashion-MNIST in the DER paper's protocol, as
/// <c>examples/specs/online-er-split-fashion-mnist.miro</c> says it (5 tasks of 2 classes in order
/// 0–9, MLP 784-100-100 with Xavier-uniform weights and a fixed head, SGD, batch 10, replay minibatch
/// 10 from a reservoir buffer, one epoch per task): final average accuracy (mean ± std over seeds)
/// per buffer size with the reference code's best learning rate, and no replay — each with the
/// spec's model and with TorchSharp's default initialisation and an incremental head.
/// </summary>
internal static class OnlineErExperiment
{
    /// <summary>The grid: buffer sizes and the reference code's best learning rate for each.</summary>
    internal static readonly (string Name, int Buffer, double LearningRate)[] Configurations =
    {
        ("no replay", 0, 0.1),
        ("ER buffer 200", 200, 0.01),
        ("ER buffer 500", 500, 0.1),
        ("ER buffer 5120", 5120, 0.1),
    };

    public static int Run(string? dataDirectory, int seeds, int threads, TextWriter output)
    {
        DataSource source = DatasetLocator.Locate("fashion_mnist", dataDirectory);
        (Dataset train, Dataset test) = source.Load();
        output.WriteLine($"Online ER, Split Fashion-MNIST ({source}; {train.Count} train / {test.Count} test), seeds {SeedRuns.FirstSeed}..{SeedRuns.FirstSeed + seeds - 1}, {threads} thread(s)");
        output.WriteLine("| configuration | model | lr | final average accuracy % (mean ± std) | per seed | seconds per run |");
        output.WriteLine("|---|---|---|---|---|---|");
        PolicySpec reference = ProtocolSpecs.OnlineEr();
        foreach (PolicySpec protocol in new[] { reference, ProtocolSpecs.WithDefaultModel(reference) })
        {
            foreach ((string name, int buffer, double lr) in Configurations)
            {
                PolicySpec policy = Policy(protocol, buffer, lr);
                SeedRuns runs = SeedRuns.Run(policy, train, test, seeds, threads);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {ProtocolSpecs.ModelLabel(policy)} | {lr} | {runs.MeanStd} | {runs.PerSeed} | {runs.SecondsPerRun:F1} |"));
                output.Flush();
            }
        }

        return 0;
    }

    /// <summary>The spec's protocol with <paramref name="buffer"/> reservoir slots and SGD at <paramref name="learningRate"/>.</summary>
    internal static PolicySpec Policy(PolicySpec protocol, int buffer, double learningRate) =>
        ProtocolSpecs.WithLearningRate(ProtocolSpecs.WithEpisodicCapacity(protocol, buffer), learningRate);
}
