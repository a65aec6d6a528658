using System;
using System.Collections.Generic;
using Miro.Dsl.Model;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Miro.Runtime.Learning;

/// <summary>Builds the optimiser an <see cref="OptimizerSpec"/> describes.</summary>
internal static class OptimizerFactory
{
    public static optim.Optimizer Create(OptimizerSpec spec, IEnumerable<Parameter> parameters) => spec.Kind switch
    {
        OptimizerKind.Sgd => optim.SGD(parameters, spec.LearningRate, momentum: spec.Momentum, weight_decay: spec.WeightDecay),
        OptimizerKind.Adam => optim.Adam(parameters, spec.LearningRate, weight_decay: spec.WeightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "Unknown optimiser."),
    };
}
