using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Miro.Dsl;
using Miro.Dsl.Diagnostics;

namespace Miro.Cli;

/// <summary>
/// <c>miro check &lt;files...&gt;</c>: compiles each .miro file and prints its diagnostics as
/// <c>path(line,col): error MIRO2003: message</c>, then a summary line. Exit code 0 without
/// errors, 1 with errors, 2 for usage errors or files that cannot be read.
/// </summary>
internal static class CheckCommand
{
    public const string Usage = "usage: miro check <file.miro>...";

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0)
        {
            stderr.WriteLine("miro check: no files given.");
            stderr.WriteLine(Usage);
            return Task.FromResult(Program.ExitCodes.Usage);
        }
        foreach (var arg in args)
        {
            if (arg is "-h" or "--help")
            {
                stdout.WriteLine(Usage);
                return Task.FromResult(Program.ExitCodes.Ok);
            }
            if (arg.StartsWith("-", StringComparison.Ordinal))
            {
                stderr.WriteLine($"miro check: unknown option '{arg}'.");
                stderr.WriteLine(Usage);
                return Task.FromResult(Program.ExitCodes.Usage);
            }
        }

        // Read every file first: an unreadable file is a usage error, reported before any diagnostics.
        var texts = new List<(string Path, string Text)>();
        var unreadable = false;
        foreach (var path in args)
        {
            if (TryRead(path, stderr) is { } text) texts.Add((path, text));
            else unreadable = true;
        }
        if (unreadable) return Task.FromResult(Program.ExitCodes.Usage);

        int errors = 0, warnings = 0;
        foreach (var (path, text) in texts)
        {
            var result = MiroCompiler.Compile(text, path);
            foreach (var diagnostic in result.Diagnostics)
            {
                stdout.WriteLine(diagnostic.ToString());
                if (diagnostic.Severity == MiroSeverity.Error) errors++;
                else if (diagnostic.Severity == MiroSeverity.Warning) warnings++;
            }
            foreach (var warning in MachineFit.Warnings(path, result, Environment.ProcessorCount))
            {
                stdout.WriteLine(warning);
                warnings++;
            }
        }
        stdout.WriteLine($"{Plural(texts.Count, "file")} checked: {Plural(errors, "error")}, {Plural(warnings, "warning")}");
        return Task.FromResult(errors > 0 ? Program.ExitCodes.Failed : Program.ExitCodes.Ok);
    }

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
