using System.Globalization;
using System.IO;
using Miro.Dsl.Model;
using Miro.Runtime.Data;

namespace Miro.Experiments;

/// <summary>
/// The reference protocols as the example specs say them, against the same runs with TorchSharp's
/// default initialisation and an incremental head: online ER (DER protocol) with buffers of 200, 500
/// and 5,120, and the CarM protocol with a 5,120-slot memory (concat replay). Final average accuracy,
/// mean ± std over seeds 0 .. n-1.
/// </summary>
internal static class ProtocolsExperiment
{
    public static int Run(string? dataDirectory, int seeds, int threads, TextWriter output)
    {
        DataSource source = DatasetLocator.Locate("fashion_mnist", dataDirectory);
        (Dataset train, Dataset test) = source.Load();
        output.WriteLine($"Reference protocols, Split Fashion-MNIST ({source}; {train.Count} train / {test.Count} test), seeds {SeedRuns.FirstSeed}..{SeedRuns.FirstSeed + seeds - 1}, {threads} thread(s)");
        output.WriteLine("| protocol | memory | lr | model | final average accuracy % (mean ± std) | per seed | seconds per run |");
        output.WriteLine("|---|---|---|---|---|---|---|");

        PolicySpec onlineEr = ProtocolSpecs.OnlineEr();
        foreach ((string _, int buffer, double lr) in OnlineErExperiment.Configurations)
        {
            if (buffer == 0)
            {
                continue;
            }

            foreach (PolicySpec protocol in new[] { onlineEr, ProtocolSpecs.WithDefaultModel(onlineEr) })
            {
                Write(output, "online ER (DER)", OnlineErExperiment.Policy(protocol, buffer, lr), train, test, seeds, threads);
            }
        }

        PolicySpec carm = ProtocolSpecs.Carm();
        foreach (PolicySpec protocol in new[] { carm, ProtocolSpecs.WithDefaultModel(carm) })
        {
            Write(output, "CarM (ER, concat)", protocol, train, test, seeds, threads);
        }

        return 0;
    }

    private static void Write(TextWriter output, string name, PolicySpec policy, Dataset train, Dataset test, int seeds, int threads)
    {
        SeedRuns runs = SeedRuns.Run(policy, train, test, seeds, threads);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | EM {policy.Memory.Episodic.Capacity} {policy.Memory.Episodic.Selection.ToString().ToLowerInvariant()} | {policy.Train.Optimizer.LearningRate} | {ProtocolSpecs.ModelLabel(policy)} | {runs.MeanStd} | {runs.PerSeed} | {runs.SecondsPerRun:F1} |"));
        output.Flush();
    }
}
