using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace Miro.Dsl.Tests;

/// <summary>
/// Property test: no input makes the compiler throw or hang, and every diagnostic it reports
/// points inside the text. Inputs are mutations of the example specs (deleted, duplicated and
/// swapped tokens, random bytes, truncation) plus random token soup and random characters.
/// </summary>
public sealed class FuzzTests
{
    private const int InputCount = 12_000;

    /// <summary>A hang guard only: far above the milliseconds one input takes.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(20);

    private static readonly Regex TokenPattern = new(@"\s+|//[^\n]*|/\*.*?\*/|""[^""\n]*""|[A-Za-z_][A-Za-z0-9_]*|-?\d+(\.\d+)?|\.\.|<=|>=|.", RegexOptions.Singleline);

    private static readonly string[] Alphabet =
    {
        "policy", "device", "memory", "train", "tune", "profile", "when", "data", "budget", "{", "}", "[", "]", "(", ")",
        ",", ":", "..", "<", ">=", "%", "GiB", "W", "nJ/B", "samples", "epoch", "per", "task", "in", "step", "\"", "/*", "*/",
        "//", "\n", "\r\n", "\r", " ", "42", "-1", "0.5", "1e999", "x", "episodic.capacity", "dram", "storage", "swap", "ratio",
    };

    [Fact]
    public async Task Compiler_never_throws_or_hangs_and_reports_spans_inside_the_text()
    {
        var random = new Random(20260101);
        var seenIds = new HashSet<string>();
        var specs = new List<List<string>>();
        foreach (var name in ExampleSpecs.Names) specs.Add(Tokens(ExampleSpecs.Read(name)));

        for (var n = 0; n < InputCount; n++)
        {
            var input = Make(random, specs, n);
            CompilationResult result;
            try
            {
                result = await Task.Run(() => MiroCompiler.CompileUnguarded(input, "fuzz.miro")).WaitAsync(HangGuard);
            }
            catch (TimeoutException)
            {
                throw new Xunit.Sdk.XunitException($"input #{n} did not finish within {HangGuard}\n--- input ---\n{input}");
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"input #{n} threw {e}\n--- input ---\n{input}");
            }
            CheckResult(result, input, n);
            foreach (var d in result.Diagnostics) seenIds.Add(d.Id);
        }

        // The mutations must reach the binder, not just the parser: most of the catalog shows up.
        Assert.True(seenIds.Count >= 20, "only these diagnostics were produced: " + string.Join(", ", System.Linq.Enumerable.Order(seenIds)));
    }

    private static void CheckResult(CompilationResult result, string input, int n)
    {
        foreach (var d in result.Diagnostics)
        {
            Assert.True(d.Span.Start.Offset >= 0 && d.Span.Start.Offset <= d.Span.End.Offset && d.Span.End.Offset <= input.Length,
                $"input #{n}: {d} has span {d.Span} outside the text (length {input.Length})");
            Assert.StartsWith("MIRO", d.Id);
            Assert.False(string.IsNullOrWhiteSpace(d.Message));
        }
        foreach (var policy in result.Policies) Assert.Contains(policy.Name, input, StringComparison.Ordinal);
    }

    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        foreach (Match m in TokenPattern.Matches(text)) tokens.Add(m.Value);
        return tokens;
    }

    private static string Make(Random random, List<List<string>> specs, int n)
    {
        var tokens = new List<string>(specs[random.Next(specs.Count)]);
        switch (n % 8)
        {
            case 0: // delete tokens
                for (var k = random.Next(1, 6); k > 0 && tokens.Count > 0; k--) tokens.RemoveAt(random.Next(tokens.Count));
                return string.Concat(tokens);
            case 1: // duplicate tokens
                for (var k = random.Next(1, 6); k > 0; k--)
                {
                    var i = random.Next(tokens.Count);
                    tokens.Insert(i, tokens[i]);
                }
                return string.Concat(tokens);
            case 2: // swap tokens
                for (var k = random.Next(1, 6); k > 0; k--)
                {
                    int i = random.Next(tokens.Count), j = random.Next(tokens.Count);
                    (tokens[i], tokens[j]) = (tokens[j], tokens[i]);
                }
                return string.Concat(tokens);
            case 3: // random bytes spliced in
                {
                    var text = new StringBuilder(string.Concat(tokens));
                    for (var k = random.Next(1, 8); k > 0; k--)
                        text.Insert(random.Next(text.Length + 1), (char)random.Next(0, 0x10000));
                    return text.ToString();
                }
            case 4: // truncation
                {
                    var text = string.Concat(tokens);
                    return text.Substring(0, random.Next(text.Length + 1));
                }
            case 5: // all of the above
                {
                    tokens.RemoveAt(random.Next(tokens.Count));
                    var i = random.Next(tokens.Count);
                    tokens.Insert(i, tokens[random.Next(tokens.Count)]);
                    var text = string.Concat(tokens);
                    return text.Substring(0, random.Next(text.Length / 2, text.Length + 1));
                }
            case 6: // token soup from the language's own vocabulary
                {
                    var text = new StringBuilder();
                    for (var k = random.Next(0, 200); k > 0; k--)
                    {
                        text.Append(Alphabet[random.Next(Alphabet.Length)]);
                        if (random.Next(3) == 0) text.Append(' ');
                    }
                    return text.ToString();
                }
            default: // random characters
                {
                    var chars = new char[random.Next(0, 300)];
                    for (var k = 0; k < chars.Length; k++) chars[k] = (char)random.Next(0, 128);
                    return new string(chars);
                }
        }
    }
}
