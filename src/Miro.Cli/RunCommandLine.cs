using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Spectre.Console;

namespace Miro.Cli;

/// <summary>The command line of <c>miro run</c>: its options, their validation, and the stop on Ctrl+C or SIGTERM.</summary>
internal static partial class RunCommand
{
    /// <param name="liveConsole">Where live progress is drawn; null: the terminal when stdout is one.</param>
    public static Command Create(IAnsiConsole? liveConsole) => Create(liveConsole, onParsed: null);

    /// <summary>
    /// Parses `miro run`'s arguments (without the command name) as the command line does, without
    /// running; on failure <paramref name="error"/> holds every parse error.
    /// </summary>
    internal static bool TryParse(string[] args, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RunOptions? options, out string? error)
    {
        RunOptions? parsed = null;
        ParseResult result = Create(null, o => parsed = o).Parse(args);
        if (result.Errors.Count > 0)
        {
            options = null;
            error = string.Join(Environment.NewLine, System.Linq.Enumerable.Select(result.Errors, e => e.Message));
            return false;
        }

        result.Invoke();
        options = parsed!;
        error = null;
        return true;
    }

    private static Command Create(IAnsiConsole? liveConsole, Action<RunOptions>? onParsed)
    {
        var spec = new Argument<string>("spec") { Description = "The .miro spec to run (its first policy unless --policy names another)." };
        var data = new Option<string>("--data") { Description = "Folder with the dataset's files (default: $MIRO_DATA, the installed dataset, else the embedded subset).", HelpName = "DIR" };
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice; the same seed gives the same run.", DefaultValueFactory = _ => 0, HelpName = "N" };
        var output = new Option<string>("--out") { Description = "Folder for reports, checkpoints and the sample store (default: runs/<policy>-<time>).", HelpName = "DIR" };
        var threads = new Option<int?>("--threads") { Description = "TorchSharp threads (default: the spec's train.threads).", HelpName = "N" };
        var policy = new Option<string>("--policy") { Description = "The policy to run when the spec declares several.", HelpName = "NAME" };
        var resume = new Option<string>("--resume") { Description = "Continue the run in DIR from its last checkpoint (with its seed and threads).", HelpName = "DIR" };
        var checkpointEvery = new Option<int>("--checkpoint-every")
        {
            Description = "Training steps between checkpoints inside a task (0: not by steps); given alone, it replaces the 30 s time default.",
            HelpName = "STEPS",
        };
        var checkpointInterval = new Option<string>("--checkpoint-interval")
        {
            Description = "Longest time between checkpoints inside a task: 30s, 2min, 500ms, 1h, or 0 (not by time). Default 30s; task ends always checkpoint.",
            HelpName = "TIME",
        };
        var force = new Option<bool>("--force") { Description = "Start a new run in an --out folder that holds one: the old run is moved aside (never deleted)." };
        var configuration = new Option<long?>("--configuration")
        {
            Description = "Run candidate K of the spec's tune space as a fixed configuration (profiling off); see --list-configurations.",
            HelpName = "K",
        };
        var listConfigurations = new Option<bool>("--list-configurations") { Description = "Print the numbered candidates of the spec's tune space instead of running." };
        var noProgress = new Option<bool>("--no-progress") { Description = "Plain progress lines instead of live bars (the default when output is redirected)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON result (the run summary) on stdout; progress and notes go to stderr." };
        var systemRoot = new Option<string>("--system-root")
        {
            Description = "Read /proc and /sys under DIR instead of / (energy sensors, battery, available memory): a device's readings simulated in files.",
            DefaultValueFactory = _ => "/",
            HelpName = "DIR",
        };
        systemRoot.Validators.Add(r =>
        {
            if (r.Tokens is [var token] && !Directory.Exists(token.Value))
            {
                r.AddError($"--system-root needs an existing folder that stands for / (with proc/ and sys/ inside); '{token.Value}' does not exist.");
            }
        });

        threads.Validators.Add(r => AtLeast(r, 1, "--threads", "a positive number of threads"));
        checkpointEvery.Validators.Add(r => AtLeast(r, 0, "--checkpoint-every", "a number of steps (0: not by steps)"));
        checkpointInterval.Validators.Add(r =>
        {
            if (r.Tokens is [var token] && !RunOptions.TryParseInterval(token.Value, out _))
            {
                r.AddError($"--checkpoint-interval needs a time such as 30s, 2min, 500ms or 1h (0: not by time), not '{token.Value}'.");
            }
        });
        configuration.Validators.Add(r =>
        {
            if (r.Tokens is [var token] && (!long.TryParse(token.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long k) || k < 0))
            {
                r.AddError($"--configuration needs a candidate number (0, 1, ...; see --list-configurations), not '{token.Value}'.");
            }
        });
        var command = new Command("run", "Run a policy on its dataset task by task with live progress; writes reports and checkpoints.")
        {
            spec, data, seed, output, threads, policy, resume, checkpointEvery, checkpointInterval, force, configuration, listConfigurations, noProgress, json, systemRoot,
        };
        command.Validators.Add(r =>
        {
            // Read the tokens, not the values: a value read from a malformed option would throw.
            if (r.GetResult(resume) is { Tokens: [var resumeDir] } && r.GetResult(output) is { Tokens: [var outDir] } && outDir.Value != resumeDir.Value)
            {
                r.AddError("--resume continues the run in its own directory; drop --out.");
            }

            if (r.GetResult(resume) is { Tokens.Count: > 0 } && r.GetResult(force) is { Implicit: false })
            {
                r.AddError("--force starts a new run; it cannot be combined with --resume.");
            }
        });
        command.SetAction((parse, cancellationToken) =>
        {
            string? resumeDir = parse.GetValue(resume);
            int every = parse.GetValue(checkpointEvery);
            // Steps alone when only --checkpoint-every is given; the time default otherwise.
            TimeSpan interval = parse.GetValue(checkpointInterval) is { } text && RunOptions.TryParseInterval(text, out TimeSpan parsed) ? parsed
                : every > 0 ? TimeSpan.Zero : RunOptions.DefaultCheckpointInterval;
            var options = new RunOptions(parse.GetRequiredValue(spec), parse.GetValue(data), parse.GetValue(seed), resumeDir ?? parse.GetValue(output),
                parse.GetValue(threads), parse.GetValue(policy), resumeDir, every, interval, parse.GetValue(force), parse.GetValue(configuration),
                parse.GetValue(listConfigurations), parse.GetValue(noProgress), parse.GetValue(json), parse.GetValue(systemRoot)!);
            if (onParsed is not null)
            {
                onParsed(options);
                return Task.FromResult(Program.ExitCodes.Ok);
            }

            return RunAsync(options, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, liveConsole, cancellationToken);
        });
        return command;
    }

    private static void AtLeast(OptionResult result, int minimum, string name, string what)
    {
        if (result.Tokens.Count > 0 && result.GetValueOrDefault<int?>() is int value && value < minimum)
        {
            result.AddError($"{name} needs {what}, not '{value}'.");
        }
    }

    /// <summary>
    /// Runs with Ctrl+C and SIGTERM turned into a cancellation: the session stops at the next step
    /// boundary and writes a checkpoint instead of the process dying mid-write.
    /// </summary>
    private static Task<int> RunAsync(RunOptions options, TextWriter stdout, TextWriter stderr, IAnsiConsole? liveConsole, CancellationToken cancellationToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        using PosixSignalRegistration? term = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancel.Cancel();
        });
        try
        {
            // With --json, stdout carries the result alone: the human-readable text goes to stderr.
            if (options.Json)
            {
                return Task.FromResult(Run(options, stderr, stderr, null, cancel.Token, jsonOutput: stdout));
            }

            // Live bars only on a terminal (or the console a test gives): pipes get plain lines.
            IAnsiConsole? live = options.NoProgress ? null
                : liveConsole ?? (ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected ? AnsiConsole.Console : null);
            return Task.FromResult(Run(options, stdout, stderr, live, cancel.Token));
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
