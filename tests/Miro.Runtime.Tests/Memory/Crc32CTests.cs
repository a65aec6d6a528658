using System;
using Miro.Runtime.Memory;
using Xunit;

namespace Miro.Runtime.Tests.Memory;

public sealed class Crc32CTests
{
    [Fact]
    public void Crc32C_of_the_standard_check_string_is_E3069283()
    {
        Assert.Equal(0xE3069283u, Crc32C.Append(0, "123456789"u8));
    }

    [Fact]
    public void Hardware_and_table_paths_agree_and_chaining_equals_one_pass()
    {
        var data = new byte[1001];
        new Random(4).NextBytes(data);
        uint software = ~Crc32C.AppendSoftware(~0u, data);
        Assert.Equal(software, Crc32C.Append(0, data));
        Assert.Equal(software, Crc32C.Append(Crc32C.Append(0, data.AsSpan(0, 333)), data.AsSpan(333)));
    }
}
