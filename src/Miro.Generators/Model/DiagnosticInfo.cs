using Microsoft.CodeAnalysis;
using Miro.Dsl.Model;

namespace Miro.Generators.Model;

/// <summary>
/// A diagnostic as equatable data (the Regex generator's approach): the pipeline carries these,
/// and <see cref="GeneratorDiagnostics.ToDiagnostic"/> turns them into <see cref="Diagnostic"/>s
/// when they are reported.
/// </summary>
/// <param name="Id">The diagnostic ID (<c>MIRO1xxx</c>, <c>MIRO2xxx</c> or <c>MIRO3xxx</c>).</param>
/// <param name="Severity">The compiler severity.</param>
/// <param name="MessageArgs">The arguments of the descriptor's message format.</param>
/// <param name="Location">Where in the .miro file.</param>
internal sealed record DiagnosticInfo(string Id, DiagnosticSeverity Severity, EquatableArray<string> MessageArgs, LocationInfo Location);
