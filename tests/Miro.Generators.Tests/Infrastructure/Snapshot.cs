using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Xunit.Sdk;

namespace Miro.Generators.Tests.Infrastructure;

/// <summary>
/// In-repo snapshot testing (Verify cannot be restored here): <c>Snapshots/&lt;name&gt;.verified.cs</c>
/// holds the reviewed output. On a mismatch the actual output is written to
/// <c>&lt;name&gt;.received.cs</c> and the test fails with a unified diff. With
/// <c>MIRO_ACCEPT_SNAPSHOTS=1</c> the received output becomes the verified file instead.
/// </summary>
internal static class Snapshot
{
    /// <summary>The environment variable that accepts received output.</summary>
    public const string AcceptVariable = "MIRO_ACCEPT_SNAPSHOTS";

    /// <summary>Asserts that <paramref name="actual"/> equals the verified snapshot <paramref name="name"/>.</summary>
    public static void Match(string actual, string name) => Match(actual, name, RepoPaths.Snapshots, Environment.GetEnvironmentVariable(AcceptVariable) == "1");

    /// <summary>As <see cref="Match(string, string)"/>, with the folder and accept switch explicit (for the helper's own tests).</summary>
    public static void Match(string actual, string name, string directory, bool accept)
    {
        actual = Normalize(actual);
        var verifiedPath = Path.Combine(directory, name + ".verified.cs");
        var receivedPath = Path.Combine(directory, name + ".received.cs");
        var verified = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;

        if (verified == actual)
        {
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(directory);
        if (accept)
        {
            File.WriteAllText(verifiedPath, actual, new UTF8Encoding(false));
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual, new UTF8Encoding(false));
        var message = verified is null
            ? $"No snapshot {verifiedPath} yet. Review {receivedPath}; accept it by renaming it, or run the tests with {AcceptVariable}=1."
            : $"Snapshot {name} differs from {verifiedPath}. Received output: {receivedPath}. If the change is intended, run the tests with {AcceptVariable}=1.\n{UnifiedDiff(verified, actual)}";
        throw new XunitException(message);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');

    /// <summary>A unified-style diff (<c>-</c> verified, <c>+</c> received) with three lines of context.</summary>
    public static string UnifiedDiff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');

        // Longest common subsequence table, filled from the end.
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        var edits = new List<(char Kind, string Line, int A, int B)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y]) edits.Add((' ', a[x], x++, y++));
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] > lcs[x + 1, y])) edits.Add(('+', b[y], x, y++));
            else edits.Add(('-', a[x], x++, y));
        }

        const int context = 3;
        var diff = new StringBuilder("--- verified\n+++ received\n");
        var k = 0;
        while (k < edits.Count)
        {
            if (edits[k].Kind == ' ')
            {
                k++;
                continue;
            }

            // A hunk runs from this change to the last change that is at most two contexts
            // after the previous one, padded with context lines on both sides.
            var last = k;
            for (var i = k + 1; i < edits.Count && i - last <= 2 * context; i++)
                if (edits[i].Kind != ' ') last = i;
            var start = Math.Max(0, k - context);
            var end = Math.Min(edits.Count, last + context + 1);

            diff.Append("@@ -").Append(edits[start].A + 1).Append(" +").Append(edits[start].B + 1).Append(" @@\n");
            for (var i = start; i < end; i++) diff.Append(edits[i].Kind).Append(edits[i].Line).Append('\n');
            k = end;
        }

        return diff.ToString();
    }
}
