namespace Miro.Runtime;

/// <summary>Placeholder so the project references TorchSharp in its output; removed by issue 5.</summary>
internal static class RuntimePlaceholder
{
    internal static System.Type TorchType => typeof(TorchSharp.torch);
}
