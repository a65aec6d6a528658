using System;
using System.Threading;

namespace Miro.Runtime.Memory;

/// <summary>
/// The swap worker's background thread: keeps every started label's ring of draws
/// (<see cref="LabelStream"/>) topped up from flash so the trainer rarely reads a sample itself.
/// Everything here except <see cref="Run"/> is called from the training thread; what crosses
/// between the two threads is the copy-on-write list of streams, the wake-up event, the paused and
/// stopping flags, the byte counter and a fault (all volatile or interlocked), plus each
/// <see cref="LabelStream"/> and the <see cref="PrefetchedSamplePool"/>, which guard themselves.
/// </summary>
internal sealed class SwapPrefetcher : IDisposable
{
    private readonly SampleStore _store;
    private readonly PrefetchedSamplePool _pool;
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly object _round = new(); // held by the thread while it reads a round of draws
    private readonly Thread _thread;
    private volatile LabelStream[] _streams = [];
    private volatile bool _paused;
    private volatile bool _stopping;
    private volatile Exception? _fault;
    private long _bytesRead;
    private long _prefetched;

    /// <summary>Starts the thread; it sleeps until a stream is added.</summary>
    public SwapPrefetcher(SampleStore store, PrefetchedSamplePool pool)
    {
        _store = store;
        _pool = pool;
        // A dedicated thread, not the thread pool: it sleeps while every ring is full.
        _thread = new Thread(Run) { IsBackground = true, Name = "Miro swap worker" };
        _thread.Start();
    }

    /// <summary>Logical bytes the thread has read from the store.</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>Draws the thread has read ahead (tests use it to see that prefetching happened).</summary>
    public long Prefetched => Interlocked.Read(ref _prefetched);

    /// <summary>What stopped the thread, if it failed (surfaced by the facade on the training thread).</summary>
    public Exception? Fault => _fault;

    /// <summary>Hands a newly started label stream to the thread (copy-on-write: the thread never sees a list being changed).</summary>
    public void Add(LabelStream stream) => _streams = [.. _streams, stream];

    /// <summary>Wakes the thread to top up the rings (a ring fell below half).</summary>
    public void Wake() => _wake.Set();

    /// <summary>
    /// Stops reading ahead until <see cref="Resume"/> (draws already in the rings stay there). On
    /// return the thread has finished any round it was in, so it reads nothing more while paused.
    /// </summary>
    public void Pause()
    {
        _paused = true;
        lock (_round)
        {
            // Waits out a round in progress; every later round sees _paused.
        }
    }

    /// <summary>Reads ahead again.</summary>
    public void Resume()
    {
        _paused = false;
        _wake.Set();
    }

    /// <summary>
    /// Wakes the thread and waits until every started ring holds its target of draws (or the
    /// thread failed): prefetching at a moment of the caller's choosing, for tests that must know
    /// the rings are full rather than hope a sleep was long enough.
    /// </summary>
    /// <returns>False when the rings were not full within <paramref name="timeout"/> (a paused thread never fills them).</returns>
    public bool FillRings(TimeSpan timeout)
    {
        _wake.Set();
        return SpinWait.SpinUntil(() => _fault is not null || !HasRoom(), timeout);
    }

    /// <summary>Stops and joins the thread.</summary>
    public void Dispose()
    {
        _stopping = true;
        _wake.Set();
        _thread.Join();
        _wake.Dispose();
    }

    /// <summary>Keeps every started label's ring full, one draw per label per round; sleeps when all are full.</summary>
    private void Run()
    {
        try
        {
            while (!_stopping)
            {
                bool any = false;
                lock (_round)
                {
                    if (!_paused)
                    {
                        long bytes = 0;
                        long drawn = 0;
                        foreach (LabelStream stream in _streams)
                        {
                            if (stream.TryPrefetch(_store, _pool, ref bytes))
                            {
                                any = true;
                                drawn++;
                            }
                        }
                        if (drawn != 0)
                        {
                            Interlocked.Add(ref _bytesRead, bytes);
                            Interlocked.Add(ref _prefetched, drawn);
                        }
                    }
                }

                if (!any)
                {
                    // Reset before re-checking, so a Set from the trainer in between is never lost.
                    _wake.Reset();
                    if (!_stopping && (_paused || !HasRoom()))
                    {
                        _wake.Wait();
                    }
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _fault = e;
        }
    }

    private bool HasRoom()
    {
        foreach (LabelStream stream in _streams)
        {
            if (stream.HasRoom)
            {
                return true;
            }
        }
        return false;
    }
}
