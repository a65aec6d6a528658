using System;
using System.Diagnostics;
using Miro.Runtime.Learning;

namespace Miro.Runtime.Session;

/// <summary>
/// The session's view of every training step: fans the step out to the hooks (most severe verdict
/// wins), honours cancellation, and sends throttled progress. Allocation-free per step.
/// </summary>
internal sealed class SessionObserver : ITrainingObserver
{
    private readonly ISessionHook[] _hooks;
    private readonly IProgress<SessionProgress>? _progress;
    private readonly long _intervalTicks;
    private TaskContext? _task;
    private int _tasks;
    private int _epoch;
    private int _epochs;
    private long _nextReport;
    private double _lossSum;
    private int _steps;
    private long _correct;
    private long _counted;

    public SessionObserver(ISessionHook[] hooks, IProgress<SessionProgress>? progress, TimeSpan interval)
    {
        _hooks = hooks;
        _progress = progress;
        _intervalTicks = (long)(interval.TotalSeconds * Stopwatch.Frequency);
        foreach (ISessionHook hook in hooks)
        {
            ReplayPredictionsDue |= hook.WantsReplayPredictions;
        }
    }

    /// <summary>Mean training accuracy over the steps that counted it this epoch, or NaN.</summary>
    public double RunningAccuracy => _counted == 0 ? double.NaN : (double)_correct / _counted;

    /// <summary>Mean loss of the epoch so far.</summary>
    public double MeanLoss => _steps == 0 ? double.NaN : _lossSum / _steps;

    public bool ReplayPredictionsDue { get; }

    /// <summary>
    /// Accuracy is counted on every 8th step (and whenever a report is due) so the running accuracy
    /// is a steady sample at a small fraction of the cost of counting every step; only with a
    /// progress receiver.
    /// </summary>
    public bool AccuracyDue => _progress is not null && ((_steps & 7) == 0 || Stopwatch.GetTimestamp() >= _nextReport);

    public void BeginEpoch(TaskContext task, int tasks, int epoch, int epochs)
    {
        _task = task;
        _tasks = tasks;
        _epoch = epoch;
        _epochs = epochs;
        _lossSum = 0;
        _steps = 0;
        _correct = 0;
        _counted = 0;
        _nextReport = Stopwatch.GetTimestamp() + _intervalTicks;
    }

    public StepVerdict OnStep(in StepReport report)
    {
        TaskContext task = _task ?? throw new InvalidOperationException("BeginEpoch was not called.");
        _lossSum += report.Loss;
        _steps++;
        if (report.Correct >= 0)
        {
            _correct += report.Correct;
            _counted += report.BatchSize;
        }

        StepVerdict verdict = StepVerdict.Continue;
        foreach (ISessionHook hook in _hooks)
        {
            StepVerdict v = hook.OnStep(task, report);
            if (v > verdict)
            {
                verdict = v;
            }
        }

        if (task.CancellationToken.IsCancellationRequested)
        {
            verdict = StepVerdict.StopTask;
        }

        if (_progress is not null)
        {
            long now = Stopwatch.GetTimestamp();
            if (now >= _nextReport)
            {
                _nextReport = now + _intervalTicks;
                _progress.Report(new SessionProgress(
                    SessionProgressKind.Batch, task.Index + 1, _tasks, _epoch + 1, _epochs,
                    report.Step + 1, report.Steps, MeanLoss, RunningAccuracy, double.NaN));
            }
        }

        return verdict;
    }
}
