using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;

namespace Miro.Runtime.Tests.Memory;

/// <summary>
/// Starts <c>Miro.Runtime.CrashChild</c> on a store, SIGKILLs it after a delay, and returns the
/// batches it reported as committed.
/// </summary>
internal static class CrashChildProcess
{
    public sealed record Outcome(List<(long First, int Count)> Committed, bool WasReady, int? ExitCode, string Output);

    public static Outcome RunAndKill(string storeDirectory, int seed, TimeSpan delay, bool delayFromReady, long? capacitySamples = null)
    {
        string child = Path.Combine(AppContext.BaseDirectory, "Miro.Runtime.CrashChild.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(child);
        start.ArgumentList.Add(storeDirectory);
        start.ArgumentList.Add(seed.ToString(CultureInfo.InvariantCulture));
        if (capacitySamples is long capacity)
        {
            start.ArgumentList.Add(capacity.ToString(CultureInfo.InvariantCulture));
        }

        var committed = new List<(long, int)>();
        var output = new System.Text.StringBuilder();
        using var ready = new ManualResetEventSlim();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            lock (committed)
            {
                output.AppendLine(e.Data);
                // Only a complete line is a claim: "C first count END".
                var parts = e.Data.Split(' ');
                if (parts.Length == 4 && parts[0] == "C" && parts[3] == "END")
                {
                    committed.Add((long.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture)));
                }
            }
            if (e.Data == "READY")
            {
                ready.Set();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (committed)
                {
                    output.AppendLine("stderr: " + e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (delayFromReady)
        {
            ready.Wait(TimeSpan.FromSeconds(30));
        }
        Thread.Sleep(delay);
        int? exitCode = null;
        if (process.HasExited)
        {
            exitCode = process.ExitCode;
        }
        else
        {
            process.Kill(entireProcessTree: true); // SIGKILL on Linux: no finalisers, no flush, no close
        }
        process.WaitForExit(); // also drains the redirected output
        lock (committed)
        {
            return new Outcome(committed, ready.IsSet, exitCode, output.ToString());
        }
    }
}
