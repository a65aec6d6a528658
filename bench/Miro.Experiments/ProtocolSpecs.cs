using System;
using System.IO;
using System.Linq;
using Miro.Dsl;
using Miro.Dsl.Model;

namespace Miro.Experiments;

/// <summary>
/// The reference protocols as the example specs say them (examples/specs), so the harness runs
/// exactly what a user runs with <c>miro run</c>; experiments vary only their own grid (buffer
/// size, learning rate, swapping) on top.
/// </summary>
internal static class ProtocolSpecs
{
    /// <summary>Online ER, DER protocol: <c>examples/specs/online-er-split-fashion-mnist.miro</c>.</summary>
    public static PolicySpec OnlineEr() => Load("online-er-split-fashion-mnist.miro");

    /// <summary>CarM protocol: <c>examples/specs/carm-split-fashion-mnist.miro</c>.</summary>
    public static PolicySpec Carm() => Load("carm-split-fashion-mnist.miro");

    /// <summary><paramref name="policy"/> with TorchSharp's default initialisation and an incremental head
    /// (what a spec without <c>init</c> and <c>head</c> runs), for the before/after comparison.</summary>
    public static PolicySpec WithDefaultModel(PolicySpec policy) =>
        policy with { Train = policy.Train with { Model = policy.Train.Model with { Init = WeightInit.Default, Head = HeadKind.Incremental, HeadClasses = 0 } } };

    /// <summary><paramref name="policy"/> with <paramref name="capacity"/> episodic slots.</summary>
    public static PolicySpec WithEpisodicCapacity(PolicySpec policy, int capacity) =>
        policy with { Memory = policy.Memory with { Episodic = policy.Memory.Episodic with { Capacity = capacity } } };

    /// <summary><paramref name="policy"/> with SGD at <paramref name="learningRate"/>.</summary>
    public static PolicySpec WithLearningRate(PolicySpec policy, double learningRate) =>
        policy with { Train = policy.Train with { Optimizer = policy.Train.Optimizer with { LearningRate = learningRate } } };

    /// <summary>"xavier + fixed" or "default + incremental", for result tables.</summary>
    public static string ModelLabel(PolicySpec policy) =>
        policy.Train.Model.Init.ToString().ToLowerInvariant() + " + " + policy.Train.Model.Head.ToString().ToLowerInvariant() + " head";

    private static PolicySpec Load(string fileName)
    {
        string path = Find(fileName);
        CompilationResult result = MiroCompiler.Compile(File.ReadAllText(path), path);
        if (result.HasErrors || result.Policies.Count != 1)
        {
            throw new InvalidDataException($"{path} must hold one valid policy: {string.Join("; ", result.Diagnostics.Select(d => d.ToString()))}");
        }

        return result.Policies[0];
    }

    // The repository's examples/specs, found above the harness's build output or the working directory.
    private static string Find(string fileName)
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "examples", "specs", fileName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"examples/specs/{fileName} not found above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}; run the harness from the repository.");
    }
}
