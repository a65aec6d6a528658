using System;
using System.Linq;
using Miro.Dsl.Model;

namespace Miro.Runtime.ResumeChild;

/// <summary>
/// Usage: <c>Miro.Runtime.ResumeChild RUN_DIR concat|balanced</c>. Runs (or resumes) the scenario,
/// printing <c>TASK n</c> after each task's checkpoint and finally <c>MATRIX</c> with the accuracy
/// matrix, one row per line, values in round-trip format.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var replay = args[1] == "concat" ? ReplayMix.Concat : ReplayMix.Balanced;
        var result = ResumeScenario.Run(args[0], ResumeScenario.Policy(replay), onTaskDone: report =>
        {
            Console.Out.WriteLine($"TASK {report.Task}");
            Console.Out.Flush();
        });
        Console.Out.WriteLine("MATRIX");
        foreach (double[] row in result.AccuracyMatrix)
        {
            Console.Out.WriteLine(string.Join(" ", row.Select(a => a.ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
        }
        Console.Out.Flush();
        return 0;
    }
}
