using System.Collections.Generic;
using System.Globalization;
using Miro.Dsl;
using Miro.Dsl.Model;

namespace Miro.Cli;

/// <summary>
/// What a spec asks of the machine <c>miro</c> runs on, beyond what the spec's own device block
/// allows (the compiler checks that). A spec may target another device, so these are warnings
/// that say "this machine".
/// </summary>
internal static class MachineFit
{
    /// <summary>Warnings for <paramref name="compiled"/> on a machine with <paramref name="cores"/> logical processors.</summary>
    public static IEnumerable<string> Warnings(string path, CompilationResult compiled, int cores)
    {
        foreach (PolicySpec policy in compiled.Policies)
        {
            if (policy.Train.Threads > cores)
            {
                yield return string.Create(CultureInfo.InvariantCulture,
                    $"{path}: warning: policy {policy.Name} trains with threads {policy.Train.Threads} but this machine has {cores} cores; ") +
                    "more threads than cores slow training down here (fine if the spec targets another device; `miro run --threads N` overrides it).";
            }
        }
    }
}
