using Miro.Dsl.Diagnostics;
using Miro.Dsl.Model;

namespace Miro.Dsl;

/// <summary>The result of compiling one .miro file.</summary>
/// <param name="Policies">The policies that bound without errors, in file order.</param>
/// <param name="Diagnostics">Every diagnostic, in source order.</param>
public sealed record CompilationResult(EquatableArray<PolicySpec> Policies, EquatableArray<MiroDiagnostic> Diagnostics)
{
    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors
    {
        get
        {
            foreach (var d in Diagnostics)
                if (d.Severity == MiroSeverity.Error) return true;
            return false;
        }
    }
}

/// <summary>The entry point of the .miro language: text in, policies and diagnostics out.</summary>
public static class MiroCompiler
{
    /// <summary>
    /// Parses and binds <paramref name="text"/>. Never throws for any input: every problem is a
    /// diagnostic. <paramref name="path"/> is only used to label diagnostics.
    /// </summary>
    public static CompilationResult Compile(string text, string path)
    {
        // Placeholder until the parser and binder land (issue 2).
        _ = text;
        _ = path;
        return new CompilationResult(EquatableArray<PolicySpec>.Empty, EquatableArray<MiroDiagnostic>.Empty);
    }
}
