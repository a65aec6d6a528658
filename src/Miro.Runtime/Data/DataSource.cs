using System;
using System.IO;
using System.Reflection;

namespace Miro.Runtime.Data;

/// <summary>Where a dataset was found, and how to load its training and test sets.</summary>
public sealed class DataSource
{
    private const string EmbeddedPrefix = "Miro.Runtime.Data.fashion-mnist-subset.";
    private readonly Func<(Dataset Train, Dataset Test)> _load;

    private DataSource(string name, string location, bool isEmbedded, Func<(Dataset, Dataset)> load)
    {
        Name = name;
        Location = location;
        IsEmbedded = isEmbedded;
        _load = load;
    }

    /// <summary>The dataset's display name (e.g. <c>Fashion-MNIST</c>).</summary>
    public string Name { get; }

    /// <summary>The directory the files are in, or a description of the embedded subset.</summary>
    public string Location { get; }

    /// <summary>True for the small subset embedded in Miro.Runtime.</summary>
    public bool IsEmbedded { get; }

    /// <summary>Reads the training and test sets.</summary>
    /// <exception cref="DataFormatException">A file is corrupt.</exception>
    public (Dataset Train, Dataset Test) Load() => _load();

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Location})";

    internal static DataSource Idx(string name, string dir, string trainImages, string trainLabels, string testImages, string testLabels)
        => new(name, dir, false, () => (IdxReader.ReadDataset(trainImages, trainLabels), IdxReader.ReadDataset(testImages, testLabels)));

    internal static DataSource Cifar(string name, string dir, CifarKind kind, string[] train, string[] test)
        => new(name, dir, false, () => (CifarReader.Read(train, kind), CifarReader.Read(test, kind)));

    /// <summary>The stratified Fashion-MNIST subset shipped in this assembly (500 train + 100 test images per class).</summary>
    public static DataSource EmbeddedFashionMnist()
        => new("Fashion-MNIST", "embedded subset: 500 train + 100 test images per class", true,
            () => (ReadEmbedded("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
                   ReadEmbedded("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")));

    private static Dataset ReadEmbedded(string images, string labels)
        => IdxReader.ToDataset(ReadEmbeddedIdx(images), "embedded:" + images, ReadEmbeddedIdx(labels), "embedded:" + labels);

    private static IdxArray ReadEmbeddedIdx(string file)
    {
        Assembly assembly = typeof(DataSource).Assembly;
        Stream raw = assembly.GetManifestResourceStream(EmbeddedPrefix + file)
            ?? throw new FileNotFoundException($"embedded:{file}: resource missing from {assembly.GetName().Name}; rebuild Miro.Runtime.");
        using Stream stream = DataFile.Decompressing(raw);
        return IdxReader.Read(stream, "embedded:" + file);
    }
}
