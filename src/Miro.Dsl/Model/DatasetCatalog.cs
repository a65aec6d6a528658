using System;

namespace Miro.Dsl.Model;

/// <summary>
/// One data set the language accepts and the runtime loads.
/// </summary>
/// <param name="Name">The canonical name a spec writes and a <see cref="DataSpec"/> holds (<c>fashion_mnist</c>).</param>
/// <param name="DisplayName">The name people know it by, for messages (<c>Fashion-MNIST</c>).</param>
/// <param name="Classes">The number of classes (labels 0 .. Classes - 1).</param>
/// <param name="Channels">Channels of one sample.</param>
/// <param name="Height">Height of one sample, in pixels.</param>
/// <param name="Width">Width of one sample, in pixels.</param>
/// <param name="Aliases">Other spellings accepted where a name is looked up (CLI options, file names).</param>
public sealed record DatasetInfo(string Name, string DisplayName, int Classes, int Channels, int Height, int Width, EquatableArray<string> Aliases)
{
    /// <summary>Values in one sample (channels × height × width).</summary>
    public int SampleElements => Channels * Height * Width;

    /// <summary>Bytes one sample occupies in DRAM as float32 (the default of <c>data { sample .. }</c>).</summary>
    public long SampleBytes => SampleElements * 4L;
}

/// <summary>
/// The data sets Miro knows: the one list that the binder (names, class counts, default sample
/// sizes) and the runtime's <c>DatasetLocator</c> (names and aliases) read.
/// </summary>
public static class DatasetCatalog
{
    /// <summary>Fashion-MNIST: 10 classes of 28×28 grey images.</summary>
    public static readonly DatasetInfo FashionMnist = new("fashion_mnist", "Fashion-MNIST", 10, 1, 28, 28, EquatableArray.Create("fashionmnist", "fashion-mnist"));

    /// <summary>MNIST: 10 classes of 28×28 grey images.</summary>
    public static readonly DatasetInfo Mnist = new("mnist", "MNIST", 10, 1, 28, 28, EquatableArray<string>.Empty);

    /// <summary>CIFAR-10: 10 classes of 32×32 colour images.</summary>
    public static readonly DatasetInfo Cifar10 = new("cifar10", "CIFAR-10", 10, 3, 32, 32, EquatableArray.Create("cifar_10", "cifar-10"));

    /// <summary>CIFAR-100: 100 (fine) classes of 32×32 colour images.</summary>
    public static readonly DatasetInfo Cifar100 = new("cifar100", "CIFAR-100", 100, 3, 32, 32, EquatableArray.Create("cifar_100", "cifar-100"));

    /// <summary>Every data set, the default (<see cref="FashionMnist"/>) first.</summary>
    public static readonly EquatableArray<DatasetInfo> All = EquatableArray.Create(FashionMnist, Mnist, Cifar10, Cifar100);

    /// <summary>The data set named <paramref name="name"/> (its canonical name or an alias, any case), or null.</summary>
    public static DatasetInfo? Find(string name)
    {
        if (name is null) return null;
        foreach (var dataset in All)
        {
            if (string.Equals(dataset.Name, name, StringComparison.OrdinalIgnoreCase)) return dataset;
            foreach (var alias in dataset.Aliases)
                if (string.Equals(alias, name, StringComparison.OrdinalIgnoreCase)) return dataset;
        }

        return null;
    }

    /// <summary>The canonical names, in catalog order.</summary>
    public static string[] Names()
    {
        var names = new string[All.Count];
        for (var i = 0; i < names.Length; i++) names[i] = All[i].Name;
        return names;
    }

    /// <summary>The canonical names, for messages (<c>fashion_mnist, mnist, cifar10 or cifar100</c>).</summary>
    public static string NameList()
    {
        var names = Names();
        return string.Join(", ", names, 0, names.Length - 1) + " or " + names[names.Length - 1];
    }
}
