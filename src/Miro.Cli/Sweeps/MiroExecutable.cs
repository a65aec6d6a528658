using System;
using System.Collections.Generic;
using System.IO;

namespace Miro.Cli.Sweeps;

/// <summary>
/// How to start another <c>miro</c> process like this one: a sweep runs each job as a child
/// process, so every run has its own libtorch (global generator, thread pool) and a crash or kill
/// ends one run, not the sweep.
/// </summary>
/// <param name="FileName">The program to start.</param>
/// <param name="Prefix">Arguments before the command (the assembly, under the <c>dotnet</c> host).</param>
internal sealed record MiroExecutable(string FileName, IReadOnlyList<string> Prefix)
{
    /// <summary>
    /// The running <c>miro</c>: its apphost when that is what runs (<c>miro</c> installed as a tool
    /// or published), otherwise the same <c>dotnet</c> host with <c>miro.dll</c> (<c>dotnet
    /// miro.dll</c>, or a test or harness process that references the CLI).
    /// </summary>
    public static MiroExecutable Current()
    {
        string? process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "miro")
        {
            return new MiroExecutable(process, Array.Empty<string>());
        }

        string assembly = typeof(Program).Assembly.Location;
        string host = process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet";
        return new MiroExecutable(host, new[] { assembly });
    }

    /// <summary>The command line as one shell string (for messages and emitted job lists).</summary>
    public string ShellText() => ShellQuoting.Join(Prefix.Count == 0 ? new[] { FileName } : new[] { FileName, Prefix[0] });
}
