using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace Miro.Runtime.Data;

/// <summary>
/// Reads NumPy <c>.npy</c> files (format versions 1–3, C order) of element types
/// <c>u1 i1 i2 i4 i8 f4 f8 b1</c> in either byte order, and pairs a features array with a labels
/// array into a <see cref="Dataset"/>.
/// </summary>
public static partial class NpyReader
{
    private static ReadOnlySpan<byte> Magic => new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' };

    /// <summary>Reads one <c>.npy</c> file.</summary>
    /// <exception cref="DataFormatException">Bad magic, unsupported dtype or Fortran order, truncated data.</exception>
    public static NpyArray Read(string path)
    {
        using Stream stream = DataFile.Open(path);
        Span<byte> prefix = stackalloc byte[8];
        if (DataFile.ReadFully(stream, prefix, path) < 8 || !prefix[..6].SequenceEqual(Magic))
        {
            throw new DataFormatException(path, "bad magic number; expected \\x93NUMPY (a NumPy .npy file written by numpy.save).");
        }

        int major = prefix[6];
        int headerLength;
        if (major == 1)
        {
            Span<byte> len = stackalloc byte[2];
            if (DataFile.ReadFully(stream, len, path) < 2)
            {
                throw new DataFormatException(path, "truncated header.");
            }

            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(len);
        }
        else if (major is 2 or 3)
        {
            Span<byte> len = stackalloc byte[4];
            if (DataFile.ReadFully(stream, len, path) < 4)
            {
                throw new DataFormatException(path, "truncated header.");
            }

            headerLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(len));
        }
        else
        {
            throw new DataFormatException(path, $"format version {major}.{prefix[7]} is not supported; expected 1.0, 2.0 or 3.0.");
        }

        var headerBytes = new byte[headerLength];
        if (DataFile.ReadFully(stream, headerBytes, path) < headerLength)
        {
            throw new DataFormatException(path, $"truncated header: expected {headerLength} bytes.");
        }

        string header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes);
        Match descr = DescrPattern().Match(header);
        Match fortran = FortranPattern().Match(header);
        Match shapeMatch = ShapePattern().Match(header);
        if (!descr.Success || !fortran.Success || !shapeMatch.Success)
        {
            throw new DataFormatException(path, $"header {header.Trim()} lacks 'descr', 'fortran_order' or 'shape'.");
        }

        if (fortran.Groups[1].Value == "True")
        {
            throw new DataFormatException(path, "is in Fortran order; expected C order (save with numpy.ascontiguousarray).");
        }

        string dtype = descr.Groups[1].Value;
        long[] shape = ParseShape(shapeMatch.Groups[1].Value, path);
        int itemSize = ItemSize(dtype, path);
        long count = 1;
        foreach (long d in shape)
        {
            count *= d;
        }

        if (count * itemSize > Array.MaxLength)
        {
            throw new DataFormatException(path, $"shape ({string.Join(", ", shape)}) is too large to load.");
        }

        var data = new byte[count * itemSize];
        int read = DataFile.ReadFully(stream, data, path);
        if (read < data.Length)
        {
            throw new DataFormatException(path,
                $"truncated: shape ({string.Join(", ", shape)}) of {dtype} needs {data.Length} data bytes but the file has {read}.");
        }

        SampleElement element = Element(dtype);
        ToLittleEndian(data, dtype, itemSize);
        var values = new float[count];
        new SampleEncoding(element, 1f).Decode(data, values);
        return new NpyArray(shape, values, dtype, data, element);
    }

    /// <summary>
    /// Reads features ([N, H, W], [N, C, H, W] or [N, D]; unsigned bytes are scaled to [0, 1]) and
    /// integer labels ([N]) into a dataset.
    /// </summary>
    public static Dataset ReadDataset(string featuresPath, string labelsPath)
    {
        NpyArray x = Read(featuresPath);
        NpyArray y = Read(labelsPath);
        SampleShape shape = x.Shape.Length switch
        {
            2 => new SampleShape(1, 1, checked((int)x.Shape[1])),
            3 => new SampleShape(1, checked((int)x.Shape[1]), checked((int)x.Shape[2])),
            4 => new SampleShape(checked((int)x.Shape[1]), checked((int)x.Shape[2]), checked((int)x.Shape[3])),
            _ => throw new DataFormatException(featuresPath,
                $"features have shape ({string.Join(", ", x.Shape)}); expected [N, D], [N, H, W] or [N, C, H, W]."),
        };

        if (y.Shape.Length != 1 || !y.IsInteger)
        {
            throw new DataFormatException(labelsPath,
                $"labels have shape ({string.Join(", ", y.Shape)}) of {y.DType}; expected a 1-D integer array [N].");
        }

        if (y.Shape[0] != x.Shape[0])
        {
            throw new DataFormatException(labelsPath,
                $"has {y.Shape[0]} labels but {featuresPath} has {x.Shape[0]} samples; expected the same count.");
        }

        // Unsigned bytes are pixels: scaled to [0, 1] like IDX and CIFAR data.
        var encoding = new SampleEncoding(x.Element, x.DType.EndsWith("u1", StringComparison.Ordinal) ? 255f : 1f);

        var labels = new int[y.Values.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            float v = y.Values[i];
            if (v < 0)
            {
                throw new DataFormatException(labelsPath, $"label {i} is negative ({v}); expected class ids 0, 1, 2, ...");
            }

            labels[i] = (int)v;
        }

        return new Dataset(x.Raw, encoding, labels, shape, featuresPath);
    }

    private static long[] ParseShape(string text, string path)
    {
        string[] parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var shape = new long[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i].TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]))
            {
                throw new DataFormatException(path, $"shape ({text}) is not a tuple of non-negative integers.");
            }
        }

        return shape;
    }

    private static int ItemSize(string dtype, string path)
    {
        if (dtype.Length >= 3 && dtype[0] is '<' or '>' or '|' or '=')
        {
            string kind = dtype[1..];
            switch (kind)
            {
                case "u1" or "i1" or "b1": return 1;
                case "i2": return 2;
                case "i4" or "f4": return 4;
                case "i8" or "f8": return 8;
            }
        }

        throw new DataFormatException(path, $"element type '{dtype}' is not supported; expected u1, i1, i2, i4, i8, f4, f8 or b1.");
    }

    /// <summary>The element type a dtype's values are kept in (booleans as bytes).</summary>
    private static SampleElement Element(string dtype) => dtype[1..] switch
    {
        "u1" or "b1" => SampleElement.UInt8,
        "i1" => SampleElement.Int8,
        "i2" => SampleElement.Int16,
        "i4" => SampleElement.Int32,
        "i8" => SampleElement.Int64,
        "f4" => SampleElement.Float32,
        _ => SampleElement.Float64,
    };

    /// <summary>Byte-swaps big-endian elements in place, so the data is in the sample store's (little-endian) order.</summary>
    private static void ToLittleEndian(byte[] data, string dtype, int itemSize)
    {
        bool big = dtype[0] == '>' || (dtype[0] == '=' && !BitConverter.IsLittleEndian);
        if (!big || itemSize == 1)
        {
            return;
        }

        for (int i = 0; i < data.Length; i += itemSize)
        {
            data.AsSpan(i, itemSize).Reverse();
        }
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
