using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Miro.Dsl.Model;
using Xunit;

namespace Miro.Generators.Tests.Infrastructure;

/// <summary>
/// Compiles generated code to an in-memory assembly and loads it into a collectible load context
/// (Miro.Dsl resolves to the test's own copy, so specs compare with the test's types).
/// </summary>
internal sealed class CompiledPolicies : IDisposable
{
    private readonly AssemblyLoadContext _context;

    private CompiledPolicies(AssemblyLoadContext context, Assembly assembly)
    {
        _context = context;
        Assembly = assembly;
    }

    public Assembly Assembly { get; }

    /// <summary>Emits <paramref name="compilation"/>; fails the test with the compiler's messages if it does not compile.</summary>
    public static CompiledPolicies Load(CSharpCompilation compilation)
    {
        using var image = new MemoryStream();
        var emit = compilation.Emit(image);
        Assert.True(emit.Success, "Generated code does not compile:\n" + string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        image.Position = 0;
        var context = new AssemblyLoadContext("generated-policies", isCollectible: true);
        return new CompiledPolicies(context, context.LoadFromStream(image));
    }

    public Type Type(string fullName) =>
        Assembly.GetType(fullName) ?? throw new InvalidOperationException($"{fullName} was not generated; types: {string.Join(", ", Assembly.GetTypes().Select(t => t.FullName))}");

    /// <summary>The static <c>Spec</c> of generated policy type <paramref name="fullName"/>.</summary>
    public PolicySpec Spec(string fullName) =>
        (PolicySpec)Type(fullName).GetProperty("Spec", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    public void Dispose() => _context.Unload();
}
