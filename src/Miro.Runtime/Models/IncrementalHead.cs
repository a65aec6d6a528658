using System;
using Miro.Dsl.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Miro.Runtime.Models;

/// <summary>
/// The linear head: one output unit per class. <see cref="Grow"/> adds units for new classes; the old
/// units keep their weights exactly, so old outputs are unchanged. A fixed head (<c>head fixed</c>)
/// is grown once, to every class of the data set, when the model is built.
/// </summary>
public sealed class IncrementalHead : nn.Module<Tensor, Tensor>
{
    private readonly Generator _generator;
    private readonly WeightInit _init;
    private Parameter weight;
    private Parameter bias;

    /// <summary>Creates a head with no outputs yet.</summary>
    /// <param name="inFeatures">Width of the input features.</param>
    /// <param name="generator">The random generator for new units (owned by the model, seeded per run).</param>
    /// <param name="init">How new units are initialised.</param>
    public IncrementalHead(int inFeatures, Generator generator, WeightInit init = WeightInit.Default)
        : base(nameof(IncrementalHead))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFeatures, 1);
        InFeatures = inFeatures;
        _generator = generator;
        _init = init;
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
    /// initialising new ones: by default like <c>nn.Linear</c> (weights and biases uniform in ±1/√in);
    /// for Xavier weights uniform in ±√(6/(in + classes)) — the bound of an <c>nn.Linear(in, classes)</c>,
    /// exactly Xavier for a fixed head grown once — and for Kaiming in ±√(6/in); biases zero for both.
    /// The parameters are new objects afterwards: optimizers must be rebuilt.
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
            double bound = WeightInitializer.HeadBound(_init, InFeatures, classes);
            Tensor w = rand(new long[] { classes - old, InFeatures }, generator: _generator) * (2 * bound) - bound;
            Tensor b = _init == WeightInit.Default
                ? rand(new long[] { classes - old }, generator: _generator) * (2 * bound) - bound
                : zeros(classes - old);
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

    /// <summary>
    /// Sets the head to <paramref name="classes"/> outputs of zeros (fewer or more than now), for a
    /// state that is loaded next: profiling trials reuse one model and put the start state back into
    /// it, including a head that the previous trial grew. The parameters are new objects afterwards.
    /// </summary>
    internal void ResetForLoad(int classes)
    {
        Parameter oldWeight = weight;
        Parameter oldBias = bias;
        weight = NewParameter(zeros(classes, InFeatures));
        bias = NewParameter(zeros(classes));
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
