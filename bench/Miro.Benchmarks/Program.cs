using System;
using System.Globalization;
using BenchmarkDotNet.Running;

namespace Miro.Benchmarks;

/// <summary>
/// Runs the benchmarks selected on the command line (BenchmarkDotNet's switcher), or
/// <c>overhead [rounds]</c>: the interleaved runtime-vs-bare ER comparison, or
/// <c>swap-overhead [rounds]</c>: the interleaved swapping comparison.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "overhead")
        {
            int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
            Environment.ExitCode = InterleavedOverhead.Run(rounds, Console.Out);
            return;
        }

        if (args.Length > 0 && args[0] == "swap-overhead")
        {
            int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40;
            Environment.ExitCode = InterleavedSwapOverhead.Run(rounds, Console.Out);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
