using System;
using System.Collections.Generic;
using System.IO;
using System.CommandLine;
using System.Linq;
using System.Text.Json;
using Miro.Dsl;
using Miro.Dsl.Diagnostics;

namespace Miro.Cli;

/// <summary>
/// <c>miro check &lt;files...&gt; [--json]</c>: compiles each .miro file and prints its diagnostics as
/// <c>path(line,col): error MIRO2003: message</c>, then a summary line. Exit code 0 without
/// errors, 1 with errors, 2 for usage errors or files that cannot be read.
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "The .miro specs to check.", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON result (files, diagnostics with line and column, counts) instead of text." };
        var command = new Command("check", "Check .miro specs and print their diagnostics (exit 1 on errors).") { files, json };
        command.SetAction(parse => Run(parse.GetRequiredValue(files), parse.GetValue(json), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Checks <paramref name="paths"/>; with <paramref name="json"/> the result is one JSON document on stdout.</summary>
    public static int Run(IReadOnlyList<string> paths, bool json, TextWriter stdout, TextWriter stderr)
    {
        // Read every file first: an unreadable file is a usage error, reported before any diagnostics.
        var texts = new List<(string Path, string Text)>();
        var unreadable = false;
        foreach (var path in paths)
        {
            if (TryRead(path, stderr) is { } text) texts.Add((path, text));
            else unreadable = true;
        }
        if (unreadable) return Program.ExitCodes.Usage;

        int errors = 0, warnings = 0;
        var results = new List<CheckedFile>();
        foreach (var (path, text) in texts)
        {
            var result = MiroCompiler.Compile(text, path);
            foreach (var diagnostic in result.Diagnostics)
            {
                if (!json) stdout.WriteLine(diagnostic.ToString());
                if (diagnostic.Severity == MiroSeverity.Error) errors++;
                else if (diagnostic.Severity == MiroSeverity.Warning) warnings++;
            }
            results.Add(new CheckedFile(path, result.Policies.Select(p => p.Name).ToList(), result.Diagnostics.Select(d => new CheckedDiagnostic(
                d.Id, d.Severity.ToString().ToLowerInvariant(), d.Message, d.Span.Start.Line + 1, d.Span.Start.Column + 1, d.Span.End.Line + 1, d.Span.End.Column + 1)).ToList()));
            foreach (var warning in MachineFit.Warnings(path, result, Environment.ProcessorCount))
            {
                if (!json) stdout.WriteLine(warning);
                warnings++;
            }
        }
        if (json) stdout.WriteLine(JsonSerializer.Serialize(new CheckResult(results, errors, warnings), JsonOutput.Options));
        else stdout.WriteLine($"{Plural(texts.Count, "file")} checked: {Plural(errors, "error")}, {Plural(warnings, "warning")}");
        return errors > 0 ? Program.ExitCodes.Failed : Program.ExitCodes.Ok;
    }

    private sealed record CheckResult(IReadOnlyList<CheckedFile> Files, int Errors, int Warnings);

    private sealed record CheckedFile(string Path, IReadOnlyList<string> Policies, IReadOnlyList<CheckedDiagnostic> Diagnostics);

    // Lines and columns are 1-based, as in the text output.
    private sealed record CheckedDiagnostic(string Id, string Severity, string Message, int Line, int Column, int EndLine, int EndColumn);

    private static string Plural(int count, string noun) => count + " " + noun + (count == 1 ? "" : "s");

    private static string? TryRead(string path, TextWriter stderr)
    {
        try
        {
            if (Directory.Exists(path))
            {
                stderr.WriteLine($"miro check: '{path}' is a directory; pass the .miro files in it (e.g. {Path.Combine(path, "*.miro")}).");
                return null;
            }
            return File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            stderr.WriteLine($"miro check: file '{path}' not found; check the path.");
        }
        catch (DirectoryNotFoundException)
        {
            stderr.WriteLine($"miro check: file '{path}' not found (its directory does not exist); check the path.");
        }
        catch (UnauthorizedAccessException)
        {
            stderr.WriteLine($"miro check: cannot read '{path}': permission denied.");
        }
        catch (IOException e)
        {
            stderr.WriteLine($"miro check: cannot read '{path}': {e.Message}");
        }
        return null;
    }
}
