using System;
using System.Buffers.Binary;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Miro.Runtime.Memory;

/// <summary>
/// CRC-32C (Castagnoli), the checksum every stored sample carries. Uses the SSE4.2 / ARMv8 CRC
/// instructions when the CPU has them (edge boards usually do) and a table otherwise; both give
/// the same value (a test checks the standard vector). System.IO.Hashing is not referenced, so
/// the runtime carries this small implementation.
/// </summary>
internal static class Crc32C
{
    private const uint Polynomial = 0x82F63B78u; // reflected Castagnoli polynomial
    private static readonly uint[] Table = BuildTable();

    /// <summary>Extends <paramref name="crc"/> (initially 0) over <paramref name="data"/>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint state = ~crc;
        if (Sse42.X64.IsSupported)
        {
            ulong wide = state;
            while (data.Length >= 8)
            {
                wide = Sse42.X64.Crc32(wide, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }
            state = (uint)wide;
            foreach (byte b in data)
            {
                state = Sse42.Crc32(state, b);
            }
        }
        else if (Crc32.Arm64.IsSupported)
        {
            while (data.Length >= 8)
            {
                state = Crc32.Arm64.ComputeCrc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
                data = data[8..];
            }
            foreach (byte b in data)
            {
                state = Crc32.ComputeCrc32C(state, b);
            }
        }
        else
        {
            state = AppendSoftware(state, data);
        }
        return ~state;
    }

    /// <summary>The table-driven path; internal so a test can compare it with the hardware path.</summary>
    internal static uint AppendSoftware(uint state, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
        {
            state = Table[(state ^ b) & 0xFF] ^ (state >> 8);
        }
        return state;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
            }
            table[i] = c;
        }
        return table;
    }
}
