using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using Miro.Runtime.Data;
using Miro.Runtime.Energy;

namespace Miro.Runtime.Memory;

/// <summary>
/// Writes one task's stream to the sample store on a background thread while the task trains
/// (DESIGN.md §4.1, §4.2 step 1), one durable transaction per batch, resumably (samples of the task
/// already committed by an interrupted run are skipped, <see cref="SampleStore.WriteTask"/>).
/// <para>Why this may overlap training: the current task's samples are no swap or growth source
/// until the next task. Swaps draw a stored sample of an EM slot's label, and a class-balanced EM
/// holds only previous tasks' classes during a task; growing the EM from the store (profiling) draws
/// the same labels. A reservoir memory (online ER) takes current-task samples at every step, so its
/// swaps would draw from the samples written so far: <see cref="StorageTier"/> writes such a task
/// before training instead. So what a task computes does not depend on how far its own write has got, and
/// the samples of every previous task are durable before the task starts
/// (<see cref="WaitDurable"/> at each task's end).</para>
/// <para>Threads: the constructor and <see cref="WaitDurable"/>/<see cref="Dispose"/> run on the
/// session's thread; <see cref="Write"/> runs on the writer's own thread and touches only the
/// (immutable) data set, its own batch buffers and the store, which is thread-safe. The store's
/// lock is held for one batch at a time, so a swap read waits at most one transaction.</para>
/// </summary>
internal sealed class StoreWriter : IDisposable
{
    /// <summary>Samples per transaction (per fsync): what a kill can lose, and the swap reads' longest wait.</summary>
    public const int BatchSize = 512;

    private readonly SampleStore _store;
    private readonly int _task;
    private readonly Dataset _data;
    private readonly IReadOnlyList<int> _indices;
    private readonly IEnergyMeter? _meter;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private ExceptionDispatchInfo? _failure;

    private StoreWriter(SampleStore store, int task, Dataset data, IReadOnlyList<int> indices, IEnergyMeter? meter)
    {
        _store = store;
        _task = task;
        _data = data;
        _indices = indices;
        _meter = meter;
        _thread = new Thread(Run) { IsBackground = true, Name = "miro-store-writer" };
    }

    /// <summary>Starts writing <paramref name="indices"/> of <paramref name="data"/> as task <paramref name="task"/>'s samples.</summary>
    /// <param name="store">The store.</param>
    /// <param name="task">The task (0-based, as the session counts).</param>
    /// <param name="data">The data set the indices point into.</param>
    /// <param name="indices">The task's stream, in order (a resumed write skips its committed prefix).</param>
    /// <param name="meter">Where the writes' energy goes (<see cref="EnergyPhase.ReplayIo"/>), if anywhere.</param>
    public static StoreWriter Start(SampleStore store, int task, Dataset data, IReadOnlyList<int> indices, IEnergyMeter? meter)
    {
        var writer = new StoreWriter(store, task, data, indices, meter);
        writer._thread.Start();
        return writer;
    }

    /// <summary>
    /// Writes the task on the calling thread (no overlap). For a bounded store that must evict while
    /// the task is written: evictions change which old samples swaps can draw, so they must all
    /// happen before training starts, as they did before writes overlapped training.
    /// </summary>
    public static void WriteNow(SampleStore store, int task, Dataset data, IReadOnlyList<int> indices, IEnergyMeter? meter)
        => new StoreWriter(store, task, data, indices, meter).Write();

    /// <summary>Blocks until every sample of the task is committed (durable); rethrows a write failure.</summary>
    public void WaitDurable()
    {
        _thread.Join();
        _failure?.Throw();
    }

    /// <summary>Stops after the batch being committed (a run being abandoned); committed batches stay.</summary>
    public void Dispose()
    {
        _stopping = true;
        _thread.Join();
    }

    private void Run()
    {
        try
        {
            Write();
        }
        catch (Exception e)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
        }
    }

    private void Write()
    {
        int n = _indices.Count;
        int stride = _data.RawSampleBytes;
        int batch = Math.Min(BatchSize, Math.Max(n, 1));
        var ids = new long[batch];
        var labels = new int[batch];
        var payloads = new byte[batch * stride];
        for (long start = _store.WrittenCount(_task); start < n && !_stopping; start += batch)
        {
            int count = (int)Math.Min(batch, n - start);
            for (int i = 0; i < count; i++)
            {
                int index = _indices[(int)start + i];
                ids[i] = index;
                labels[i] = _data.Label(index);
                _data.RawFeatures(index).CopyTo(payloads.AsSpan(i * stride, stride));
            }

            using (_meter?.Enter(EnergyPhase.ReplayIo))
            {
                _store.Append(_task, ids.AsSpan(0, count), labels.AsSpan(0, count), payloads.AsSpan(0, count * stride));
            }
        }
    }
}
