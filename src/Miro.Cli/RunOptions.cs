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
    int CheckpointEverySteps = 0, TimeSpan CheckpointInterval = default, bool Force = false, long? Configuration = null, bool ListConfigurations = false)
{
    /// <summary>
    /// The longest time between two checkpoints inside a task when neither <c>--checkpoint-every</c>
    /// nor <c>--checkpoint-interval</c> is given: a kill loses at most this much training, and one
    /// checkpoint (about 1 MB, fsynced, 15-20 ms here) every 30 s costs under 0.1% of the run.
    /// Counting steps instead would cost a share that grows with the training speed (every 200
    /// steps of a fast MLP run was +16% wall time).
    /// </summary>
    public static readonly TimeSpan DefaultCheckpointInterval = TimeSpan.FromSeconds(30);

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
        int checkpointEvery = 0;
        TimeSpan? checkpointInterval = null;
        bool force = false;
        long? configuration = null;
        bool list = false;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg is "-h" or "--help")
            {
                return false;
            }

            if (arg == "--force")
            {
                force = true;
                continue;
            }

            if (arg == "--list-configurations")
            {
                list = true;
                continue;
            }

            if (arg.StartsWith('-'))
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
                        error = $"--checkpoint-every needs a number of steps (0: not by steps), not '{value}'.";
                        return false;
                    case "--checkpoint-interval" when TryParseInterval(value, out TimeSpan interval):
                        checkpointInterval = interval;
                        break;
                    case "--checkpoint-interval":
                        error = $"--checkpoint-interval needs a time such as 30s, 2min, 500ms or 1h (0: not by time), not '{value}'.";
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

        // Steps alone when only --checkpoint-every is given; the time default otherwise.
        checkpointInterval ??= checkpointEvery > 0 ? TimeSpan.Zero : DefaultCheckpointInterval;
        if (force && resume is not null)
        {
            error = "--force starts a new run; it cannot be combined with --resume.";
            return false;
        }

        options = new RunOptions(spec, data, seed, resume ?? output, threads, policy, resume, checkpointEvery, checkpointInterval.Value, force, configuration, list);
        return true;
    }

    /// <summary>Parses <c>0</c> or a non-negative number with a unit: <c>ms</c>, <c>s</c>, <c>min</c> or <c>h</c>.</summary>
    private static bool TryParseInterval(string text, out TimeSpan interval)
    {
        interval = TimeSpan.Zero;
        if (text == "0")
        {
            return true;
        }

        int split = text.Length;
        while (split > 0 && char.IsAsciiLetter(text[split - 1]))
        {
            split--;
        }

        double seconds = text[split..] switch
        {
            "ms" => 0.001,
            "s" => 1,
            "min" => 60,
            "h" => 3600,
            _ => double.NaN,
        };
        if (double.IsNaN(seconds) || !double.TryParse(text.AsSpan(0, split), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double amount))
        {
            return false;
        }

        interval = TimeSpan.FromSeconds(amount * seconds);
        return true;
    }
}
