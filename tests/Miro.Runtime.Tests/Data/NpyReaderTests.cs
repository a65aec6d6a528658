using System.IO;
using Miro.Runtime.Data;
using Xunit;

namespace Miro.Runtime.Tests.Data;

public sealed class NpyReaderTests
{
    [Fact]
    public void Float_features_and_int64_labels_round_trip()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("x.npy"), DataFiles.Npy("<f4", new long[] { 2, 1, 3 }, DataFiles.Floats(1, 2, 3, 4, 5, 6)));
        File.WriteAllBytes(dir.File("y.npy"), DataFiles.Npy("<i8", new long[] { 2 }, DataFiles.Longs(7, 3)));

        Dataset data = NpyReader.ReadDataset(dir.File("x.npy"), dir.File("y.npy"));

        Assert.Equal(new SampleShape(1, 1, 3), data.Shape);
        Assert.Equal(new[] { 4f, 5f, 6f }, data.Features(1).ToArray());
        Assert.Equal(new[] { 7, 3 }, data.Labels.ToArray());
    }

    [Fact]
    public void Unsigned_byte_images_are_scaled_to_unit_range()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("x.npy"), DataFiles.Npy("|u1", new long[] { 1, 2, 2 }, new byte[] { 0, 51, 102, 255 }));
        File.WriteAllBytes(dir.File("y.npy"), DataFiles.Npy("|u1", new long[] { 1 }, new byte[] { 2 }));

        Dataset data = NpyReader.ReadDataset(dir.File("x.npy"), dir.File("y.npy"));

        Assert.Equal(new SampleShape(1, 2, 2), data.Shape);
        Assert.Equal(new[] { 0f, 0.2f, 0.4f, 1f }, data.Features(0).ToArray());
    }

    [Fact]
    public void Bad_magic_names_the_expected_format()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("x.npy"), new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 });

        var e = Assert.Throws<DataFormatException>(() => NpyReader.Read(dir.File("x.npy")));

        Assert.Contains(dir.File("x.npy"), e.Message);
        Assert.Contains("expected \\x93NUMPY", e.Message);
    }

    [Fact]
    public void Fortran_order_is_refused_with_the_fix()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("x.npy"), DataFiles.Npy("<f4", new long[] { 1, 1 }, DataFiles.Floats(1), fortran: true));

        var e = Assert.Throws<DataFormatException>(() => NpyReader.Read(dir.File("x.npy")));

        Assert.Contains("numpy.ascontiguousarray", e.Message);
    }

    [Fact]
    public void Truncated_data_reports_needed_and_found_bytes()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("x.npy"), DataFiles.Npy("<f4", new long[] { 2, 2 }, DataFiles.Floats(1, 2, 3)));

        var e = Assert.Throws<DataFormatException>(() => NpyReader.Read(dir.File("x.npy")));

        Assert.Contains("truncated: shape (2, 2) of <f4 needs 16 data bytes but the file has 12", e.Message);
    }

    [Fact]
    public void Feature_and_label_count_mismatch_names_both_files()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("x.npy"), DataFiles.Npy("<f4", new long[] { 2, 1 }, DataFiles.Floats(1, 2)));
        File.WriteAllBytes(dir.File("y.npy"), DataFiles.Npy("<i8", new long[] { 3 }, DataFiles.Longs(0, 1, 2)));

        var e = Assert.Throws<DataFormatException>(() => NpyReader.ReadDataset(dir.File("x.npy"), dir.File("y.npy")));

        Assert.Contains($"has 3 labels but {dir.File("x.npy")} has 2 samples", e.Message);
    }

    [Fact]
    public void Float_labels_are_refused()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("x.npy"), DataFiles.Npy("<f4", new long[] { 1, 1 }, DataFiles.Floats(1)));
        File.WriteAllBytes(dir.File("y.npy"), DataFiles.Npy("<f4", new long[] { 1 }, DataFiles.Floats(1)));

        var e = Assert.Throws<DataFormatException>(() => NpyReader.ReadDataset(dir.File("x.npy"), dir.File("y.npy")));

        Assert.Contains("expected a 1-D integer array [N]", e.Message);
    }
}
