using System;
using Miro.Dsl.Model;
using static TorchSharp.torch;

namespace Miro.Runtime.Models;

/// <summary>
/// The network a session trains: a <see cref="Models.Backbone"/> feature extractor followed by an
/// <see cref="IncrementalHead"/> that grows as classes arrive, or — for a fixed head — has one
/// output per class of the data set from the start, so loss and predictions cover all of them.
/// </summary>
public sealed class ContinualModel : nn.Module<Tensor, Tensor>
{
    private readonly Backbone backbone;
    private readonly IncrementalHead head;

    /// <summary>Combines <paramref name="backbone"/> with a new, empty head.</summary>
    /// <param name="backbone">The feature extractor (owned by the model from now on).</param>
    /// <param name="headGenerator">Random generator for new head units (owned by the model).</param>
    /// <param name="init">How head units are initialised.</param>
    /// <param name="fixedClasses">For a fixed head, its number of outputs (the data set's classes); 0 for an incremental head.</param>
    public ContinualModel(Backbone backbone, Generator headGenerator, WeightInit init = WeightInit.Default, int fixedClasses = 0)
        : base(nameof(ContinualModel))
    {
        ArgumentNullException.ThrowIfNull(backbone);
        ArgumentNullException.ThrowIfNull(headGenerator);
        ArgumentOutOfRangeException.ThrowIfNegative(fixedClasses);
        this.backbone = backbone;
        head = new IncrementalHead(backbone.FeatureDim, headGenerator, init);
        HeadGenerator = headGenerator;
        if (fixedClasses > 0)
        {
            head.Grow(fixedClasses);
            IsHeadFixed = true;
        }

        RegisterComponents();
    }

    /// <summary>True when the head has every class of the data set from the start and never grows.</summary>
    public bool IsHeadFixed { get; }

    /// <summary>The feature extractor.</summary>
    public Backbone Backbone => backbone;

    /// <summary>The class-incremental head.</summary>
    public IncrementalHead Head => head;

    /// <summary>Number of classes the head currently outputs.</summary>
    public int ClassCount => head.OutFeatures;

    internal Generator HeadGenerator { get; }

    /// <summary>
    /// Grows the head to <paramref name="classes"/> outputs (see <see cref="IncrementalHead.Grow"/>).
    /// A fixed head already has them all: this is a no-op, and asking for more is an error.
    /// </summary>
    /// <exception cref="InvalidOperationException">A fixed head has fewer outputs than <paramref name="classes"/>.</exception>
    public void GrowHead(int classes)
    {
        if (IsHeadFixed && classes > head.OutFeatures)
        {
            throw new InvalidOperationException(
                $"The fixed head has {head.OutFeatures} outputs (the data set's classes) but a task needs {classes}; the data has labels beyond the data set's class count.");
        }

        head.Grow(classes);
    }

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
