using System;
using System.CommandLine;
using System.Linq;
using BenchmarkDotNet.Running;

namespace Miro.Benchmarks;

/// <summary>
/// <c>overhead [rounds]</c>: the interleaved runtime-vs-bare ER comparison; <c>swap-overhead [rounds]</c>:
/// the interleaved swapping comparison; anything else goes to BenchmarkDotNet's switcher
/// (<c>--filter '*'</c>, <c>--list flat</c>, ...).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var overheadRounds = new Argument<int>("rounds") { Description = "Interleaved rounds.", DefaultValueFactory = _ => 10 };
        var overhead = new Command("overhead", "Interleaved runtime-vs-bare ER comparison.") { overheadRounds };
        overhead.SetAction(p => InterleavedOverhead.Run(p.GetValue(overheadRounds), p.InvocationConfiguration.Output));

        var swapRounds = new Argument<int>("rounds") { Description = "Interleaved rounds.", DefaultValueFactory = _ => 40 };
        var swapOverhead = new Command("swap-overhead", "Interleaved swapping comparison (concat and balanced replay, 25% and 100% swap ratio).") { swapRounds };
        swapOverhead.SetAction(p => InterleavedSwapOverhead.Run(p.GetValue(swapRounds), p.InvocationConfiguration.Output));

        // BenchmarkDotNet parses its own options; they pass through untouched.
        var root = new RootCommand("Miro benchmarks: BenchmarkDotNet options (e.g. --filter '*'), or one of the interleaved comparisons.")
        {
            overhead, swapOverhead,
        };
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction(p =>
        {
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(p.UnmatchedTokens.ToArray());
            return 0;
        });
        ParseResult result = root.Parse(args);
        int code = result.Invoke();
        return result.Errors.Count > 0 ? 2 : code;
    }
}
