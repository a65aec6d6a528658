using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Miro.Dsl.Model;
using Miro.Runtime;
using Miro.Runtime.Data;
using Miro.Runtime.Learning;
using Miro.Runtime.Memory;
using Miro.Runtime.Models;
using Miro.Runtime.Native;

namespace Miro.Benchmarks;

/// <summary>
/// What CarM swapping costs in training time (DESIGN.md §4.1: CarM measured &lt;= 2.4% for
/// asynchronous swapping vs up to 71.6% synchronous). One ER epoch (MLP 784-100-100, batch 32,
/// 1 thread, EM 200 slots of task 1 classes, SB 1,000 samples of task 2) through
/// <see cref="ErLearner"/>, with swapping at ratio 100% or 25% of the step's EM slots from a sample store
/// of 4,000 samples on flash: none, asynchronous (<see cref="SwapWorker"/>: reads overlap the next
/// step, published before the one after), or synchronous (each step's swaps read and applied
/// before the next step starts). The epoch ends with a drain, inside the measured time.
/// </summary>
[Config(typeof(SwapConfig))]
public class SwapOverheadBenchmarks
{
    private const int StreamSamples = 1000;
    private const int MemorySamples = 200;

    private string _dir = "";
    private SampleStore? _store;
    private ContinualModel? _model;
    private ILearner? _learner;
    private EpisodicMemory? _memory;
    private SwapWorker? _worker;
    private SwappingObserver? _observer;
    private int _epoch;

    /// <summary>How the epoch swaps.</summary>
    [Params(Swapping.None, Swapping.Asynchronous, Swapping.Synchronous)]
    public Swapping Mode { get; set; }

    /// <summary>The replay mix (balanced puts 32 EM slots in every step; concat about 5).</summary>
    [Params(ReplayMix.Balanced, ReplayMix.Concat)]
    public ReplayMix Replay { get; set; }

    /// <summary>The swap ratio (ignored without swapping).</summary>
    [Params(1.0, 0.25)]
    public double Ratio { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.Initialize(1);
        (Dataset train, _) = DataSource.EmbeddedFashionMnist().Load();
        int[] task0 = Enumerable.Range(0, train.Count).Where(i => train.Label(i) < 2).Take(StreamSamples).ToArray();
        int[] task1 = Enumerable.Range(0, train.Count).Where(i => train.Label(i) is 2 or 3).Take(StreamSamples).ToArray();
        var spec = new TrainSpec(
            new ModelSpec(ModelKind.Mlp, new EquatableArray<int>(new[] { 100, 100 })),
            LearnerKind.Er, 1, 32, 1, Replay, LossKind.CrossEntropy, new OptimizerSpec(OptimizerKind.Sgd, 0.05, 0, 0));

        _dir = Path.Combine(Path.GetTempPath(), "miro-swap-bench-" + Guid.NewGuid().ToString("N"));
        // The store keeps the data set's own element type (bytes for Fashion-MNIST).
        _store = SampleStore.Open(_dir, train.SampleSize, train.Encoding);
        int[] stored = Enumerable.Range(0, train.Count).Where(i => train.Label(i) < 4).ToArray();
        var features = new byte[stored.Length * train.RawSampleBytes];
        for (int i = 0; i < stored.Length; i++)
        {
            train.RawFeatures(stored[i]).CopyTo(features.AsSpan(i * train.RawSampleBytes));
        }
        _store.WriteTask(0, stored.Select(i => (long)i).ToArray(), stored.Select(train.Label).ToArray(), features);

        _model = ModelFactory.Create(spec.Model, train.Shape, seed: 1);
        var stream = new StreamBuffer(StreamSamples, train.SampleSize);
        _memory = new EpisodicMemory(MemorySamples, train.SampleSize);
        stream.Load(train, task0, new Random(1));
        _memory.UpdateAtTaskEnd(stream, new Random(1));
        stream.Load(train, task1, new Random(2));
        var context = new LearnerContext(_model, stream, _memory, spec, train.Shape, Seed: 1);
        _learner = context.CreateLearner();
        _learner.BeginTask(1, new[] { 2, 3 });
        var swap = new SwapSpec(Ratio, 1, SwapPolicy.Random);
        _worker = Mode switch
        {
            Swapping.Asynchronous => new SwapWorker(_store, _memory, swap, new SeededRandom(1)),
            Swapping.Synchronous => SwapWorker.Synchronous(_store, _memory, swap, new SeededRandom(1)),
            _ => null,
        };
        _observer = new SwappingObserver(_worker);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_worker is not null)
        {
            Console.WriteLine($"// swap metrics {Mode} {Replay} {Ratio}: {_worker.Metrics}");
        }
        _worker?.Dispose();
        _learner?.Dispose();
        _model?.Dispose();
        _store?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The share of swapped samples the trainer had to read itself (asynchronous mode).</summary>
    public double InlineFraction => _worker is { } w && w.Metrics.Swaps > 0 ? (double)w.Metrics.Inline / w.Metrics.Swaps : 0;

    /// <summary>One epoch, swapping as <see cref="Mode"/> says, drained at the end.</summary>
    [Benchmark]
    public int Epoch()
    {
        int steps = _learner!.TrainEpoch(_epoch++, _observer!).Steps;
        _worker?.Drain();
        return steps;
    }

    /// <summary>Swapping modes compared.</summary>
    public enum Swapping
    {
        /// <summary>No swapping.</summary>
        None,
        /// <summary>The swap worker (flash reads overlap training).</summary>
        Asynchronous,
        /// <summary>Swaps read and applied inline after each step.</summary>
        Synchronous,
    }

    private sealed class SwappingObserver(SwapWorker? worker) : ITrainingObserver
    {
        public bool AccuracyDue => false;

        public StepVerdict OnStep(in StepReport report)
        {
            if (worker is not null)
            {
                worker.Submit(2, report.Epoch + 1, report.ReplaySlots);
                worker.Publish();
            }
            return StepVerdict.Continue;
        }
    }

    private sealed class SwapConfig : ManualConfig
    {
        public SwapConfig()
        {
            AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithWarmupCount(3)
                .WithIterationCount(15)
                .WithInvocationCount(4)
                .WithUnrollFactor(1));
        }
    }
}
