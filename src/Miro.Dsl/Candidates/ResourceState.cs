using Miro.Dsl.Model;

namespace Miro.Dsl;

/// <summary>
/// What the device has right now: the reading that decides which <c>when</c> rules apply
/// (DESIGN.md §4.4). The runtime's resource monitor produces it; generated policies and the
/// runtime's profiler both use <see cref="Applies(WhenRuleSpec)"/>, so they agree on the rules.
/// </summary>
/// <param name="DramAvailableBytes">Available DRAM in bytes (<c>dram.available</c>).</param>
/// <param name="StorageFreeBytes">Free bytes at the store path (<c>storage.free</c>).</param>
/// <param name="BatteryLevel">Battery charge as a fraction in [0, 1] (<c>battery.level</c>); null when the device has no battery.</param>
public readonly record struct ResourceState(long DramAvailableBytes, long StorageFreeBytes, double? BatteryLevel)
{
    /// <summary>
    /// True when <paramref name="condition"/> holds. A condition on <c>battery.level</c> never holds
    /// on a device without a battery: a mains-powered board is not "low on battery".
    /// </summary>
    public bool Satisfies(ResourceCondition condition)
    {
        double reading;
        switch (condition.Resource)
        {
            case ResourceKind.DramAvailable:
                reading = DramAvailableBytes;
                break;
            case ResourceKind.StorageFree:
                reading = StorageFreeBytes;
                break;
            case ResourceKind.BatteryLevel:
                if (BatteryLevel is not { } level) return false;
                reading = level;
                break;
            default:
                return false;
        }

        return condition.Comparison switch
        {
            Comparison.Less => reading < condition.Threshold,
            Comparison.LessOrEqual => reading <= condition.Threshold,
            Comparison.Greater => reading > condition.Threshold,
            Comparison.GreaterOrEqual => reading >= condition.Threshold,
            _ => false,
        };
    }

    /// <summary>True when <paramref name="rule"/>'s condition holds in this state.</summary>
    public bool Applies(WhenRuleSpec rule) => Satisfies(rule.Condition);
}
