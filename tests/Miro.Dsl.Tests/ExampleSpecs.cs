using System;
using System.IO;

namespace Miro.Dsl.Tests;

/// <summary>The example specs of examples/specs, copied next to the test assembly.</summary>
internal static class ExampleSpecs
{
    public static readonly string[] Names = { "quickstart", "jetson-orin-nano", "raspberry-pi-4", "laptop" };

    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "specs", name + ".miro"));
}
