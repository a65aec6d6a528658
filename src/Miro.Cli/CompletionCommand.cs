using System.CommandLine;

namespace Miro.Cli;

/// <summary>
/// <c>miro completion bash|zsh</c>: prints a shell script that completes miro's commands, options and
/// file names by asking miro itself (System.CommandLine's <c>[suggest:POSITION]</c> directive).
/// </summary>
internal static class CompletionCommand
{
    public static Command Create()
    {
        var shell = new Argument<string>("shell") { Description = "The shell to complete in: bash or zsh." };
        shell.AcceptOnlyFromAmong("bash", "zsh");
        var command = new Command("completion", "Print a shell completion script for miro (source it from your shell's startup file).") { shell };
        command.SetAction(parse =>
        {
            string script = parse.GetValue(shell) == "zsh" ? "autoload -U +X bashcompinit && bashcompinit\n" + Bash : Bash;
            parse.InvocationConfiguration.Output.Write(script);
            return Program.ExitCodes.Ok;
        });
        return command;
    }

    // Asks `miro [suggest:N] "<line>"` for the words that fit at the cursor; falls back to file names.
    private const string Bash = """
        _miro_complete() {
          local IFS=$'\n'
          local suggestions
          suggestions=$(miro "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)
          COMPREPLY=($(compgen -W "${suggestions}" -- "${COMP_WORDS[COMP_CWORD]}"))
          if [ ${#COMPREPLY[@]} -eq 0 ]; then
            COMPREPLY=($(compgen -f -- "${COMP_WORDS[COMP_CWORD]}"))
          fi
        }
        complete -o filenames -F _miro_complete miro

        """;
}
