using System.IO;
using System.Threading;

namespace Miro.Cli.Tests.Sweeps;

/// <summary>A sweep small enough for tests: 4 configurations, 2 tasks of 1 epoch, tiny memories, no storage tier, embedded data.</summary>
internal static class SweepSpecs
{
    public const string Tiny = """
        policy TinySweep {
          device { dram 2 GiB  power { idle 5 W  active 15 W }  meter model }
          data { dataset fashion_mnist  tasks 2  classes 2 per task  sample 3136 B }
          memory {
            stream   capacity 300 samples
            episodic capacity 20 samples select balanced
          }
          train {
            model mlp(hidden: [50])
            learner er
            epochs 1  batch 16  threads 1
            replay balanced
            optimizer sgd(lr: 0.05)
          }
          tune {
            episodic.capacity in {10, 40}
            stream.capacity in {150, 300}
          }
        }
        """;

    public static string Write(string directory)
    {
        string path = Path.Combine(directory, "tiny-sweep.miro");
        File.WriteAllText(path, Tiny);
        return path;
    }

    public static (int Exit, string Out, string Err) Sweep(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] command = ["sweep", .. args];
        int exit = MiroCommandLine.InvokeAsync(command, stdout, stderr, CancellationToken.None).GetAwaiter().GetResult();
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>How the tests start the CLI they were built with (as emitted jobs would start an installed <c>miro</c>).</summary>
    public static string MiroCommand => Cli.Sweeps.MiroExecutable.Current().ShellText();
}
