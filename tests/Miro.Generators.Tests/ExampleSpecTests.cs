using System.Collections.Generic;
using System.IO;
using System.Linq;
using Miro.Dsl;
using Miro.Generators.Tests.Infrastructure;
using Xunit;

namespace Miro.Generators.Tests;

/// <summary>
/// Every spec under examples/ (except examples/broken) through the real generator: reviewed
/// output, clean compile, and the same spec as run-time binding.
/// </summary>
public sealed class ExampleSpecTests
{
    private static string[] SpecPaths() =>
        Directory.GetFiles(RepoPaths.Examples, "*.miro", SearchOption.AllDirectories)
            .Where(p => !p.StartsWith(RepoPaths.BrokenSpecs + Path.DirectorySeparatorChar, System.StringComparison.Ordinal)
                && !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, System.StringComparison.Ordinal)
                && !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, System.StringComparison.Ordinal))
            .OrderBy(p => p, System.StringComparer.Ordinal)
            .ToArray();

    public static TheoryData<string> Specs()
    {
        var data = new TheoryData<string>();
        foreach (var path in SpecPaths()) data.Add(Relative(path));
        return data;
    }

    private static string Relative(string path) => Path.GetRelativePath(RepoPaths.Examples, path).Replace(Path.DirectorySeparatorChar, '/');

    private static (string Path, string Text) Read(string relativePath)
    {
        var path = Path.Combine(RepoPaths.Examples, relativePath);
        return (path, File.ReadAllText(path));
    }

    [Fact]
    public void The_sample_specs_and_the_example_app_spec_are_all_covered()
    {
        var covered = SpecPaths().Select(Relative).ToList();

        Assert.Contains("specs/quickstart.miro", covered);
        Assert.Contains("Miro.Examples.PolicyApp/Policies/edge-camera.miro", covered);
        Assert.DoesNotContain(covered, p => p.StartsWith("broken/", System.StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Generated_code_matches_its_snapshot(string fileName)
    {
        var output = GeneratorHarness.Run(Read(fileName));

        Assert.Empty(output.GeneratorDiagnostics);
        Assert.NotEmpty(output.Sources);
        foreach (var (hintName, source) in output.Sources.OrderBy(s => s.Key, System.StringComparer.Ordinal))
            Snapshot.Match(ScrubVersion(source), Path.GetFileNameWithoutExtension(fileName) + "." + hintName.Replace(".g.cs", ""));
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Generated_code_compiles_without_any_warning(string fileName)
    {
        var output = GeneratorHarness.Run(Read(fileName));

        Assert.True(output.CompilationProblems.Count == 0, string.Join("\n", output.CompilationProblems));
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Generated_spec_equals_the_spec_MiroCompiler_binds_at_run_time(string fileName)
    {
        var (path, text) = Read(fileName);
        var bound = MiroCompiler.Compile(text, path);
        Assert.False(bound.HasErrors);
        var output = GeneratorHarness.Run((path, text));

        using var compiled = CompiledPolicies.Load(output.Compilation);
        var policyTypes = compiled.Assembly.GetTypes().Where(t => typeof(IMiroPolicy).IsAssignableFrom(t)).ToList();

        Assert.Equal(bound.Policies.Count, policyTypes.Count);
        foreach (var spec in bound.Policies)
        {
            var type = Assert.Single(policyTypes, t => t.Name == spec.Name + "Policy");
            Assert.Equal(spec, compiled.Spec(type.FullName!));
            var instance = (IMiroPolicy)type.GetProperty("Instance")!.GetValue(null)!;
            Assert.Same(compiled.Spec(type.FullName!), instance.Spec);
        }
    }

    // The version in [GeneratedCode] changes with every release; the snapshot should not.
    private static string ScrubVersion(string source) =>
        source.Replace($"\"Miro.Generators\", \"{MiroPolicyGenerator.Version}\"", "\"Miro.Generators\", \"VERSION\"");
}
