using Miro.Dsl.Model;

namespace Miro.Generators.Model;

/// <summary>What one <c>.miro</c> file compiles to: its policies (when it has no errors) and its diagnostics.</summary>
/// <param name="Path">The file's path as the compiler knows it.</param>
/// <param name="FileName">The file name alone, quoted in generated docs (absolute paths would make output machine-dependent).</param>
/// <param name="Policies">Policies to emit, in file order.</param>
/// <param name="Diagnostics">Diagnostics to report, in source order.</param>
internal sealed record SpecFileResult(
    string Path,
    string FileName,
    EquatableArray<PolicyModel> Policies,
    EquatableArray<DiagnosticInfo> Diagnostics);
