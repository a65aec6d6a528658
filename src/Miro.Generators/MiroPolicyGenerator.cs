using System;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Miro.Dsl.Model;
using Miro.Generators.Emit;
using Miro.Generators.Model;

namespace Miro.Generators;

/// <summary>
/// Compiles every <c>.miro</c> additional file into typed policy classes (docs/generator.md).
/// Pipeline: additional file -> (path, text) -> parse and bind into equatable data -> pair with
/// the root namespace -> settle types that two files generate -> emit sources and report
/// diagnostics at the .miro file.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class MiroPolicyGenerator : IIncrementalGenerator
{
    /// <summary>The generator's version, stamped into <c>[GeneratedCode]</c>.</summary>
    internal static readonly string Version = typeof(MiroPolicyGenerator).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Select before filtering, so no step's output is an AdditionalText; only .miro text is read.
        var files = context.AdditionalTextsProvider
            .Select(static (file, cancellationToken) => file.Path.EndsWith(".miro", StringComparison.OrdinalIgnoreCase)
                ? new MiroSourceFile(file.Path, file.GetText(cancellationToken)?.ToString())
                : null)
            .WithTrackingName(TrackingNames.AdditionalFiles)
            .Where(static file => file is not null)
            .WithTrackingName(TrackingNames.SourceFiles);

        var compiled = files
            .Select(static (file, cancellationToken) => SpecFileCompiler.Compile(file!, cancellationToken))
            .WithTrackingName(TrackingNames.CompiledFiles);

        var rootNamespace = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) =>
                options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var ns) ? ns.Trim() : "")
            .WithTrackingName(TrackingNames.RootNamespace);

        var withNamespace = compiled
            .Combine(rootNamespace)
            .WithTrackingName(TrackingNames.WithNamespace);

        var duplicates = withNamespace
            .Select(static (input, _) => TypeNameRegistry.Of(input.Left, input.Right))
            .WithTrackingName(TrackingNames.DeclaredTypes)
            .Collect()
            .Select(static (files, _) => TypeNameRegistry.Duplicates(files))
            .WithTrackingName(TrackingNames.DuplicateTypes);

        var inputs = withNamespace
            .Combine(duplicates)
            .WithTrackingName(TrackingNames.EmitInputs);

        context.RegisterSourceOutput(inputs, static (spc, input) => Execute(spc, input.Left.Left, input.Left.Right, input.Right));
    }

    private static void Execute(SourceProductionContext context, SpecFileResult file, string rootNamespace, EquatableArray<DuplicateType> duplicates)
    {
        foreach (var diagnostic in file.Diagnostics)
            context.ReportDiagnostic(GeneratorDiagnostics.ToDiagnostic(diagnostic));

        foreach (var policy in file.Policies)
        {
            var location = LocationOf(file, policy);
            var ns = PolicyEmitter.NamespaceOf(policy.Spec, rootNamespace);
            var typeName = TypeNameRegistry.FullTypeName(policy.Spec, rootNamespace);
            if (OwnerOf(duplicates, typeName) is { } owner && owner != file.Path)
            {
                Report(context, GeneratorDiagnostics.DuplicatePolicy, location, policy.Spec.Name, typeName, owner);
                continue;
            }

            string source;
            try
            {
                if (PolicyEmitter.Validate(policy.Spec, ns) is { } problem)
                {
                    Report(context, GeneratorDiagnostics.CannotEmit, location, policy.Spec.Name, problem);
                    continue;
                }

                source = PolicyEmitter.Emit(policy, file.FileName, ns, Version);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Report(context, GeneratorDiagnostics.InternalError, location, ex.GetType().Name + ": " + ex.Message);
                continue;
            }

            context.AddSource(typeName + ".g.cs", SourceText.From(source, Encoding.UTF8));
        }
    }

    private static string? OwnerOf(EquatableArray<DuplicateType> duplicates, string typeName)
    {
        foreach (var duplicate in duplicates)
            if (duplicate.TypeName == typeName) return duplicate.OwnerPath;
        return null;
    }

    private static void Report(SourceProductionContext context, DiagnosticDescriptor descriptor, LocationInfo location, params string[] args) =>
        context.ReportDiagnostic(GeneratorDiagnostics.ToDiagnostic(GeneratorDiagnostics.Create(descriptor, location, args)));

    // The policy header line, so generation problems point at the policy they concern.
    private static LocationInfo LocationOf(SpecFileResult file, PolicyModel policy)
    {
        var header = policy.Sources.Find("policy");
        if (header is null) return LocationInfo.StartOf(file.Path);
        return new LocationInfo(
            file.Path,
            new TextSpan(header.Start, header.Text.Length),
            new LinePositionSpan(new LinePosition(header.Line, header.Column), new LinePosition(header.Line, header.Column + header.Text.Length)));
    }
}
