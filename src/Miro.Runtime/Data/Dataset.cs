using System;
using System.Runtime.InteropServices;
using TorchSharp;

namespace Miro.Runtime.Data;

/// <summary>
/// An in-memory labelled dataset: samples as one flat float array (row-major, one row per sample,
/// values typically in [0, 1]) and integer class labels. Immutable once built; views share arrays.
/// A data set read from a file also keeps its samples in the file's element type
/// (<see cref="Encoding"/>, <see cref="RawFeatures"/>): that is what the sample store writes to
/// flash, a quarter of the float bytes for pixel data.
/// </summary>
public sealed class Dataset
{
    private readonly float[] _features;
    private readonly byte[]? _raw; // null: the float32 features are their own raw form
    private readonly int[] _labels;

    /// <summary>Creates a dataset over <paramref name="features"/> (one row of <paramref name="shape"/> per label).</summary>
    /// <param name="features">Samples, row-major; the length must be <c>labels.Length * shape.Size</c>.</param>
    /// <param name="labels">Class labels (non-negative).</param>
    /// <param name="shape">The shape of one sample.</param>
    /// <param name="source">Where the data came from (for messages and reports).</param>
    public Dataset(float[] features, int[] labels, SampleShape shape, string source)
        : this(features, null, SampleEncoding.Float32, labels, shape, source)
    {
    }

    /// <summary>
    /// Creates a dataset over samples in their file's element type; the float features are decoded
    /// once, with <see cref="SampleEncoding.Decode"/> (the conversion the sample store's reads use).
    /// </summary>
    /// <param name="raw">Samples, row-major, little-endian elements: <c>labels.Length * shape.Size * encoding.ElementBytes</c> bytes.</param>
    /// <param name="encoding">The element type and scale of <paramref name="raw"/>.</param>
    /// <param name="labels">Class labels (non-negative).</param>
    /// <param name="shape">The shape of one sample.</param>
    /// <param name="source">Where the data came from (for messages and reports).</param>
    public Dataset(byte[] raw, SampleEncoding encoding, int[] labels, SampleShape shape, string source)
        : this(Decode(raw, encoding, labels, shape, source), raw, encoding, labels, shape, source)
    {
    }

    private Dataset(float[] features, byte[]? raw, SampleEncoding encoding, int[] labels, SampleShape shape, string source)
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
        _raw = raw;
        Encoding = encoding;
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

    /// <summary>How the samples are kept outside DRAM (the source file's element type).</summary>
    public SampleEncoding Encoding { get; }

    /// <summary>Bytes of one sample in <see cref="Encoding"/>.</summary>
    public int RawSampleBytes => SampleSize * Encoding.ElementBytes;

    /// <summary>Sample <paramref name="index"/> in <see cref="Encoding"/> (no copy).</summary>
    public ReadOnlySpan<byte> RawFeatures(int index) => _raw is null
        ? MemoryMarshal.AsBytes(Features(index))
        : _raw.AsSpan(index * RawSampleBytes, RawSampleBytes);

    /// <summary>The label of sample <paramref name="index"/>.</summary>
    public int Label(int index) => _labels[index];

    /// <summary>All labels.</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>The same samples with other labels (used to renumber classes into task order).</summary>
    /// <param name="labels">One label per sample.</param>
    public Dataset WithLabels(int[] labels) => new(_features, _raw, Encoding, labels, Shape, Source);

    private static float[] Decode(byte[] raw, SampleEncoding encoding, int[] labels, SampleShape shape, string source)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(labels);
        long values = (long)labels.Length * shape.Size;
        if (shape.Size <= 0 || raw.Length != values * encoding.ElementBytes)
        {
            throw new ArgumentException(
                $"{source}: {raw.Length} bytes of {encoding} do not make {labels.Length} samples of shape {shape}.", nameof(raw));
        }

        var features = new float[values];
        encoding.Decode(raw, features);
        return features;
    }

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
