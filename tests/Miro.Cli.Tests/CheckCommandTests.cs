using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Miro.Cli.Tests;

public sealed class CheckCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("miro-check-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        return await CliRunner.InvokeAsync(["check", .. args]);
    }

    private const string Bad = "policy P {\n  device {\n    dram 4 W\n    power { idle 2 W  active 6 W }\n  }\n  memory { stream capacity 768  episodic capacity 500 }\n}\n";

    [Fact]
    public async Task Example_specs_check_clean_and_exit_zero()
    {
        var specs = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "specs"), "*.miro");
        Assert.True(specs.Length >= 4);

        var (exit, output, error) = await Run(specs);

        Assert.Equal(0, exit);
        // The only warnings: a spec for a bigger device asks for more threads than this machine has.
        int machine = specs.Sum(spec => Miro.Dsl.MiroCompiler.Compile(File.ReadAllText(spec), spec).Policies.Count(p => p.Train.Threads > Environment.ProcessorCount));
        Assert.EndsWith($"{specs.Length} files checked: 0 errors, {machine} warning{(machine == 1 ? "" : "s")}\n", output);
        Assert.Equal(machine, output.Split('\n').Count(line => line.Contains($"this machine has {Environment.ProcessorCount} cores", StringComparison.Ordinal)));
        Assert.Empty(error);
    }

    [Fact]
    public async Task More_threads_than_this_machine_has_cores_is_a_warning_that_says_so()
    {
        var path = Write("threads.miro", "policy P {\n  device { dram 4 GiB  power { idle 2 W  active 6 W } }\n  memory { stream capacity 768  episodic capacity 500 }\n"
            + $"  train {{ threads {Environment.ProcessorCount + 1} }}\n}}\n");

        var (exit, output, _) = await Run(path);

        Assert.Equal(0, exit);
        Assert.Contains($"{path}: warning: policy P trains with threads {Environment.ProcessorCount + 1} but this machine has {Environment.ProcessorCount} cores", output, StringComparison.Ordinal);
        Assert.EndsWith("1 file checked: 0 errors, 1 warning\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_that_cannot_fit_dram_is_an_error()
    {
        var path = Write("batch.miro", "policy P {\n  device { dram 2 GiB  power { idle 2 W  active 6 W } }\n  memory { stream capacity 768  episodic capacity 500 }\n"
            + "  train { batch 100000000 }\n}\n");

        var (exit, output, _) = await Run(path);

        Assert.Equal(1, exit);
        Assert.Contains($"{path}(4,17): error MIRO2026: batch 100000000 needs", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_print_in_compiler_format_and_exit_one()
    {
        var path = Write("bad.miro", Bad);

        var (exit, output, _) = await Run(path);

        Assert.Equal(1, exit);
        Assert.Equal(
            $"{path}(3,12): error MIRO2003: unit 'W' is not a size; use B, KB, MB, GB, KiB, MiB or GiB\n" +
            "1 file checked: 1 error, 0 warnings\n", output);
    }

    [Fact]
    public async Task Crlf_files_report_the_same_positions_as_lf_files()
    {
        var lf = Write("lf.miro", Bad);
        var crlf = Write("crlf.miro", Bad.Replace("\n", "\r\n", StringComparison.Ordinal));

        var lfOut = (await Run(lf)).Out.Replace(lf, "X", StringComparison.Ordinal);
        var crlfOut = (await Run(crlf)).Out.Replace(crlf, "X", StringComparison.Ordinal);

        Assert.Equal(lfOut, crlfOut);
        Assert.Contains("X(3,12)", lfOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warnings_alone_exit_zero_and_are_counted()
    {
        var path = Write("warn.miro", "policy P {\n  device { dram 4 GiB  power { idle 2 W  active 6 W } }\n  memory { stream capacity 768  episodic capacity 500 }\n"
            + "  data { tasks 2 }\n  tune { episodic.capacity in {200, 300} }\n  profile { from task 3 }\n}\n");

        var (exit, output, _) = await Run(path);

        Assert.Equal(0, exit);
        Assert.Contains(": warning MIRO2020: ", output, StringComparison.Ordinal);
        Assert.EndsWith("1 file checked: 0 errors, 1 warning\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_a_usage_error_that_names_the_file()
    {
        var missing = Path.Combine(_dir, "nope.miro");
        var good = Write("good.miro", Bad);

        var (exit, output, error) = await Run(good, missing);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains($"file '{missing}' not found", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_is_a_usage_error_that_suggests_its_files()
    {
        var (exit, _, error) = await Run(_dir);

        Assert.Equal(2, exit);
        Assert.Contains("is a directory", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new string[0], "Required argument 'files' missing")]
    [InlineData(new[] { "--strict", "x.miro" }, "unknown option '--strict'")]
    public async Task Bad_usage_exits_two_with_usage(string[] args, string message)
    {
        var (exit, _, error) = await Run(args);

        Assert.Equal(2, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Contains("Run 'miro check --help' for usage and examples.", error, StringComparison.Ordinal);
    }
}
