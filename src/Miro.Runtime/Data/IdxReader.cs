using System;
using System.Buffers.Binary;
using System.IO;

namespace Miro.Runtime.Data;

/// <summary>
/// Reads IDX files, the format of MNIST, Fashion-MNIST, KMNIST and EMNIST (plain or gzipped):
/// a big-endian header <c>00 00 08 ndim</c>, <c>ndim</c> big-endian int32 dimensions, then unsigned
/// bytes. Only the unsigned-byte element type (0x08) is supported: it is what the MNIST family uses.
/// </summary>
public static class IdxReader
{
    private const byte UnsignedByte = 0x08;

    /// <summary>Reads one IDX file.</summary>
    /// <param name="path">The file (<c>.gz</c> or plain).</param>
    /// <returns>The dimensions and the raw bytes.</returns>
    /// <exception cref="DataFormatException">Bad magic, unsupported type, truncated or trailing data.</exception>
    public static IdxArray Read(string path)
    {
        using Stream stream = DataFile.Open(path);
        return Read(stream, path);
    }

    /// <summary>Reads IDX data from <paramref name="stream"/> (already decompressed); <paramref name="path"/> names it in errors.</summary>
    internal static IdxArray Read(Stream stream, string path)
    {
        Span<byte> magic = stackalloc byte[4];
        if (DataFile.ReadFully(stream, magic, path) < 4 || magic[0] != 0 || magic[1] != 0)
        {
            throw new DataFormatException(path,
                $"bad magic number {Hex(magic)}; expected 00 00 08 0N (an IDX file of unsigned bytes, e.g. train-images-idx3-ubyte).");
        }

        if (magic[2] != UnsignedByte)
        {
            throw new DataFormatException(path,
                $"IDX element type 0x{magic[2]:x2} is not supported; expected 0x08 (unsigned byte, as in the MNIST family).");
        }

        int ndim = magic[3];
        if (ndim == 0)
        {
            throw new DataFormatException(path, "IDX header declares 0 dimensions; expected 1 (labels) or 3 (images).");
        }

        var header = new byte[4 * ndim];
        if (DataFile.ReadFully(stream, header, path) < header.Length)
        {
            throw new DataFormatException(path, $"truncated header: expected {ndim} dimension sizes.");
        }

        var dims = new int[ndim];
        long total = 1;
        for (int i = 0; i < ndim; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4 * i));
            if (dims[i] < 0)
            {
                throw new DataFormatException(path, $"dimension {i} is negative ({dims[i]}).");
            }

            total *= dims[i];
        }

        if (total > Array.MaxLength)
        {
            throw new DataFormatException(path, $"shape [{string.Join(", ", dims)}] is too large to load.");
        }

        var data = new byte[total];
        int read = DataFile.ReadFully(stream, data, path);
        if (read < total)
        {
            throw new DataFormatException(path,
                $"truncated: shape [{string.Join(", ", dims)}] needs {total} data bytes but the file has {read}.");
        }

        if (!DataFile.AtEnd(stream, path))
        {
            throw new DataFormatException(path,
                $"has bytes after the {total} data bytes of shape [{string.Join(", ", dims)}]; the header and the data disagree.");
        }

        return new IdxArray(dims, data);
    }

    /// <summary>
    /// Reads an image file ([N, H, W] or [N, C, H, W]) and its label file ([N]) into a dataset with
    /// pixel values scaled to [0, 1].
    /// </summary>
    /// <param name="imagesPath">The images IDX file.</param>
    /// <param name="labelsPath">The labels IDX file.</param>
    /// <param name="classCount">The data set's number of classes: every label must be below it (10 for the MNIST family).</param>
    /// <exception cref="DataFormatException">A file is malformed, or a label is out of range (the message names the labels file, the index and the value).</exception>
    public static Dataset ReadDataset(string imagesPath, string labelsPath, int classCount = MnistFamilyClasses)
        => ToDataset(Read(imagesPath), imagesPath, Read(labelsPath), labelsPath, classCount);

    /// <summary>The class count of every IDX data set Miro reads (MNIST, Fashion-MNIST).</summary>
    public const int MnistFamilyClasses = 10;

    /// <summary>Pairs images and labels read elsewhere (e.g. from embedded resources).</summary>
    internal static Dataset ToDataset(IdxArray images, string imagesPath, IdxArray labels, string labelsPath, int classCount = MnistFamilyClasses)
    {
        SampleShape shape = images.Dimensions.Length switch
        {
            3 => new SampleShape(1, images.Dimensions[1], images.Dimensions[2]),
            4 => new SampleShape(images.Dimensions[1], images.Dimensions[2], images.Dimensions[3]),
            _ => throw new DataFormatException(imagesPath,
                $"images have {images.Dimensions.Length} dimensions; expected 3 ([N, rows, columns]) or 4 ([N, channels, rows, columns])."),
        };

        if (labels.Dimensions.Length != 1)
        {
            throw new DataFormatException(labelsPath,
                $"labels have {labels.Dimensions.Length} dimensions; expected 1 ([N]). Were the image and label files swapped?");
        }

        int count = images.Dimensions[0];
        if (labels.Dimensions[0] != count)
        {
            throw new DataFormatException(labelsPath,
                $"has {labels.Dimensions[0]} labels but {imagesPath} has {count} images; expected the same count.");
        }

        var y = new int[count];
        for (int i = 0; i < count; i++)
        {
            y[i] = labels.Data[i];
        }

        // A label beyond the class count would silently add a class and shift the class order.
        LabelRange.Check(y, classCount, labelsPath);

        return new Dataset(images.Data, SampleEncoding.PixelBytes, y, shape, imagesPath);
    }

    private static string Hex(ReadOnlySpan<byte> bytes)
    {
        var parts = new string[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            parts[i] = bytes[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture);
        }

        return string.Join(' ', parts);
    }
}
