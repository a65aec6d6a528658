using System.Collections.Generic;
using System.Linq;

namespace Miro.Cli.Sweeps;

/// <summary>POSIX shell quoting for emitted command lines.</summary>
internal static class ShellQuoting
{
    /// <summary><paramref name="word"/> as one shell word: unchanged when it has only safe characters, else in single quotes.</summary>
    public static string Quote(string word)
    {
        if (word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '=' or ',' or '+' or '@'))
        {
            return word;
        }

        return "'" + word.Replace("'", "'\\''", System.StringComparison.Ordinal) + "'";
    }

    /// <summary>The words, each quoted, separated by spaces.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(" ", words.Select(Quote));
}
