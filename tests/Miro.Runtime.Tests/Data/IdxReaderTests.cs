using System.IO;
using Miro.Runtime.Data;
using Xunit;

namespace Miro.Runtime.Tests.Data;

public sealed class IdxReaderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Images_and_labels_round_trip_plain_or_gzipped(bool gzip)
    {
        using var dir = new TempDirectory();
        (byte[] images, byte[] labels) = DataFiles.ImageSet(count: 6, rows: 2, cols: 3, classes: 3);
        File.WriteAllBytes(dir.File("images"), gzip ? DataFiles.Gzip(images) : images);
        File.WriteAllBytes(dir.File("labels"), gzip ? DataFiles.Gzip(labels) : labels);

        Dataset data = IdxReader.ReadDataset(dir.File("images"), dir.File("labels"));

        Assert.Equal(6, data.Count);
        Assert.Equal(new SampleShape(1, 2, 3), data.Shape);
        Assert.Equal(3, data.ClassCount);
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(i % 3, data.Label(i));
            Assert.All(data.Features(i).ToArray(), v => Assert.Equal((i * 10 + i % 3) / 255f, v));
        }
    }

    [Fact]
    public void Bad_magic_names_the_file_and_the_expected_header()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("x"), new byte[] { 0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1 });

        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(dir.File("x")));

        Assert.Equal(dir.File("x"), e.FilePath);
        Assert.Contains(dir.File("x"), e.Message);
        Assert.Contains("bad magic number 89 50 4e 47", e.Message);
        Assert.Contains("expected 00 00 08", e.Message);
    }

    [Fact]
    public void Unsupported_element_type_is_named()
    {
        using var dir = new TempDirectory();
        byte[] bytes = DataFiles.Idx(new[] { 2 }, new byte[] { 1, 2 });
        bytes[2] = 0x0D;
        File.WriteAllBytes(dir.File("x"), bytes);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(dir.File("x")));

        Assert.Contains("0x0d is not supported; expected 0x08", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_data_says_how_many_bytes_the_shape_needs(bool gzip)
    {
        using var dir = new TempDirectory();
        byte[] full = DataFiles.Idx(new[] { 3, 2, 2 }, new byte[12]);
        byte[] cut = full[..(full.Length - 5)];
        File.WriteAllBytes(dir.File("x.gz"), gzip ? DataFiles.Gzip(cut) : cut);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(dir.File("x.gz")));

        Assert.Contains(dir.File("x.gz"), e.Message);
        Assert.Contains("truncated: shape [3, 2, 2] needs 12 data bytes but the file has 7", e.Message);
    }

    [Fact]
    public void Trailing_bytes_mean_header_and_data_disagree()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("x"), DataFiles.Idx(new[] { 2 }, new byte[] { 1, 2, 3 }));

        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(dir.File("x")));

        Assert.Contains("bytes after the 2 data bytes of shape [2]", e.Message);
    }

    [Fact]
    public void Corrupt_gzip_is_a_data_format_error_not_an_internal_one()
    {
        using var dir = new TempDirectory();
        byte[] gz = DataFiles.Gzip(DataFiles.Idx(new[] { 100 }, new byte[100]));
        for (int i = 12; i < gz.Length - 8; i++)
        {
            gz[i] ^= 0x5A;
        }

        File.WriteAllBytes(dir.File("x.gz"), gz);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.Read(dir.File("x.gz")));

        Assert.Contains(dir.File("x.gz"), e.Message);
    }

    [Fact]
    public void Label_count_mismatch_names_both_files()
    {
        using var dir = new TempDirectory();
        (byte[] images, _) = DataFiles.ImageSet(count: 4, rows: 2, cols: 2, classes: 2);
        (_, byte[] labels) = DataFiles.ImageSet(count: 3, rows: 2, cols: 2, classes: 2);
        File.WriteAllBytes(dir.File("images"), images);
        File.WriteAllBytes(dir.File("labels"), labels);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadDataset(dir.File("images"), dir.File("labels")));

        Assert.Contains($"{dir.File("labels")}: has 3 labels but {dir.File("images")} has 4 images", e.Message);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(200)]
    public void Label_beyond_the_class_count_names_the_labels_file_the_index_and_the_value(byte value)
    {
        using var dir = new TempDirectory();
        (byte[] images, byte[] labels) = DataFiles.ImageSet(count: 6, rows: 2, cols: 2, classes: 3);
        labels[8 + 4] = value; // header: magic 4 + one dimension 4; then one byte per label
        File.WriteAllBytes(dir.File("images"), images);
        File.WriteAllBytes(dir.File("labels"), labels);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadDataset(dir.File("images"), dir.File("labels")));

        Assert.Equal(dir.File("labels"), e.FilePath);
        Assert.Contains($"label {value} at index 4 is out of range", e.Message);
        Assert.Contains("10 classes (labels 0..9)", e.Message);
    }

    [Fact]
    public void Labels_are_checked_against_the_given_class_count()
    {
        using var dir = new TempDirectory();
        (byte[] images, byte[] labels) = DataFiles.ImageSet(count: 6, rows: 2, cols: 2, classes: 3);
        File.WriteAllBytes(dir.File("images"), images);
        File.WriteAllBytes(dir.File("labels"), labels);

        Assert.Equal(3, IdxReader.ReadDataset(dir.File("images"), dir.File("labels"), classCount: 3).ClassCount);
        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadDataset(dir.File("images"), dir.File("labels"), classCount: 2));
        Assert.Contains("label 2 at index 2 is out of range", e.Message);
    }

    [Fact]
    public void Swapped_image_and_label_files_are_reported_as_such()
    {
        using var dir = new TempDirectory();
        (byte[] images, byte[] labels) = DataFiles.ImageSet(count: 4, rows: 2, cols: 2, classes: 2);
        File.WriteAllBytes(dir.File("images"), images);
        File.WriteAllBytes(dir.File("labels"), labels);

        var e = Assert.Throws<DataFormatException>(() => IdxReader.ReadDataset(dir.File("labels"), dir.File("images")));

        Assert.Contains("expected 3 ([N, rows, columns])", e.Message);
    }

    [Fact]
    public void Missing_file_names_the_path()
    {
        var e = Assert.Throws<FileNotFoundException>(() => IdxReader.Read("/nonexistent/train-images-idx3-ubyte.gz"));

        Assert.Contains("/nonexistent/train-images-idx3-ubyte.gz", e.Message);
    }
}
