using System;
using TorchSharp;

namespace Miro.Runtime.Data;

/// <summary>
/// An in-memory labelled dataset: samples as one flat float array (row-major, one row per sample,
/// values typically in [0, 1]) and integer class labels. Immutable once built; views share arrays.
/// </summary>
public sealed class Dataset
{
    private readonly float[] _features;
    private readonly int[] _labels;

    /// <summary>Creates a dataset over <paramref name="features"/> (one row of <paramref name="shape"/> per label).</summary>
    /// <param name="features">Samples, row-major; the length must be <c>labels.Length * shape.Size</c>.</param>
    /// <param name="labels">Class labels (non-negative).</param>
    /// <param name="shape">The shape of one sample.</param>
    /// <param name="source">Where the data came from (for messages and reports).</param>
    public Dataset(float[] features, int[] labels, SampleShape shape, string source)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (shape.Size <= 0)
        {
            throw new ArgumentException($"Sample shape {shape} is empty.", nameof(shape));
        }

        if ((long)labels.Length * shape.Size != features.Length)
        {
            throw new ArgumentException(
                $"{source}: {features.Length} feature values do not make {labels.Length} samples of shape {shape}.", nameof(features));
        }

        int maxLabel = -1;
        foreach (int label in labels)
        {
            if (label < 0)
            {
                throw new ArgumentException($"{source}: negative label {label}.", nameof(labels));
            }

            maxLabel = Math.Max(maxLabel, label);
        }

        _features = features;
        _labels = labels;
        Shape = shape;
        Source = source;
        ClassCount = maxLabel + 1;
    }

    /// <summary>Number of samples.</summary>
    public int Count => _labels.Length;

    /// <summary>The shape of one sample.</summary>
    public SampleShape Shape { get; }

    /// <summary>Values per sample.</summary>
    public int SampleSize => Shape.Size;

    /// <summary>One more than the largest label.</summary>
    public int ClassCount { get; }

    /// <summary>Where the data came from.</summary>
    public string Source { get; }

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Features(int index) => _features.AsSpan(index * SampleSize, SampleSize);

    /// <summary>The label of sample <paramref name="index"/>.</summary>
    public int Label(int index) => _labels[index];

    /// <summary>All labels.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>The same samples with other labels (used to renumber classes into task order).</summary>
    /// <param name="labels">One label per sample.</param>
    public Dataset WithLabels(int[] labels) => new(_features, labels, Shape, Source);

    /// <summary>
    /// Builds a dataset from in-memory tensors: <paramref name="features"/> of shape [N, C, H, W],
    /// [N, H, W] or [N, D] (converted to float32) and integer <paramref name="labels"/> of shape [N].
    /// </summary>
    /// <param name="features">The samples.</param>
    /// <param name="labels">The labels.</param>
    /// <param name="source">A name for messages.</param>
    public static Dataset FromTensors(torch.Tensor features, torch.Tensor labels, string source = "tensors")
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        long[] dims = features.shape;
        if (labels.ndim != 1 || dims.Length < 2 || dims[0] != labels.shape[0])
        {
            throw new ArgumentException(
                $"{source}: features [{string.Join(", ", dims)}] and labels [{string.Join(", ", labels.shape)}] must share their first dimension; labels must be 1-D.");
        }

        SampleShape shape = dims.Length switch
        {
            2 => new SampleShape(1, 1, checked((int)dims[1])),
            3 => new SampleShape(1, checked((int)dims[1]), checked((int)dims[2])),
            4 => new SampleShape(checked((int)dims[1]), checked((int)dims[2]), checked((int)dims[3])),
            _ => throw new ArgumentException($"{source}: features must have 2 to 4 dimensions, not {dims.Length}."),
        };

        using var scope = torch.NewDisposeScope();
        float[] x = features.to_type(torch.ScalarType.Float32).contiguous().data<float>().ToArray();
        long[] y = labels.to_type(torch.ScalarType.Int64).contiguous().data<long>().ToArray();
        var ints = new int[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            ints[i] = checked((int)y[i]);
        }

        return new Dataset(x, ints, shape, source);
    }
}
