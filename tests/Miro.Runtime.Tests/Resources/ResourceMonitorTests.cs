using System;
using System.IO;
using System.Linq;
using Miro.Dsl.Model;
using Miro.Dsl;
using Miro.Runtime.Resources;
using Miro.Runtime.Tests.Energy;
using Xunit;

namespace Miro.Runtime.Tests.Resources;

public sealed class ResourceMonitorTests
{
    private const long GiB = 1L << 30;

    private static FakeSysfs MemInfo(long availableKb) => new FakeSysfs().Write("proc/meminfo",
        $"MemTotal:       24576000 kB\nMemFree:         1000000 kB\nMemAvailable:   {availableKb} kB\nBuffers:          100000 kB");

    private static readonly DeviceSpec Device = TestDevices.Nano(); // 4 GiB DRAM, 16 GiB eMMC

    private static ResourceMonitor Monitor(FakeSysfs sysfs, long? free = 42) =>
        new(Device, Path.Combine(sysfs.Root, "store"), sysfs.Root, _ => free);

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
        var monitor = new ResourceMonitor(Device, Path.Combine(sysfs.Root, "not", "yet", "store"), sysfs.Root, p => { asked = p; return 42; });
        Assert.Equal(42, monitor.Read().StorageFreeBytes);
        Assert.Equal(Path.GetFullPath(sysfs.Root), asked);
    }

    [Fact]
    public void Real_free_space_is_the_file_systems_not_the_fallback()
    {
        // Without an injected reader the monitor asks the file system (not the device block's
        // capacity or "unlimited"). Other processes write meanwhile: allow 256 MiB of drift.
        using var sysfs = new FakeSysfs();
        long before = new DriveInfo(sysfs.Root).AvailableFreeSpace;
        long free = new ResourceMonitor(Device, sysfs.Root, sysfs.Root).Read().StorageFreeBytes;
        long after = new DriveInfo(sysfs.Root).AvailableFreeSpace;
        const long Drift = 256L << 20;
        Assert.InRange(free, Math.Min(before, after) - Drift, Math.Max(before, after) + Drift);
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
        var space = CandidateSpace.Create(spec);
        var plenty = Monitor(sysfs).Read();
        Assert.Equal(0UL, space.ActiveRules(plenty));
        Assert.Equal(10, Episodic(space, plenty).Length);

        sysfs.Write("sys/fs/cgroup/memory.max", 2 * GiB).Write("sys/fs/cgroup/memory.current", GiB + GiB / 2);
        var tight = Monitor(sysfs).Read();
        Assert.Equal(0b01UL, space.ActiveRules(tight));
        Assert.Equal(new[] { 200.0, 300, 400 }, Episodic(space, tight).Distinct().ToArray());

        sysfs.Write("sys/class/power_supply/BAT0/capacity", 15);
        var tightAndLow = Monitor(sysfs).Read();
        Assert.Equal(0b11UL, space.ActiveRules(tightAndLow));
        Assert.Equal(new[] { 200.0 }, Episodic(space, tightAndLow).Distinct().ToArray());
    }

    private static double[] Episodic(CandidateSpace space, ResourceState state)
    {
        var values = new System.Collections.Generic.List<double>();
        foreach (var ordinal in space.Enumerate(state)) values.Add(space.ValueOf(ordinal, 0));
        return values.ToArray();
    }

    [Fact]
    public void Unreadable_figures_fall_back_to_the_device_block()
    {
        using var sysfs = new FakeSysfs(); // no /proc/meminfo, no cgroup files
        var state = Monitor(sysfs, free: null).Read();
        Assert.Equal(Device.DramBytes, state.DramAvailableBytes);
        Assert.Equal(Device.Storage!.CapacityBytes, state.StorageFreeBytes);
        Assert.Null(state.BatteryLevel);
    }

    [Fact]
    public void Resource_hook_records_the_state_and_the_rules_it_selected_in_every_task_report()
    {
        using var sysfs = MemInfo(512 * 1024); // 512 MiB available
        var lowDram = new WhenRuleSpec(
            new ResourceCondition(ResourceKind.DramAvailable, Comparison.Less, GiB),
            EquatableArray.Create(new TunableSpec(TunableParameter.EpisodicCapacity, EquatableArray.Create(50.0))));
        var policy = TestPolicies.Er(episodic: 50, epochs: 1, batch: 50, hidden: new[] { 16 }, tasks: 2) with
        {
            Tunables = EquatableArray.Create(new TunableSpec(TunableParameter.EpisodicCapacity, EquatableArray.Create(50.0, 100))),
            Rules = EquatableArray.Create(lowDram),
        };
        var hook = new ResourceHook(Monitor(sysfs), policy.Rules);
        using var session = Miro.Runtime.Session.MiroSession.Create(policy, EmbeddedData.Train, EmbeddedData.Test,
            new Miro.Runtime.Session.SessionOptions { Seed = 1, Hooks = new Miro.Runtime.Session.ISessionHook[] { hook } });
        var result = session.Run();

        Assert.All(result.Tasks, t =>
        {
            var resources = (ResourceReport)t.Extensions![ResourceHook.ExtensionName];
            Assert.Equal(512L << 20, resources.DramAvailableBytes);
            Assert.Equal(new[] { 0 }, resources.ActiveRules.ToArray());
        });
        Assert.Equal(512L << 20, hook.Current!.Value.DramAvailableBytes);
    }
}
