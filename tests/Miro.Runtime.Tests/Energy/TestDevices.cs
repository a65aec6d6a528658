using Miro.Dsl.Model;

namespace Miro.Runtime.Tests.Energy;

/// <summary>Device blocks for tests: a Jetson-Nano-like board.</summary>
internal static class TestDevices
{
    public static DeviceSpec Nano(MeterKind meter = MeterKind.Auto, double idle = 1.9, double active = 6.5, double read = 3.6e-9, double write = 6.3e-9) =>
        new(4L << 30, new StorageDeviceSpec("emmc", 16L << 30, read, write), new PowerSpec(idle, active), meter, null);
}
