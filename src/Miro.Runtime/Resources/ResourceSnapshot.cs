using System;
using Miro.Dsl.Model;

namespace Miro.Runtime.Resources;

/// <summary>
/// The device's resources at one instant (DESIGN.md §4.4): what <c>when</c> rules are tested
/// against. A resource the device does not have (no battery) or that could not be read is null, and
/// a rule about it does not apply.
/// </summary>
/// <param name="DramAvailableBytes">DRAM this process can still use: <c>MemAvailable</c>, or the cgroup's
/// remaining allowance when lower.</param>
/// <param name="StorageFreeBytes">Free bytes on the file system of the sample store.</param>
/// <param name="BatteryLevel">Battery charge as a fraction in [0, 1].</param>
public sealed record ResourceSnapshot(long? DramAvailableBytes, long? StorageFreeBytes, double? BatteryLevel)
{
    /// <summary>The reading a condition on <paramref name="resource"/> compares, in the spec's units.</summary>
    public double? ValueOf(ResourceKind resource) => resource switch
    {
        ResourceKind.DramAvailable => DramAvailableBytes,
        ResourceKind.StorageFree => StorageFreeBytes,
        ResourceKind.BatteryLevel => BatteryLevel,
        _ => null,
    };

    /// <summary>True when <paramref name="condition"/> holds; false when it does not or the resource is unknown.</summary>
    public bool Satisfies(ResourceCondition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        if (ValueOf(condition.Resource) is not double value) return false;
        return condition.Comparison switch
        {
            Comparison.Less => value < condition.Threshold,
            Comparison.LessOrEqual => value <= condition.Threshold,
            Comparison.Greater => value > condition.Threshold,
            Comparison.GreaterOrEqual => value >= condition.Threshold,
            _ => false,
        };
    }
}
