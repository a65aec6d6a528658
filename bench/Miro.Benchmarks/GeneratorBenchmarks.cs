using System;
using System.IO;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Miro.Generators;

namespace Miro.Benchmarks;

/// <summary>
/// Generator time per spec: a first run (fresh driver: read, parse, bind, emit), a re-run with
/// nothing changed (every step cached), and a re-run after an edit that changes the policy
/// (re-parse, re-bind and re-emit of that one file).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private MiroFile _original = null!;
    private MiroFile _edited = null!;
    private GeneratorDriver _warmDriver = null!;
    private GeneratorDriver _editDriver = null!;
    private MiroFile _current = null!;

    /// <summary>The example spec the generator compiles.</summary>
    [Params("quickstart.miro", "jetson-orin-nano.miro")]
    public string Spec { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(FindRepoRoot(), "examples", "specs", Spec);
        var text = File.ReadAllText(path);
        _original = new MiroFile(path, text);
        // A real change to the bound policy (one more DRAM byte), so the edit re-runs every step.
        _edited = new MiroFile(path, text.Replace("dram 2 GiB", "dram 2147483649 B").Replace("dram 8 GiB", "dram 8589934593 B"));
        if (_edited.Text == text) throw new InvalidOperationException($"{Spec}: no DRAM line to edit.");
        _compilation = CSharpCompilation.Create("Bench", [CSharpSyntaxTree.ParseText("class C { }")]);
        _warmDriver = NewDriver(_original).RunGenerators(_compilation);
        // Measure real work only: the spec must compile to source without any diagnostic.
        var result = _warmDriver.GetRunResult();
        if (result.Diagnostics.Length > 0 || result.GeneratedTrees.Length == 0)
            throw new InvalidOperationException($"{Spec} did not generate cleanly: {string.Join("; ", result.Diagnostics)}");
        _current = _original;
        _editDriver = NewDriver(_current).RunGenerators(_compilation);
    }

    /// <summary>A fresh driver over one spec: the cost of the first build after opening a project.</summary>
    [Benchmark]
    public GeneratorDriver FirstRun() => NewDriver(_original).RunGenerators(_compilation);

    /// <summary>Nothing changed (e.g. a C# edit): every step is served from the cache.</summary>
    [Benchmark]
    public GeneratorDriver RerunUnchanged() => _warmDriver.RunGenerators(_compilation);

    /// <summary>The spec was edited: that file is parsed, bound and emitted again.</summary>
    [Benchmark]
    public GeneratorDriver RerunAfterEdit()
    {
        var next = ReferenceEquals(_current, _original) ? _edited : _original;
        _editDriver = _editDriver.ReplaceAdditionalText(_current, next).RunGenerators(_compilation);
        _current = next;
        return _editDriver;
    }

    private static GeneratorDriver NewDriver(MiroFile file) =>
        CSharpGeneratorDriver.Create([new MiroPolicyGenerator().AsSourceGenerator()], [file]);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Miro.sln"))) return dir.FullName;
        throw new InvalidOperationException("Run the benchmarks from a checkout of the repository (Miro.sln not found).");
    }

    private sealed class MiroFile(string path, string text) : AdditionalText
    {
        private readonly SourceText _source = SourceText.From(text);

        public string Text => text;

        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _source;
    }
}
