using Miro.Dsl.Model;
using Miro.Generators.Emit;
using Miro.Generators.Model;

namespace Miro.Generators.Tests.Infrastructure;

/// <summary>Calls the emitter directly on a hand-built spec, bypassing the parser.</summary>
internal static class EmitterHarness
{
    public const string FileName = "sample.miro";

    /// <summary>The generated source for <paramref name="spec"/>, quoting lines of <paramref name="text"/> when given.</summary>
    public static string Emit(PolicySpec spec, string? text = null)
    {
        var lines = text is not null && SpecOutline.Build(text).TryGetValue(spec.Name, out var found)
            ? found.ToEquatableArray()
            : EquatableArray<SourceLine>.Empty;
        var ns = PolicyEmitter.NamespaceOf(spec, GeneratorHarness.RootNamespace);
        return PolicyEmitter.Emit(new PolicyModel(spec, lines), FileName, ns, "1.0.0.0");
    }

    /// <summary>The generated type's full name.</summary>
    public static string FullName(PolicySpec spec) =>
        PolicyEmitter.NamespaceOf(spec, GeneratorHarness.RootNamespace) + "." + PolicyEmitter.TypeNameOf(spec);
}
