using System;
using System.IO;
using System.Reflection;
using Miro.Generators.Tests.Infrastructure;
using Xunit;

namespace Miro.Generators.Tests;

/// <summary>
/// A real project outside the repository, built with <c>dotnet build</c>: it references the DSL
/// and the generator the way the example app does, has nullable, XML docs and warnings as
/// errors on, and uses the generated policy from C#.
/// </summary>
public sealed class ConsumerBuildTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "miro-consumer-" + Guid.NewGuid().ToString("N"));

    // The test's own build configuration, so the referenced projects' outputs already exist.
    private static readonly string Configuration =
        typeof(ConsumerBuildTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void A_broken_spec_fails_the_build_at_its_file_line_and_column_and_fixing_it_makes_the_build_pass()
    {
        WriteProject();
        var brokenText = File.ReadAllText(Path.Combine(RepoPaths.BrokenSpecs, "wrong-unit.miro")).Replace("policy WrongUnit", "policy Pi");
        var specPath = Path.Combine(_dir, "policies", "pi.miro");
        File.WriteAllText(specPath, brokenText);

        var (failedExit, failedOutput) = DotnetCli.Run(_dir, "build", "Consumer.csproj", "-c", Configuration, "--no-dependencies");

        Assert.True(failedExit != 0, "the build should fail:\n" + failedOutput);
        Assert.Contains($"{specPath}(9,12): error MIRO2003: unit 'W' is not a size", failedOutput);

        File.WriteAllText(specPath, brokenText.Replace("dram 2 W", "dram 2 GiB"));
        var (exit, output) = DotnetCli.Run(_dir, "build", "Consumer.csproj", "-c", Configuration, "--no-dependencies", "--no-restore");

        Assert.True(exit == 0, "the fixed spec should build:\n" + output);
        Assert.DoesNotMatch(@"warning [A-Z]+\d+", output);
    }

    private void WriteProject()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "policies"));
        var src = Path.Combine(RepoPaths.Root, "src");
        File.WriteAllText(Path.Combine(_dir, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <RootNamespace>Contoso.Edge</RootNamespace>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
              </PropertyGroup>
              <Import Project="{src}/Miro.Generators/buildTransitive/Miro.Generators.props" />
              <ItemGroup>
                <ProjectReference Include="{src}/Miro.Dsl/Miro.Dsl.csproj" />
                <ProjectReference Include="{src}/Miro.Generators/Miro.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);
        // Uses the generated types, so the fixed build proves they exist with the documented shape.
        File.WriteAllText(Path.Combine(_dir, "Planner.cs"), """
            using Contoso.Edge.Policies;
            using Miro.Dsl;

            namespace Contoso.Edge;

            /// <summary>Picks the largest replay memory the device allows right now.</summary>
            public static class Planner
            {
                /// <summary>The largest episodic capacity among the candidates for <paramref name="state"/>.</summary>
                public static int LargestEpisodicCapacity(ResourceState state)
                {
                    var best = PiPolicy.Default.EpisodicCapacity;
                    foreach (var candidate in PiPolicy.Candidates(state))
                        if (candidate.EpisodicCapacity > best) best = candidate.EpisodicCapacity;
                    return best;
                }

                /// <summary>The policy, as the runtime takes it.</summary>
                public static IMiroPolicy Policy => PiPolicy.Instance;

                /// <summary>DRAM in bytes, a compile-time constant.</summary>
                public const long Dram = PiPolicy.Device.DramBytes;
            }
            """);
    }
}
