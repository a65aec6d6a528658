using System.Globalization;
using System.Text;
using Miro.Dsl.Model;

namespace Miro.Runtime.Energy.Calibration;

/// <summary>Writes fitted coefficients as a <c>device</c> block to paste into a .miro spec.</summary>
public static class DeviceBlockFormatter
{
    /// <summary>The block for <paramref name="model"/>, measured with <paramref name="meter"/>.</summary>
    /// <param name="model">The fitted model.</param>
    /// <param name="meter">The sensor kind used, written as the block's <c>meter</c>.</param>
    /// <param name="dramBytes">Installed DRAM.</param>
    /// <param name="storageBytes">Capacity of the file system the storage probes ran on.</param>
    public static string Format(EnergyModel model, MeterKind meter, long dramBytes, long storageBytes)
    {
        var sb = new StringBuilder();
        sb.Append("device {\n");
        sb.Append("  dram ").Append(GiB(dramBytes)).Append(" GiB\n");
        sb.Append("  // set the storage kind: emmc | sd | nvme | ssd | ufs\n");
        sb.Append("  storage ssd ").Append(GiB(storageBytes)).Append(" GiB { read ")
            .Append(Number(model.ReadJoulesPerByte * 1e9)).Append(" nJ/B  write ")
            .Append(Number(model.WriteJoulesPerByte * 1e9)).Append(" nJ/B }\n");
        sb.Append("  power { idle ").Append(Number(model.IdleWatts)).Append(" W  active ")
            .Append(Number(model.ActiveWatts)).Append(" W }\n");
        sb.Append("  meter ").Append(meter.ToString().ToLowerInvariant()).Append('\n');
        sb.Append("}\n");
        return sb.ToString();
    }

    private static string GiB(long bytes) => System.Math.Max(1, (long)System.Math.Round(bytes / (double)(1L << 30))).ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
