using System.Globalization;
using System.IO;
using Miro.Dsl;
using Miro.Dsl.Model;

namespace Miro.Cli.Sweeps;

/// <summary>
/// <c>miro run --list-configurations</c>: the numbered candidates of a spec's tune space (the full
/// cross product, numbered as <see cref="FixedCandidate"/> numbers them), one line each.
/// </summary>
internal static class ConfigurationList
{
    public static void Print(TextWriter stdout, PolicySpec policy)
    {
        var space = CandidateSpace.Create(policy);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"policy {policy.Name}: {space.Count} configuration(s); run one with `miro run <spec> --configuration K`"));
        var widths = new int[space.TunableCount];
        stdout.Write("{0,6}", "K");
        for (int t = 0; t < space.TunableCount; t++)
        {
            string name = TunablePaths.Of(space.ParameterOf(t));
            widths[t] = name.Length;
            stdout.Write("  " + name);
        }

        stdout.WriteLine();
        for (long k = 0; k < space.Count; k++)
        {
            stdout.Write(string.Create(CultureInfo.InvariantCulture, $"{k,6}"));
            for (int t = 0; t < space.TunableCount; t++)
            {
                string value = FixedCandidate.ValueText(space.ParameterOf(t), space.ValueOf(k, t));
                stdout.Write("  " + (t + 1 < space.TunableCount ? value.PadRight(widths[t]) : value));
            }

            stdout.WriteLine();
        }
    }
}
