using System.IO;
using Miro.Runtime.Data;
using Xunit;

namespace Miro.Runtime.Tests.Data;

public sealed class DatasetLocatorTests
{
    private static void WriteFashionMnist(string dir)
    {
        Directory.CreateDirectory(dir);
        (byte[] images, byte[] labels) = DataFiles.ImageSet(count: 20, rows: 28, cols: 28, classes: 10);
        File.WriteAllBytes(Path.Combine(dir, "train-images-idx3-ubyte.gz"), DataFiles.Gzip(images));
        File.WriteAllBytes(Path.Combine(dir, "train-labels-idx1-ubyte.gz"), DataFiles.Gzip(labels));
        File.WriteAllBytes(Path.Combine(dir, "t10k-images-idx3-ubyte"), images);
        File.WriteAllBytes(Path.Combine(dir, "t10k-labels-idx1-ubyte"), labels);
    }

    [Fact]
    public void Option_directory_wins_and_accepts_plain_or_gzipped_files()
    {
        using var dir = new TempDirectory();
        WriteFashionMnist(dir.Path);

        DataSource source = DatasetLocator.Locate("fashion_mnist", dir.Path, environment: "/nonexistent", systemDirectory: "/nonexistent");
        (Dataset train, Dataset test) = source.Load();

        Assert.False(source.IsEmbedded);
        Assert.Equal(dir.Path, source.Location);
        Assert.Equal(20, train.Count);
        Assert.Equal(20, test.Count);
    }

    [Fact]
    public void Environment_directory_may_hold_the_dataset_in_a_named_sub_folder()
    {
        using var dir = new TempDirectory();
        WriteFashionMnist(Path.Combine(dir.Path, "fashion-mnist"));

        DataSource source = DatasetLocator.Locate("fashion_mnist", null, environment: dir.Path, systemDirectory: "/nonexistent");

        Assert.Equal(Path.Combine(dir.Path, "fashion-mnist"), source.Location);
    }

    [Fact]
    public void Missing_option_directory_is_named_with_its_origin()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => DatasetLocator.Locate("fashion_mnist", "/no/such/dir", null, "/nonexistent"));

        Assert.Contains("/no/such/dir (from --data): directory not found", e.Message);
    }

    [Fact]
    public void Directory_without_the_files_lists_what_was_expected()
    {
        using var dir = new TempDirectory();

        var e = Assert.Throws<FileNotFoundException>(() => DatasetLocator.Locate("fashion_mnist", null, dir.Path, "/nonexistent"));

        Assert.Contains($"{dir.Path} (from MIRO_DATA): no Fashion-MNIST files found", e.Message);
        Assert.Contains("train-images-idx3-ubyte[.gz]", e.Message);
    }

    [Fact]
    public void Without_any_directory_fashion_mnist_falls_back_to_the_embedded_subset()
    {
        DataSource source = DatasetLocator.Locate("fashion_mnist", null, null, "/nonexistent");
        (Dataset train, Dataset test) = source.Load();

        Assert.True(source.IsEmbedded);
        Assert.Equal(5000, train.Count);
        Assert.Equal(1000, test.Count);
        Assert.Equal(new SampleShape(1, 28, 28), train.Shape);
        for (int c = 0; c < 10; c++)
        {
            Assert.Equal(500, System.Linq.Enumerable.Count(train.Labels.ToArray(), l => l == c));
        }
    }

    [Fact]
    public void The_system_directory_is_used_when_present()
    {
        using var dir = new TempDirectory();
        WriteFashionMnist(dir.Path);

        DataSource source = DatasetLocator.Locate("fashion_mnist", null, null, dir.Path);

        Assert.Equal(dir.Path, source.Location);
    }

    [Fact]
    public void Other_datasets_need_a_directory()
    {
        var e = Assert.Throws<FileNotFoundException>(() => DatasetLocator.Locate("cifar10", null, null, "/nonexistent"));

        Assert.Contains("pass a directory with --data or set MIRO_DATA", e.Message);
    }

    [Fact]
    public void Unknown_dataset_names_the_known_ones()
    {
        var e = Assert.Throws<System.ArgumentException>(() => DatasetLocator.Locate("imagenet", null, null, "/nonexistent"));

        Assert.Contains("expected fashion_mnist, mnist, cifar10 or cifar100", e.Message);
    }

    public static TheoryData<string> CatalogNames()
    {
        var data = new TheoryData<string>();
        foreach (var dataset in Miro.Dsl.Model.DatasetCatalog.All)
        {
            data.Add(dataset.Name);
            foreach (string alias in dataset.Aliases)
            {
                data.Add(alias);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CatalogNames))]
    public void Every_catalog_name_and_alias_is_a_dataset_the_locator_looks_for(string name)
    {
        // Only "no files here" may fail, never "unknown dataset": the spec and the locator share one list.
        var e = Record.Exception(() => DatasetLocator.Locate(name, null, null, "/nonexistent"));

        Assert.True(e is null or FileNotFoundException, e?.Message);
    }
}
