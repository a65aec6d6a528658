using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Miro.Runtime.Tests.Data;

/// <summary>Writes small data files in the formats the readers accept.</summary>
internal static class DataFiles
{
    public static byte[] Idx(int[] dims, byte[] data)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        bytes[2] = 0x08;
        bytes[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        }

        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(bytes);
        }

        return buffer.ToArray();
    }

    /// <summary>A tiny image set: sample i has every pixel equal to (i * 10 + label) and label i % classes.</summary>
    public static (byte[] Images, byte[] Labels) ImageSet(int count, int rows, int cols, int classes)
    {
        var pixels = new byte[count * rows * cols];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = (byte)(i % classes);
            pixels.AsSpan(i * rows * cols, rows * cols).Fill((byte)(i * 10 + labels[i]));
        }

        return (Idx(new[] { count, rows, cols }, pixels), Idx(new[] { count }, labels));
    }

    public static byte[] Npy(string descr, long[] shape, byte[] data, bool fortran = false)
    {
        string header = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': ({string.Join(", ", shape)}{(shape.Length == 1 ? "," : "")}), }}";
        int total = 10 + header.Length + 1;
        int pad = (64 - total % 64) % 64;
        header = header + new string(' ', pad) + "\n";
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange(Encoding.ASCII.GetBytes("NUMPY"));
        bytes.Add(1);
        bytes.Add(0);
        bytes.Add((byte)(header.Length & 0xff));
        bytes.Add((byte)(header.Length >> 8));
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    public static byte[] Floats(params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        }

        return bytes;
    }

    public static byte[] Longs(params long[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8 * i), values[i]);
        }

        return bytes;
    }
}
