using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using Miro.Cli.Sweeps;

namespace Miro.Experiments.Paper;

/// <summary>
/// The second scenario of the paper experiment: the device's battery drops from 100% to
/// <see cref="LowPercent"/>% while task <see cref="DropDuringTask"/> trains. Each Miro run reads its
/// own simulated battery (<c>miro run --system-root</c>, a folder with
/// <c>sys/class/power_supply/BAT0/capacity</c>), which the harness rewrites as soon as the run's log
/// shows that task profiling or training (after the task's resource reading); the reading at the next
/// task's start sees it, and <c>miro.miro</c>'s <c>when battery.level &lt; 30%</c> rule then leaves
/// only the cheap candidates. The fixed configurations read no battery (they have no rules): their
/// runs under the same trace are the main experiment's, so they are not run again.
/// </summary>
internal static class BatteryScenario
{
    /// <summary>The battery drops while this task profiles or trains; the rule applies from the next task.</summary>
    public const int DropDuringTask = 2;

    /// <summary>The battery level after the drop, percent.</summary>
    public const int LowPercent = 20;

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    /// <summary>The run folder of seed <paramref name="seed"/>.</summary>
    public static string Folder(string output, int seed) => Path.Combine(output, "battery-drop", "miro", Seed(seed));

    private static string Capacity(string output, int seed) =>
        Path.Combine(output, "battery-drop", "root", Seed(seed), "sys", "class", "power_supply", "BAT0", "capacity");

    private static string Seed(int seed) => "seed-" + seed.ToString(CultureInfo.InvariantCulture);

    /// <summary>Miro's runs with a simulated battery, full until the drop (a run that has not started yet gets a full battery).</summary>
    public static IEnumerable<SweepRunner.ChildRun> Jobs(string output, string specs, int seeds, string? data)
    {
        for (int seed = 0; seed < seeds; seed++)
        {
            string capacity = Capacity(output, seed);
            if (!File.Exists(capacity))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(capacity)!);
                Write(capacity, 100);
            }

            string root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(capacity)!, "..", "..", "..", ".."));
            var args = new List<string>
            {
                "run", Path.Combine(specs, ExperimentSystems.Miro.Spec), "--seed", seed.ToString(CultureInfo.InvariantCulture),
                "--out", Folder(output, seed), "--system-root", root,
            };
            if (data is not null)
            {
                args.Add("--data");
                args.Add(data);
            }

            yield return new SweepRunner.ChildRun(Folder(output, seed), args);
        }
    }

    /// <summary>Watches the runs and drops each one's battery once its task <see cref="DropDuringTask"/> has started; dispose to stop.</summary>
    public static IDisposable DropBatteries(string output, int seeds)
    {
        var stop = new CancellationTokenSource();
        var thread = new Thread(() =>
        {
            var dropped = new bool[seeds];
            while (!stop.IsCancellationRequested)
            {
                for (int seed = 0; seed < seeds; seed++)
                {
                    if (!dropped[seed] && Started(Path.Combine(Folder(output, seed), SweepRunner.LogFile)))
                    {
                        Write(Capacity(output, seed), LowPercent);
                        dropped[seed] = true;
                    }
                }

                stop.Token.WaitHandle.WaitOne(Poll);
            }
        })
        { IsBackground = true, Name = "battery-drop" };
        thread.Start();
        return new Stopper(stop, thread);
    }

    /// <summary>
    /// Whether the run's log (<c>miro run</c>'s plain progress lines) shows task <see cref="DropDuringTask"/>
    /// profiling or training: its resources were read at its start, before either.
    /// </summary>
    private static bool Started(string log)
    {
        if (!File.Exists(log))
        {
            return false;
        }

        string task = string.Create(CultureInfo.InvariantCulture, $"task {DropDuringTask}/");
        bool inTask = false;
        using var reader = new StreamReader(new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith(task, StringComparison.Ordinal))
            {
                inTask = true;
            }
            else if (inTask && (line.StartsWith("  profiling candidate", StringComparison.Ordinal) || line.StartsWith("  epoch", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Replaces the file at once (a reader sees the old or the new level, never half a line).</summary>
    private static void Write(string path, int percent)
    {
        string temp = path + ".tmp";
        File.WriteAllText(temp, percent.ToString(CultureInfo.InvariantCulture) + "\n");
        File.Move(temp, path, overwrite: true);
    }

    private sealed class Stopper(CancellationTokenSource stop, Thread thread) : IDisposable
    {
        public void Dispose()
        {
            stop.Cancel();
            thread.Join();
            stop.Dispose();
        }
    }
}
