using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Miro.Runtime.Tests.Native;

/// <summary>Reads the version needs (<c>.gnu.version_r</c> Vernaux entries) of an ELF64 little-endian file.</summary>
internal static class ElfVersionNeeds
{
    public static Dictionary<string, ushort> Read(string path)
    {
        byte[] elf = File.ReadAllBytes(path);
        long shoff = BitConverter.ToInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3a);
        int shnum = BitConverter.ToUInt16(elf, 0x3c);
        var needs = new Dictionary<string, ushort>();
        for (int s = 0; s < shnum; s++)
        {
            int sh = (int)(shoff + (long)s * shentsize);
            if (BitConverter.ToUInt32(elf, sh + 4) != 0x6ffffffe)
            {
                continue;
            }

            long offset = BitConverter.ToInt64(elf, sh + 0x18);
            int link = (int)BitConverter.ToUInt32(elf, sh + 0x28);
            int count = (int)BitConverter.ToUInt32(elf, sh + 0x2c);
            long strings = BitConverter.ToInt64(elf, (int)(shoff + (long)link * shentsize) + 0x18);
            long vn = offset;
            for (int i = 0; i < count; i++)
            {
                int auxCount = BitConverter.ToUInt16(elf, (int)vn + 2);
                long aux = vn + BitConverter.ToUInt32(elf, (int)vn + 8);
                for (int j = 0; j < auxCount; j++)
                {
                    int name = (int)(strings + BitConverter.ToUInt32(elf, (int)aux + 8));
                    int end = Array.IndexOf(elf, (byte)0, name);
                    needs[Encoding.ASCII.GetString(elf, name, end - name)] = BitConverter.ToUInt16(elf, (int)aux + 4);
                    aux += BitConverter.ToUInt32(elf, (int)aux + 12);
                }

                vn += BitConverter.ToUInt32(elf, (int)vn + 12);
            }
        }

        return needs;
    }
}
