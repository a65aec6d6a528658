using System;
using Miro.Dsl.Model;
using Miro.Runtime.Data;
using Miro.Runtime.Native;
using static TorchSharp.torch;

namespace Miro.Runtime.Models;

/// <summary>Builds the network a <see cref="ModelSpec"/> describes, seeded for reproducibility.</summary>
public static class ModelFactory
{
    /// <summary>
    /// Creates the model for samples of <paramref name="input"/> shape, initialised as
    /// <see cref="ModelSpec.Init"/> says, with the head <see cref="ModelSpec.Head"/> asks for. The
    /// initial weights depend only on <paramref name="seed"/> (libtorch's global generator is seeded
    /// first, so do not build models on two threads at once).
    /// </summary>
    /// <param name="spec">Architecture, initialisation and head.</param>
    /// <param name="input">The sample shape.</param>
    /// <param name="seed">The run's seed.</param>
    public static ContinualModel Create(ModelSpec spec, SampleShape input, int seed)
    {
        ArgumentNullException.ThrowIfNull(spec);
        TorchRuntime.EnsureInitialized();
        manual_seed(SeedStreams.Derive(seed, "model-init"));
        Backbone backbone = spec.Kind switch
        {
            ModelKind.Mlp => new Mlp(input, spec.Hidden),
            ModelKind.Cnn => new SmallCnn(input),
            ModelKind.ResNet18 => ResNet.ResNet18(input),
            ModelKind.ReducedResNet18 => ResNet.ReducedResNet18(input),
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "Unknown model kind."),
        };

        WeightInitializer.Apply(backbone, spec.Init);
        if (spec.Head == HeadKind.Fixed && spec.HeadClasses < 1)
        {
            throw new ArgumentException($"A fixed head needs its class count (ModelSpec.HeadClasses), not {spec.HeadClasses}.", nameof(spec));
        }

        var generator = new Generator((ulong)SeedStreams.Derive(seed, "head-init"));
        return new ContinualModel(backbone, generator, spec.Init, spec.Head == HeadKind.Fixed ? spec.HeadClasses : 0);
    }
}
