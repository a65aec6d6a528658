using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Miro.Cli;

/// <summary>
/// The parsed arguments of <c>miro run</c>. <c>Configuration</c> (<c>--configuration K</c>) runs
/// candidate K of the tune space as a fixed configuration; <c>ListConfigurations</c>
/// (<c>--list-configurations</c>) prints the numbered candidates instead of running.
/// </summary>
internal sealed record RunOptions(string SpecPath, string? DataDirectory, int Seed, string? OutputDirectory, int? Threads, string? PolicyName, string? ResumeDirectory = null,
    int CheckpointEverySteps = RunOptions.DefaultCheckpointEverySteps, long? Configuration = null, bool ListConfigurations = false)
{
    /// <summary>
    /// Training steps between two checkpoints inside an epoch when <c>--checkpoint-every</c> is not
    /// given: a kill loses at most this many steps (a few seconds of MLP training), and one write of
    /// the checkpoint costs a few milliseconds.
    /// </summary>
    public const int DefaultCheckpointEverySteps = 200;

    /// <summary>
    /// Parses <paramref name="args"/>. On failure <paramref name="error"/> says what is wrong; a
    /// request for help fails with a null error.
    /// </summary>
    public static bool TryParse(string[] args, [NotNullWhen(true)] out RunOptions? options, out string? error)
    {
        options = null;
        error = null;
        string? spec = null;
        string? data = null;
        string? output = null;
        string? policy = null;
        string? resume = null;
        int seed = 0;
        int? threads = null;
        int checkpointEvery = DefaultCheckpointEverySteps;
        long? configuration = null;
        bool list = false;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg is "-h" or "--help")
            {
                return false;
            }

            if (arg == "--list-configurations")
            {
                list = true;
            }
            else if (arg.StartsWith('-'))
            {
                if (i + 1 >= args.Length)
                {
                    error = $"option {arg} needs a value.";
                    return false;
                }

                string value = args[++i];
                switch (arg)
                {
                    case "--data":
                        data = value;
                        break;
                    case "--out":
                        output = value;
                        break;
                    case "--policy":
                        policy = value;
                        break;
                    case "--resume":
                        resume = value;
                        break;
                    case "--seed" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int s):
                        seed = s;
                        break;
                    case "--threads" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int t) && t >= 1:
                        threads = t;
                        break;
                    case "--checkpoint-every" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int c) && c >= 0:
                        checkpointEvery = c;
                        break;
                    case "--configuration" when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long k) && k >= 0:
                        configuration = k;
                        break;
                    case "--configuration":
                        error = $"--configuration needs a candidate number (0, 1, ...; see --list-configurations), not '{value}'.";
                        return false;
                    case "--checkpoint-every":
                        error = $"--checkpoint-every needs a number of steps (0: only at epoch and task ends), not '{value}'.";
                        return false;
                    case "--seed" or "--threads":
                        error = $"{arg} needs {(arg == "--seed" ? "an integer" : "a positive integer")}, not '{value}'.";
                        return false;
                    default:
                        error = $"unknown option '{arg}'.";
                        return false;
                }
            }
            else if (spec is null)
            {
                spec = arg;
            }
            else
            {
                error = $"one spec file at a time ('{spec}' and '{arg}' given).";
                return false;
            }
        }

        if (spec is null)
        {
            error = "no spec file given.";
            return false;
        }

        if (resume is not null && output is not null && output != resume)
        {
            error = "--resume continues the run in its own directory; drop --out.";
            return false;
        }

        options = new RunOptions(spec, data, seed, resume ?? output, threads, policy, resume, checkpointEvery, configuration, list);
        return true;
    }
}
