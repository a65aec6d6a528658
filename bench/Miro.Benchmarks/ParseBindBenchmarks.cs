using System;
using System.IO;
using System.Text;
using BenchmarkDotNet.Attributes;
using Miro.Dsl;

namespace Miro.Benchmarks;

/// <summary>
/// Parse + bind time of the .miro compiler: one example spec, and a ~1 MB file made by repeating
/// the example policies under distinct names.
/// </summary>
[MemoryDiagnoser]
public class ParseBindBenchmarks
{
    private static readonly string[] Examples = { "quickstart", "jetson-orin-nano", "raspberry-pi-4", "laptop" };

    private string _oneSpec = "";
    private string _oneMegabyte = "";

    [GlobalSetup]
    public void Setup()
    {
        var specs = new string[Examples.Length];
        for (var i = 0; i < specs.Length; i++) specs[i] = File.ReadAllText(FindSpec(Examples[i]));
        _oneSpec = specs[2];
        _oneMegabyte = Repeat(specs, 1_000_000);
        Check(_oneSpec);
        Check(_oneMegabyte);
    }

    /// <summary>Repeats the specs, renaming each policy, until the text reaches <paramref name="size"/> characters.</summary>
    internal static string Repeat(string[] specs, int size)
    {
        var text = new StringBuilder(size + 4096);
        for (var copy = 0; text.Length < size; copy++)
            foreach (var spec in specs)
            {
                // The policy keyword at the start of a line (comments above it may mention "policy" too).
                var nameStart = spec.IndexOf("\npolicy ", StringComparison.Ordinal) + "\npolicy ".Length;
                var nameEnd = spec.IndexOf(' ', nameStart);
                text.Append(spec, 0, nameEnd).Append("_").Append(copy).Append(spec, nameEnd, spec.Length - nameEnd).Append('\n');
            }
        return text.ToString();
    }

    private static void Check(string text)
    {
        var result = MiroCompiler.Compile(text, "bench.miro");
        if (result.Diagnostics.Count != 0 || result.Policies.Count == 0)
            throw new InvalidOperationException("benchmark input must compile cleanly: " + result.Diagnostics.Count + " diagnostics");
    }

    private static string FindSpec(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "examples", "specs", name + ".miro");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"examples/specs/{name}.miro not found above {AppContext.BaseDirectory}; run the benchmark from the repository.");
    }

    [Benchmark(Description = "one example spec (raspberry-pi-4, 2 KB)")]
    public CompilationResult OneSpec() => MiroCompiler.Compile(_oneSpec, "one.miro");

    [Benchmark(Description = "1 MB of policies")]
    public CompilationResult OneMegabyte() => MiroCompiler.Compile(_oneMegabyte, "big.miro");
}
