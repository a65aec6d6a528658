using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Miro.Runtime.Tests.Native;

/// <summary>The build step of build/TorchSharpGlibcxxFix.targets, checked on this test's own output.</summary>
public sealed class GlibcxxPatchTests
{
    private const ushort VerFlgWeak = 0x2;

    private static string OutputCopy() =>
        new[] { "libLibTorchSharp.so", Path.Combine("runtimes", "linux-x64", "native", "libLibTorchSharp.so") }
            .Select(p => Path.Combine(AppContext.BaseDirectory, p))
            .First(File.Exists);

    [LinuxFact]
    public void The_output_copy_needs_GLIBCXX_3_4_32_only_weakly()
    {
        var needs = ElfVersionNeeds.Read(OutputCopy());

        Assert.Equal(VerFlgWeak, needs["GLIBCXX_3.4.32"] & VerFlgWeak);
        // Nothing else was touched: the other libstdc++ needs stay strong.
        Assert.Equal(0, needs["GLIBCXX_3.4.18"] & VerFlgWeak);
    }

    [LinuxFact]
    public void The_NuGet_cache_copy_is_never_patched_in_place()
    {
        string output = OutputCopy();
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string cached = Directory.EnumerateFiles(Path.Combine(packages, "torchsharp"), "libLibTorchSharp.so", SearchOption.AllDirectories)
            .First(p => p.Contains("linux-x64", StringComparison.Ordinal));

        Assert.Equal(0, ElfVersionNeeds.Read(cached)["GLIBCXX_3.4.32"] & VerFlgWeak);
        Assert.Equal(new FileInfo(cached).Length, new FileInfo(output).Length);
    }
}
