using Miro.Dsl.Diagnostics;
using Miro.Dsl.Model;
using Miro.Dsl.Syntax;

namespace Miro.Dsl.Binding;

/// <summary>Binds <c>device { dram .. storage .. power { .. } meter .. compute .. }</c>.</summary>
internal static class DeviceBinder
{
    public static readonly string[] StorageKinds = { "emmc", "sd", "nvme", "ssd", "ufs" };

    public static DeviceSpec Bind(BindContext context, SettingSyntax? section, PolicySyntax policy)
    {
        if (section is null)
        {
            context.ReportMissing(policy.Name.Span, "policy '" + policy.Name.Text + "'",
                "a device section", "device { dram 4 GiB  power { idle 2 W  active 6 W } }");
            return new DeviceSpec(0, null, new PowerSpec(0, 0), MeterKind.Auto, null);
        }
        var index = new SettingIndex(context, section.Block, "the device section");

        long dram = 0;
        if (index["dram"] is { } dramSetting)
            dram = context.Bytes(dramSetting.Quantity(), "dram") ?? 0;
        else
            context.ReportMissing(section.Keyword.Span, "the device section", "'dram'", "dram 4 GiB");

        var storage = index["storage"] is { } storageSetting ? BindStorage(context, storageSetting) : null;
        var power = BindPower(context, index["power"], section);

        var meter = MeterKind.Auto;
        if (index["meter"] is { } meterSetting)
            meter = context.Choose(meterSetting.Word(), "meter",
                ("auto", MeterKind.Auto), ("ina3221", MeterKind.Ina3221), ("rapl", MeterKind.Rapl),
                ("hwmon", MeterKind.Hwmon), ("battery", MeterKind.Battery), ("model", MeterKind.Model)) ?? MeterKind.Auto;

        double? compute = null;
        if (index["compute"] is { } computeSetting)
            compute = context.Positive(computeSetting.Quantity(), QuantityKind.EnergyPerFlop, "compute");

        return new DeviceSpec(dram, storage, power, meter, compute);
    }

    private static StorageDeviceSpec BindStorage(BindContext context, SettingSyntax setting)
    {
        var kindWord = setting.StorageKind();
        var kindIndex = context.Choose(kindWord, "storage kind", ("emmc", 0), ("sd", 1), ("nvme", 2), ("ssd", 3), ("ufs", 4));
        var capacity = context.Bytes(setting.StorageCapacity(), "storage") ?? 0;
        double read = 0, write = 0;
        if (setting.Block is null)
        {
            context.ReportMissing(setting.Keyword.Span, "storage " + kindWord.Text,
                "its energy per byte", "storage " + kindWord.Text + " " + BindContext.Text(setting.StorageCapacity()) + " { read 3.6 nJ/B  write 6.3 nJ/B }");
        }
        else
        {
            var index = new SettingIndex(context, setting.Block, "the storage block");
            read = Energy(context, index["read"], "read", setting);
            write = Energy(context, index["write"], "write", setting);
        }
        return new StorageDeviceSpec(kindIndex is null ? kindWord.Text : StorageKinds[kindIndex.Value], capacity, read, write);
    }

    private static double Energy(BindContext context, SettingSyntax? setting, string name, SettingSyntax owner)
    {
        if (setting is null)
        {
            context.ReportMissing(owner.Keyword.Span, "the storage block", "'" + name + "'", name + " 3.6 nJ/B");
            return 0;
        }
        return context.Positive(setting.Quantity(), QuantityKind.EnergyPerByte, name) ?? 0;
    }

    private static PowerSpec BindPower(BindContext context, SettingSyntax? setting, SettingSyntax section)
    {
        if (setting is null)
        {
            context.ReportMissing(section.Keyword.Span, "the device section", "'power'", "power { idle 2 W  active 6 W }");
            return new PowerSpec(0, 0);
        }
        var index = new SettingIndex(context, setting.Block, "the power block");
        double? Watts(string name, string example)
        {
            if (index[name] is { } s) return context.Positive(s.Quantity(), QuantityKind.Power, name);
            context.ReportMissing(setting.Keyword.Span, "the power block", "'" + name + "'", example);
            return null;
        }
        var idle = Watts("idle", "idle 2 W");
        var active = Watts("active", "active 6 W");
        if (idle is not null && active is not null && active < idle)
        {
            var activeValue = index["active"]!.Quantity();
            context.Report(DiagnosticDescriptors.OutOfRange, activeValue.Span, "active power", BindContext.Text(activeValue),
                "at least the idle power (" + BindContext.Text(index["idle"]!.Quantity()) + ")");
        }
        return new PowerSpec(idle ?? 0, active ?? 0);
    }
}
