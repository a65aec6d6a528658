using System;
using System.Collections.Generic;

namespace Miro.Runtime.Energy;

/// <summary>
/// Which phases are active, and where the active set changed since the last sample, so a sample's
/// energy can be attributed to phases by time overlap. Not thread-safe: the meter locks around it.
/// </summary>
internal sealed class PhaseTimeline
{
    private static readonly int PhaseCount = Enum.GetValues<EnergyPhase>().Length;
    private readonly int[] _depth = new int[PhaseCount];
    private readonly List<(long Start, int Mask)> _segments = new();
    private int _mask;

    public PhaseTimeline(long start) => _segments.Add((start, 0));

    /// <summary>The phases active now, as a bit mask.</summary>
    public int Mask => _mask;

    /// <summary>Marks <paramref name="phase"/> entered (phases nest and may be entered from several threads).</summary>
    public void Enter(EnergyPhase phase, long timestamp)
    {
        _depth[(int)phase]++;
        Changed(timestamp);
    }

    /// <summary>Marks one entry of <paramref name="phase"/> left.</summary>
    public void Leave(EnergyPhase phase, long timestamp)
    {
        if (_depth[(int)phase] > 0) _depth[(int)phase]--;
        Changed(timestamp);
    }

    /// <summary>
    /// Calls <paramref name="segment"/> for every stretch between <paramref name="from"/> and
    /// <paramref name="to"/> with its mask and its share of the interval, then starts a new interval at <paramref name="to"/>.
    /// </summary>
    public void Close(long from, long to, Action<int, double> segment)
    {
        var total = (double)(to - from);
        for (var i = 0; i < _segments.Count; i++)
        {
            var start = Math.Max(_segments[i].Start, from);
            var end = i + 1 < _segments.Count ? _segments[i + 1].Start : to;
            if (end > start && total > 0) segment(_segments[i].Mask, (end - start) / total);
        }

        _segments.Clear();
        _segments.Add((to, _mask));
    }

    private void Changed(long timestamp)
    {
        var mask = 0;
        for (var i = 0; i < _depth.Length; i++)
            if (_depth[i] > 0) mask |= 1 << i;
        _mask = mask;
        var last = _segments.Count - 1;
        if (_segments[last].Start >= timestamp) _segments[last] = (_segments[last].Start, mask);
        else _segments.Add((timestamp, mask));
    }
}
