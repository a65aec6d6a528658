using System;
using System.Globalization;
using Miro.Dsl;
using Miro.Examples.PolicyApp.Policies;

namespace Miro.Examples.PolicyApp;

/// <summary>
/// Prints what the generator made of Policies/edge-camera.miro: typed constants, the default
/// configuration, and the candidate configurations for a few resource states.
/// </summary>
public static class Program
{
    public static void Main()
    {
        IMiroPolicy policy = EdgeCameraPolicy.Instance; // what the runtime accepts
        Console.WriteLine($"Policy {policy.Spec.Name}: {EdgeCameraPolicy.Device.DramBytes / (1L << 30)} GiB DRAM, "
            + $"{EdgeCameraPolicy.Device.ActiveWatts.ToString(CultureInfo.InvariantCulture)} W active, "
            + $"budget {EdgeCameraPolicy.Budget.PerTaskEnergyJoules / 1000} kJ per task");
        Console.WriteLine($"Default: {EdgeCameraPolicy.Default}");

        Print("Plenty of everything", new ResourceState(DramAvailableBytes: 3L << 30, StorageFreeBytes: 32L << 30, BatteryLevel: 0.9));
        Print("Low DRAM", new ResourceState(DramAvailableBytes: 512L << 20, StorageFreeBytes: 32L << 30, BatteryLevel: 0.9));
        Print("Low DRAM and low battery", new ResourceState(DramAvailableBytes: 512L << 20, StorageFreeBytes: 32L << 30, BatteryLevel: 0.15));
    }

    private static void Print(string title, ResourceState state)
    {
        Console.WriteLine();
        Console.WriteLine($"{title}:");
        var count = 0;
        foreach (var candidate in EdgeCameraPolicy.Candidates(state))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  episodic {candidate.EpisodicCapacity,4}  stream {candidate.StreamCapacity,4}  swap {candidate.SwapRatio:P0}"));
            count++;
        }

        Console.WriteLine($"  {count} candidates");
    }
}
