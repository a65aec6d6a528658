using System;
using System.Globalization;

namespace Miro.Cli;

/// <summary>
/// The parsed arguments of <c>miro run</c> (see <see cref="RunCommand.Create(Spectre.Console.IAnsiConsole)"/> for the command line).
/// <c>Configuration</c> (<c>--configuration K</c>) runs candidate K of the tune space as a fixed
/// configuration; <c>ListConfigurations</c> (<c>--list-configurations</c>) prints the numbered
/// candidates instead of running. <c>SystemRoot</c> (<c>--system-root DIR</c>) is the folder that
/// stands for <c>/</c> when the run reads procfs and sysfs (energy sensors, battery, available memory).
/// </summary>
internal sealed record RunOptions(string SpecPath, string? DataDirectory, int Seed, string? OutputDirectory, int? Threads, string? PolicyName, string? ResumeDirectory = null,
    int CheckpointEverySteps = 0, TimeSpan CheckpointInterval = default, bool Force = false, long? Configuration = null, bool ListConfigurations = false,
    bool NoProgress = false, bool Json = false, string SystemRoot = "/")
{
    /// <summary>
    /// The longest time between two checkpoints inside a task when neither <c>--checkpoint-every</c>
    /// nor <c>--checkpoint-interval</c> is given: a kill loses at most this much training, and one
    /// checkpoint (about 1 MB, fsynced, 15-20 ms here) every 30 s costs under 0.1% of the run.
    /// Counting steps instead would cost a share that grows with the training speed (every 200
    /// steps of a fast MLP run was +16% wall time).
    /// </summary>
    public static readonly TimeSpan DefaultCheckpointInterval = TimeSpan.FromSeconds(30);

    /// <summary>Parses <c>0</c> or a non-negative number with a unit: <c>ms</c>, <c>s</c>, <c>min</c> or <c>h</c>.</summary>
    public static bool TryParseInterval(string text, out TimeSpan interval)
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
