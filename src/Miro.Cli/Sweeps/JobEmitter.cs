using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Miro.Cli.Sweeps;

/// <summary>The forms <c>miro sweep --emit</c> writes a sweep in, for a scheduler the user already runs.</summary>
internal enum EmitFormat
{
    /// <summary>One <c>miro run</c> command line per job (for <c>xargs -P</c>, GNU parallel, any batch queue).</summary>
    Jobs,
    /// <summary>A Slurm array script: the array index selects configuration and seed.</summary>
    Slurm,
    /// <summary>A Kubernetes Indexed Job manifest: the completion index selects configuration and seed.</summary>
    Kubernetes,
}

/// <summary>
/// Writes a <see cref="SweepPlan"/> as a job list, a Slurm array script or a Kubernetes Indexed Job.
/// Every form runs the same <c>miro run</c> command lines and writes the same run folders, so
/// <c>miro sweep --collect</c> builds one table from any of them.
/// </summary>
internal static class JobEmitter
{
    /// <summary>Where the Kubernetes manifest mounts the shared volume (claim <see cref="Claim"/>).</summary>
    public const string MountPath = "/sweep";

    /// <summary>The persistent volume claim the Kubernetes manifest mounts.</summary>
    public const string Claim = "miro-sweep";

    /// <param name="plan">The sweep.</param>
    /// <param name="format">What to write.</param>
    /// <param name="miroCommand">How jobs start <c>miro</c> (a shell command prefix, e.g. <c>miro</c> or <c>dotnet /app/miro.dll</c>).</param>
    /// <param name="parallel">At most this many jobs at once (Slurm <c>%P</c>, Kubernetes <c>parallelism</c>); null: the scheduler decides.</param>
    /// <param name="image">The container image (Kubernetes).</param>
    public static string Emit(SweepPlan plan, EmitFormat format, string miroCommand, int? parallel, string image) => format switch
    {
        EmitFormat.Jobs => JobList(plan, miroCommand),
        EmitFormat.Slurm => Slurm(plan, miroCommand, parallel),
        _ => Kubernetes(plan, miroCommand, parallel, image),
    };

    private static string JobList(SweepPlan plan, string miroCommand)
    {
        var text = new StringBuilder();
        for (long i = 0; i < plan.Jobs; i++)
        {
            text.Append(miroCommand).Append(' ').AppendLine(ShellQuoting.Join(plan.RunArguments(i)));
        }

        return text.ToString();
    }

    /// <summary>The shell lines that turn a job index (in <paramref name="indexVariable"/>) into a run: the same arithmetic as <see cref="SweepPlan.JobAt"/>.</summary>
    private static IEnumerable<string> IndexedRun(SweepPlan plan, string miroCommand, string indexVariable, string arithmeticDollar)
    {
        string seeds = plan.Seeds.ToString(CultureInfo.InvariantCulture);
        yield return $"i=${indexVariable}";
        yield return $"c={arithmeticDollar}((i / {seeds}))";
        yield return $"s={arithmeticDollar}((i % {seeds}))";
        string folder = plan.OutputDirectory.TrimEnd('/') + "/config-$c-seed-$s";
        IEnumerable<string> words = plan.RunArguments("$c", "$s", folder).Select(w => w.Contains('$', System.StringComparison.Ordinal) ? "\"" + w + "\"" : ShellQuoting.Quote(w));
        yield return "exec " + miroCommand + " " + string.Join(" ", words);
    }

    private static string Slurm(SweepPlan plan, string miroCommand, int? parallel)
    {
        var text = new StringBuilder();
        text.AppendLine("#!/bin/bash");
        text.AppendLine(Invariant($"# miro sweep: {plan.Configurations} configuration(s) x {plan.Seeds} seed(s); array index i runs configuration i / {plan.Seeds}, seed i % {plan.Seeds}."));
        text.AppendLine("# Submit with `sbatch <this file>`; collect with `miro sweep --collect " + plan.OutputDirectory + "`.");
        text.AppendLine("#SBATCH --job-name=miro-sweep");
        text.AppendLine(Invariant($"#SBATCH --array=0-{plan.Jobs - 1}{(parallel is { } p ? "%" + p.ToString(CultureInfo.InvariantCulture) : "")}"));
        text.AppendLine(Invariant($"#SBATCH --cpus-per-task={plan.Threads ?? 1}"));
        text.AppendLine("set -euo pipefail");
        foreach (string line in IndexedRun(plan, miroCommand, "SLURM_ARRAY_TASK_ID", "$"))
        {
            text.AppendLine(line);
        }

        return text.ToString();
    }

    private static string Kubernetes(SweepPlan plan, string miroCommand, int? parallel, string image)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"# miro sweep: {plan.Configurations} configuration(s) x {plan.Seeds} seed(s); completion index i runs configuration i / {plan.Seeds}, seed i % {plan.Seeds}."));
        text.AppendLine($"# Run folders go to {plan.OutputDirectory} on the volume claim '{Claim}' mounted at {MountPath}; collect with `miro sweep --collect`.");
        text.AppendLine("apiVersion: batch/v1");
        text.AppendLine("kind: Job");
        text.AppendLine("metadata:");
        text.AppendLine("  name: miro-sweep");
        text.AppendLine("spec:");
        text.AppendLine("  completionMode: Indexed");
        text.AppendLine(Invariant($"  completions: {plan.Jobs}"));
        text.AppendLine(Invariant($"  parallelism: {parallel ?? 1}"));
        text.AppendLine("  backoffLimitPerIndex: 2");
        text.AppendLine("  template:");
        text.AppendLine("    spec:");
        text.AppendLine("      restartPolicy: Never");
        text.AppendLine("      containers:");
        text.AppendLine("      - name: miro");
        text.AppendLine($"        image: {YamlString(image)}");
        text.AppendLine("        command:");
        text.AppendLine("        - sh");
        text.AppendLine("        - -c");
        text.AppendLine("        - |");
        // Kubernetes expands $(NAME) in commands and turns $$ into $: the shell's arithmetic $((...)) is written $$((...)).
        foreach (string line in IndexedRun(plan, miroCommand, "JOB_COMPLETION_INDEX", "$$"))
        {
            text.AppendLine("          " + line);
        }

        text.AppendLine(Invariant($"        resources: {{ requests: {{ cpu: \"{plan.Threads ?? 1}\" }} }}"));
        text.AppendLine("        volumeMounts:");
        text.AppendLine($"        - {{ name: sweep, mountPath: {MountPath} }}");
        text.AppendLine("      volumes:");
        text.AppendLine($"      - {{ name: sweep, persistentVolumeClaim: {{ claimName: {Claim} }} }}");
        return text.ToString();
    }

    private static string YamlString(string value) => "\"" + value.Replace("\\", "\\\\", System.StringComparison.Ordinal).Replace("\"", "\\\"", System.StringComparison.Ordinal) + "\"";

    private static string Invariant(System.FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
