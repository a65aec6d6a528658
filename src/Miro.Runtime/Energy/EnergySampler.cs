using System;
using System.Threading;

namespace Miro.Runtime.Energy;

/// <summary>
/// The meter's sampling thread. A dedicated thread, not the thread pool, so samples keep their
/// period while training saturates the pool; ticks come from a <see cref="TimeProvider"/> timer so
/// tests drive the period with a fake clock.
/// </summary>
internal sealed class EnergySampler : IDisposable
{
    private readonly Action _sample;
    private readonly SemaphoreSlim _ticks = new(0);
    private readonly ITimer _timer;
    private readonly Thread _thread;
    private volatile bool _stopping;

    public EnergySampler(Action sample, TimeSpan period, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        _sample = sample;
        _thread = new Thread(Run) { IsBackground = true, Name = "Miro energy sampler" };
        _thread.Start();
        _timer = time.CreateTimer(_ => Tick(), null, period, period);
    }

    private void Tick()
    {
        // Ticks that arrive while a sample is running collapse into one: a late sample covers the gap.
        if (_ticks.CurrentCount == 0) _ticks.Release();
    }

    private void Run()
    {
        while (true)
        {
            _ticks.Wait();
            if (_stopping) return;
            _sample();
        }
    }

    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        _timer.Dispose();
        _ticks.Release();
        _thread.Join();
        // _ticks is not disposed: a timer callback already in flight may still release it.
    }
}
