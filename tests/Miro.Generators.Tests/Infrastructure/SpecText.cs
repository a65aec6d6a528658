namespace Miro.Generators.Tests.Infrastructure;

/// <summary>Small .miro texts for pipeline tests.</summary>
internal static class SpecText
{
    /// <summary>A valid policy named <paramref name="name"/>.</summary>
    public static string Valid(string name, int episodicCapacity = 500) => $$"""
        policy {{name}} {
          device {
            dram 4 GiB
            storage emmc 16 GiB { read 3.6 nJ/B  write 6.3 nJ/B }
            power { idle 1.9 W  active 6.5 W }
            meter auto
          }
          data {
            dataset fashion_mnist  tasks 5  classes 2 per task
          }
          memory {
            stream   capacity 768 samples
            episodic capacity {{episodicCapacity}} samples
            storage  capacity 512 MiB at "miro-store"
            swap ratio 25% every 1 epoch policy random
          }
          train {
            model mlp(hidden: [100, 100])
            epochs 10  batch 16  threads 1
          }
          tune {
            episodic.capacity in {200, 300, 400, 500, 600}
          }
        }
        """;
}
