using System.Collections.Generic;

namespace Miro.Dsl.Tests;

/// <summary>For every diagnostic ID, a minimal input that triggers it with the expected span marked
/// as <c>[|...|]</c>. docs/diagnostics.md shows the same inputs.</summary>
internal static class DiagnosticCases
{
    private const string Device = "  device { dram 4 GiB  power { idle 2 W  active 6 W } }\n";
    private const string Memory = "  memory { stream capacity 768  episodic capacity 500 }\n";

    /// <summary>A valid policy around <paramref name="body"/>.</summary>
    public static string Policy(string body) => "policy P {\n" + Device + Memory + body + "}\n";

    public static readonly (string Id, string Marked, string MessagePart)[] All =
    {
        ("MIRO1001", "policy P {\n  device { dram [|GiB|] 4  power { idle 2 W  active 6 W } }\n" + Memory + "}\n", "expected a size such as 4 GiB"),
        ("MIRO1002", "policy P {\n" + Device + Memory + "  [|/*|] a comment that never ends\n}\n", "*/"),
        ("MIRO1003", "policy P {\n" + Device + "  memory { stream capacity 768  episodic capacity 500  storage capacity 1 GiB at [|\"miro-store|]\n  }\n}\n", "\""),
        ("MIRO1004", "policy P {\n  device { [|drm|] 4 GiB  power { idle 2 W  active 6 W } }\n" + Memory + "}\n", "expected dram, storage, power, meter or compute"),
        ("MIRO1005", "policy P [|{|]\n" + Device + Memory, "the policy is not closed"),
        ("MIRO1006", "[||]// only a comment\n", "policy Name"),
        ("MIRO2001", "policy P {\n  device { dram 4 GiB  power { idle 2 W  active 6 W }  meter [|foo|] }\n" + Memory + "}\n", "use auto, ina3221, rapl, hwmon, battery or model"),
        ("MIRO2002", "policy P {\n  device { dram 4 GiB  [|dram|] 8 GiB  power { idle 2 W  active 6 W } }\n" + Memory + "}\n", "'dram' in the device section is declared twice"),
        ("MIRO2003", "policy P {\n  device { dram 4 [|W|]  power { idle 2 W  active 6 W } }\n" + Memory + "}\n", "unit 'W' is not a size; use B, KB, MB, GB, KiB, MiB or GiB"),
        ("MIRO2004", "policy P {\n  device { dram 4 [|Gb|]  power { idle 2 W  active 6 W } }\n" + Memory + "}\n", "did you mean 'GB'"),
        ("MIRO2005", "policy P {\n  device { dram [|4|]  power { idle 2 W  active 6 W } }\n" + Memory + "}\n", "dram needs a unit; write e.g. 4 GiB"),
        ("MIRO2006", Policy("  train { epochs [|0|] }\n"), "epochs is 0; it must be at least 1"),
        ("MIRO2007", "policy P {\n  [|device|] { power { idle 2 W  active 6 W } }\n" + Memory + "}\n", "the device section is missing 'dram'"),
        ("MIRO2008", Policy("  tune { [|foo.bar|] in {1, 2} }\n"), "'foo.bar' is not a tunable parameter"),
        ("MIRO2009", Policy("  tune { episodic.capacity in {[|1 GiB|], 200} }\n"), "use a whole number of samples"),
        ("MIRO2010", Policy("  tune { episodic.capacity in {200, 300} }\n  when dram.available < 1 GiB { tune episodic.capacity in {200, [|900|]} }\n"), "{200, 300}"),
        ("MIRO2011", "policy P {\n" + Device + "  memory { stream capacity 768  episodic capacity 500  [|swap|] ratio 25% }\n}\n", "swapping needs a storage tier"),
        ("MIRO2012", Policy("  tune { episodic.capacity in {200} }\n  [|profile|] { from task 2 }\n"), "gives 1"),
        ("MIRO2013", Policy("  tune { episodic.capacity in {200, [|2000000|]} }\n"), "but the device has 4 GiB"),
        ("MIRO2014", Policy("  tune { stream.capacity in [|[768 .. 192 step 192]|] }\n"), "above its end"),
        ("MIRO2015", Policy("  train { epochs [|1.5|] }\n"), "epochs must be a whole number, not 1.5"),
        ("MIRO2016", Policy("  train { model cnn([|hidden|]: [10]) }\n"), "cnn takes no argument 'hidden'"),
        ("MIRO2017", Policy("  data { order [|[0, 1]|] }\n"), "list 10 distinct class ids from 0 to 9"),
        ("MIRO2018", Policy("  data { [|tasks 6|] }\n"), "6 tasks of 2 classes need 12 classes but fashion_mnist has 10"),
        ("MIRO2019", "policy P {\n  device { dram 4 GiB  storage emmc 16 GiB { read 3.6 nJ/B  write 6.3 nJ/B }  power { idle 2 W  active 6 W } }\n"
            + "  memory { stream capacity 768  episodic capacity 500  storage capacity [|32 GiB|] }\n}\n", "larger than the device's emmc storage (16 GiB)"),
        ("MIRO2020", Policy("  data { tasks 2 }\n  tune { episodic.capacity in {200, 300} }\n  profile { [|from task 3|] }\n"), "never runs"),
        ("MIRO2021", Policy("  tune { [|swap.ratio|] in {25%, 50%} }\n"), "memory declares no swap"),
        ("MIRO2022", Policy("  namespace Contoso.[|event|].Edge\n"), "'event' is a C# keyword and cannot name the generated namespace; rename it, e.g. 'Event'"),
        ("MIRO2023", Policy("  train { model mlp(hidden: [100, 100], init: [|xavir|]) }\n"), "unknown init 'xavir' (did you mean 'xavier'?); use default"),
        ("MIRO2024", Policy("  train { head [|fixd|] }\n"), "unknown head 'fixd' (did you mean 'fixed'?); use incremental (one output per class seen so far) or fixed (one output per class of fashion_mnist from task 1)"),
        ("MIRO2025", Policy("  data { tasks 2 }\n  train { [|head fixed|] }\n"), "the fixed head has 10 outputs (fashion_mnist has 10 classes) but the tasks bring only 4"),
        ("MIRO2026", Policy("  train { batch [|1000000|] }\n"), "batch 1000000 needs 5.84 GiB of DRAM for one training step next to the memories (2001268 samples of 3136 B"),
    };

    public static IEnumerable<object[]> Data()
    {
        foreach (var (id, marked, part) in All) yield return new object[] { id, marked, part };
    }
}
