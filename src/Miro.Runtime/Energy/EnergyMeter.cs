using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using Miro.Dsl.Model;
using Miro.Runtime.Energy.Sources;

namespace Miro.Runtime.Energy;

/// <summary>
/// The energy meter (DESIGN.md §4.3): reads the best sensor under the sysfs root (or the one the
/// spec forces), samples it on a dedicated thread, attributes each interval's joules to the
/// phases active during it, and fills intervals the sensor cannot account for (read faults,
/// resets, implausible deltas) with the energy model — saying so in <see cref="EnergySnapshot.Events"/>.
/// After <see cref="FaultsBeforeFallback"/> consecutive read faults it gives up on the sensor.
/// </summary>
public sealed class EnergyMeter : IEnergyMeter, IDisposable
{
    /// <summary>Readings above <c>active power × this</c> are implausible (a glitch, a reset, a wrong spec).</summary>
    internal const double PlausibilityMargin = 4;

    /// <summary>Consecutive read faults after which the sensor is abandoned for the model.</summary>
    internal const int FaultsBeforeFallback = 3;

    private static readonly int PhaseCount = Enum.GetValues<EnergyPhase>().Length;

    private readonly object _lock = new();
    private readonly EnergyModel _model;
    private readonly IActivitySource _activity;
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly PhaseTimeline _timeline;
    private readonly double[,] _joules = new double[PhaseCount, 3];
    private readonly double[] _scratch = new double[PhaseCount];
    private readonly List<MeterEvent> _events = new();
    private readonly double _maxPlausibleWatts;
    private SensorReader? _reader;
    private MeterSourceInfo _source;
    private EnergySampler? _sampler;
    private long _lastTimestamp;
    private ActivitySample _lastActivity;
    private double _modelEstimate;
    private double _total;
    private int _consecutiveFaults;
    private long _samples;
    private long _stalenessTicks;

    internal EnergyMeter(SensorChoice choice, MeterKind requested, EnergyModel model, IActivitySource activity, TimeProvider time)
    {
        _model = model;
        _activity = activity;
        _time = time;
        _maxPlausibleWatts = PlausibilityMargin * Math.Max(model.ActiveWatts, 1);
        _source = ModelInfo(requested, choice.FallbackReason);
        if (choice.Source is not null)
        {
            var reader = SensorReader.For(choice.Source);
            try
            {
                reader.Baseline();
                _reader = reader;
                _source = new MeterSourceInfo(choice.Source.Kind, requested, choice.Source.Provenance, choice.Source.Description, null);
            }
            catch (IOException e)
            {
                _source = ModelInfo(requested, $"{choice.Source.Description} could not be read ({e.Message}); energy is estimated by the model from the device block.");
            }
        }

        _start = _lastTimestamp = time.GetTimestamp();
        _lastActivity = activity.Read();
        _timeline = new PhaseTimeline(_start);
    }

    /// <summary>
    /// Finds the sensor for <paramref name="device"/>'s <c>meter</c> setting and starts sampling it
    /// every <see cref="EnergyMeterOptions.SamplingInterval"/> on a dedicated thread.
    /// </summary>
    public static EnergyMeter Start(DeviceSpec device, EnergyMeterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        options ??= new EnergyMeterOptions();
        var choice = SensorDiscovery.Choose(options.Root, device.Meter);
        var meter = new EnergyMeter(choice, device.Meter, EnergyModel.FromDevice(device), new ProcessActivity(options.IoCounters), options.TimeProvider);
        meter.StartSampling(options.SamplingInterval);
        return meter;
    }

    /// <inheritdoc />
    public MeterSourceInfo Source
    {
        get
        {
            lock (_lock) return _source;
        }
    }

    /// <inheritdoc />
    /// <remarks>When the sampling thread has fallen behind (a starved thread on a busy device), the reading
    /// samples itself, so a budget check never sees energy older than one sampling period.</remarks>
    public double TotalJoules
    {
        get
        {
            var staleness = Interlocked.Read(ref _stalenessTicks);
            if (staleness > 0 && _time.GetTimestamp() - Interlocked.Read(ref _lastTimestamp) > staleness) Sample();
            return Volatile.Read(ref _total);
        }
    }

    /// <summary>Samples taken so far (tests wait on it).</summary>
    internal long SampleCount => Interlocked.Read(ref _samples);

    /// <inheritdoc />
    public IDisposable Enter(EnergyPhase phase)
    {
        lock (_lock) _timeline.Enter(phase, _time.GetTimestamp());
        return new PhaseScope(this, phase);
    }

