using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Miro.Cli.Sweeps;

/// <summary>The parsed arguments of <c>miro sweep</c>.</summary>
/// <param name="SpecPath">The spec to sweep (null with <c>--collect</c>).</param>
/// <param name="Seeds">Seeds per configuration.</param>
/// <param name="Parallel">Runs at once (null: one locally; the scheduler decides when emitting).</param>
/// <param name="OutputDirectory">Where run folders and the table go.</param>
/// <param name="DataDirectory">Passed to every run as <c>--data</c>.</param>
/// <param name="Threads">Passed to every run as <c>--threads</c>.</param>
/// <param name="PolicyName">The policy, when the spec has several.</param>
/// <param name="Emit">Write jobs for a scheduler instead of running them.</param>
/// <param name="CollectDirectory">Build the table from run folders below this directory instead of running.</param>
/// <param name="MiroCommand">How emitted jobs start <c>miro</c>.</param>
/// <param name="Image">The container image of an emitted Kubernetes Job.</param>
internal sealed record SweepOptions(string? SpecPath, int Seeds, int? Parallel, string? OutputDirectory, string? DataDirectory, int? Threads, string? PolicyName,
    EmitFormat? Emit, string? CollectDirectory, string MiroCommand, string Image)
{
    public const string Usage = """
        usage: miro sweep <spec.miro> [--seeds N] [--parallel P] [--out DIR] [--data DIR] [--threads N] [--policy NAME]
               miro sweep <spec.miro> --emit jobs|slurm|kubernetes [--seeds N] [--parallel P] [--out DIR] [--miro CMD] [--image IMAGE] ...
               miro sweep --collect DIR [--out DIR]
        """;

    /// <summary>Parses <paramref name="args"/>; on failure <paramref name="error"/> says why (null: help was asked for).</summary>
    public static bool TryParse(string[] args, [NotNullWhen(true)] out SweepOptions? options, out string? error)
    {
        options = null;
        error = null;
        string? spec = null;
        string? output = null;
        string? data = null;
        string? policy = null;
        string? collect = null;
        string miro = "miro";
        string image = "miro-sweep:latest";
        int seeds = 1;
        int? parallel = null;
        int? threads = null;
        EmitFormat? emit = null;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg is "-h" or "--help")
            {
                return false;
            }

            if (!arg.StartsWith('-'))
            {
                if (spec is not null)
                {
                    error = $"one spec file at a time ('{spec}' and '{arg}' given).";
                    return false;
                }

                spec = arg;
                continue;
            }

            if (i + 1 >= args.Length)
            {
                error = $"option {arg} needs a value.";
                return false;
            }

            string value = args[++i];
            switch (arg)
            {
                case "--out": output = value; break;
                case "--data": data = value; break;
                case "--policy": policy = value; break;
                case "--collect": collect = value; break;
                case "--miro": miro = value; break;
                case "--image": image = value; break;
                case "--seeds" or "--parallel" or "--threads":
                    if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < 1)
                    {
                        error = $"{arg} needs a positive integer, not '{value}'.";
                        return false;
                    }

                    if (arg == "--seeds") seeds = n;
                    else if (arg == "--parallel") parallel = n;
                    else threads = n;
                    break;
                case "--emit":
                    emit = value switch
                    {
                        "jobs" => EmitFormat.Jobs,
                        "slurm" => EmitFormat.Slurm,
                        "kubernetes" => EmitFormat.Kubernetes,
                        _ => null,
                    };
                    if (emit is null)
                    {
                        error = $"--emit takes jobs, slurm or kubernetes, not '{value}'.";
                        return false;
                    }

                    break;
                default:
                    error = $"unknown option '{arg}'.";
                    return false;
            }
        }

        if (collect is not null && (spec is not null || emit is not null))
        {
            error = "--collect builds the table from finished run folders; give no spec and no --emit with it.";
            return false;
        }

        if (collect is null && spec is null)
        {
            error = "no spec file given (or --collect DIR).";
            return false;
        }

        options = new SweepOptions(spec, seeds, parallel, output, data, threads, policy, emit, collect, miro, image);
        return true;
    }
}
