using System;
using System.Collections.Generic;
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
            Severity(diagnostic.Severity),
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
        var descriptor = Descriptor(info.Id);
        var args = new object[info.MessageArgs.Count];
        for (var i = 0; i < args.Length; i++) args[i] = info.MessageArgs[i];
        return Diagnostic.Create(descriptor, info.Location.ToLocation(), args);
    }

    /// <summary>The descriptor of <paramref name="id"/>: one of the generator's own, or one built from the language's catalog.</summary>
    public static DiagnosticDescriptor Descriptor(string id) =>
        ById.TryGetValue(id, out var descriptor) ? descriptor : throw new ArgumentException("Unknown diagnostic ID '" + id + "'; add it to DiagnosticDescriptors.", nameof(id));

    /// <summary>Every descriptor the generator can report: the language's (<see cref="LanguageDiagnostics"/>) and its own.</summary>
    public static IReadOnlyCollection<DiagnosticDescriptor> All => ById.Values;

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = BuildCatalog();

    private static Dictionary<string, DiagnosticDescriptor> BuildCatalog()
    {
        var byId = new Dictionary<string, DiagnosticDescriptor>(StringComparer.Ordinal);
        foreach (var language in LanguageDiagnostics.All) byId.Add(language.Id, language);
        foreach (var own in new[] { InternalError, CannotEmit, DuplicatePolicy, UnreadableFile }) byId.Add(own.Id, own);
        return byId;
    }

    /// <summary>The compiler severity of a language severity.</summary>
    public static DiagnosticSeverity Severity(MiroSeverity severity) => severity switch
    {
        MiroSeverity.Error => DiagnosticSeverity.Error,
        MiroSeverity.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };
}
