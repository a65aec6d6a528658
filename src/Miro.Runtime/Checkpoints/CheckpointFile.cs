using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Miro.Runtime.Memory;

namespace Miro.Runtime.Checkpoints;

/// <summary>
/// The checkpoint container: <c>MIROCKPT</c>, a format version, then named sections, each with its
/// length and CRC-32C, so a damaged or truncated file is reported, never half-loaded.
/// </summary>
internal static class CheckpointFile
{
    public const int Version = 1;
    private static ReadOnlySpan<byte> Magic => "MIROCKPT"u8;

    public static void Write(string path, IReadOnlyList<(string Name, byte[] Bytes)> sections)
    {
        try
        {
            WriteDurably(path, sections);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(path,
                $"{Files.FileFailure.Describe("write the checkpoint", path, e)} The last good checkpoint is kept" +
                (File.Exists(path) ? "" : " (there is none yet)") + ": fix the cause and continue with --resume.", e);
        }
    }

    private static void WriteDurably(string path, IReadOnlyList<(string Name, byte[] Bytes)> sections)
    {
        DurableFile.Replace(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(sections.Count);
            foreach (var (name, bytes) in sections)
            {
                writer.Write(name);
                writer.Write((long)bytes.Length);
                writer.Write(Crc32C.Append(0, bytes));
                writer.Write(bytes);
            }
        });
    }

    public static Dictionary<string, byte[]> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CheckpointException(path, $"No checkpoint at '{path}'. Point --resume at the run directory a killed run was writing (it holds checkpoint.bin).");
        }
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            Span<byte> magic = stackalloc byte[8];
            if (reader.Read(magic) != 8 || !magic.SequenceEqual(Magic))
            {
                throw Damaged(path, "it does not start with MIROCKPT");
            }
            int version = reader.ReadInt32();
            if (version != Version)
            {
                throw new CheckpointException(path, $"'{path}' is checkpoint format {version}; this Miro reads format {Version}. Resume with the Miro version that wrote it, or start the run afresh.");
            }
            int count = reader.ReadInt32();
            var sections = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            for (int i = 0; i < count; i++)
            {
                string name = reader.ReadString();
                long length = reader.ReadInt64();
                uint crc = reader.ReadUInt32();
                if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
                {
                    throw Damaged(path, $"section '{name}' is truncated");
                }
                byte[] bytes = reader.ReadBytes((int)length);
                if (Crc32C.Append(0, bytes) != crc)
                {
                    throw Damaged(path, $"section '{name}' fails its checksum");
                }
                sections[name] = bytes;
            }
            return sections;
        }
        catch (EndOfStreamException e)
        {
            throw Damaged(path, "it is truncated", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not CheckpointException)
        {
            throw new CheckpointException(path, Files.FileFailure.Describe("read the checkpoint", path, e), e);
        }
    }

    public static byte[] Section(Dictionary<string, byte[]> sections, string name, string path) =>
        sections.TryGetValue(name, out var bytes) ? bytes : throw Damaged(path, $"section '{name}' is missing");

    public static CheckpointException Damaged(string path, string detail, Exception? inner = null) =>
        new(path, $"The checkpoint '{path}' is damaged ({detail}). Checkpoints are replaced atomically, so this is storage damage: start the run afresh in the same folder with --force (which moves the old run aside) or in another folder.", inner);

    public static byte[] ToBytes(ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        }
        return bytes;
    }

    public static float[] ToFloats(byte[] bytes)
    {
        var values = new float[bytes.Length / sizeof(float)];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4));
        }
        return values;
    }
}
