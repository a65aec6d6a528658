using System;
using System.IO;

namespace Miro.Generators.Tests.Infrastructure;

/// <summary>Paths inside the repository, found from the test assembly's location (works under any build path map).</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The directory holding Miro.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>examples/: sample specs (examples/specs) and the example apps' specs.</summary>
    public static string Examples => Path.Combine(Root, "examples");

    /// <summary>examples/broken: deliberately broken specs, kept out of every build.</summary>
    public static string BrokenSpecs => Path.Combine(Root, "examples", "broken");

    /// <summary>This test project's snapshot folder.</summary>
    public static string Snapshots => Path.Combine(Root, "tests", "Miro.Generators.Tests", "Snapshots");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Miro.sln"))) return dir.FullName;
        throw new InvalidOperationException($"Miro.sln not found above {AppContext.BaseDirectory}; run the tests from a checkout of the repository.");
    }
}
