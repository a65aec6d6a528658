using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Miro.Runtime.Models;

/// <summary>
/// The class-incremental linear head: one output unit per class seen so far. <see cref="Grow"/> adds
/// units for new classes; the old units keep their weights exactly, so old outputs are unchanged.
/// </summary>
public sealed class IncrementalHead : nn.Module<Tensor, Tensor>
{
    private readonly Generator _generator;
    private Parameter weight;
    private Parameter bias;

    /// <summary>Creates a head with no outputs yet.</summary>
    /// <param name="inFeatures">Width of the input features.</param>
    /// <param name="generator">The random generator for new units (owned by the model, seeded per run).</param>
    public IncrementalHead(int inFeatures, Generator generator)
        : base(nameof(IncrementalHead))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFeatures, 1);
        InFeatures = inFeatures;
        _generator = generator;
        weight = NewParameter(empty(0, inFeatures));
        bias = NewParameter(empty(0));
        RegisterComponents();
    }

    /// <summary>Width of the input features.</summary>
    public int InFeatures { get; }

    /// <summary>Number of output units (classes).</summary>
    public int OutFeatures => (int)weight.shape[0];

    /// <summary>The weight matrix [classes, in].</summary>
    public Parameter Weight => weight;

    /// <summary>The bias vector [classes].</summary>
    public Parameter Bias => bias;

    /// <summary>
    /// Grows the head to <paramref name="classes"/> outputs, copying the existing units and
    /// initialising new ones like <c>nn.Linear</c> (uniform in ±1/√in). The parameters are new
    /// objects afterwards: optimizers must be rebuilt.
    /// </summary>
    /// <param name="classes">The new number of outputs; no-op when not larger than now.</param>
    public void Grow(int classes)
    {
        int old = OutFeatures;
        if (classes <= old)
        {
            return;
        }

        Tensor newWeight;
        Tensor newBias;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            double bound = 1.0 / Math.Sqrt(InFeatures);
            Tensor w = rand(new long[] { classes - old, InFeatures }, generator: _generator) * (2 * bound) - bound;
            Tensor b = rand(new long[] { classes - old }, generator: _generator) * (2 * bound) - bound;
            newWeight = cat(new[] { weight.detach(), w }, 0).MoveToOuterDisposeScope();
            newBias = cat(new[] { bias.detach(), b }, 0).MoveToOuterDisposeScope();
        }

        Parameter oldWeight = weight;
        Parameter oldBias = bias;
        weight = NewParameter(newWeight);
        bias = NewParameter(newBias);
        ConditionallyRegisterParameter(nameof(weight), weight);
        ConditionallyRegisterParameter(nameof(bias), bias);
        oldWeight.Dispose();
        oldBias.Dispose();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => nn.functional.linear(input, weight, bias);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            weight.Dispose();
            bias.Dispose();
        }

        base.Dispose(disposing);
    }

    // Parameters live as long as the head, not as long as whichever dispose scope is open now.
    private static Parameter NewParameter(Tensor data)
    {
        var p = new Parameter(data, requires_grad: true);
        p.DetachFromDisposeScope();
        return p;
    }
}
