using System;
using Miro.Dsl.Model;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Miro.Runtime.Models;

/// <summary>
/// Re-initialises a backbone's fully connected and convolutional layers as <see cref="WeightInit"/>
/// says. Draws come from libtorch's global generator, which <see cref="ModelFactory"/> seeds just
/// before building the model, so the weights depend only on the run's seed. Batch-norm layers keep
/// their weight 1 / bias 0.
/// </summary>
internal static class WeightInitializer
{
    /// <summary>Applies <paramref name="init"/> to every <c>Linear</c> and <c>Conv2d</c> in <paramref name="module"/>.</summary>
    public static void Apply(nn.Module module, WeightInit init)
    {
        // Default keeps TorchSharp's own initialisation (and draws nothing, so old runs are unchanged).
        if (init == WeightInit.Default)
        {
            return;
        }

        using var noGrad = no_grad();
        foreach (nn.Module layer in module.modules())
        {
            switch (layer)
            {
                case Linear linear:
                    Initialise(linear.weight, linear.bias, init);
                    break;
                case Conv2d conv:
                    Initialise(conv.weight, conv.bias, init);
                    break;
            }
        }
    }

    /// <summary>The half-width of the uniform range <paramref name="init"/> draws a [out, in] head matrix from.</summary>
    public static double HeadBound(WeightInit init, int inFeatures, int outFeatures) => init switch
    {
        WeightInit.Xavier => Math.Sqrt(6.0 / (inFeatures + outFeatures)),
        WeightInit.Kaiming => Math.Sqrt(6.0 / inFeatures),
        _ => 1.0 / Math.Sqrt(inFeatures),
    };

    private static void Initialise(Tensor? weight, Tensor? bias, WeightInit init)
    {
        if (weight is not null)
        {
            // Xavier as in the reference code (gain 1); Kaiming-uniform with the ReLU gain, fan-in mode.
            // The init functions fill in place and return the tensor itself: nothing to dispose.
            _ = init == WeightInit.Xavier
                ? nn.init.xavier_uniform_(weight)
                : nn.init.kaiming_uniform_(weight, a: 0, nn.init.FanInOut.FanIn, nn.init.NonlinearityType.ReLU);
        }

        if (bias is not null)
        {
            _ = nn.init.zeros_(bias);
        }
    }
}
