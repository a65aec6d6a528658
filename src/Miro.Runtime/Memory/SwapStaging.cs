using System;
using System.Collections.Generic;
using System.Diagnostics;
using Miro.Dsl.Model;

namespace Miro.Runtime.Memory;

/// <summary>
/// The trainer side of swapping; every member runs on the training thread. For each submitted
/// step it chooses the slots to swap and takes the next draw of each one's label (from the
/// prefetched ring, or read here when the ring is empty), holds those replacements in flight, and
/// hands their arrays to the EM slots when the facade publishes (<see cref="ReplayMemory.Exchange"/>). It also owns the label streams' seeds, so it
/// is what a checkpoint captures (<see cref="Capture"/>) and what a resumed worker is rebuilt from.
/// </summary>
internal sealed class SwapStaging
{
    private readonly SampleStore _store;
    private readonly ReplayMemory _memory;
    private readonly double _ratio;
    private readonly ISwapPolicy _policy;
    private readonly Random _random;
    private readonly long _labelSeed;
    private readonly Dictionary<int, RandomState> _restoredLabels = new();
    private readonly PrefetchedSamplePool _samples;
    private readonly Queue<SwapJob> _inFlight = new();
    private readonly Stack<SwapJob> _jobs = new();
    private readonly List<LabelStream> _started = new();
    private LabelStream?[] _byLabel = [];
    private int[] _chosen = [];
    private long _takeTicks, _maxTakeTicks, _bytesRead;

    /// <summary>Staging for a fresh worker (<paramref name="state"/> null) or one resumed from a checkpoint.</summary>
    public SwapStaging(SampleStore store, ReplayMemory memory, SwapSpec spec, Random random, SwapWorkerState? state, PrefetchedSamplePool samples)
    {
        _store = store;
        _memory = memory;
        _ratio = spec.Ratio;
        _policy = SwapPolicies.Create(spec.Policy);
        _random = random;
        _samples = samples;
        if (state is null)
        {
            _labelSeed = random.NextInt64();
        }
        else
        {
            _labelSeed = state.LabelSeed;
            for (int i = 0; i < state.Labels.Length; i++)
            {
                _restoredLabels[state.Labels[i]] = state.LabelStates[i];
            }
        }
    }

    /// <summary>Called with each label stream the first time a request needs it (the prefetcher starts reading ahead for it).</summary>
    public Action<LabelStream>? StreamStarted { get; init; }

    /// <summary>Requests staged.</summary>
    public long Requests { get; private set; }

    /// <summary>Replacements drawn for chosen slots.</summary>
    public long Swaps { get; private set; }

    /// <summary>Chosen slots whose label the store does not hold.</summary>
    public long Missing { get; private set; }

    /// <summary>Draws that failed their checksum.</summary>
    public long Corrupted { get; private set; }

    /// <summary>Replacements discarded because their slot changed class before publication.</summary>
    public long Stale { get; private set; }

    /// <summary>Draws read here because their label's ring was empty.</summary>
    public long Inline { get; private set; }

    /// <summary>Logical bytes read here (inline draws).</summary>
    public long BytesRead => _bytesRead;

    /// <summary>Total time spent staging requests (choosing slots and taking their draws).</summary>
    public TimeSpan TakeTime => Stopwatch.GetElapsedTime(0, _takeTicks);

    /// <summary>The longest time one request took to stage.</summary>
    public TimeSpan MaxTakeTime => Stopwatch.GetElapsedTime(0, _maxTakeTicks);

    /// <summary>Requests staged and not yet applied.</summary>
    public int InFlight => _inFlight.Count;

    /// <summary>
    /// Stages a step's request: chooses <c>ceil(ratio * n)</c> of its slots with the policy and
    /// takes a replacement for each.
    /// </summary>
    /// <returns>True when a ring the request took from fell below half (time to wake the prefetcher).</returns>
    /// <exception cref="InvalidOperationException">The policy cannot choose (the entropy policy without predictions).</exception>
    public bool Stage(ReadOnlySpan<int> slots, ReadOnlySpan<float> entropy, ReadOnlySpan<bool> correct)
    {
        Requests++;
        if (!_jobs.TryPop(out var job))
        {
            job = new SwapJob();
        }
        job.Load(slots, entropy, correct);
        for (int i = 0; i < slots.Length; i++)
        {
            job.Labels[i] = _memory.Label(slots[i]);
        }

        long start = Stopwatch.GetTimestamp();
        bool low = Take(job);
        long ticks = Stopwatch.GetTimestamp() - start;
        _takeTicks += ticks;
        _maxTakeTicks = Math.Max(_maxTakeTicks, ticks);
        _inFlight.Enqueue(job);
        return low;
    }

