using System;
using System.Collections.Generic;
using System.IO;

namespace Miro.Runtime.Data;

/// <summary>
/// Reads CIFAR-10 / CIFAR-100 binary batches (<c>data_batch_1.bin</c>, <c>test_batch.bin</c>,
/// <c>train.bin</c>, ...): fixed-size records of label byte(s) then 32×32 pixels as three 1,024-byte
/// planes (red, green, blue). Pixels are scaled to [0, 1]; samples are 3 × 32 × 32.
/// </summary>
public static class CifarReader
{
    private const int PixelBytes = 3 * 32 * 32;

    /// <summary>Reads and concatenates the given batch files.</summary>
    /// <param name="paths">One or more batch files of the same kind.</param>
    /// <param name="kind">CIFAR-10 or CIFAR-100.</param>
    /// <exception cref="DataFormatException">A file's size is not a whole number of records, or a label is out of range.</exception>
    public static Dataset Read(IReadOnlyList<string> paths, CifarKind kind)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            throw new ArgumentException("No CIFAR batch files given.", nameof(paths));
        }

        int labelBytes = kind == CifarKind.Cifar10 ? 1 : 2;
        int recordSize = labelBytes + PixelBytes;
        int classes = kind == CifarKind.Cifar10 ? 10 : 100;
        var features = new List<byte[]>();
        var labels = new List<int>();
        foreach (string path in paths)
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{path}: file not found.", path);
            }

            byte[] bytes = File.ReadAllBytes(path);
            if (bytes.Length == 0 || bytes.Length % recordSize != 0)
            {
                string hint = kind == CifarKind.Cifar10 && bytes.Length % (recordSize + 1) == 0 && bytes.Length > 0
                    ? " It looks like a CIFAR-100 file."
                    : kind == CifarKind.Cifar100 && bytes.Length % (recordSize - 1) == 0 && bytes.Length > 0
                        ? " It looks like a CIFAR-10 file."
                        : string.Empty;
                throw new DataFormatException(path,
                    $"size {bytes.Length} bytes is not a whole number of {recordSize}-byte {Name(kind)} records (truncated or not a {Name(kind)} binary batch).{hint}");
            }

            int records = bytes.Length / recordSize;
            var x = new byte[records * PixelBytes];
            for (int r = 0; r < records; r++)
            {
                int offset = r * recordSize;
                int label = bytes[offset + labelBytes - 1];
                if (label >= classes)
                {
                    throw new DataFormatException(path,
                        $"record {r} has label {label}; {Name(kind)} labels are 0..{classes - 1}. Is this a {(kind == CifarKind.Cifar10 ? "CIFAR-100" : "different")} file?");
                }

                labels.Add(label);
                bytes.AsSpan(offset + labelBytes, PixelBytes).CopyTo(x.AsSpan(r * PixelBytes));
            }

            features.Add(x);
        }

        var all = new byte[labels.Count * PixelBytes];
        int at = 0;
        foreach (byte[] x in features)
        {
            x.CopyTo(all, at);
            at += x.Length;
        }

        return new Dataset(all, SampleEncoding.PixelBytes, labels.ToArray(), new SampleShape(3, 32, 32), paths[0]);
    }

    private static string Name(CifarKind kind) => kind == CifarKind.Cifar10 ? "CIFAR-10" : "CIFAR-100";
}
