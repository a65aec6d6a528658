using System.IO;
using Miro.Runtime.Data;
using Xunit;

namespace Miro.Runtime.Tests.Data;

public sealed class CifarReaderTests
{
    private static byte[] Records(int count, int labelBytes, int labelBase)
    {
        int size = labelBytes + 3072;
        var bytes = new byte[count * size];
        for (int r = 0; r < count; r++)
        {
            bytes[r * size] = 99; // coarse label for CIFAR-100, ignored
            bytes[r * size + labelBytes - 1] = (byte)(labelBase + r);
            bytes[r * size + labelBytes] = 255;              // first red pixel
            bytes[r * size + labelBytes + 2048] = 51;        // first blue pixel
        }

        return bytes;
    }

    [Fact]
    public void Cifar10_batches_round_trip_and_concatenate()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("a.bin"), Records(2, 1, 0));
        File.WriteAllBytes(dir.File("b.bin"), Records(3, 1, 5));

        Dataset data = CifarReader.Read(new[] { dir.File("a.bin"), dir.File("b.bin") }, CifarKind.Cifar10);

        Assert.Equal(5, data.Count);
        Assert.Equal(new SampleShape(3, 32, 32), data.Shape);
        Assert.Equal(new[] { 0, 1, 5, 6, 7 }, data.Labels.ToArray());
        Assert.Equal(1f, data.Features(3)[0]);
        Assert.Equal(0.2f, data.Features(3)[2048]);
    }

    [Fact]
    public void Cifar100_uses_the_fine_label()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("train.bin"), Records(2, 2, 40));

        Dataset data = CifarReader.Read(new[] { dir.File("train.bin") }, CifarKind.Cifar100);

        Assert.Equal(new[] { 40, 41 }, data.Labels.ToArray());
    }

    [Fact]
    public void Truncated_batch_names_the_record_size()
    {
        using var dir = new TempDirectory();
        byte[] bytes = Records(2, 1, 0);
        File.WriteAllBytes(dir.File("data_batch_1.bin"), bytes[..^10]);

        var e = Assert.Throws<DataFormatException>(() => CifarReader.Read(new[] { dir.File("data_batch_1.bin") }, CifarKind.Cifar10));

        Assert.Contains(dir.File("data_batch_1.bin"), e.Message);
        Assert.Contains("not a whole number of 3073-byte CIFAR-10 records", e.Message);
    }

    [Fact]
    public void A_cifar100_file_read_as_cifar10_is_recognised()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("train.bin"), Records(3073, 2, 0)[..(3073 * 3074)]);

        var e = Assert.Throws<DataFormatException>(() => CifarReader.Read(new[] { dir.File("train.bin") }, CifarKind.Cifar10));

        Assert.Contains("CIFAR-10", e.Message);
    }

    [Fact]
    public void Out_of_range_label_is_reported_with_its_record()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("x.bin"), Records(2, 1, 9));

        var e = Assert.Throws<DataFormatException>(() => CifarReader.Read(new[] { dir.File("x.bin") }, CifarKind.Cifar10));

        Assert.Contains("record 1 has label 10; CIFAR-10 labels are 0..9", e.Message);
    }
}
