using System;
using System.Linq;
using System.Threading.Tasks;

namespace Miro.Cli;

/// <summary>The <c>miro</c> command-line tool.</summary>
public static class Program
{
    /// <summary>Exit codes shared by every command.</summary>
    public static class ExitCodes
    {
        /// <summary>Success.</summary>
        public const int Ok = 0;
        /// <summary>The input has errors (e.g. a spec with error diagnostics).</summary>
        public const int Failed = 1;
        /// <summary>Bad usage or an unreadable file.</summary>
        public const int Usage = 2;
    }

    /// <summary>Dispatches to a command by its first argument.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Out.WriteLine(Usage);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }

        var rest = args[1..];
        return args[0] switch
        {
            "check" => await CheckCommand.RunAsync(rest, Console.Out, Console.Error).ConfigureAwait(false),
            "run" => await RunCommand.RunAsync(rest, Console.Out, Console.Error).ConfigureAwait(false),
            "report" => Report.ReportCommand.Run(rest.Where(a => !a.StartsWith('-')).ToList(), null, Console.Out, Console.Error),
            "calibrate" => await CalibrateCommand.RunAsync(rest, Console.Out, Console.Error).ConfigureAwait(false),
            _ => UnknownCommand(args[0]),
        };
    }

    private static int UnknownCommand(string name)
    {
        Console.Error.WriteLine($"miro: unknown command '{name}'.");
        Console.Error.WriteLine(Usage);
        return ExitCodes.Usage;
    }

    private const string Usage = """
        usage: miro <command> [options]

        commands:
          check <files...>     check .miro specs and print diagnostics
          run <spec.miro>      run a policy on its dataset with live progress [--data DIR] [--seed N] [--out DIR] [--threads N] [--resume DIR] [--checkpoint-every STEPS]
          calibrate            fit the energy model to this device's meter; prints a device block [--root DIR] [--dir DIR] [--seconds S]
        """;
}
