using System;
using System.Globalization;
using System.Threading;
using Miro.Runtime.Data;
using Miro.Runtime.Memory;

namespace Miro.Runtime.CrashChild;

/// <summary>
/// Usage: <c>Miro.Runtime.CrashChild STORE_DIR SEED [CAPACITY_SAMPLES]</c>. Opens the store, then
/// until killed: the main thread appends batches (one transaction each) and prints
/// <c>C first count END</c> after each commit returns; a second thread swaps continuously, drawing
/// random samples of random labels into a small in-memory "episodic memory" and checking each
/// one's contents (exit code 3 if a draw ever returns wrong data).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        string directory = args[0];
        int seed = int.Parse(args[1], CultureInfo.InvariantCulture);
        long? capacityBytes = args.Length > 2 ? long.Parse(args[2], CultureInfo.InvariantCulture) * SampleStore.RecordBytesFor(CrashWorkload.Features, SampleEncoding.Float32) : null;

        using var store = SampleStore.Open(directory, CrashWorkload.Features, SampleEncoding.Float32, capacityBytes);
        var stdout = Console.Out;
        stdout.WriteLine("READY");
        stdout.Flush();

        var swapper = new Thread(() => Swap(store, seed)) { IsBackground = true };
        swapper.Start();

        var features = new float[64 * CrashWorkload.Features];
        var labels = new int[64];
        var sourceIds = new long[64];
        while (true)
        {
            long first = store.NextId;
            int n = CrashWorkload.BatchSize(first);
            for (int i = 0; i < n; i++)
            {
                labels[i] = CrashWorkload.Label(first + i);
                sourceIds[i] = -(first + i);
                for (int j = 0; j < CrashWorkload.Features; j++)
                {
                    features[i * CrashWorkload.Features + j] = CrashWorkload.Feature(first + i, j);
                }
            }
            long id = store.Append(checked((int)first), sourceIds.AsSpan(0, n), labels.AsSpan(0, n), features.AsSpan(0, n * CrashWorkload.Features));
            if (id != first)
            {
                return 4;
            }
            stdout.WriteLine($"C {first} {n} END");
            stdout.Flush();
        }
    }

    private static void Swap(SampleStore store, int seed)
    {
        var random = new Random(seed);
        var slots = new float[32][];
        for (int s = 0; s < slots.Length; s++)
        {
            slots[s] = new float[CrashWorkload.Features];
        }
        while (true)
        {
            int slot = random.Next(slots.Length);
            int label = random.Next(CrashWorkload.Classes);
            if (store.TryDrawRandom(label, random, slots[slot], out var header)
                && (header.Label != label || header.SourceId != -header.Id || !CrashWorkload.Matches(slots[slot], header.Id)))
            {
                Console.Out.WriteLine($"TORN {header.Id}");
                Console.Out.Flush();
                Environment.Exit(3);
            }
        }
    }
}
