using System;
using System.IO;
using System.Text.Json;
using Xunit;

namespace Miro.Cli.Tests;

/// <summary>The miro command line as a user meets it: help with examples, the version, completion, JSON results, clear usage errors.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void Help_lists_every_command_with_examples()
    {
        (int exit, string output, _) = CliRunner.Invoke("--help");

        Assert.Equal(0, exit);
        foreach (string command in new[] { "check", "run", "report", "calibrate", "completion" })
        {
            Assert.Matches($@"\n  {command} ", output);
        }

        Assert.Contains("Examples:\n  miro check examples/specs/*.miro", output);
    }

    [Theory]
    [InlineData("check", "--json")]
    [InlineData("run", "--checkpoint-every <STEPS>")]
    [InlineData("report", "--out <DIR>")]
    [InlineData("calibrate", "--seconds <S>")]
    public void Command_help_shows_its_options_and_examples(string command, string option)
    {
        (int exit, string output, _) = CliRunner.Invoke(command, "--help");

        Assert.Equal(0, exit);
        Assert.Contains($"miro {command}", output);
        Assert.Contains(option, output);
        Assert.Contains($"Examples:\n  miro {command} ", output);
    }

    [Fact]
    public void Version_prints_the_tool_version()
    {
        (int exit, string output, _) = CliRunner.Invoke("--version");

        Assert.Equal(0, exit);
        Assert.Matches(@"^\d+\.\d+\.\d+", output);
        Assert.StartsWith(typeof(Program).Assembly.GetName().Version!.ToString(3), output);
    }

    [Theory]
    [InlineData(new string[0], "Required command was not provided.", "miro --help")]
    [InlineData(new[] { "chek", "a.miro" }, "unknown command 'chek' (did you mean 'check'?)", "miro --help")]
    [InlineData(new[] { "report", "--ot", "x", "r" }, "unknown option '--ot' (did you mean '--out'?)", "miro report --help")]
    [InlineData(new[] { "completion", "fish" }, "Argument 'fish' not recognized. Must be one of:\n\t'bash'\n\t'zsh'", "miro completion --help")]
    [InlineData(new[] { "calibrate", "--seconds", "0" }, "--seconds must be a positive number of seconds", "miro calibrate --help")]
    public void Usage_errors_name_the_problem_and_exit_two(string[] args, string message, string help)
    {
        (int exit, string output, string errors) = CliRunner.Invoke(args);

        Assert.Equal(Program.ExitCodes.Usage, exit);
        Assert.Contains(message, errors);
        Assert.Contains($"Run '{help}' for usage and examples.", errors);
        Assert.Equal("", output);
    }

    [Fact]
    public void Completion_script_asks_miro_for_suggestions()
    {
        (int exit, string output, _) = CliRunner.Invoke("completion", "bash");

        Assert.Equal(0, exit);
        Assert.Contains("complete -o filenames -F _miro_complete miro", output);
        Assert.Contains("[suggest:${COMP_POINT}]", output);
    }

    [Fact]
    public void Suggest_directive_completes_commands_and_options()
    {
        (int _, string commands, _) = CliRunner.Invoke("[suggest:6]", "miro r");
        (int _, string options, _) = CliRunner.Invoke("[suggest:16]", "miro run --chec");

        Assert.Equal(new[] { "report", "run" }, commands.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[..2]);
        Assert.Contains("--checkpoint-every", options);
    }

    [Fact]
    public void Check_json_is_one_document_with_located_diagnostics()
    {
        string dir = Directory.CreateTempSubdirectory("miro-json-").FullName;
        try
        {
            string bad = Path.Combine(dir, "bad.miro");
            File.WriteAllText(bad, "policy P {\n  device {\n    dram 4 W\n    power { idle 2 W  active 6 W }\n  }\n  memory { stream capacity 768  episodic capacity 500 }\n}\n");

            (int exit, string output, _) = CliRunner.Invoke("check", "--json", bad, RepositoryPaths.Quickstart);

            Assert.Equal(Program.ExitCodes.Failed, exit);
            using JsonDocument json = JsonDocument.Parse(output);
            JsonElement root = json.RootElement;
            Assert.Equal(1, root.GetProperty("errors").GetInt32());
            JsonElement diagnostic = root.GetProperty("files")[0].GetProperty("diagnostics")[0];
            Assert.Equal("MIRO2003", diagnostic.GetProperty("id").GetString());
            Assert.Equal("error", diagnostic.GetProperty("severity").GetString());
            Assert.Equal((3, 12), (diagnostic.GetProperty("line").GetInt32(), diagnostic.GetProperty("column").GetInt32()));
            Assert.Equal("Quickstart", root.GetProperty("files")[1].GetProperty("policies")[0].GetString());
            Assert.Equal(0, root.GetProperty("files")[1].GetProperty("diagnostics").GetArrayLength());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
