using System.IO;
using System.Linq;
using Miro.Dsl.Model;
using Miro.Runtime.Resources;
using Miro.Runtime.Tests.Energy;
using Xunit;

namespace Miro.Runtime.Tests.Resources;

public sealed class ResourceMonitorTests
{
    private const long GiB = 1L << 30;

    private static FakeSysfs MemInfo(long availableKb) => new FakeSysfs().Write("proc/meminfo",
        $"MemTotal:       24576000 kB\nMemFree:         1000000 kB\nMemAvailable:   {availableKb} kB\nBuffers:          100000 kB");

    private static ResourceMonitor Monitor(FakeSysfs sysfs, long? free = null) =>
        new(Path.Combine(sysfs.Root, "store"), sysfs.Root, _ => free);

    [Fact]
    public void Available_dram_is_MemAvailable_without_a_cgroup_limit()
    {
        using var sysfs = MemInfo(3 * 1024 * 1024);
        Assert.Equal(3 * GiB, Monitor(sysfs).Read().DramAvailableBytes);
    }

    [Fact]
    public void Cgroup_v2_headroom_wins_when_lower()
    {
        using var sysfs = MemInfo(3 * 1024 * 1024)
            .Write("proc/self/cgroup", "0::/app.slice/miro.service")
            .Write("sys/fs/cgroup/app.slice/miro.service/memory.max", 2 * GiB)
            .Write("sys/fs/cgroup/app.slice/miro.service/memory.current", GiB + GiB / 2);
        Assert.Equal(GiB / 2, Monitor(sysfs).Read().DramAvailableBytes);
    }

    [Fact]
    public void Cgroup_v2_max_means_unlimited_but_a_parent_limit_still_binds()
    {
        using var sysfs = MemInfo(3 * 1024 * 1024)
            .Write("proc/self/cgroup", "0::/app.slice/miro.service")
            .Write("sys/fs/cgroup/app.slice/miro.service/memory.max", "max")
            .Write("sys/fs/cgroup/app.slice/miro.service/memory.current", GiB)
            .Write("sys/fs/cgroup/app.slice/memory.max", "max")
            .Write("sys/fs/cgroup/app.slice/memory.current", GiB);
        Assert.Equal(3 * GiB, Monitor(sysfs).Read().DramAvailableBytes);

        sysfs.Write("sys/fs/cgroup/app.slice/memory.max", 2 * GiB);
        Assert.Equal(GiB, Monitor(sysfs).Read().DramAvailableBytes);
    }

    [Fact]
    public void Cgroup_v1_limit_minus_usage_wins_when_lower_and_its_unlimited_marker_is_ignored()
    {
        using var sysfs = MemInfo(3 * 1024 * 1024)
            .Write("proc/self/cgroup", "4:memory:/process_api/abc\n0::/")
            .Write("sys/fs/cgroup/memory/memory.limit_in_bytes", 9223372036854771712)
            .Write("sys/fs/cgroup/memory/memory.usage_in_bytes", 5 * GiB)
            .Write("sys/fs/cgroup/memory/process_api/abc/memory.limit_in_bytes", 9223372036854771712)
            .Write("sys/fs/cgroup/memory/process_api/abc/memory.usage_in_bytes", GiB);
        Assert.Equal(3 * GiB, Monitor(sysfs).Read().DramAvailableBytes);

        sysfs.Write("sys/fs/cgroup/memory/process_api/abc/memory.limit_in_bytes", GiB + 256L * 1024 * 1024);
        Assert.Equal(256L * 1024 * 1024, Monitor(sysfs).Read().DramAvailableBytes);
    }

    [Fact]
    public void Cgroup_at_the_mount_root_is_read_when_proc_self_cgroup_is_absent()
    {
        using var sysfs = MemInfo(3 * 1024 * 1024)
            .Write("sys/fs/cgroup/memory.max", GiB)
            .Write("sys/fs/cgroup/memory.current", GiB / 4);
        Assert.Equal(3 * GiB / 4, Monitor(sysfs).Read().DramAvailableBytes);
    }

