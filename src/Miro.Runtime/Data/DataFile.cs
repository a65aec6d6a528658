using System;
using System.IO;
using System.IO.Compression;

namespace Miro.Runtime.Data;

/// <summary>Opens data files, transparently decompressing gzip (detected by its magic bytes).</summary>
internal static class DataFile
{
    /// <summary>Opens <paramref name="path"/> for reading; a missing file gives a message naming it.</summary>
    public static Stream Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found.", path);
        }

        return Decompressing(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16));
    }

    /// <summary>Wraps a seekable stream in a gzip decompressor when it starts with the gzip magic bytes.</summary>
    public static Stream Decompressing(Stream seekable)
    {
        int b0 = seekable.ReadByte();
        int b1 = seekable.ReadByte();
        seekable.Position = 0;
        if (b0 == 0x1f && b1 == 0x8b)
        {
            return new BufferedStream(new GZipStream(seekable, CompressionMode.Decompress), 1 << 16);
        }

        return seekable;
    }

    /// <summary>
    /// Reads exactly <paramref name="buffer"/>.Length bytes; returns how many were read (fewer only at
    /// the end of the data). A corrupt gzip stream becomes a <see cref="DataFormatException"/>.
    /// </summary>
    public static int ReadFully(Stream stream, Span<byte> buffer, string path)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, $"the gzip data is corrupt ({e.Message}); re-download or re-extract the file.", e);
        }
    }

    /// <summary>True when the stream has no more bytes.</summary>
    public static bool AtEnd(Stream stream, string path)
    {
        Span<byte> one = stackalloc byte[1];
        return ReadFully(stream, one, path) == 0;
    }
}
