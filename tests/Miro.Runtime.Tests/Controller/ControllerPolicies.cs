using Miro.Dsl;
using Miro.Dsl.Model;
using Xunit;

namespace Miro.Runtime.Tests.Controller;

/// <summary>Small profiled policies for the controller's tests, compiled from .miro text.</summary>
internal static class ControllerPolicies
{
    /// <summary>
    /// 3 tasks of 2 classes on the embedded subset (900 stream + 100 validation samples per task),
    /// a 32-unit MLP, the storage tier with 50% swapping, balanced replay; profiles from task 2 a
    /// 2 × 2 grid of EM and SB sizes.
    /// </summary>
    public static PolicySpec Small(string extra = "", string tune = "episodic.capacity in {50, 100}\n stream.capacity in {200, 400}",
        string profile = "from task 2  sample 20%  trial 1 epoch  warmup 0 epochs  keep top 50%  navigate grid  objective accuracy per joule",
        string dram = "1 GiB", string budget = "")
    {
        string text = $$"""
            policy Small {
              device {
                dram {{dram}}
                storage ssd 32 GiB { read 1.7 nJ/B  write 3.4 nJ/B }
                power { idle 5 W  active 15 W }
                meter model
              }
              data { dataset fashion_mnist  tasks 3  classes 2 per task  sample 3136 B  validation 10% }
              memory {
                stream   capacity 400 samples
                episodic capacity 100 samples select balanced
                storage  capacity unbounded at "store"
                swap ratio 50% every 1 epoch policy random
              }
              train {
                model mlp(hidden: [32])
                learner er
                epochs 2  batch 32  threads 1
                replay balanced
                loss cross_entropy
                optimizer sgd(lr: 0.05)
              }
              {{budget}}
              tune { {{tune}} }
              profile { {{profile}} }
              {{extra}}
            }
            """;
        CompilationResult compiled = MiroCompiler.Compile(text, "small.miro");
        Assert.False(compiled.HasErrors, string.Join("\n", compiled.Diagnostics));
        return compiled.Policies[0];
    }
}
