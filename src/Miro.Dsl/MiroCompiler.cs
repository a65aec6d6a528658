using System;
using System.Collections.Generic;
using Miro.Dsl.Binding;
using Miro.Dsl.Diagnostics;
using Miro.Dsl.Model;
using Miro.Dsl.Syntax;
using Miro.Dsl.Text;

namespace Miro.Dsl;

/// <summary>The result of compiling one .miro file.</summary>
/// <param name="Policies">The policies that bound without errors, in file order.</param>
/// <param name="Diagnostics">Every diagnostic, in source order.</param>
public sealed record CompilationResult(EquatableArray<PolicySpec> Policies, EquatableArray<MiroDiagnostic> Diagnostics)
{
    /// <summary>Where each of <see cref="Policies"/> was written (same order), for generated docs.</summary>
    internal EquatableArray<SpecSourceMap> Sources { get; init; } = EquatableArray<SpecSourceMap>.Empty;

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
    public static CompilationResult Compile(string text, string path) => Compile(text, path, CompileUnguarded);

    /// <summary>Runs <paramref name="pipeline"/> behind the safety net; tests inject a failing pipeline.</summary>
    internal static CompilationResult Compile(string text, string path, Func<string, string, CompilationResult> pipeline)
    {
        try
        {
            return pipeline(text ?? "", path ?? "");
        }
#pragma warning disable CA1031 // The generator must never crash the compiler; a bug becomes MIRO1999 instead.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var d = DiagnosticDescriptors.InternalError;
            var diagnostic = new MiroDiagnostic(d.Id, d.Severity, d.Format(e.GetType().Name + ": " + e.Message), path ?? "", default);
            return new CompilationResult(EquatableArray<PolicySpec>.Empty, EquatableArray.Create(diagnostic));
        }
    }

    /// <summary>The pipeline without the safety net, so tests (the fuzz test above all) see real exceptions.</summary>
    internal static CompilationResult CompileUnguarded(string text, string path)
    {
        var lines = new LineMap(text);
        var parsed = MiroGrammar.File(new SourceInput(text));
        if (!parsed.WasSuccessful) throw new InvalidOperationException("the file parser must always succeed: " + parsed.Message);
        var file = parsed.Value;

        var context = new BindContext(text, lines);
        var syntaxErrors = new List<SyntaxError>(file.Errors);
        var policies = new List<PolicySpec>();
        var sources = new List<SpecSourceMap>();
        var names = new Dictionary<string, PolicySyntax>(StringComparer.Ordinal);
        foreach (var policy in file.Policies)
        {
            var policyErrors = new List<SyntaxError>();
            CollectErrors(policy.Body, policyErrors);
            syntaxErrors.AddRange(policyErrors);
            var errorsBefore = context.ErrorCount;
            context.PolicyHasSyntaxErrors = policyErrors.Count > 0;
            if (names.TryGetValue(policy.Name.Text, out var first))
                context.Report(DiagnosticDescriptors.Duplicate, policy.Name.Span, "policy '" + policy.Name.Text + "'", context.LineOf(first.Name.Span));
            else
                names[policy.Name.Text] = policy;
            var spec = PolicyBinder.Bind(context, policy);
            if (policyErrors.Count == 0 && context.ErrorCount == errorsBefore)
            {
                policies.Add(spec);
                sources.Add(SourceMapBuilder.Build(policy, text, lines));
            }
        }
        if (file.Policies.Count == 0 && syntaxErrors.Count == 0)
        {
            var d = DiagnosticDescriptors.NoPolicy;
            syntaxErrors.Add(new SyntaxError(d, d.Format(), new TextSpan(0, 0)));
        }

        var diagnostics = new List<(int Order, MiroDiagnostic Diagnostic)>();
        foreach (var e in syntaxErrors)
            diagnostics.Add((diagnostics.Count, new MiroDiagnostic(e.Descriptor.Id, e.Descriptor.Severity, e.Message, path, lines.Span(e.Span))));
        foreach (var (descriptor, message, span) in context.Diagnostics)
            diagnostics.Add((diagnostics.Count, new MiroDiagnostic(descriptor.Id, descriptor.Severity, message, path, lines.Span(span))));
        diagnostics.Sort((a, b) =>
        {
            var byOffset = a.Diagnostic.Span.Start.Offset.CompareTo(b.Diagnostic.Span.Start.Offset);
            return byOffset != 0 ? byOffset : a.Order.CompareTo(b.Order);
        });
        var sorted = new MiroDiagnostic[diagnostics.Count];
        for (var i = 0; i < sorted.Length; i++) sorted[i] = diagnostics[i].Diagnostic;
        return new CompilationResult(policies.ToEquatableArray(), new EquatableArray<MiroDiagnostic>(sorted)) { Sources = sources.ToEquatableArray() };
    }

    private static void CollectErrors(BlockSyntax block, List<SyntaxError> errors)
    {
        errors.AddRange(block.Errors);
        foreach (var setting in block.Settings)
            if (setting.Block is not null) CollectErrors(setting.Block, errors);
    }
}
