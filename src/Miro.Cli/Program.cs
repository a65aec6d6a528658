using System;
using System.Threading.Tasks;

namespace Miro.Cli;

/// <summary>The <c>miro</c> command-line tool (commands in <see cref="MiroCommandLine"/>).</summary>
public static class Program
{
    /// <summary>Exit codes shared by every command.</summary>
    public static class ExitCodes
    {
        /// <summary>Success.</summary>
        public const int Ok = 0;
        /// <summary>The input has errors (e.g. a spec with error diagnostics) or the run failed.</summary>
        public const int Failed = 1;
        /// <summary>Bad usage or an unreadable file.</summary>
        public const int Usage = 2;
        /// <summary>A run stopped by Ctrl+C or SIGTERM (128 + SIGINT), after writing a checkpoint.</summary>
        public const int Cancelled = 130;
    }

    /// <summary>Parses the command line and runs the command.</summary>
    public static Task<int> Main(string[] args) => MiroCommandLine.InvokeAsync(args, Console.Out, Console.Error);
}
