using System.IO;
using System.Threading.Tasks;

namespace Miro.Cli;

/// <summary><c>miro check &lt;files...&gt;</c>: prints diagnostics for .miro specs.</summary>
internal static class CheckCommand
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        // Placeholder until issue 2 lands.
        _ = args;
        _ = stdout;
        stderr.WriteLine("miro check: not implemented yet");
        return Task.FromResult(Program.ExitCodes.Usage);
    }
}
