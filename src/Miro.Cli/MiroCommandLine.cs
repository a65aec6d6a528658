using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Miro.Cli.Report;
using Miro.Dsl.Text;
using Spectre.Console;

namespace Miro.Cli;

/// <summary>
/// The <c>miro</c> command line, built with System.CommandLine: every command with its options,
/// help with examples, <c>--version</c>, typo suggestions, and the <c>[suggest]</c> directive that
/// shell completion calls (<c>miro completion bash</c>). Parse errors exit with
/// <see cref="Program.ExitCodes.Usage"/>, as every usage error does.
/// </summary>
internal static class MiroCommandLine
{
    /// <summary>
    /// Parses <paramref name="args"/> and runs the command, writing to <paramref name="stdout"/> and
    /// <paramref name="stderr"/>; `miro run` draws live progress on <paramref name="liveConsole"/>
    /// (null: the terminal when stdout is one).
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default, IAnsiConsole? liveConsole = null)
    {
        ParseResult result = Build(liveConsole).Parse(args);
        var invocation = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            // `miro run` handles Ctrl+C and SIGTERM itself: it stops at the next training step and
            // writes a checkpoint, which may take longer than System.CommandLine's grace period.
            ProcessTerminationTimeout = null,
        };
        // Help and --version clear the parse errors (`miro run --help` needs no spec).
        if (result.Action is ParseErrorAction)
        {
            WriteErrors(result, stderr);
            return Program.ExitCodes.Usage;
        }

        return await result.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Every parse error on stderr, an unknown word with the closest option or command (System.CommandLine's
    /// own typo hints go to stdout and suggest '-h' for any stray value), then where the usage is.
    /// </summary>
    private static void WriteErrors(ParseResult result, TextWriter stderr)
    {
        Command command = result.CommandResult.Command;
        string[] options = command.Options.Concat(result.RootCommandResult.Command.Options.Where(o => o.Recursive))
            .SelectMany(o => o.Aliases.Prepend(o.Name)).Distinct().ToArray();
        string[] commands = command.Subcommands.Select(c => c.Name).ToArray();
        foreach (string token in result.UnmatchedTokens)
        {
            stderr.WriteLine(token.StartsWith('-')
                ? $"unknown option '{token}'{Suggestions.DidYouMean(token, options)}."
                : commands.Length > 0 ? $"unknown command '{token}'{Suggestions.DidYouMean(token, commands)}."
                : $"unexpected argument '{token}'.");
        }

        foreach (ParseError error in result.Errors)
        {
            if (!result.UnmatchedTokens.Any(t => error.Message.Contains($"'{t}'", StringComparison.Ordinal)))
            {
                stderr.WriteLine(error.Message);
            }
        }

        stderr.WriteLine($"Run '{string.Join(' ', CommandPath(command))} --help' for usage and examples.");
    }

    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand Build(IAnsiConsole? liveConsole = null)
    {
        var root = new RootCommand("miro: check and run Miro continual-learning policies (.miro specs), report on runs, calibrate a device's energy model.")
        {
            CheckCommand.Create(),
            RunCommand.Create(liveConsole),
            Sweeps.SweepCommand.Create(),
            ReportCommand.Create(),
            CalibrateCommand.Create(),
            CompletionCommand.Create(),
        };
        var examples = new Dictionary<Command, string[]> { [root] = RootExamples };
        foreach (Command command in root.Subcommands)
        {
            RejectUnknownOptions(command);
            if (Examples.TryGetValue(command.Name, out string[]? lines))
            {
                examples[command] = lines;
            }
        }

        foreach (Option option in root.Options)
        {
            if (option.Action is HelpAction help)
            {
                option.Action = new HelpWithExamples(help, examples);
            }
            else if (option is VersionOption version)
            {
                // The tool's own version, also when another program hosts the command line (tests).
                version.Action = new PrintVersion();
            }
        }

        return root;
    }

    /// <summary>
    /// A mistyped option (<c>--sed 1</c>) would otherwise be taken as the command's file argument and
    /// fail later as a missing file; it is reported as an unknown option with the closest real one.
    /// </summary>
    private static void RejectUnknownOptions(Command command)
    {
        string[] known = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).ToArray();
        foreach (Argument argument in command.Arguments)
        {
            argument.Validators.Add(result =>
            {
                foreach (Token token in result.Tokens)
                {
                    if (token.Value.Length > 1 && token.Value[0] == '-')
                    {
                        result.AddError($"unknown option '{token.Value}'{Suggestions.DidYouMean(token.Value, known)}; `miro {command.Name} --help` lists the options.");
                    }
                }
            });
        }
    }

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            string? version = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            parseResult.InvocationConfiguration.Output.WriteLine(version ?? typeof(Program).Assembly.GetName().Version?.ToString());
            return Program.ExitCodes.Ok;
        }
    }

    /// <summary>The standard help followed by the command's examples (System.CommandLine's help has no examples section).</summary>
    private sealed class HelpWithExamples : SynchronousCommandLineAction
    {
        private readonly HelpAction _help;
        private readonly IReadOnlyDictionary<Command, string[]> _examples;

        public HelpWithExamples(HelpAction help, IReadOnlyDictionary<Command, string[]> examples) => (_help, _examples) = (help, examples);

        public override int Invoke(ParseResult parseResult)
        {
            _help.Invoke(parseResult);
            if (_examples.TryGetValue(parseResult.CommandResult.Command, out string[]? lines))
            {
                TextWriter output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (string line in lines)
                {
                    output.WriteLine("  " + line);
                }

                output.WriteLine();
            }

            return Program.ExitCodes.Ok;
        }
    }

    private static IEnumerable<string> CommandPath(Command command) =>
        command is RootCommand ? new[] { "miro" } : new[] { "miro", command.Name };

    private static readonly string[] RootExamples =
    {
        "miro check examples/specs/*.miro",
        "miro run examples/specs/quickstart.miro --out runs/quick",
        "miro report runs/quick",
        "miro <command> --help",
    };

    private static readonly Dictionary<string, string[]> Examples = new()
    {
        ["check"] = new[]
        {
            "miro check examples/specs/*.miro            # diagnostics as path(line,col): error MIROxxxx: ...",
            "miro check examples/specs/quickstart.miro --json",
        },
        ["run"] = new[]
        {
            "miro run examples/specs/quickstart.miro",
            "miro run examples/specs/online-er-split-fashion-mnist.miro --seed 1 --out runs/oer --threads 2",
            "miro run examples/specs/quickstart.miro --resume runs/oer      # continue after Ctrl+C or a crash",
            "miro run examples/specs/quickstart.miro --no-progress --json > result.json",
            "miro run examples/experiments/miro.miro --list-configurations",
            "miro run examples/experiments/miro.miro --configuration 3 --out runs/c3   # one fixed candidate",
            "miro run examples/specs/quickstart.miro --checkpoint-interval 2min --out runs/q --force",
        },
        ["sweep"] = new[]
        {
            "miro sweep examples/experiments/miro.miro --seeds 5 --parallel 2 --out sweeps/miro",
            "miro sweep examples/experiments/miro.miro --seeds 5 --emit slurm > sweep.sbatch",
            "miro sweep --collect sweeps/miro            # the table from run folders made anywhere",
        },
        ["report"] = new[]
        {
            "miro report runs/quick                       # report.md and PNGs into runs/quick",
            "miro report runs/er runs/budget --out runs/compare",
        },
        ["calibrate"] = new[]
        {
            "miro calibrate                               # on the device, with its energy sensor",
            "miro calibrate --dir /mnt/flash --seconds 5",
        },
        ["completion"] = new[]
        {
            "source <(miro completion bash)               # in ~/.bashrc",
            "source <(miro completion zsh)                # in ~/.zshrc",
        },
    };
}
