using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace Miro.Cli;

/// <summary>
/// Turns Ctrl+C (SIGINT) and SIGTERM — what <c>kill</c>, systemd and container runtimes send —
/// into one cancellation: the run stops at the next step, keeps its last checkpoint and says how
/// to resume, instead of dying mid-write. A second signal is left to its default (exit at once).
/// </summary>
internal sealed class CancelSignals : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly PosixSignalRegistration? _term;
    private readonly ConsoleCancelEventHandler _interrupt;

    private CancelSignals(CancellationTokenSource cancel)
    {
        _cancel = cancel;
        _interrupt = (_, e) =>
        {
            e.Cancel = Request();
        };
        Console.CancelKeyPress += _interrupt;
        if (!OperatingSystem.IsWindows())
        {
            _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = Request());
        }
    }

    /// <summary>Cancels <paramref name="cancel"/> on SIGINT or SIGTERM until disposed.</summary>
    public static CancelSignals Install(CancellationTokenSource cancel) => new(cancel);

    // True (keep the process alive) for the first signal only.
    private bool Request()
    {
        if (_cancel.IsCancellationRequested)
        {
            return false;
        }

        _cancel.Cancel();
        return true;
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= _interrupt;
        _term?.Dispose();
    }
}
