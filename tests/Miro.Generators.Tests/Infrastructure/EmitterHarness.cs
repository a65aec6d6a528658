using Miro.Dsl;
using Miro.Dsl.Model;
using Miro.Generators.Emit;
using Miro.Generators.Model;

namespace Miro.Generators.Tests.Infrastructure;

/// <summary>Calls the emitter directly on a hand-built spec, bypassing the parser.</summary>
internal static class EmitterHarness
{
    public const string FileName = "sample.miro";

    /// <summary>The generated source for <paramref name="spec"/>, quoting the settings of <paramref name="text"/>
    /// (compiled by Miro.Dsl, which must give a policy of the same name) when given.</summary>
    public static string Emit(PolicySpec spec, string? text = null)
    {
        var sources = new SpecSourceMap(EquatableArray<SpecSource>.Empty);
        if (text is not null)
        {
            var compiled = MiroCompiler.Compile(text, FileName);
            for (var i = 0; i < compiled.Policies.Count; i++)
                if (compiled.Policies[i].Name == spec.Name) sources = compiled.Sources[i];
        }

        var ns = PolicyEmitter.NamespaceOf(spec, GeneratorHarness.RootNamespace);
        return PolicyEmitter.Emit(new PolicyModel(spec, sources), FileName, ns, "1.0.0.0");
    }

    /// <summary>The generated type's full name.</summary>
    public static string FullName(PolicySpec spec) =>
        PolicyEmitter.NamespaceOf(spec, GeneratorHarness.RootNamespace) + "." + PolicyEmitter.TypeNameOf(spec);
}