    /// <inheritdoc />
    public EnergySnapshot Snapshot()
    {
        lock (_lock)
        {
            SampleLocked();
            var phases = new PhaseEnergy[PhaseCount];
            for (var p = 0; p < PhaseCount; p++)
                phases[p] = new PhaseEnergy((EnergyPhase)p, _joules[p, 0], _joules[p, 1], _joules[p, 2]);
            return new EnergySnapshot(_time.GetElapsedTime(_start, _lastTimestamp), phases, _source, _modelEstimate, _events.ToArray());
        }
    }

    /// <summary>Takes one sample now and returns the total joules (a fresh <see cref="TotalJoules"/>).</summary>
    internal double SampleTotalJoules()
    {
        lock (_lock)
        {
            SampleLocked();
            return _total;
        }
    }

    /// <summary>Takes one sample now (the sampling thread calls this).</summary>
    internal void Sample()
    {
        lock (_lock) SampleLocked();
    }

    internal void StartSampling(TimeSpan period)
    {
        _sampler = new EnergySampler(Sample, period, _time);
        Interlocked.Exchange(ref _stalenessTicks, (long)(period.TotalSeconds * _time.TimestampFrequency));
    }

    /// <summary>Stops the sampling thread.</summary>
    public void Dispose() => _sampler?.Dispose();

    private void SampleLocked()
    {
        var now = _time.GetTimestamp();
        var seconds = _time.GetElapsedTime(_lastTimestamp, now).TotalSeconds;
        if (seconds <= 0) return;

        var activity = _activity.Read();
        var cpu = activity.CpuSeconds - _lastActivity.CpuSeconds;
        var read = activity.BytesRead - _lastActivity.BytesRead;
        var written = activity.BytesWritten - _lastActivity.BytesWritten;
        var computeJoules = _model.ComputeJoules(seconds, cpu, _activity.ProcessorCount);
        var ioJoules = _model.IoJoules(read, written);
        var modelJoules = computeJoules + ioJoules;
        _modelEstimate += modelJoules;

        var joules = modelJoules;
        var provenance = EnergyProvenance.Model;
        if (_reader is not null)
        {
            var reading = _reader.Read(seconds, _maxPlausibleWatts);
            if (reading.Valid)
            {
                joules = reading.Joules;
                provenance = _reader.Source.Provenance;
                _consecutiveFaults = 0;
            }
            else
            {
                var elapsed = _time.GetElapsedTime(_start, now);
                if (reading.Fault is MeterEventKind kind) _events.Add(new MeterEvent(elapsed, kind, reading.Message ?? kind.ToString(), modelJoules));
                _consecutiveFaults = reading.Fault == MeterEventKind.ReadFault ? _consecutiveFaults + 1 : 0;
                if (_consecutiveFaults >= FaultsBeforeFallback) FallBack(elapsed, reading.Message);
            }
        }

        Array.Clear(_scratch);
        var scratch = _scratch;
        _timeline.Close(_lastTimestamp, now, (mask, share) => PhaseAttribution.Split(joules * share, mask, computeJoules, ioJoules, scratch));
        var column = (int)provenance;
        for (var p = 0; p < PhaseCount; p++) _joules[p, column] += scratch[p];

        Interlocked.Exchange(ref _lastTimestamp, now);
        _lastActivity = activity;
        Volatile.Write(ref _total, _total + joules);
        Interlocked.Increment(ref _samples);
    }

    private void FallBack(TimeSpan elapsed, string? lastError)
    {
        var reason = $"{_source.Description} failed {FaultsBeforeFallback} reads in a row (last: {lastError}); energy is estimated by the model from the device block from {elapsed.TotalSeconds:F1} s on.";
        _reader = null;
        _source = ModelInfo(_source.Requested, reason);
        _events.Add(new MeterEvent(elapsed, MeterEventKind.FellBackToModel, reason, 0));
    }

    private static MeterSourceInfo ModelInfo(MeterKind requested, string? reason) =>
        new(MeterKind.Model, requested, EnergyProvenance.Model, "energy model (device block)", reason);

    private void Leave(EnergyPhase phase)
    {
        lock (_lock) _timeline.Leave(phase, _time.GetTimestamp());
    }

    private sealed class PhaseScope : IDisposable
    {
        private EnergyMeter? _meter;
        private readonly EnergyPhase _phase;

        public PhaseScope(EnergyMeter meter, EnergyPhase phase)
        {
            _meter = meter;
            _phase = phase;
        }

        public void Dispose() => Interlocked.Exchange(ref _meter, null)?.Leave(_phase);
    }
}
