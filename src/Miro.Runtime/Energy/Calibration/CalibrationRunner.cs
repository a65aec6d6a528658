using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Miro.Runtime.Energy.Calibration;

/// <summary>
/// Runs the calibration probes against a real meter: idle, GEMM on one core and on all cores,
/// memory copy, sequential read (of a file evicted from the page cache) and write+fsync. Each
/// probe is measured by the meter (joules) and by the process (CPU time, bytes), which is exactly
/// what <see cref="CalibrationFit"/> needs.
/// </summary>
internal sealed class CalibrationRunner
{
    private readonly IEnergyMeter _meter;
    private readonly IoCounters _io;
    private readonly string _directory;
    private readonly TimeSpan _probeTime;

    /// <param name="meter">A meter reading a real sensor, whose model counts <paramref name="io"/>.</param>
    /// <param name="io">The byte counters the storage probes add to.</param>
    /// <param name="directory">Where the storage probes write their scratch file (on the device's flash).</param>
    /// <param name="probeTime">Duration of each probe.</param>
    public CalibrationRunner(IEnergyMeter meter, IoCounters io, string directory, TimeSpan probeTime)
    {
        _meter = meter;
        _io = io;
        _directory = directory;
        _probeTime = probeTime;
    }

    /// <summary>Runs every probe, reporting each as it finishes.</summary>
    public IReadOnlyList<CalibrationProbe> Run(Action<CalibrationProbe>? finished = null)
    {
        var probes = new List<CalibrationProbe>();
        void Add(CalibrationProbe p)
        {
            probes.Add(p);
            finished?.Invoke(p);
        }

        Add(Measure("idle", () => Thread.Sleep(_probeTime)));
        Add(Measure("gemm 1 core", () => Gemm(1)));
        Add(Measure($"gemm {Environment.ProcessorCount} cores", () => Gemm(Environment.ProcessorCount)));
        Add(Measure("memcopy", MemoryCopy));
        var scratch = Path.Combine(_directory, $"miro-calibrate-{Environment.ProcessId}.bin");
        try
        {
            Add(Measure("write+fsync", () => WriteAndSync(scratch)));
            Add(Measure("read", () => ReadEvicted(scratch)));
        }
        finally
        {
            File.Delete(scratch);
        }

        return probes;
    }

    private CalibrationProbe Measure(string name, Action probe)
    {
        var before = _meter.Snapshot();
        var cpu = Environment.CpuUsage.TotalTime;
        var read = _io.BytesRead;
        var written = _io.BytesWritten;
        probe();
        var after = _meter.Snapshot();
        // The meter's own span, so joules and seconds cover exactly the same interval.
        var wall = (after.Elapsed - before.Elapsed).TotalSeconds;
        return new CalibrationProbe(name, wall, (Environment.CpuUsage.TotalTime - cpu).TotalSeconds,
            _io.BytesRead - read, _io.BytesWritten - written, after.TotalJoules - before.TotalJoules);
    }

    private void Gemm(int threads)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(_probeTime.TotalSeconds * Stopwatch.Frequency);
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ =>
        {
            const int n = 96;
            var a = new float[n * n];
            var b = new float[n * n];
            var c = new float[n * n];
            for (var i = 0; i < a.Length; i++)
            {
                a[i] = i % 7;
                b[i] = i % 5;
            }

            while (Stopwatch.GetTimestamp() < deadline)
                for (var i = 0; i < n; i++)
                for (var k = 0; k < n; k++)
                {
                    var aik = a[i * n + k];
                    for (var j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
                }
        });
    }

    private void MemoryCopy()
    {
        var source = new byte[32 << 20];
        var target = new byte[32 << 20];
        Random.Shared.NextBytes(source.AsSpan(0, 4096));
        var deadline = Stopwatch.GetTimestamp() + (long)(_probeTime.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline) source.AsSpan().CopyTo(target);
    }

    // Enough to see flash write energy; bounded so a fast disk does not fill up.
    private const long MaxScratchBytes = 256L << 20;

    private void WriteAndSync(string path)
    {
        var chunk = new byte[4 << 20];
        Random.Shared.NextBytes(chunk);
        var deadline = Stopwatch.GetTimestamp() + (long)(_probeTime.TotalSeconds * Stopwatch.Frequency);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        do
        {
            file.Write(chunk);
            file.Flush(flushToDisk: true);
            _io.AddWritten(chunk.Length);
        }
        while (Stopwatch.GetTimestamp() < deadline && file.Length < MaxScratchBytes);
    }

    private void ReadEvicted(string path)
    {
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None))
            PageCache.Evict(file);
        var chunk = new byte[4 << 20];
        var deadline = Stopwatch.GetTimestamp() + (long)(_probeTime.TotalSeconds * Stopwatch.Frequency);
        using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var n = reader.Read(chunk);
            if (n == 0)
            {
                // Reached the end: evict again and start over so every byte comes from flash.
                PageCache.Evict(reader);
                reader.Position = 0;
                continue;
            }

            _io.AddRead(n);
        }
    }
}
