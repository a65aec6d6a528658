using TorchSharp;

namespace Miro.Runtime.Models;

/// <summary>
/// A feature extractor: maps a batch of samples [B, C, H, W] to feature vectors [B, <see cref="FeatureDim"/>]
/// that the class-incremental head turns into logits.
/// </summary>
public abstract class Backbone : torch.nn.Module<torch.Tensor, torch.Tensor>
{
    /// <summary>Creates the module named <paramref name="name"/>.</summary>
    /// <param name="name">The module name.</param>
    /// <param name="featureDim">Width of the produced feature vectors.</param>
    protected Backbone(string name, int featureDim)
        : base(name)
    {
        FeatureDim = featureDim;
    }

    /// <summary>Width of the produced feature vectors.</summary>
    public int FeatureDim { get; }
}
