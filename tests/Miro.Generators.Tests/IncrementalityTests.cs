using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Miro.Dsl.Model;
using Miro.Generators.Model;
using Miro.Generators.Tests.Infrastructure;
using Xunit;

namespace Miro.Generators.Tests;

/// <summary>
/// The pipeline caches: a second run with no change re-runs nothing, an edit to one .miro file
/// re-runs only that file's steps, and C# edits re-run no parsing at all.
/// </summary>
public sealed class IncrementalityTests
{
    private static readonly string[] Steps = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    private static readonly string[] FileSteps = [TrackingNames.AdditionalFiles, TrackingNames.SourceFiles, TrackingNames.CompiledFiles, TrackingNames.WithNamespace, TrackingNames.DeclaredTypes, TrackingNames.EmitInputs];

    private static readonly InMemoryAdditionalText PolicyA = new("/project/a.miro", SpecText.Valid("Alpha"));
    private static readonly InMemoryAdditionalText PolicyB = new("/project/b.miro", SpecText.Valid("Beta"));

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun()
    {
        var compilation = GeneratorHarness.CreateCompilation("namespace Consumer { internal static class A { } }");
        var driver = GeneratorHarness.CreateDriver([PolicyA, PolicyB]).RunGenerators(compilation);
        var result = driver.GetRunResult().Results.Single();
        Assert.Empty(result.Diagnostics);
        Assert.Equal(2, result.GeneratedSources.Length);
        return (driver, compilation);
    }

    [Fact]
    public void Every_step_is_tracked_and_holds_only_equatable_data()
    {
        var (driver, _) = FirstRun();
        var result = driver.GetRunResult().Results.Single();

        foreach (var step in Steps)
        {
            Assert.True(result.TrackedSteps.ContainsKey(step), $"step {step} did not run");
            foreach (var run in result.TrackedSteps[step])
                foreach (var (value, _) in run.Outputs)
                    AssertHoldsNoCompilerObjects(value, step);
        }
    }

    [Fact]
    public void A_second_run_without_changes_reuses_every_step()
    {
        var (driver, compilation) = FirstRun();

        var second = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();

        foreach (var step in Steps)
            Assert.All(Outputs(second, step), o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_one_of_two_miro_files_reruns_only_that_files_steps()
    {
        var (driver, compilation) = FirstRun();
        var editedB = new InMemoryAdditionalText(PolicyB.Path, SpecText.Valid("Beta", episodicCapacity: 600));

        var second = driver.ReplaceAdditionalText(PolicyB, editedB).RunGenerators(compilation).GetRunResult().Results.Single();

        foreach (var step in FileSteps)
        {
            var outputs = Outputs(second, step).ToList();
            Assert.Equal(2, outputs.Count);
            Assert.All(outputs, o =>
            {
                if (PathOf(o.Value) == PolicyB.Path) Assert.NotEqual(IncrementalStepRunReason.Cached, o.Reason);
                else Assert.True(o.Reason == IncrementalStepRunReason.Cached, $"{step} re-ran {PathOf(o.Value)}: {o.Reason}");
            });
        }

        Assert.Contains(Outputs(second, TrackingNames.EmitInputs), o => PathOf(o.Value) == PolicyB.Path && o.Reason == IncrementalStepRunReason.Modified);
        // Beta still generates the same type, so the cross-file duplicate check does not re-run.
        Assert.All(Outputs(second, TrackingNames.DuplicateTypes), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Editing_a_CSharp_file_reruns_none_of_the_parsing_steps()
    {
        var (driver, compilation) = FirstRun();
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Consumer { internal static class B { } }", GeneratorHarness.ParseOptions));

        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in Steps)
            Assert.All(Outputs(second, step), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void A_comment_only_edit_reparses_the_file_but_stops_there()
    {
        var (driver, compilation) = FirstRun();
        var editedA = new InMemoryAdditionalText(PolicyA.Path, SpecText.Valid("Alpha") + "\n// a comment changes no policy\n");

        var second = driver.ReplaceAdditionalText(PolicyA, editedA).RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.Contains(Outputs(second, TrackingNames.SourceFiles), o => PathOf(o.Value) == PolicyA.Path && o.Reason == IncrementalStepRunReason.Modified);
        // The bound result equals the previous one, so nothing downstream re-runs.
        Assert.Contains(Outputs(second, TrackingNames.CompiledFiles), o => PathOf(o.Value) == PolicyA.Path && o.Reason == IncrementalStepRunReason.Unchanged);
        Assert.All(Outputs(second, TrackingNames.EmitInputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    private static IEnumerable<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string step) =>
        result.TrackedSteps.TryGetValue(step, out var runs) ? runs.SelectMany(r => r.Outputs) : [];

    private static string PathOf(object value) => value switch
    {
        MiroSourceFile file => file.Path,
        SpecFileResult result => result.Path,
        DeclaredTypes types => types.Path,
        ValueTuple<SpecFileResult, string> pair => pair.Item1.Path,
        ValueTuple<ValueTuple<SpecFileResult, string>, EquatableArray<DuplicateType>> input => input.Item1.Item1.Path,
        _ => throw new InvalidOperationException($"unexpected step output {value.GetType()}"),
    };

    // NetEscapades' rule: step outputs must not hold compiler objects, or the cache keeps whole
    // compilations alive and never hits.
    private static void AssertHoldsNoCompilerObjects(object? root, string step)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object?>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is null || !visited.Add(node)) continue;
            Assert.False(node is Compilation or ISymbol or SyntaxNode or SyntaxTree or AdditionalText or Diagnostic,
                $"{step} holds a {node.GetType().Name}");
            var type = node.GetType();
            if (type.IsPrimitive || type.IsEnum || node is string) continue;
            if (node is IEnumerable items)
            {
                foreach (var item in items) pending.Push(item);
                continue;
            }

            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
                pending.Push(field.GetValue(node));
        }
    }
}
