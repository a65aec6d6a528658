using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Miro.Dsl.Model;
using Miro.Runtime.Data;
using Miro.Runtime.Learning;
using Miro.Runtime.Memory;
using Miro.Runtime.Models;
using Miro.Runtime.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Miro.Benchmarks;

/// <summary>
/// Training throughput of ER (one epoch over the shuffled [EM | SB], 200 + 1,000 samples of
/// Fashion-MNIST shape 1×28×28) through the runtime's learner, against a bare TorchSharp loop doing
/// the same arithmetic (same model, optimiser, batch sizes and sample count; batches gathered with
/// <c>index_select</c> from one preloaded tensor through a <c>randperm</c> per epoch). Times are per sample: samples/s = 1 / time.
/// In-process (one process, no per-case rebuild of the 1 GB native payload); both sides get the
/// same OMP_WAIT_POLICY=PASSIVE environment and thread count via <see cref="TorchRuntime"/>.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class ErThroughputBenchmarks
{
    private const int StreamSamples = 1000;
    private const int MemorySamples = 200;
    private const int Samples = StreamSamples + MemorySamples;

    private ContinualModel? _model;
    private ILearner? _learner;
    private NullObserver _observer = new();
    private ContinualModel? _bareModel;
    private optim.Optimizer? _bareOptimizer;
    private Tensor? _bareX;
    private Tensor? _bareY;
    private Generator _bareGenerator = new(1);
    private int _epoch;

    /// <summary>The network.</summary>
    [Params(ModelKind.Mlp, ModelKind.Cnn)]
    public ModelKind Model { get; set; }

    /// <summary>Minibatch size.</summary>
    [Params(10, 128)]
    public int Batch { get; set; }

    /// <summary>TorchSharp intra-op threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.Initialize(Threads);
        (Dataset train, _) = DataSource.EmbeddedFashionMnist().Load();
        int[] task0 = Enumerable.Range(0, train.Count).Where(i => train.Label(i) < 2).Take(StreamSamples).ToArray();
        int[] task1 = Enumerable.Range(0, train.Count).Where(i => train.Label(i) is 2 or 3).Take(StreamSamples).ToArray();
        var spec = new TrainSpec(
            new ModelSpec(Model, new EquatableArray<int>(new[] { 100, 100 })),
            LearnerKind.Er, 1, Batch, Threads, ReplayMix.Concat, LossKind.CrossEntropy,
            new OptimizerSpec(OptimizerKind.Sgd, 0.01, 0, 0));

        // The runtime: EM filled with task 0, SB holding task 1.
        _model = ModelFactory.Create(spec.Model, train.Shape, seed: 1);
        var stream = new StreamBuffer(StreamSamples, train.SampleSize);
        var memory = new EpisodicMemory(MemorySamples, train.SampleSize);
        stream.Load(train, task0, new Random(1));
        memory.UpdateAtTaskEnd(stream, new Random(1));
        stream.Load(train, task1, new Random(2));
        var context = new LearnerContext(_model, stream, memory, spec, train.Shape, Seed: 1);
        _learner = context.CreateLearner();
        _learner.BeginTask(1, new[] { 2, 3 });

        // The bare loop: the same model and data as one tensor.
        _bareModel = ModelFactory.Create(spec.Model, train.Shape, seed: 1);
        _bareModel.GrowHead(4);
        _bareModel.train();
        _bareOptimizer = optim.SGD(_bareModel.parameters(), 0.01);
        int[] rows = task1.Concat(task0.Take(MemorySamples)).ToArray();
        var x = new float[rows.Length * train.SampleSize];
        var y = new long[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            train.Features(rows[i]).CopyTo(x.AsSpan(i * train.SampleSize));
            y[i] = train.Label(rows[i]);
        }

        _bareX = tensor(x, new long[] { rows.Length, 1, 28, 28 });
        _bareY = tensor(y);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _learner?.Dispose();
        _model?.Dispose();
        _bareOptimizer?.Dispose();
        _bareModel?.Dispose();
        _bareX?.Dispose();
        _bareY?.Dispose();
        _bareGenerator.Dispose();
    }

    /// <summary>One ER epoch through <see cref="ErLearner"/> (batch assembly, observer calls and all).</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public int Runtime() => _learner!.TrainEpoch(_epoch++, _observer).Steps;

    /// <summary>The same epoch as a bare TorchSharp loop.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Samples)]
    public int BareTorchSharp()
    {
        using var epochScope = NewDisposeScope();
        Tensor order = randperm(Samples, generator: _bareGenerator);
        int steps = 0;
        for (int start = 0; start < Samples; start += Batch)
        {
            using var scope = NewDisposeScope();
            int n = Math.Min(Batch, Samples - start);
            Tensor index = order.narrow(0, start, n);
            Tensor inputs = _bareX!.index_select(0, index);
            Tensor targets = _bareY!.index_select(0, index);
            _bareOptimizer!.zero_grad();
            Tensor loss = nn.functional.cross_entropy(_bareModel!.forward(inputs), targets);
            loss.backward();
            _bareOptimizer.step();
            _ = loss.item<float>();
            steps++;
        }

        return steps;
    }

    private sealed class NullObserver : ITrainingObserver
    {
        public bool AccuracyDue => false;

        public StepVerdict OnStep(in StepReport report) => StepVerdict.Continue;
    }

    /// <summary>A short in-process job: the machine is shared, so runs stay brief (and numbers are noisy).</summary>
    private sealed class ShortInProcessConfig : ManualConfig
    {
        public ShortInProcessConfig()
        {
            // A 2-thread CNN epoch at batch 10 can take tens of seconds when other processes keep
            // both cores busy (OpenMP regions then wait for a descheduled thread): allow it.
            AddJob(Job.Default
                .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
                .WithWarmupCount(1)
                .WithIterationCount(5)
                .WithInvocationCount(1)
                .WithUnrollFactor(1));
        }
    }
}
