using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Miro.Dsl;
using Miro.Dsl.Model;

namespace Miro.Cli.Sweeps;

/// <summary>
/// <c>miro sweep</c>: runs every fixed configuration of a spec's tune space × seeds to the end
/// (each in its own run folder, as child <c>miro run</c> processes) and writes one table with the
/// oracle marked; or emits the runs for a scheduler; or collects run folders into the table.
/// </summary>
internal static class SweepCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!SweepOptions.TryParse(args, out SweepOptions? options, out string? error))
        {
            if (error is null)
            {
                stdout.WriteLine(SweepOptions.Usage);
                return Program.ExitCodes.Ok;
            }

            stderr.WriteLine($"miro sweep: {error}");
            stderr.WriteLine(SweepOptions.Usage);
            return Program.ExitCodes.Usage;
        }

        try
        {
            if (options.CollectDirectory is { } collect)
            {
                return WriteTable(collect, options.OutputDirectory ?? collect, stdout);
            }

            if (LoadPolicy(options, stderr) is not { } policy)
            {
                return Program.ExitCodes.Failed;
            }

            var plan = new SweepPlan(options.SpecPath!, options.PolicyName, FixedCandidate.Count(policy), options.Seeds,
                options.OutputDirectory ?? Path.Combine("sweeps", policy.Name), options.DataDirectory, options.Threads);
            if (options.Emit is { } format)
            {
                stdout.Write(JobEmitter.Emit(plan, format, options.MiroCommand, options.Parallel, options.Image));
                return Program.ExitCodes.Ok;
            }

            IReadOnlyList<string> failed = SweepRunner.Run(plan, options.Parallel ?? 1, MiroExecutable.Current(), stdout, cancellationToken);
            if (cancellationToken.IsCancellationRequested)
            {
                stderr.WriteLine($"miro sweep: cancelled; run the same command again to continue where it stopped.");
                return Program.ExitCodes.Failed;
            }

            int exit = WriteTable(plan.OutputDirectory, plan.OutputDirectory, stdout);
            if (failed.Count > 0)
            {
                stderr.WriteLine($"miro sweep: {failed.Count} run(s) failed and are missing from the table: {string.Join(", ", failed)}; see their {SweepRunner.LogFile}, fix the cause and run the sweep again.");
                return Program.ExitCodes.Failed;
            }

            return exit;
        }
        catch (SweepException e)
        {
            stderr.WriteLine($"miro sweep: {e.Message}");
            return Program.ExitCodes.Failed;
        }
    }

    private static int WriteTable(string runs, string output, TextWriter stdout)
    {
        SweepTable table = SweepTable.From(SweepCollector.Collect(runs));
        stdout.WriteLine();
        stdout.Write(SweepTableWriter.WriteAll(output, table));
        stdout.WriteLine($"table: {Path.Combine(output, SweepTableWriter.MarkdownFile)} (and {SweepTableWriter.CsvFile}, {SweepTableWriter.JsonFile})");
        return Program.ExitCodes.Ok;
    }

    private static PolicySpec? LoadPolicy(SweepOptions options, TextWriter stderr)
    {
        string text;
        try
        {
            text = File.ReadAllText(options.SpecPath!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"miro sweep: cannot read '{options.SpecPath}': {e.Message}");
            return null;
        }

        CompilationResult compiled = MiroCompiler.Compile(text, options.SpecPath!);
        if (compiled.HasErrors || compiled.Policies.Count == 0)
        {
            foreach (var diagnostic in compiled.Diagnostics)
            {
                stderr.WriteLine(diagnostic.ToString());
            }

            stderr.WriteLine($"miro sweep: {options.SpecPath} {(compiled.HasErrors ? "has errors; fix them (see `miro check`)" : "declares no policy")}.");
            return null;
        }

        foreach (PolicySpec p in compiled.Policies)
        {
            if (options.PolicyName is null || p.Name == options.PolicyName)
            {
                return p;
            }
        }

        stderr.WriteLine($"miro sweep: {options.SpecPath} has no policy named '{options.PolicyName}'.");
        return null;
    }
}
