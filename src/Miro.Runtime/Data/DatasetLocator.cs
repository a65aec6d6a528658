using System;
using System.Collections.Generic;
using System.IO;
using Miro.Dsl.Model;

namespace Miro.Runtime.Data;

/// <summary>
/// Finds a dataset's files: a directory given by option, else the <c>MIRO_DATA</c> environment
/// variable, else the Debian package's folder (<c>/usr/share/datasets/fashion-mnist</c>), else — for
/// Fashion-MNIST — the small subset embedded in this assembly. A directory may hold the files
/// itself or in a sub-folder named after the dataset (e.g. <c>$MIRO_DATA/fashion-mnist</c>).
/// </summary>
public static class DatasetLocator
{
    /// <summary>Where the Debian package <c>dataset-fashion-mnist</c> installs the IDX files.</summary>
    public const string DebianFashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The environment variable naming a data directory.</summary>
    public const string EnvironmentVariable = "MIRO_DATA";

    /// <summary>Finds <paramref name="dataset"/> (a name or alias from <see cref="DatasetCatalog"/>).</summary>
    /// <param name="dataset">The dataset name from the spec.</param>
    /// <param name="directory">A directory given by option (wins over everything else), or null.</param>
    /// <returns>Where the data is; load it with <see cref="DataSource.Load"/>.</returns>
    /// <exception cref="DirectoryNotFoundException">A given directory does not exist.</exception>
    /// <exception cref="FileNotFoundException">No files of the dataset were found.</exception>
    public static DataSource Locate(string dataset, string? directory = null)
        => Locate(dataset, directory, Environment.GetEnvironmentVariable(EnvironmentVariable), DebianFashionMnistDirectory);

    internal static DataSource Locate(string dataset, string? directory, string? environment, string systemDirectory)
    {
        DatasetKind kind = Parse(dataset);
        if (!string.IsNullOrEmpty(directory))
        {
            return FromDirectory(kind, directory, "--data");
        }

        if (!string.IsNullOrEmpty(environment))
        {
            return FromDirectory(kind, environment, EnvironmentVariable);
        }

        if (kind == DatasetKind.FashionMnist)
        {
            if (Directory.Exists(systemDirectory) && TryFind(kind, systemDirectory) is { } system)
            {
                return system;
            }

            return DataSource.EmbeddedFashionMnist();
        }

        throw new FileNotFoundException(
            $"No {dataset} data found: pass a directory with --data or set {EnvironmentVariable}. Expected files: {string.Join(", ", ExpectedFiles(kind))}.");
    }

    private static DataSource FromDirectory(DatasetKind kind, string directory, string origin)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"{directory} (from {origin}): directory not found. Point it at a folder holding {string.Join(", ", ExpectedFiles(kind))}.");
        }

        return TryFind(kind, directory)
            ?? throw new FileNotFoundException(
                $"{directory} (from {origin}): no {DisplayName(kind)} files found. Expected {string.Join(", ", ExpectedFiles(kind))} (IDX files may be gzipped), here or in a '{FolderName(kind)}' sub-folder.");
    }

    private static DataSource? TryFind(DatasetKind kind, string directory)
    {
        foreach (string dir in new[] { directory, Path.Combine(directory, FolderName(kind)) })
        {
            if (!Directory.Exists(dir))
            {
                continue;
            }

            switch (kind)
            {
                case DatasetKind.FashionMnist or DatasetKind.Mnist:
                    string? trainImages = FindIdx(dir, "train-images-idx3-ubyte");
                    string? trainLabels = FindIdx(dir, "train-labels-idx1-ubyte");
                    string? testImages = FindIdx(dir, "t10k-images-idx3-ubyte");
                    string? testLabels = FindIdx(dir, "t10k-labels-idx1-ubyte");
                    if (trainImages is not null && trainLabels is not null && testImages is not null && testLabels is not null)
                    {
                        return DataSource.Idx(DisplayName(kind), dir, trainImages, trainLabels, testImages, testLabels);
                    }

                    break;
                case DatasetKind.Cifar10:
                    var batches = new List<string>();
                    for (int i = 1; i <= 5; i++)
                    {
                        batches.Add(Path.Combine(dir, $"data_batch_{i}.bin"));
                    }

                    string testBatch = Path.Combine(dir, "test_batch.bin");
                    if (batches.TrueForAll(File.Exists) && File.Exists(testBatch))
                    {
                        return DataSource.Cifar(DisplayName(kind), dir, CifarKind.Cifar10, batches.ToArray(), new[] { testBatch });
                    }

                    break;
                case DatasetKind.Cifar100:
                    string train = Path.Combine(dir, "train.bin");
                    string test = Path.Combine(dir, "test.bin");
                    if (File.Exists(train) && File.Exists(test))
                    {
                        return DataSource.Cifar(DisplayName(kind), dir, CifarKind.Cifar100, new[] { train }, new[] { test });
                    }

                    break;
            }
        }

        return null;
    }

    private static string? FindIdx(string dir, string name)
    {
        string gz = Path.Combine(dir, name + ".gz");
        if (File.Exists(gz))
        {
            return gz;
        }

        string plain = Path.Combine(dir, name);
        return File.Exists(plain) ? plain : null;
    }

    // Names and aliases come from the language's catalog, so what a spec may say and what the
    // runtime can find are one list.
    private static DatasetKind Parse(string dataset) => DatasetCatalog.Find(dataset) switch
    {
        { } found when found == DatasetCatalog.FashionMnist => DatasetKind.FashionMnist,
        { } found when found == DatasetCatalog.Mnist => DatasetKind.Mnist,
        { } found when found == DatasetCatalog.Cifar10 => DatasetKind.Cifar10,
        { } found when found == DatasetCatalog.Cifar100 => DatasetKind.Cifar100,
        _ => throw new ArgumentException($"Unknown dataset '{dataset}'; expected {DatasetCatalog.NameList()}."),
    };

    private static string DisplayName(DatasetKind kind) => Info(kind).DisplayName;

    private static DatasetInfo Info(DatasetKind kind) => kind switch
    {
        DatasetKind.FashionMnist => DatasetCatalog.FashionMnist,
        DatasetKind.Mnist => DatasetCatalog.Mnist,
        DatasetKind.Cifar10 => DatasetCatalog.Cifar10,
        _ => DatasetCatalog.Cifar100,
    };

    private static string FolderName(DatasetKind kind) => kind switch
    {
        DatasetKind.FashionMnist => "fashion-mnist",
        DatasetKind.Mnist => "mnist",
        DatasetKind.Cifar10 => "cifar-10-batches-bin",
        _ => "cifar-100-binary",
    };

    private static string[] ExpectedFiles(DatasetKind kind) => kind switch
    {
        DatasetKind.FashionMnist or DatasetKind.Mnist => new[]
        {
            "train-images-idx3-ubyte[.gz]", "train-labels-idx1-ubyte[.gz]", "t10k-images-idx3-ubyte[.gz]", "t10k-labels-idx1-ubyte[.gz]",
        },
        DatasetKind.Cifar10 => new[] { "data_batch_1.bin .. data_batch_5.bin", "test_batch.bin" },
        _ => new[] { "train.bin", "test.bin" },
    };

    private enum DatasetKind
    {
        FashionMnist,
        Mnist,
        Cifar10,
        Cifar100,
    }
}
