using Miro.Runtime.Data;

namespace Miro.Runtime.Tests;

/// <summary>The embedded Fashion-MNIST subset, loaded once per test process.</summary>
internal static class EmbeddedData
{
    private static readonly System.Lazy<(Dataset Train, Dataset Test)> Loaded = new(() => DataSource.EmbeddedFashionMnist().Load());

    public static Dataset Train => Loaded.Value.Train;

    public static Dataset Test => Loaded.Value.Test;
}
