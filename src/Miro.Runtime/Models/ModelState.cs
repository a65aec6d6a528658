using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Miro.Runtime.Models;

/// <summary>
/// A copy of a <see cref="ContinualModel"/>'s state in memory — every parameter and buffer, the head's
/// size and the head generator — that can be put back into a model of the same architecture any
/// number of times. Profiling starts every trial from one such state; copying tensors is far cheaper
/// than serialising the model and building a new one per trial.
/// </summary>
internal sealed class ModelState : IDisposable
{
    private readonly KeyValuePair<string, Tensor>[] _entries;
    private readonly int _classes;
    private readonly Tensor _headRng;

    private ModelState(KeyValuePair<string, Tensor>[] entries, int classes, Tensor headRng)
    {
        _entries = entries;
        _classes = classes;
        _headRng = headRng;
    }

    /// <summary>Copies the state of <paramref name="model"/>.</summary>
    public static ModelState Of(ContinualModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Dictionary<string, Tensor> state = model.state_dict();
        var entries = new KeyValuePair<string, Tensor>[state.Count];
        int i = 0;
        using (no_grad())
        {
            foreach (KeyValuePair<string, Tensor> entry in state)
            {
                Tensor copy = entry.Value.detach().clone();
                copy.DetachFromDisposeScope();
                entries[i++] = new(entry.Key, copy);
            }
        }

        Tensor rng = model.HeadGenerator.get_state();
        rng.DetachFromDisposeScope();
        return new ModelState(entries, model.ClassCount, rng);
    }

    /// <summary>
    /// Puts this state into <paramref name="model"/> (same architecture): the head gets the saved
    /// number of outputs, every parameter and buffer the saved values, the head generator the saved
    /// state; gradients are zeroed and the model is in training mode, as a new copy would be.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model's parameters or buffers differ from the saved ones.</exception>
    public void LoadInto(ContinualModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Head.ResetForLoad(_classes);
        Dictionary<string, Tensor> state = model.state_dict();
        if (state.Count != _entries.Length)
        {
            throw new InvalidOperationException($"The model has {state.Count} parameters and buffers; the saved state has {_entries.Length}.");
        }

        using (no_grad())
        {
            foreach (KeyValuePair<string, Tensor> entry in _entries)
            {
                if (!state.TryGetValue(entry.Key, out Tensor? target) || !target.shape.AsSpan().SequenceEqual(entry.Value.shape))
                {
                    throw new InvalidOperationException($"The model's '{entry.Key}' does not match the saved state's.");
                }

                target.copy_(entry.Value);
            }
        }

        model.HeadGenerator.set_state(_headRng);
        model.zero_grad();
        model.train();
    }

    public void Dispose()
    {
        foreach (KeyValuePair<string, Tensor> entry in _entries)
        {
            entry.Value.Dispose();
        }

        _headRng.Dispose();
    }
}
