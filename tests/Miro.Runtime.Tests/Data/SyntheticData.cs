using Miro.Runtime.Data;

namespace Miro.Runtime.Tests.Data;

/// <summary>Small in-memory datasets whose sample i is recognisable from its features.</summary>
internal static class SyntheticData
{
    /// <summary><paramref name="perClass"/> samples of each of <paramref name="classes"/> classes, interleaved; feature 0 = index.</summary>
    public static Dataset Make(int classes, int perClass, int size = 4, string source = "synthetic")
    {
        int n = classes * perClass;
        var features = new float[n * size];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            labels[i] = i % classes;
            features[i * size] = i;
            for (int k = 1; k < size; k++)
            {
                features[i * size + k] = labels[i];
            }
        }

        return new Dataset(features, labels, new SampleShape(1, 1, size), source);
    }
}
