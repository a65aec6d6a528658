using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using Miro.Runtime.Memory;

namespace Miro.Benchmarks;

/// <summary>
/// Sample store throughput for Fashion-MNIST-sized samples (784 float32 = 3,136 B payload, 3,164 B
/// per record). Each operation is one sample, so BenchmarkDotNet's mean is time per sample:
/// samples/s = 1 s / mean, bytes/s = samples/s * 3,164.
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
    private float[] _batchFeatures = [];
    private int[] _batchLabels = [];
    private long[] _batchIds = [];
    private readonly float[] _buffer = new float[Features];
    private readonly Random _random = new(1);

    /// <summary>Samples per write transaction.</summary>
    [Params(32, 512)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _root = Path.Combine(Path.GetTempPath(), "miro-bench-" + Guid.NewGuid().ToString("N"));
        var random = new Random(2);
        _batchLabels = new int[BatchSize];
        _batchIds = new long[BatchSize];
        _batchFeatures = new float[BatchSize * Features];
        for (int i = 0; i < _batchFeatures.Length; i++)
        {
            _batchFeatures[i] = random.NextSingle();
        }
        for (int i = 0; i < BatchSize; i++)
        {
            _batchLabels[i] = i % 10;
        }
        _readStore = SampleStore.Open(Path.Combine(_root, "read"), Features);
        for (int written = 0; written < Stored; written += BatchSize)
        {
            _readStore.Append(1, _batchIds, _batchLabels, _batchFeatures);
        }
    }

    [IterationSetup(Target = nameof(Write))]
    public void OpenWriteStore()
    {
        _writeDir = Path.Combine(_root, "write-" + Guid.NewGuid().ToString("N"));
        _writeStore = SampleStore.Open(_writeDir, Features);
    }

    [IterationCleanup(Target = nameof(Write))]
    public void CloseWriteStore()
    {
        _writeStore!.Dispose();
        Directory.Delete(_writeDir, recursive: true);
    }

    /// <summary>Appends one durable batch (one transaction, fsynced); per-sample cost.</summary>
    [Benchmark]
    public long Write()
    {
        return _writeStore!.Append(1, _batchIds, _batchLabels, _batchFeatures);
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