    /// <summary>Puts the staged replacements of all but the <paramref name="keepNewest"/> newest requests into the EM.</summary>
    /// <returns>Slots replaced.</returns>
    public int Apply(int keepNewest)
    {
        int replaced = 0;
        while (_inFlight.Count > keepNewest)
        {
            var job = _inFlight.Dequeue();
            for (int i = 0; i < job.StagedCount; i++)
            {
                int slot = job.StagedSlots[i];
                PrefetchedSample sample = job.StagedSamples[i]!;
                job.StagedSamples[i] = null;
                // An online memory (reservoir) may have given the slot to another class since the step.
                if (slot >= _memory.Count || _memory.Label(slot) != sample.Label)
                {
                    Stale++;
                }
                else
                {
                    // No copy: the slot takes the draw's array, the draw takes the slot's old one back to the pool.
                    sample.Features = _memory.Exchange(slot, sample.Features, sample.Label, sample.SourceId);
                    replaced++;
                }

                _samples.Return(sample);
            }

            _jobs.Push(job);
        }
        return replaced;
    }

    /// <summary>
    /// The swap state between two steps: the generators (label streams rewound to the first draw
    /// not taken; prefetched draws are read again after a resume) and copies of the staged,
    /// unapplied replacements, oldest request first. Changes nothing.
    /// </summary>
    public SwapCheckpoint Capture()
    {
        RandomState policy = _random is SeededRandom seeded
            ? seeded.State
            : throw new InvalidOperationException("Checkpoints inside a task need the swap worker's generator to be a SeededRandom.");
        var labels = new int[_started.Count];
        var states = new RandomState[_started.Count];
        for (int i = 0; i < _started.Count; i++)
        {
            labels[i] = _started[i].Label;
            states[i] = _started[i].ConsumedState();
        }

        var pending = new List<PendingSwap>(_inFlight.Count);
        foreach (var job in _inFlight)
        {
            pending.Add(job.ToPending(_memory.SampleSize));
        }

        return new SwapCheckpoint(new SwapWorkerState(policy, _labelSeed, labels, states), pending);
    }

    /// <summary>Stages a checkpoint's pending requests, ahead of any new one (on fresh staging only).</summary>
    public void Preload(IReadOnlyList<PendingSwap> pending)
    {
        if (_inFlight.Count != 0)
        {
            throw new InvalidOperationException("Pending swaps can only be preloaded into a fresh worker.");
        }

        foreach (PendingSwap swap in pending)
        {
            _inFlight.Enqueue(SwapJob.FromPending(swap, _samples));
        }
    }

    /// <summary>Chooses the request's slots to swap and takes the next draw of each one's label.</summary>
    private bool Take(SwapJob job)
    {
        int count = SwapSchedule.SwapCount(_ratio, job.Count);
        if (_chosen.Length < count)
        {
            _chosen = new int[count];
        }
        _policy.Choose(job, count, _random, _chosen);

        int staged = 0;
        bool low = false;
        for (int c = 0; c < count; c++)
        {
            int position = _chosen[c];
            LabelStream stream = Stream(job.Labels[position]);
            PrefetchedSample sample = stream.Take(_store, _samples, ref _bytesRead, out bool wasInline);
            if (wasInline)
            {
                Inline++;
            }
            stream.Demand(CountOfLabel(job, count, job.Labels[position]));
            low |= stream.Low;

            switch (sample.Outcome)
            {
                case DrawOutcome.Drawn:
                    job.StagedSlots[staged] = job.Slots[position];
                    job.StagedSamples[staged++] = sample;
                    Swaps++;
                    break;
                case DrawOutcome.Missing:
                    Missing++;
                    _samples.Return(sample);
                    break;
                default:
                    Corrupted++;
                    _samples.Return(sample);
                    break;
            }
        }

        job.StagedCount = staged;
        return low;
    }

    /// <summary>How many of the request's chosen slots have <paramref name="label"/> (small requests: a linear count).</summary>
    private int CountOfLabel(SwapJob job, int count, int label)
    {
        int n = 0;
        for (int c = 0; c < count; c++)
        {
            if (job.Labels[_chosen[c]] == label)
            {
                n++;
            }
        }
        return n;
    }

    /// <summary>The draw stream of <paramref name="label"/>, started (and handed to the prefetcher) on first use.</summary>
    private LabelStream Stream(int label)
    {
        if ((uint)label < (uint)_byLabel.Length && _byLabel[label] is { } known)
        {
            return known;
        }
        if (label < 0)
        {
            throw new InvalidOperationException($"The EM holds a slot with label {label}; labels are non-negative.");
        }

        RandomState state = _restoredLabels.TryGetValue(label, out var restored)
            ? restored
            : new SeededRandom(_labelSeed ^ (long)((ulong)(label + 1) * 0x9E3779B97F4A7C15UL)).State;
        var stream = new LabelStream(label, state, SwapWorker.PrefetchDepth);
        if (_byLabel.Length <= label)
        {
            Array.Resize(ref _byLabel, label + 1);
        }
        _byLabel[label] = stream;
        _started.Add(stream);
        StreamStarted?.Invoke(stream);
        return stream;
    }
}
