using System.Globalization;

namespace Miro.Dsl.Diagnostics;

/// <summary>
/// One entry of the diagnostics catalog: a stable ID, a severity, a short title and a message
/// format whose placeholders (<c>{0}</c>, <c>{1}</c>, ...) are filled per occurrence.
/// </summary>
/// <param name="Id">Stable ID: <c>MIRO1xxx</c> syntax, <c>MIRO2xxx</c> semantics.</param>
/// <param name="Severity">Severity of every diagnostic made from this descriptor.</param>
/// <param name="Title">A short name for the problem, as listed in docs/diagnostics.md.</param>
/// <param name="MessageFormat">The message, naming the problem and the fix.</param>
public sealed record DiagnosticDescriptor(string Id, MiroSeverity Severity, string Title, string MessageFormat)
{
    /// <summary>Fills the message format with <paramref name="args"/> (invariant culture).</summary>
    public string Format(params object[] args) => string.Format(CultureInfo.InvariantCulture, MessageFormat, args);
}