    [Fact]
    public void Malformed_meminfo_names_the_file()
    {
        using var sysfs = new FakeSysfs().Write("proc/meminfo", "MemAvailable: lots kB");
        var e = Assert.Throws<IOException>(() => Monitor(sysfs).Read());
        Assert.Contains("meminfo", e.Message);
    }

    [Fact]
    public void Storage_free_space_is_measured_at_the_nearest_existing_folder_of_the_store()
    {
        using var sysfs = new FakeSysfs();
        string? asked = null;
        var monitor = new ResourceMonitor(Path.Combine(sysfs.Root, "not", "yet", "store"), sysfs.Root, p => { asked = p; return 42; });
        Assert.Equal(42, monitor.Read().StorageFreeBytes);
        Assert.Equal(Path.GetFullPath(sysfs.Root), asked);
    }

    [Fact]
    public void Real_free_space_of_the_temp_folder_is_positive()
    {
        using var sysfs = new FakeSysfs();
        Assert.True(new ResourceMonitor(sysfs.Root, sysfs.Root).Read().StorageFreeBytes > 0);
    }

    [Fact]
    public void Battery_level_is_a_fraction_and_absent_without_a_battery()
    {
        using var sysfs = MemInfo(1024);
        Assert.Null(Monitor(sysfs).Read().BatteryLevel);
        sysfs.Write("sys/class/power_supply/BAT0/capacity", 35);
        Assert.Equal(0.35, Monitor(sysfs).Read().BatteryLevel!.Value, 9);
    }

    [Fact]
    public void Low_memory_from_the_cgroup_selects_the_dram_rule_and_narrows_the_candidates()
    {
        var lowDram = new WhenRuleSpec(
            new ResourceCondition(ResourceKind.DramAvailable, Comparison.Less, GiB),
            EquatableArray.Create(new TunableSpec(TunableParameter.EpisodicCapacity, EquatableArray.Create(200.0, 300, 400))));
        var lowBattery = new WhenRuleSpec(
            new ResourceCondition(ResourceKind.BatteryLevel, Comparison.LessOrEqual, 0.2),
            EquatableArray.Create(new TunableSpec(TunableParameter.EpisodicCapacity, EquatableArray.Create(200.0))));
        var spec = TestPolicies.Er() with
        {
            Tunables = EquatableArray.Create(
                new TunableSpec(TunableParameter.EpisodicCapacity, EquatableArray.Create(200.0, 300, 400, 500, 600)),
                new TunableSpec(TunableParameter.StreamCapacity, EquatableArray.Create(192.0, 384))),
            Rules = EquatableArray.Create(lowDram, lowBattery),
        };

        using var sysfs = MemInfo(8 * 1024 * 1024).Write("sys/class/power_supply/BAT0/capacity", 80);
        var plenty = Monitor(sysfs).Read();
        Assert.Empty(WhenRules.Active(spec.Rules, plenty));
        Assert.Equal(spec.Tunables.ToArray(), WhenRules.Narrow(spec, plenty).ToArray());

        sysfs.Write("sys/fs/cgroup/memory.max", 2 * GiB).Write("sys/fs/cgroup/memory.current", GiB + GiB / 2);
        var tight = Monitor(sysfs).Read();
        Assert.Equal(new[] { lowDram }, WhenRules.Active(spec.Rules, tight).ToArray());
        var narrowed = WhenRules.Narrow(spec, tight);
        Assert.Equal(new[] { 200.0, 300, 400 }, narrowed[0].Values.ToArray());
        Assert.Equal(new[] { 192.0, 384 }, narrowed[1].Values.ToArray());

        sysfs.Write("sys/class/power_supply/BAT0/capacity", 15);
        Assert.Equal(new[] { 200.0 }, WhenRules.Narrow(spec, Monitor(sysfs).Read())[0].Values.ToArray());
    }

    [Fact]
    public void Rule_on_an_absent_battery_does_not_apply()
    {
        var condition = new ResourceCondition(ResourceKind.BatteryLevel, Comparison.Less, 0.5);
        Assert.False(new ResourceSnapshot(GiB, GiB, null).Satisfies(condition));
        Assert.True(new ResourceSnapshot(GiB, GiB, 0.4).Satisfies(condition));
    }
}
