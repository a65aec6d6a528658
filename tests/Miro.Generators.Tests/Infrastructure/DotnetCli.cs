using System;
using System.Diagnostics;
using System.Text;

namespace Miro.Generators.Tests.Infrastructure;

/// <summary>Runs the dotnet CLI in a child process, without build servers that would outlive the test.</summary>
internal static class DotnetCli
{
    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var argument in new[] { "-nodeReuse:false", "-p:UseSharedCompilation=false" }) start.ArgumentList.Add(argument);

        // The test host's MSBuild variables point at its own SDK resolution; the child must
        // resolve its SDK afresh.
        foreach (var key in new System.Collections.Generic.List<string>(EnvironmentKeys()))
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)) start.Environment.Remove(key);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish in 5 minutes:\n{output}");
        }

        process.WaitForExit();
        lock (output) return (process.ExitCode, output.ToString());
    }

    private static System.Collections.Generic.IEnumerable<string> EnvironmentKeys()
    {
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables()) yield return (string)entry.Key;
    }
}
