using System;
using System.IO;
using Xunit;

namespace Miro.Packaging.Tests;

/// <summary>What a user installs works: the miro tool from its package, and an app with one PackageReference to Miro.Runtime.</summary>
public sealed class InstallTests : IClassFixture<PackedFeed>
{
    private readonly PackedFeed _feed;

    public InstallTests(PackedFeed feed) => _feed = feed;

    [Fact]
    public void Tool_installs_from_its_package_and_checks_an_example()
    {
        string tools = Path.Combine(_feed.Root, "tools");
        try
        {
            InstallAndRun(tools);
        }
        finally
        {
            PackedFeed.DeleteQuietly(tools);
            PackedFeed.DeleteQuietly(Path.Combine(_feed.Root, "tool-packages"));
        }
    }

    private void InstallAndRun(string tools)
    {
        Dotnet.Run(_feed.Root, Path.Combine(_feed.Root, "tool-packages"), "tool", "install", "Miro.Tool", "--tool-path", tools,
            "--add-source", _feed.Feed, "--version", _feed.Version);
        string miro = Path.Combine(tools, "miro");

        (int versionExit, string version) = Dotnet.Exec(miro, _feed.Root, null, expectSuccess: false, "--version");
        (int checkExit, string check) = Dotnet.Exec(miro, _feed.Root, null, expectSuccess: false, "check",
            Path.Combine(PackedFeed.RepositoryRoot, "examples", "specs", "quickstart.miro"));

        Assert.True(versionExit == 0, version);
        Assert.StartsWith(_feed.Version, version.Trim());
        Assert.True(checkExit == 0, check);
        Assert.Contains("1 file checked: 0 errors, 0 warnings", check);
    }

    [Fact]
    public void App_with_one_package_reference_gets_the_typed_policy_and_trains_on_the_embedded_subset()
    {
        string app = Directory.CreateDirectory(Path.Combine(_feed.Root, "app")).FullName;
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <RootNamespace>App</RootNamespace>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Miro.Runtime" Version="{_feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="miro" value="{_feed.Feed}" />
              </packageSources>
            </configuration>
            """);
        // The quick-start spec cut to 2 tasks of 1 epoch, without the storage tier (no folder to manage).
        string spec = File.ReadAllText(Path.Combine(PackedFeed.RepositoryRoot, "examples", "specs", "quickstart.miro"))
            .Replace("namespace Miro.Examples", "namespace App.Policies", StringComparison.Ordinal)
            .Replace("tasks 5", "tasks 2", StringComparison.Ordinal)
            .Replace("epochs 5", "epochs 1", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(app, "quickstart.miro"), spec);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System;
            using System.Globalization;
            using App.Policies;
            using Miro.Runtime.Data;
            using Miro.Runtime.Evaluation;
            using Miro.Runtime.Session;

            var (train, test) = DataSource.EmbeddedFashionMnist().Load();
            using var session = MiroSession.Create(QuickstartPolicy.Spec, train, test, new SessionOptions { Seed = 1, Threads = 1 });
            SessionResult result = session.Run();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{QuickstartPolicy.Spec.Name}: {result.Tasks.Count} tasks, average accuracy {result.AverageAccuracy:F3}"));
            """);

        try
        {
            string output = Dotnet.Run(app, null, "run", "-c", "Release");

            Assert.Matches(@"Quickstart: 2 tasks, average accuracy 0\.\d{3}", output);
        }
        finally
        {
            PackedFeed.DeleteQuietly(app);
        }
    }
}
