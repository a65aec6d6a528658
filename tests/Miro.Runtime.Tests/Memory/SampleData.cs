using System;

namespace Miro.Runtime.Tests.Memory;

/// <summary>Deterministic sample contents: feature j of a sample tagged t is a function of (t, j).</summary>
internal static class SampleData
{
    public static float Feature(long tag, int j) => (float)((tag * 31 + j * 7) % 1000) / 1000f + tag;

    public static float[] Features(ReadOnlySpan<long> tags, int featureCount)
    {
        var features = new float[tags.Length * featureCount];
        for (int i = 0; i < tags.Length; i++)
        {
            for (int j = 0; j < featureCount; j++)
            {
                features[i * featureCount + j] = Feature(tags[i], j);
            }
        }
        return features;
    }

    public static bool Matches(ReadOnlySpan<float> features, long tag)
    {
        for (int j = 0; j < features.Length; j++)
        {
            if (features[j] != Feature(tag, j))
            {
                return false;
            }
        }
        return true;
    }
}
