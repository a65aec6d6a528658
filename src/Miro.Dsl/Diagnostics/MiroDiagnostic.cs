using System;

namespace Miro.Dsl.Diagnostics;

/// <summary>Severity of a <see cref="MiroDiagnostic"/>.</summary>
public enum MiroSeverity
{
    /// <summary>Informational.</summary>
    Info,
    /// <summary>A likely mistake; the spec still binds.</summary>
    Warning,
    /// <summary>The spec is invalid; no policy is produced for it.</summary>
    Error,
}

/// <summary>
/// A position in a source text: a 0-based character offset plus the 0-based line and column it
/// maps to. Columns count characters after the last line break (LF, CRLF or CR), so LF and CRLF
/// versions of a file give the same line and column.
/// </summary>
public readonly record struct SourcePosition(int Offset, int Line, int Column);

/// <summary>A span of source text between two positions (end exclusive).</summary>
public readonly record struct SourceSpan(SourcePosition Start, SourcePosition End)
{
    /// <summary>Length in characters.</summary>
    public int Length => End.Offset - Start.Offset;
}

/// <summary>
/// A problem found in a .miro file: a stable ID (<c>MIRO1xxx</c> syntax, <c>MIRO2xxx</c> semantics,
/// <c>MIRO3xxx</c> generation), a severity, a message that says what is wrong and what would be right,
/// the file path and the exact span. Equatable, so it can flow through the generator pipeline.
/// </summary>
public sealed record MiroDiagnostic(string Id, MiroSeverity Severity, string Message, string Path, SourceSpan Span)
{
    /// <summary>Formats as the compiler does: <c>path(line,col): error MIRO2003: message</c> (1-based).</summary>
    public override string ToString()
    {
        var severity = Severity switch
        {
            MiroSeverity.Error => "error",
            MiroSeverity.Warning => "warning",
            _ => "info",
        };
        return $"{Path}({Span.Start.Line + 1},{Span.Start.Column + 1}): {severity} {Id}: {Message}";
    }
}
