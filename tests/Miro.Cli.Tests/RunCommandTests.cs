using System;
using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Spectre.Console.Testing;
using Xunit;

namespace Miro.Cli.Tests;

public sealed class RunCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "miro-cli-tests-" + Guid.NewGuid().ToString("N"));

    public RunCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string SmallSpec()
    {
        string text = File.ReadAllText(RepositoryPaths.Quickstart)
            .Replace("tasks 5", "tasks 2", StringComparison.Ordinal)
            .Replace("epochs 5", "epochs 1", StringComparison.Ordinal);
        string path = Path.Combine(_dir, "small.miro");
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        return CliRunner.Invoke(["run", .. args]);
    }

    [Fact]
    public void Runs_a_spec_on_the_embedded_subset_prints_the_matrix_and_writes_reports()
    {
        string outDir = Path.Combine(_dir, "out");

        (int exit, string output, string errors) = Run(SmallSpec(), "--data", RepositoryPaths.EmbeddedSubset, "--seed", "2", "--out", outDir);

        Assert.True(exit == 0, errors);
        Assert.Contains("task 1/2", output);
        Assert.Contains("accuracy matrix", output);
        Assert.Contains("after T2", output);
        Assert.Contains("average accuracy", output);
        Assert.Contains("forgetting", output);
        Assert.True(File.Exists(Path.Combine(outDir, "task-01.json")));
        Assert.True(File.Exists(Path.Combine(outDir, "task-02.json")));
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal(2, summary.RootElement.GetProperty("accuracyMatrix").GetArrayLength());
        Assert.Equal(2, summary.RootElement.GetProperty("seed").GetInt32());
        Assert.InRange(summary.RootElement.GetProperty("averageAccuracy").GetDouble(), 0.3, 1.0);
    }

    [Fact]
    public void A_spec_with_errors_prints_its_diagnostics_and_exits_1()
    {
        string path = Path.Combine(_dir, "bad.miro");
        File.WriteAllText(path, "policy Broken { train { epochs -3 } }");

        (int exit, _, string errors) = Run(path);

        Assert.Equal(1, exit);
        Assert.Contains($"{path}(1,", errors);
        Assert.Contains("error MIRO", errors);
        Assert.Contains("has errors", errors);
    }

    [Fact]
    public void A_missing_data_directory_is_a_clear_usage_error()
    {
        (int exit, _, string errors) = Run(SmallSpec(), "--data", "/no/such/data");

        Assert.Equal(2, exit);
        Assert.Contains("/no/such/data (from --data): directory not found", errors);
    }

    [Fact]
    public void A_corrupt_data_file_is_named()
    {
        string data = Path.Combine(_dir, "data");
        Directory.CreateDirectory(data);
        foreach (string name in new[] { "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" })
        {
            File.WriteAllBytes(Path.Combine(data, name), new byte[] { 1, 2, 3, 4, 5 });
        }

        (int exit, _, string errors) = Run(SmallSpec(), "--data", data);

        Assert.Equal(2, exit);
        Assert.Contains(Path.Combine(data, "train-images-idx3-ubyte") + ": bad magic number", errors);
    }

    [Theory]
    [InlineData(new string[0], "Required argument 'spec' missing")]
    [InlineData(new[] { "a.miro", "--seed", "x" }, "Cannot parse argument 'x' for option '--seed'")]
    [InlineData(new[] { "a.miro", "--threads", "0" }, "--threads needs a positive number of threads, not '0'")]
    [InlineData(new[] { "a.miro", "--frobnicate", "1" }, "unknown option '--frobnicate'")]
    [InlineData(new[] { "a.miro", "--checkpoint-every", "-1" }, "--checkpoint-every needs a number of steps")]
    [InlineData(new[] { "a.miro", "b.miro" }, "unexpected argument 'b.miro'")]
    [InlineData(new[] { "a.miro", "--out" }, "Required argument missing for option: '--out'")]
    [InlineData(new[] { "a.miro", "--resume", "r", "--out", "o" }, "--resume continues the run in its own directory; drop --out.")]
    [InlineData(new[] { "a.miro", "--sed", "1" }, "unknown option '--sed' (did you mean '--seed'?)")]
    public void Bad_arguments_are_usage_errors(string[] args, string message)
    {
        (int exit, _, string errors) = Run(args);

        Assert.Equal(2, exit);
        Assert.Contains(message, errors);
        Assert.Contains("Run 'miro run --help' for usage and examples.", errors);
    }

    [Fact]
    public void A_missing_spec_file_is_named()
    {
        (int exit, _, string errors) = Run(Path.Combine(_dir, "none.miro"));

        Assert.Equal(2, exit);
        Assert.Contains("none.miro", errors);
    }

    [Fact]
    public async Task Progress_is_drawn_live_on_a_terminal_console()
    {
        var console = new TestConsole().Width(220).Interactive();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int exit = await CliRunner.InvokeAsync(["run", SmallSpec(), "--data", RepositoryPaths.EmbeddedSubset, "--out", Path.Combine(_dir, "live")],
            stdout, stderr, CancellationToken.None, console);

        Assert.True(exit == 0, stderr.ToString());
        string live = console.Output;
        Assert.Contains("task 2/2", live);
        Assert.Matches(@"\d+\.\d J so far", live);
        // The configuration line follows the controller: the last one drawn is what task 2 trained with
        // (whether a frame fell inside task 1's short epoch depends on the machine's load, so task 1's
        // base configuration is not asserted).
        using JsonDocument task2 = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "live", "task-02.json")));
        JsonElement chosen = task2.RootElement.GetProperty("configuration");
        MatchCollection lines = Regex.Matches(live, @"configuration: EpisodicCapacity \d+ · StreamCapacity \d+ · Epochs \d+ · Batch \d+");
        Assert.NotEmpty(lines);
        Assert.Equal(
            $"configuration: EpisodicCapacity {chosen.GetProperty("episodicCapacity").GetInt32()} · StreamCapacity {chosen.GetProperty("streamCapacity").GetInt32()} · Epochs 1 · Batch 16",
            lines[^1].Value);
        Assert.Matches(@"epoch 1/1  step \d+/\d+  \d+ steps/s  loss \d\.\d{4}  acc \d+\.\d%", live);
        Assert.Contains("100%", live);
        // The plain progress lines are not printed as well; the results are.
        Assert.DoesNotContain("task 1/2", stdout.ToString());
        Assert.Contains("accuracy matrix", stdout.ToString());
    }

    [Fact]
    public void System_root_simulates_the_devices_readings_a_low_battery_selects_its_when_rule()
    {
        // A battery at 20% in a folder that stands for /: the rule narrows the stream buffer to 600.
        string root = Path.Combine(_dir, "root");
        Directory.CreateDirectory(Path.Combine(root, "sys", "class", "power_supply", "BAT0"));
        File.WriteAllText(Path.Combine(root, "sys", "class", "power_supply", "BAT0", "capacity"), "20\n");
        string spec = Path.Combine(_dir, "battery.miro");
        string text = File.ReadAllText(SmallSpec());
        File.WriteAllText(spec, text[..text.LastIndexOf('}')] + "  when battery.level < 30% { tune stream.capacity in {600} }\n}\n");
        string outDir = Path.Combine(_dir, "battery");

        (int exit, _, string errors) = Run(spec, "--data", RepositoryPaths.EmbeddedSubset, "--out", outDir, "--system-root", root);

        Assert.True(exit == 0, errors);
        using JsonDocument task2 = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "task-02.json")));
        JsonElement extensions = task2.RootElement.GetProperty("extensions");
        Assert.Equal(0.2, extensions.GetProperty("resources").GetProperty("batteryLevel").GetDouble(), 6);
        Assert.Equal(0, extensions.GetProperty("resources").GetProperty("activeRules")[0].GetInt32());
        // Of the 3 x 2 grid only the three candidates with the rule's stream capacity were allowed.
        Assert.Equal(3, extensions.GetProperty("controller").GetProperty("counts").GetProperty("allowed").GetInt32());
        Assert.Equal(600, task2.RootElement.GetProperty("configuration").GetProperty("streamCapacity").GetInt32());
    }

    [Fact]
    public void A_system_root_that_does_not_exist_is_a_usage_error()
    {
        (int exit, _, string errors) = Run(SmallSpec(), "--system-root", Path.Combine(_dir, "missing"));

        Assert.Equal(2, exit);
        Assert.Contains("--system-root needs an existing folder", errors);
    }

    [Fact]
    public void Json_prints_one_result_document_on_stdout_and_the_text_on_stderr()
    {
        string outDir = Path.Combine(_dir, "json");

        (int exit, string output, string errors) = Run(SmallSpec(), "--data", RepositoryPaths.EmbeddedSubset, "--out", outDir, "--json");

        Assert.True(exit == 0, errors);
        using JsonDocument json = JsonDocument.Parse(output);
        Assert.Equal(outDir, json.RootElement.GetProperty("outputDirectory").GetString());
        JsonElement summary = json.RootElement.GetProperty("summary");
        Assert.Equal(2, summary.GetProperty("accuracyMatrix").GetArrayLength());
        using JsonDocument written = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal(written.RootElement.GetProperty("accuracyMatrix").Deserialize<double[][]>(), summary.GetProperty("accuracyMatrix").Deserialize<double[][]>());
        Assert.Contains("accuracy matrix", errors);
        Assert.Contains("task 1/2", errors);
    }
}
