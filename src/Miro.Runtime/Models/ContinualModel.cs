using System;
using static TorchSharp.torch;

namespace Miro.Runtime.Models;

/// <summary>
/// The network a session trains: a <see cref="Models.Backbone"/> feature extractor followed by an
/// <see cref="IncrementalHead"/> that grows as classes arrive.
/// </summary>
public sealed class ContinualModel : nn.Module<Tensor, Tensor>
{
    private readonly Backbone backbone;
    private readonly IncrementalHead head;

    /// <summary>Combines <paramref name="backbone"/> with a new, empty head.</summary>
    /// <param name="backbone">The feature extractor (owned by the model from now on).</param>
    /// <param name="headGenerator">Random generator for new head units (owned by the model).</param>
    public ContinualModel(Backbone backbone, Generator headGenerator)
        : base(nameof(ContinualModel))
    {
        ArgumentNullException.ThrowIfNull(backbone);
        ArgumentNullException.ThrowIfNull(headGenerator);
        this.backbone = backbone;
        head = new IncrementalHead(backbone.FeatureDim, headGenerator);
        HeadGenerator = headGenerator;
        RegisterComponents();
    }

    /// <summary>The feature extractor.</summary>
    public Backbone Backbone => backbone;

    /// <summary>The class-incremental head.</summary>
    public IncrementalHead Head => head;

    /// <summary>Number of classes the head currently outputs.</summary>
    public int ClassCount => head.OutFeatures;

    internal Generator HeadGenerator { get; }

    /// <summary>Grows the head to <paramref name="classes"/> outputs (see <see cref="IncrementalHead.Grow"/>).</summary>
    public void GrowHead(int classes) => head.Grow(classes);

    /// <summary>Logits [B, classes] for a batch [B, C, H, W].</summary>
    public override Tensor forward(Tensor input) => head.forward(backbone.forward(input));

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            HeadGenerator.Dispose();
        }

        base.Dispose(disposing);
    }
}
