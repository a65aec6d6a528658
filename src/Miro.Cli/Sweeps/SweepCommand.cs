using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
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
    public static Command Create()
    {
        var spec = new Argument<string?>("spec") { Description = "The .miro spec whose tune space is swept (none with --collect).", Arity = ArgumentArity.ZeroOrOne };
        var seeds = new Option<int>("--seeds") { Description = "Seeds per configuration.", DefaultValueFactory = _ => 1, HelpName = "N" };
        var parallel = new Option<int?>("--parallel") { Description = "Runs at once (locally; with --emit, the scheduler's limit).", HelpName = "P" };
        var output = new Option<string>("--out") { Description = "Folder for the run folders and the table (default: sweeps/<policy>).", HelpName = "DIR" };
        var data = new Option<string>("--data") { Description = "Passed to every run as --data.", HelpName = "DIR" };
        var threads = new Option<int?>("--threads") { Description = "Passed to every run as --threads.", HelpName = "N" };
        var policy = new Option<string>("--policy") { Description = "The policy, when the spec declares several.", HelpName = "NAME" };
        var emit = new Option<EmitFormat?>("--emit") { Description = "Write the runs for a scheduler instead of running them: jobs, slurm or kubernetes.", HelpName = "FORMAT" };
        emit.AcceptOnlyFromAmong("jobs", "slurm", "kubernetes");
        emit.CustomParser = r => r.Tokens[0].Value switch
        {
            "jobs" => EmitFormat.Jobs,
            "slurm" => EmitFormat.Slurm,
            _ => EmitFormat.Kubernetes,
        };
        var collect = new Option<string>("--collect") { Description = "Build the table from finished run folders below DIR instead of running.", HelpName = "DIR" };
        var miro = new Option<string>("--miro") { Description = "How emitted jobs start miro.", DefaultValueFactory = _ => "miro", HelpName = "CMD" };
        var image = new Option<string>("--image") { Description = "The container image of an emitted Kubernetes Job.", DefaultValueFactory = _ => "miro-sweep:latest", HelpName = "IMAGE" };
        foreach (Option<int?> positive in new[] { parallel, threads })
        {
            positive.Validators.Add(r =>
            {
                if (r.Tokens is [var token] && (!int.TryParse(token.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int n) || n < 1))
                {
                    r.AddError($"{r.Option.Name} needs a positive integer, not '{token.Value}'.");
                }
            });
        }

        seeds.Validators.Add(r =>
        {
            if (r.Tokens is [var token] && (!int.TryParse(token.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int n) || n < 1))
            {
                r.AddError($"--seeds needs a positive integer, not '{token.Value}'.");
            }
        });
        var command = new Command("sweep", "Run every fixed configuration of a spec's tune space x seeds and write one table with the oracle marked; or emit the runs for a scheduler; or collect run folders into the table.")
        {
            spec, seeds, parallel, output, data, threads, policy, emit, collect, miro, image,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var options = new SweepOptions(parse.GetValue(spec), parse.GetValue(seeds), parse.GetValue(parallel), parse.GetValue(output), parse.GetValue(data),
                parse.GetValue(threads), parse.GetValue(policy), parse.GetValue(emit), parse.GetValue(collect), parse.GetValue(miro)!, parse.GetValue(image)!);
            return Task.FromResult(Run(options, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        });
        return command;
    }

    public static int Run(SweepOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (options.Problem is { } problem)
        {
            stderr.WriteLine($"miro sweep: {problem}");
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
