using System;
using Microsoft.CodeAnalysis;
using Miro.Dsl.Diagnostics;
using Miro.Dsl.Model;
using Miro.Generators.Model;
using DiagnosticDescriptor = Microsoft.CodeAnalysis.DiagnosticDescriptor;

namespace Miro.Generators;

/// <summary>
/// The generator's own diagnostics (<c>MIRO3xxx</c>, tracked in AnalyzerReleases.*.md) and the
/// conversion of Miro.Dsl's <c>MIRO1xxx</c>/<c>MIRO2xxx</c> diagnostics into compiler diagnostics.
/// </summary>
internal static class GeneratorDiagnostics
{
    private const string Category = "Miro";

    /// <summary>The generator hit an unexpected exception; it reports instead of crashing the build.</summary>
    public static readonly DiagnosticDescriptor InternalError = new(
        id: "MIRO3001",
        title: "Miro generator internal error",
        messageFormat: "The Miro generator failed on this file: {0}. This is a bug in Miro.Generators; please report it with the .miro file.",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>A bound policy cannot be turned into valid C#.</summary>
    public static readonly DiagnosticDescriptor CannotEmit = new(
        id: "MIRO3002",
        title: "Policy cannot be emitted as C#",
        messageFormat: "Policy '{0}' cannot be emitted: {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>Two policies would generate the same type.</summary>
    public static readonly DiagnosticDescriptor DuplicatePolicy = new(
        id: "MIRO3003",
        title: "Duplicate policy type",
        messageFormat: "Policy '{0}' generates '{1}', which '{2}' also generates; rename one of the policies or give one a namespace",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>A .miro additional file has no readable text.</summary>
    public static readonly DiagnosticDescriptor UnreadableFile = new(
        id: "MIRO3004",
        title: "Cannot read .miro file",
        messageFormat: "The .miro file '{0}' could not be read; check that it exists and is readable",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>Equatable data for one of this generator's diagnostics.</summary>
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo location, params string[] args) =>
        new(descriptor.Id, descriptor.DefaultSeverity, EquatableArray.Create(args), location);

    /// <summary>Equatable data for a diagnostic from the .miro language (its ID, severity, message and span).</summary>
    public static DiagnosticInfo FromLanguage(MiroDiagnostic diagnostic, string path) =>
        new(
            diagnostic.Id,
            diagnostic.Severity switch
            {
                MiroSeverity.Error => DiagnosticSeverity.Error,
                MiroSeverity.Warning => DiagnosticSeverity.Warning,
                _ => DiagnosticSeverity.Info,
            },
            EquatableArray.Create(diagnostic.Message),
            new LocationInfo(
                path,
                new Microsoft.CodeAnalysis.Text.TextSpan(diagnostic.Span.Start.Offset, Math.Max(0, diagnostic.Span.Length)),
                new Microsoft.CodeAnalysis.Text.LinePositionSpan(
                    new Microsoft.CodeAnalysis.Text.LinePosition(diagnostic.Span.Start.Line, diagnostic.Span.Start.Column),
                    new Microsoft.CodeAnalysis.Text.LinePosition(diagnostic.Span.End.Line, diagnostic.Span.End.Column))));

    /// <summary>The compiler diagnostic for <paramref name="info"/>, located in the .miro file.</summary>
    public static Diagnostic ToDiagnostic(DiagnosticInfo info)
    {
        var descriptor = info.Id switch
        {
            "MIRO3001" => InternalError,
            "MIRO3002" => CannotEmit,
            "MIRO3003" => DuplicatePolicy,
            "MIRO3004" => UnreadableFile,
            _ => LanguageDescriptor(info.Id, info.Severity),
        };
        var args = new object[info.MessageArgs.Count];
        for (var i = 0; i < args.Length; i++) args[i] = info.MessageArgs[i];
        return Diagnostic.Create(descriptor, info.Location.ToLocation(), args);
    }

    // The language's IDs are documented and release-tracked by Miro.Dsl (docs/diagnostics.md); the
    // generator only relays them, so it describes each with its ID and passes the message through.
    private static DiagnosticDescriptor LanguageDescriptor(string id, DiagnosticSeverity severity) =>
        new(id, title: "Miro spec " + (id.StartsWith("MIRO1", StringComparison.Ordinal) ? "syntax" : "semantic") + " " + SeverityWord(severity),
            messageFormat: "{0}", category: Category, defaultSeverity: severity, isEnabledByDefault: true,
            helpLinkUri: null);

    private static string SeverityWord(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "message",
    };
}
