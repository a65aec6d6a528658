using System;
using System.IO;

namespace Miro.Cli.Tests;

/// <summary>Finds files of this repository from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Quickstart => Path.Combine(Root, "examples", "specs", "quickstart.miro");

    public static string EmbeddedSubset => Path.Combine(Root, "src", "Miro.Runtime", "Data", "Embedded", "fashion-mnist-subset");

    private static string FindRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Miro.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("Miro.sln not found above " + AppContext.BaseDirectory);
    }
}
