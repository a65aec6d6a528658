using System.IO;
using Xunit;

namespace Miro.Runtime.Tests;

public sealed class DurableFileTests
{
    [Fact]
    public void Replace_swaps_in_the_new_content_and_leaves_no_temporary_file()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "nested", "summary.json");
        DurableFile.ReplaceText(path, "{\"v\": 1}");
        DurableFile.ReplaceText(path, "{\"v\": 2}");
        Assert.Equal("{\"v\": 2}", File.ReadAllText(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(Path.GetDirectoryName(path)!));
        Assert.NotEqual(0xEF, File.ReadAllBytes(path)[0]); // no byte-order mark, like File.WriteAllText
    }
}
