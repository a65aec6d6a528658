using Miro.Dsl.Model;
using static TorchSharp.torch;

namespace Miro.Runtime.Learning;

/// <summary>The training loss over the classes seen so far (the head's outputs).</summary>
internal static class LossFunction
{
    /// <summary>Mean loss of <paramref name="logits"/> [B, K] against class ids <paramref name="targets"/> [B].</summary>
    public static Tensor Compute(LossKind kind, Tensor logits, Tensor targets) => kind switch
    {
        LossKind.Bce => nn.functional.binary_cross_entropy_with_logits(
            logits, nn.functional.one_hot(targets, logits.size(1)).to_type(ScalarType.Float32)),
        _ => nn.functional.cross_entropy(logits, targets),
    };
}
