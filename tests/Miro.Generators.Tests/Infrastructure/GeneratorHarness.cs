using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Miro.Generators.Tests.Infrastructure;

/// <summary>Runs <see cref="MiroPolicyGenerator"/> over in-memory .miro files and compiles what it emits.</summary>
internal static class GeneratorHarness
{
    /// <summary>The root namespace the tests' consumer project has.</summary>
    public const string RootNamespace = "Consumer";

    public static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.CSharp12)
        .WithDocumentationMode(DocumentationMode.Diagnose);

    /// <summary>The framework plus Miro.Dsl: what a consumer project compiles generated policies against.</summary>
    public static readonly ImmutableArray<MetadataReference> References = BuildReferences();

    /// <summary>A consumer compilation holding <paramref name="sources"/>, with nullable on and every warning reported.</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Consumer",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{i}.cs")),
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999,
                deterministic: true));

    /// <summary>A driver that tracks incremental steps, over <paramref name="files"/>.</summary>
    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files, string? rootNamespace = RootNamespace)
    {
        var options = new Dictionary<string, string>();
        if (rootNamespace is not null) options["build_property.RootNamespace"] = rootNamespace;
        return CSharpGeneratorDriver.Create(
            new[] { new MiroPolicyGenerator().AsSourceGenerator() },
            files,
            ParseOptions,
            new TestOptionsProvider(options),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>Runs the generator once over <paramref name="files"/> (path, text).</summary>
    public static GeneratorOutput Run(params (string Path, string Text)[] files) => Run(RootNamespace, files);

    /// <summary>Runs the generator once over <paramref name="files"/> in a project whose root namespace is <paramref name="rootNamespace"/>.</summary>
    public static GeneratorOutput Run(string rootNamespace, params (string Path, string Text)[] files)
    {
        var compilation = CreateCompilation("namespace Consumer { internal static class Anchor { } }");
        var driver = CreateDriver(files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)), rootNamespace)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var result = driver.GetRunResult();
        return new GeneratorOutput(result, generatorDiagnostics, (CSharpCompilation)output);
    }

    private static ImmutableArray<MetadataReference> BuildReferences()
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll");
        return framework
            .Append(typeof(Miro.Dsl.Model.PolicySpec).Assembly.Location)
            .Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}

/// <summary>What one generator run produced.</summary>
internal sealed record GeneratorOutput(GeneratorDriverRunResult RunResult, ImmutableArray<Diagnostic> GeneratorDiagnostics, CSharpCompilation Compilation)
{
    /// <summary>Generated sources by hint name.</summary>
    public IReadOnlyDictionary<string, string> Sources =>
        RunResult.Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>Every warning and error of the consumer compilation that includes the generated code.</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems =>
        Compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
}
