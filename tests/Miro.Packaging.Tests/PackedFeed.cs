using System;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace Miro.Packaging.Tests;

/// <summary>
/// Packs the tool and the three library packages once per test run into a temporary feed, with a
/// version of its own so the NuGet cache never serves an older build of the same version. The
/// build goes to a separate artifacts folder, leaving the repository's bin/ and obj/ alone.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    public PackedFeed()
    {
        Root = Directory.CreateTempSubdirectory("miro-packaging-").FullName;
        Feed = Directory.CreateDirectory(Path.Combine(Root, "feed")).FullName;
        Version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        string artifacts = Path.Combine(Root, "artifacts");
        try
        {
            foreach (string project in new[] { "Miro.Dsl", "Miro.Generators", "Miro.Runtime", "Miro.Cli" })
            {
                Dotnet.Run(RepositoryRoot, null, "pack", Path.Combine("src", project), "-c", "Release", "-o", Feed, "-p:Version=" + Version,
                    "-p:UseArtifactsOutput=true", "-p:ArtifactsPath=" + artifacts);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
        finally
        {
            // The build and publish folders hold libtorch twice (about 2 GB): only the feed is needed.
            DeleteQuietly(artifacts);
        }
    }

    public static string RepositoryRoot { get; } = FindRoot();

    public string Root { get; }

    public string Feed { get; }

    public string Version { get; }

    public void Dispose() => DeleteQuietly(Root);

    /// <summary>Deletes a folder this fixture made (each holds up to a gigabyte of libtorch).</summary>
    public static void DeleteQuietly(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private static string FindRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Miro.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("Miro.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Runs dotnet (or an installed tool) and returns its output; a non-zero exit fails with everything it printed.</summary>
internal static class Dotnet
{
    public static string Run(string workingDirectory, string? nugetPackages, string command, params string[] args) =>
        Exec("dotnet", workingDirectory, nugetPackages, expectSuccess: true, [command, .. args]).Output;

    public static (int Exit, string Output) Exec(string fileName, string workingDirectory, string? nugetPackages, bool expectSuccess, params string[] args)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // An isolated package folder where a test must not leave a 300 MB tool in the shared cache.
        if (nugetPackages is not null)
        {
            start.Environment["NUGET_PACKAGES"] = nugetPackages;
        }

        using Process process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        string text = output.ToString();
        if (expectSuccess && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', args)} exited {process.ExitCode}:{Environment.NewLine}{text}");
        }

        return (process.ExitCode, text);
    }
}
