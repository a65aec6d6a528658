using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Spectre.Console;

namespace Miro.Cli.Tests;

/// <summary>Runs the miro command line in-process, as `miro &lt;args&gt;` would, with stdout and stderr captured.</summary>
internal static class CliRunner
{
    public static async Task<(int Exit, string Out, string Err)> InvokeAsync(string[] args, CancellationToken cancellationToken = default)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        int exit = await MiroCommandLine.InvokeAsync(args, stdout, stderr, cancellationToken);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs with the given writers and, for `miro run`, live progress drawn on <paramref name="liveConsole"/>.</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken, IAnsiConsole? liveConsole = null) =>
        MiroCommandLine.InvokeAsync(args, stdout, stderr, cancellationToken, liveConsole);

    public static (int Exit, string Out, string Err) Invoke(params string[] args) => InvokeAsync(args).GetAwaiter().GetResult();
}
