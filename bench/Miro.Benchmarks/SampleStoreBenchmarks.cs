using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using Miro.Runtime.Data;
using Miro.Runtime.Memory;

namespace Miro.Benchmarks;

/// <summary>
/// Sample store throughput for Fashion-MNIST-sized samples (784 values) in the data set's own
/// element type (<c>UInt8</c>: 784 B payload, 813 B per record) and, for comparison, as float32
/// (the format before stores kept the native type: 3,136 B payload, 3,165 B per record).
/// <see cref="Write"/>'s mean is the time of one durable batch: samples/s = BatchSize / mean.
/// <see cref="RandomRead"/>'s mean is per sample (checksum-verified and decoded to floats):
/// samples/s = 1 s / mean.
/// </summary>
[MemoryDiagnoser]
public class SampleStoreBenchmarks
{
    private const int Features = 784;
    private const int Stored = 10_000;
    private const int DrawsPerInvoke = 1_000;

    private string _root = "";
    private string _writeDir = "";
    private SampleStore? _readStore;
    private SampleStore? _writeStore;
    private byte[] _batchPayloads = [];
    private int[] _batchLabels = [];
    private long[] _batchIds = [];
    private readonly float[] _buffer = new float[Features];
    private readonly Random _random = new(1);

    /// <summary>Samples per write transaction.</summary>
    [Params(32, 512)]
    public int BatchSize { get; set; }

    /// <summary>The element type samples are stored in.</summary>
    [Params(SampleElement.UInt8, SampleElement.Float32)]
    public SampleElement Element { get; set; }

    private SampleEncoding Encoding => Element == SampleElement.UInt8 ? SampleEncoding.PixelBytes : SampleEncoding.Float32;

    [GlobalSetup]
    public void Setup()
    {
        _root = Path.Combine(Path.GetTempPath(), "miro-bench-" + Guid.NewGuid().ToString("N"));
        var random = new Random(2);
        _batchLabels = new int[BatchSize];
        _batchIds = new long[BatchSize];
        _batchPayloads = new byte[BatchSize * Features * Encoding.ElementBytes];
        random.NextBytes(_batchPayloads);
        for (int i = 0; i < BatchSize; i++)
        {
            _batchLabels[i] = i % 10;
        }
        _readStore = SampleStore.Open(Path.Combine(_root, "read"), Features, Encoding);
        for (int written = 0; written < Stored; written += BatchSize)
        {
            _readStore.Append(1, _batchIds, _batchLabels, _batchPayloads);
        }
    }

    [IterationSetup(Target = nameof(Write))]
    public void OpenWriteStore()
    {
        _writeDir = Path.Combine(_root, "write-" + Guid.NewGuid().ToString("N"));
        _writeStore = SampleStore.Open(_writeDir, Features, Encoding);
    }

    [IterationCleanup(Target = nameof(Write))]
    public void CloseWriteStore()
    {
        _writeStore!.Dispose();
        Directory.Delete(_writeDir, recursive: true);
    }

    /// <summary>Appends one durable batch (one transaction, fsynced).</summary>
    [Benchmark]
    public long Write()
    {
        return _writeStore!.Append(1, _batchIds, _batchLabels, _batchPayloads);
    }

    /// <summary>Draws random samples of random labels, checksum-verified; per-sample cost.</summary>
    [Benchmark(OperationsPerInvoke = DrawsPerInvoke)]
    public long RandomRead()
    {
        long sum = 0;
        for (int i = 0; i < DrawsPerInvoke; i++)
        {
            _readStore!.TryDrawRandom(_random.Next(10), _random, _buffer, out var header);
            sum += header.Id;
        }
        return sum;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _readStore?.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
