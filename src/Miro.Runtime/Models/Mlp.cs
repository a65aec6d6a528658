using System;
using System.Collections.Generic;
using Miro.Runtime.Data;
using static TorchSharp.torch;

namespace Miro.Runtime.Models;

/// <summary>A multi-layer perceptron: flatten, then Linear + ReLU per hidden layer (<c>mlp(hidden: [100, 100])</c>).</summary>
public sealed class Mlp : Backbone
{
    private readonly nn.Module<Tensor, Tensor> layers;

    /// <summary>Creates the MLP for inputs of <paramref name="input"/> shape.</summary>
    /// <param name="input">The sample shape (flattened).</param>
    /// <param name="hidden">Hidden layer widths; empty gives a linear model on the raw input.</param>
    public Mlp(SampleShape input, IReadOnlyList<int> hidden)
        : base(nameof(Mlp), hidden.Count == 0 ? input.Size : hidden[^1])
    {
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        int width = input.Size;
        for (int i = 0; i < hidden.Count; i++)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(hidden[i], 1, nameof(hidden));
            modules.Add(($"fc{i + 1}", nn.Linear(width, hidden[i])));
            modules.Add(($"relu{i + 1}", nn.ReLU()));
            width = hidden[i];
        }

        layers = nn.Sequential(modules);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => layers.forward(input.flatten(1));
}
