using System;
using Microsoft.Extensions.Time.Testing;
using Miro.Dsl.Model;
using Miro.Runtime.Energy;
using Miro.Runtime.Energy.Sources;

namespace Miro.Runtime.Tests.Energy;

/// <summary>An <see cref="EnergyMeter"/> on a fake sysfs tree, fake clock and fake activity, sampled by hand.</summary>
internal sealed class MeterHarness : IDisposable
{
    public MeterHarness(FakeSysfs sysfs, DeviceSpec device)
    {
        Time = new FakeTimeProvider();
        Activity = new FakeActivity();
        Meter = new EnergyMeter(SensorDiscovery.Choose(sysfs.Root, device.Meter), device.Meter, EnergyModel.FromDevice(device), Activity, Time);
    }

    public FakeTimeProvider Time { get; }

    public FakeActivity Activity { get; }

    public EnergyMeter Meter { get; }

    /// <summary>Advances the clock by <paramref name="milliseconds"/> and takes a sample.</summary>
    public void Step(double milliseconds = 100)
    {
        Time.Advance(TimeSpan.FromMilliseconds(milliseconds));
        Meter.Sample();
    }

    public void Dispose() => Meter.Dispose();
}
